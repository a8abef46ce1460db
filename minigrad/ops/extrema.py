"""amax/amin/aminmax (the gradient shared by ties), logsumexp, and values picked at
indices (median, mode, cummax): the gradient goes to the picked index."""

from __future__ import annotations

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.engine.graph import OUTPUT
from minigrad.ops.formula import constant, expand, is_array
from minigrad.ops.gather import scatter_add_zeros
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, array, output, value


def kept_shape(shape: tuple, dims: tuple) -> tuple:
    return tuple(1 if i in dims else n for i, n in enumerate(shape))


# torch's saved arguments of a reduction over dims
REDUCED = {
    "_saved_dim": value(lambda n: n.dims),
    "_saved_keepdim": value(lambda n: n.keepdim),
}


class Amax(Op):
    """y = max of x over dims;  dx = g / (number of maxima) at each maximum, 0 elsewhere"""

    torch_saved = {**REDUCED, "_saved_self": arg(0), "_saved_result": output}
    save = (0, OUTPUT)

    def forward(self, x, dims, keepdim, largest=True, name=None):
        self.dims, self.keepdim, self.shape = dims, keepdim, x.shape
        self.node_name = name or ("AmaxBackward0" if largest else "AminBackward0")
        reduce = np.max if largest else np.min
        return np.asarray(reduce(x, axis=dims, keepdims=keepdim))

    def backward(self, g, x, y):
        shape = kept_shape(self.shape, self.dims)
        x, y = constant(x), constant(y).reshape(shape)
        # NOTE: matches torch: (g / count) * mask, so a NaN maximum gives NaN
        hit = x == y
        count = hit.sum(axis=self.dims, keepdims=True).astype(x.dtype)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (expand(g.reshape(shape) / count, self.shape) * hit.astype(x.dtype),)


class MedianAll(Op):
    """y = the lower median of all x (NaN if any);  dx = g / (number of elements
    equal to y) at each of them"""

    torch_saved = {"_saved_self": arg(0), "_saved_result": output}
    save = (0, OUTPUT)

    def forward(self, x, name="MedianBackward0"):
        self.node_name = name
        flat = x.reshape(-1)
        if name == "NanmedianBackward0":
            flat = flat[~np.isnan(flat)] if flat.dtype.kind == "f" else flat
            if not flat.size:
                return np.asarray(np.nan, x.dtype)
        elif flat.dtype.kind == "f" and np.isnan(flat).any() or not flat.size:
            return np.asarray(np.nan, x.dtype)
        return np.asarray(np.sort(flat, kind="stable")[(flat.size - 1) // 2])

    def backward(self, g, x, y):
        x, y = constant(x), constant(y)
        hit = np.isnan(x) if np.isnan(y) else x == y
        return (g * (hit / int(hit.sum())).astype(x.dtype),)


class Picked(Op):
    """y = x at the given indices along dim (median, mode, cummax ...);  dx = zeros
    with g put at the indices (summed where an index repeats)"""

    torch_saved = {
        "_saved_dim": value(lambda n: n.dim),
        "_saved_indices": array(lambda n: n.indices),
        "_saved_keepdim": value(lambda n: n.keepdim),
    }

    def forward(self, x, indices, dim, keepdim, name):
        """``indices`` has x's rank (size 1 along dim for a reduction)."""
        self.shape, self.indices, self.dim = x.shape, indices, dim
        self.keepdim, self.node_name = keepdim, name
        if x.ndim == 0:
            return x.copy()
        out = np.take_along_axis(x, indices, dim)
        return out if keepdim else np.squeeze(out, dim)

    def backward(self, g):
        if not self.shape:
            return (g,)
        if not self.keepdim:
            g = g.reshape(self.indices.shape)
        if is_array(g):
            out = np.zeros(self.shape, g.dtype)
            grid = list(np.indices(self.indices.shape, sparse=True))
            grid[self.dim] = self.indices
            np.add.at(out, tuple(grid), g)
            return (out,)
        return (scatter_add_zeros(g, self.shape, self.indices, self.dim),)


class Logsumexp(Op):
    """y = log(sum(exp(x))) over dims;  dx = g * exp(x - y)"""

    torch_saved = {**REDUCED, "_saved_self": arg(0), "_saved_result": output}
    node_name = "LogsumexpBackward0"
    save = (0, OUTPUT)

    def forward(self, x, dims, keepdim):
        self.dims, self.keepdim, self.shape = dims, keepdim, x.shape
        if not x.size:
            return np.asarray(tr.log(np.sum(tr.exp(x), axis=dims, keepdims=keepdim)))
        m = np.max(x, axis=dims, keepdims=True)
        m = np.where(np.isinf(m), 0, m)  # NOTE: matches torch: infinite maxima as 0
        with np.errstate(divide="ignore"):
            s = tr.log(np.sum(tr.exp(x - m), axis=dims, keepdims=True)) + m
        return s if keepdim else np.squeeze(s, dims)

    def backward(self, g, x, y):
        shape = kept_shape(self.shape, self.dims)
        with np.errstate(invalid="ignore"):  # NOTE: matches torch: inf - inf is nan
            return (expand(g.reshape(shape), self.shape) * _exp(x - y.reshape(shape)),)


def _exp(x):
    return tr.exp(x) if is_array(x) else x.exp()
