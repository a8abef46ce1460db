"""The shared adapter for libraries whose tensors record a graph (.backward())."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from benchmarks.peers.base import Peer, Step


class TensorPeer(Peer):
    """Leaves in, backward with the upstream gradient, `.grad` out."""

    def leaf(self, array: np.ndarray, requires_grad: bool):
        raise NotImplementedError

    def backward(self, out, upstream: np.ndarray, leaves: list) -> list:
        raise NotImplementedError

    def numpy(self, t) -> np.ndarray:
        return np.asarray(t)

    def update(self, param, grad, lr: float):
        """SGD in place (or a new leaf) for `param`; returns the parameter to keep."""
        raise NotImplementedError

    def gradients(self, fn, arrays, needs_grad, upstream):
        leaves = [self.leaf(a, g) for a, g in zip(arrays, needs_grad, strict=True)]
        out = fn(self.ops, *leaves)
        wanted = [t for t, g in zip(leaves, needs_grad, strict=True) if g]
        grads = iter(self.backward(out, upstream, wanted))
        return self.numpy(out), [
            self.numpy(next(grads)) if g else None for g in needs_grad
        ]

    def trainer(self, forward: Callable, params: Sequence[np.ndarray], lr) -> Step:
        leaves = [self.leaf(p.copy(), True) for p in params]

        def step(x: np.ndarray, y: np.ndarray) -> float:
            xs, ys = self.leaf(x, False), self.leaf(y, False)
            loss = self.ops.mse_loss(forward(self.ops, leaves, xs), ys)
            grads = self.backward(loss, np.ones((), x.dtype), leaves)
            for i, (p, g) in enumerate(zip(leaves, grads, strict=True)):
                leaves[i] = self.update(p, g, lr)
            return float(self.numpy(loss))

        return step
