"""What a peer adapter provides: the shared op vocabulary, gradients, a trainer."""

from __future__ import annotations

import types
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

Step = Callable[[np.ndarray, np.ndarray], float]


class Unsupported(Exception):
    """The library has no such op (shown as n/a, not as a failure)."""


class NumpyOps:
    """The vocabulary the peer cases are written in, on a NumPy-like module.

    Arithmetic uses Python operators on the library's arrays. Where a library
    has no function of its own, the textbook formula stands in (BCE without
    torch's log clamp, for one): a peer computing something else than torch
    shows as a difference in the report.
    """

    def __init__(self, np_like: types.ModuleType) -> None:
        self.np = np_like

    def exp(self, a):
        return self.np.exp(a)

    def log(self, a):
        return self.np.log(a)

    def sqrt(self, a):
        return self.np.sqrt(a)

    def abs(self, a):
        return self.np.abs(a)

    def tanh(self, a):
        return self.np.tanh(a)

    def sigmoid(self, a):
        return 1 / (1 + self.np.exp(-a))

    def relu(self, a):
        return self.np.maximum(a, 0)

    def maximum(self, a, b):
        return self.np.maximum(a, b)

    def minimum(self, a, b):
        return self.np.minimum(a, b)

    def clamp(self, a, low, high):
        return self.np.clip(a, low, high)

    def pow(self, a, b):
        return a**b

    def sum(self, a, dim=None, keepdim=False):
        return self.np.sum(a, axis=dim, keepdims=keepdim)

    def mean(self, a, dim=None):
        return self.np.mean(a, axis=dim)

    def max(self, a):
        return self.np.max(a)

    def matmul(self, a, b):
        return self.np.matmul(a, b)

    def transpose(self, w):
        return self.np.transpose(w)

    def linear(self, x, w, b):
        return self.matmul(x, self.transpose(w)) + b

    def mse_loss(self, a, b):
        return self.mean((a - b) ** 2)

    def binary_cross_entropy(self, p, y):
        return -self.mean(y * self.log(p) + (1 - y) * self.log(1 - p))

    def binary_cross_entropy_with_logits(self, z, y):
        return self.mean(self.relu(z) - z * y + self.log(1 + self.exp(-self.abs(z))))


class Peer:
    """One autograd library: its vocabulary, its gradients, its training step."""

    name: str = ""
    package: str = ""  # the pip name
    dtypes: tuple[str, ...] = ("float32", "float64")
    ops: Any = None
    speed_note: str = ""  # why this library has no speed rows, if it has none

    def gradients(
        self,
        fn: Callable,
        arrays: Sequence[np.ndarray],
        needs_grad: Sequence[bool],
        upstream: np.ndarray,
    ) -> tuple[np.ndarray, list[np.ndarray | None]]:
        """fn(ops, *inputs)'s value and each input's gradient under `upstream`."""
        raise NotImplementedError

    def trainer(self, forward: Callable, params: list[np.ndarray], lr: float) -> Step:
        """A function running one SGD step of mse_loss(forward(ops, params, x), y)."""
        raise NotImplementedError
