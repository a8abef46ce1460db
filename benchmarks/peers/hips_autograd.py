"""HIPS autograd: NumPy code differentiated by tracing (`make_vjp`)."""

from __future__ import annotations

import autograd
import autograd.numpy as anp
import numpy as np

from benchmarks.peers.base import NumpyOps, Peer


class HipsAutograd(Peer):
    name = package = "autograd"
    ops = NumpyOps(anp)

    def gradients(self, fn, arrays, needs_grad, upstream):
        vjp, out = autograd.make_vjp(lambda xs: fn(self.ops, *xs))(tuple(arrays))
        grads = vjp(upstream)
        return np.asarray(out), [
            np.asarray(g) if need else None
            for g, need in zip(grads, needs_grad, strict=True)
        ]

    def trainer(self, forward, params, lr):
        def loss(ps, x, y):
            return self.ops.mse_loss(forward(self.ops, ps, x), y)

        value_and_grad = autograd.value_and_grad(loss)
        state = [p.copy() for p in params]

        def step(x, y):
            value, grads = value_and_grad(state, x, y)
            state[:] = [p - lr * g for p, g in zip(state, grads, strict=True)]
            return float(value)

        return step


PEERS = [HipsAutograd()]
