"""Reductions: sum, mean, max and min (whole tensor or along a dim)."""

from __future__ import annotations

import math
import warnings

import numpy as np

from minigrad._exact.sums import full_sum, sum_leading
from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import where
from minigrad.ops.formula import constant, expand
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, array, numel, output, sizes, value


def _kept_shape(shape, dims):
    return tuple(1 if i in dims else n for i, n in enumerate(shape))


def _unsqueeze_grad(g, shape, dims, keepdim):
    """A reduction's gradient with its reduced dims back as size 1 (broadcasts to x)."""
    if dims is None or keepdim:
        return g
    return g.reshape(_kept_shape(shape, dims))


def _torch_order_sum(
    x: np.ndarray, dims: tuple | None, keepdim: bool
) -> np.ndarray | None:
    """The sum in torch's order where minigrad knows it (every element, or the
    leading axes), else None."""
    if dims is None:
        out = full_sum(x)
    elif dims == tuple(range(len(dims))):
        out = sum_leading(x, len(dims))
    else:
        return None
    return out.reshape(_kept_shape(x.shape, dims or range(x.ndim))) if keepdim else out


class Sum(Op):
    """y = sum of x over dims;  dx = g broadcast back to x's shape"""

    torch_saved = {
        "SumBackward0": {"_saved_self_sym_sizes": sizes(0)},
        "SumBackward1": {
            "_saved_dim": value(lambda n: n.dims),
            "_saved_keepdim": value(lambda n: n.keepdim),
            "_saved_self_sym_sizes": sizes(0),
        },
    }

    def forward(self, x, dims=None, keepdim=False, dtype=None):
        self.shape, self.dims, self.keepdim = x.shape, dims, keepdim
        self.node_name = "SumBackward0" if dims is None else "SumBackward1"
        if dtype is None and x.dtype.kind == "f":
            out = _torch_order_sum(x, dims, keepdim)
            if out is not None:
                return out
        return np.sum(x, axis=dims, keepdims=keepdim, dtype=dtype)

    def backward(self, g):
        g = _unsqueeze_grad(g, self.shape, self.dims, self.keepdim)
        return (expand(g, self.shape),)


class Mean(Op):
    """y = mean of x over dims;  dx = g broadcast back, divided by the count"""

    torch_saved = {
        "MeanBackward0": {
            "_saved_self_sym_numel": numel(0),
            "_saved_self_sym_sizes": sizes(0),
        },
        "MeanBackward1": {
            "_saved_dim": value(lambda n: n.dims),
            "_saved_keepdim": value(lambda n: n.keepdim),
            "_saved_self_sym_numel": numel(0),
            "_saved_self_sym_sizes": sizes(0),
        },
    }

    def forward(self, x, dims=None, keepdim=False, dtype=None):
        self.shape, self.dims, self.keepdim = x.shape, dims, keepdim
        self.node_name = "MeanBackward0" if dims is None else "MeanBackward1"
        self.count = x.size if dims is None else math.prod([x.shape[d] for d in dims])
        if dtype is None and x.dtype.kind == "f" and self.count:
            out = _torch_order_sum(x, dims, keepdim)
            if out is not None:  # NOTE: torch's mean: its sum, then a division
                return out / self.count
        if not self.count:  # NOTE: matches torch: the mean of nothing is nan, silently
            with warnings.catch_warnings(), np.errstate(invalid="ignore"):
                warnings.simplefilter("ignore", RuntimeWarning)
                return np.mean(x, axis=dims, keepdims=keepdim, dtype=dtype)
        return np.mean(x, axis=dims, keepdims=keepdim, dtype=dtype)

    def backward(self, g):
        g = _unsqueeze_grad(g, self.shape, self.dims, self.keepdim)
        return (expand(g, self.shape) / self.count,)


class MaxAll(Op):
    """y = max of all x;  dx = g shared evenly by the maximal elements"""

    torch_saved = {"_saved_self": arg(0), "_saved_result": output}

    node_name = "MaxBackward1"
    save = (0, OUTPUT)
    reduce = staticmethod(np.max)

    def forward(self, x):
        return self.reduce(x)

    def backward(self, g, x, y):
        x, y = constant(x), constant(y)
        hit = np.isnan(x) if np.isnan(y) else x == y  # NOTE: matches torch
        return (where(hit, g / int(hit.sum()), 0),)


class MinAll(MaxAll):
    """y = min of all x;  dx = g shared evenly by the minimal elements"""

    node_name = "MinBackward1"
    reduce = staticmethod(np.min)


class MaxDim(Op):
    """y = max of x along dim;  dx = g at the (first) arg-max, 0 elsewhere"""

    torch_saved = {
        "_saved_dim": value(lambda n: n.dim),
        "_saved_indices": array(lambda n: n.indices),
        "_saved_keepdim": value(lambda n: n.keepdim),
        "_saved_self_sym_sizes": sizes(0),
    }

    node_name = "MaxBackward0"
    pick = staticmethod(np.argmax)

    def forward(self, x, dim, keepdim):
        idx = np.expand_dims(self.pick(x, axis=dim), dim)
        self.shape, self.dim, self.keepdim = x.shape, dim, keepdim
        self.hit = (
            np.arange(x.shape[dim]).reshape(
                [-1 if i == dim else 1 for i in range(x.ndim)]
            )
            == idx
        )
        self.indices = idx if keepdim else np.squeeze(idx, dim)
        out = np.take_along_axis(x, idx, dim)
        return out if keepdim else np.squeeze(out, dim)

    def backward(self, g):
        if not self.keepdim:
            g = g.reshape(_kept_shape(self.shape, (self.dim,)))
        return (where(self.hit, expand(g, self.shape), 0),)


class MinDim(MaxDim):
    """y = min of x along dim;  dx = g at the (first) arg-min, 0 elsewhere"""

    node_name = "MinBackward0"
    pick = staticmethod(np.argmin)
