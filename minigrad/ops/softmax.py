"""Softmax and log-softmax along one dim: one node each (SoftmaxBackward0, LogSoftmaxBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad.engine.graph import OUTPUT
from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op


def sum_keep(x, dim: int | None):
    """x summed over dim, the dim kept (on arrays and on Tensors)."""
    if is_array(x):
        return np.sum(x, axis=dim, keepdims=True)
    return x.sum(dim, keepdim=True)


def exp(x):
    return np.exp(x) if is_array(x) else x.exp()


def _shifted(x: np.ndarray, dim: int | None) -> np.ndarray:
    """x minus its max along dim (an all -inf or a +inf row gives nan, as torch)."""
    return x - x.max(axis=dim, keepdims=True)


def _softmax_grad(g, y, dim):
    return y * (g - sum_keep(g * y, dim))


def _log_softmax_grad(g, y, dim):
    return g - exp(y) * sum_keep(g, dim)


class _BackwardData(Op):
    """A (log_)softmax backward as one node (create_graph): gx = formula(g, y)."""

    save = (0, 1)

    def forward(self, g, y, dim):
        self.dim = dim
        return self.formula(g, y, dim)


class SoftmaxBackwardData(_BackwardData):
    """Softmax's backward as one node (create_graph): gx = y * (g - sum(g * y));
    dg = y * (gg - sum(gg * y)),  dy = gg * (g - sum(g * y)) - g * sum(gg * y)"""

    node_name = "SoftmaxBackwardDataBackward0"
    formula = staticmethod(_softmax_grad)

    def backward(self, gg, g, y):
        s, t = sum_keep(g * y, self.dim), sum_keep(gg * y, self.dim)
        return y * (gg - t), gg * (g - s) - g * t


class LogSoftmaxBackwardData(_BackwardData):
    """LogSoftmax's backward as one node (create_graph): gx = g - e^y * sum(g);
    dg = gg - sum(gg * e^y),  dy = -gg * e^y * sum(g)"""

    node_name = "LogSoftmaxBackwardDataBackward0"
    formula = staticmethod(_log_softmax_grad)

    def backward(self, gg, g, y):
        e = exp(y)
        return gg - sum_keep(gg * e, self.dim), -gg * e * sum_keep(g, self.dim)


class _AlongDim(Op):
    """softmax and log_softmax: along dim (all of a 0-d x), an empty x as is;
    the gradient is backward_data's formula (one node of it when recording)."""

    save = (OUTPUT,)
    backward_data: type[_BackwardData]

    def forward(self, x, dim):
        self.dim = dim = dim if x.ndim else None
        if not x.size:
            return x.copy()
        return self.along(x, dim)

    def backward(self, g, y):
        if is_array(g):
            return (self.backward_data.formula(g, y, self.dim),)
        return (record(self.backward_data, g, y, dim=self.dim),)


class Softmax(_AlongDim):
    """y = e^(x - max) / sum e^(x - max);  dx = y * (g - sum(g * y))"""

    backward_data = SoftmaxBackwardData

    def along(self, x, dim):
        with np.errstate(invalid="ignore", over="ignore"):
            e = np.exp(_shifted(x, dim))
            # NOTE: matches torch's CPU kernel: one reciprocal of the sum, then products
            return e * (1 / np.sum(e, axis=dim, keepdims=True))


class LogSoftmax(_AlongDim):
    """y = x - max - ln sum e^(x - max);  dx = g - e^y * sum(g)"""

    backward_data = LogSoftmaxBackwardData

    def along(self, x, dim):
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            z = _shifted(x, dim)
            return z - np.log(np.exp(z).sum(axis=dim, keepdims=True))


def kernel_name(name: str, ndim: int, dim: int) -> str:
    """The name of torch's CPU kernel for (log_)softmax along dim, as its errors say."""
    return (
        f"{name}_lastdim_kernel_impl"
        if dim == max(ndim, 1) - 1
        else f"{name}_kernel_impl"
    )
