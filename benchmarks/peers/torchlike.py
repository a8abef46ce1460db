"""torch and minigrad in the peer tables: the same vocabulary on torch's API."""

from __future__ import annotations

import types

import numpy as np

from benchmarks.peers.tensor_peer import TensorPeer


class TorchOps:
    """The peer vocabulary (see base.NumpyOps) on torch's API."""

    def __init__(self, lib: types.ModuleType) -> None:
        self.lib, self.F = lib, lib.nn.functional

    def __getattr__(self, name: str):
        return getattr(self.lib, name)  # exp, log, sqrt, abs, tanh, sigmoid, ...

    def pow(self, a, b):
        return a**b

    def sum(self, a, dim=None, keepdim=False):
        return a.sum() if dim is None else a.sum(dim, keepdim=keepdim)

    def mean(self, a, dim=None):
        return a.mean() if dim is None else a.mean(dim)

    def max(self, a):
        return a.max()

    def transpose(self, w):
        return w.t()

    def linear(self, x, w, b):
        return self.F.linear(x, w, b)

    def mse_loss(self, a, b):
        return self.F.mse_loss(a, b)

    def binary_cross_entropy(self, p, y):
        return self.F.binary_cross_entropy(p, y)

    def binary_cross_entropy_with_logits(self, z, y):
        return self.F.binary_cross_entropy_with_logits(z, y)


class TorchLike(TensorPeer):
    """torch or minigrad, timed on the same functional workloads as the peers."""

    def __init__(self, lib: types.ModuleType) -> None:
        self.lib, self.name, self.package = lib, lib.__name__, lib.__name__
        self.ops = TorchOps(lib)

    def leaf(self, array, requires_grad):
        return self.lib.tensor(array, requires_grad=requires_grad)

    def backward(self, out, upstream, leaves):
        return self.lib.autograd.grad(out, leaves, self.lib.tensor(upstream))

    def numpy(self, t) -> np.ndarray:
        return np.array(t.detach().numpy())

    def update(self, param, grad, lr):
        with self.lib.no_grad():
            param -= lr * grad
        return param
