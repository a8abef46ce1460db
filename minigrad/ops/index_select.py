"""Picks by index or mask and their functional writes: index_select, masked_select,
take, index_add, index_copy, index_fill."""

from __future__ import annotations

import numpy as np

from minigrad.ops.binary import where
from minigrad.ops.formula import is_array, record
from minigrad.ops.gather import Gather
from minigrad.ops.op import Op
from minigrad.ops.saved import array, sizes, value


def _along(a: np.ndarray, dim: int) -> np.ndarray:
    """a with dim moved first (a view), so that a[index] indexes along dim."""
    return np.moveaxis(a, dim, 0) if a.ndim else a.reshape(1)


def index_select(x, dim: int, index: np.ndarray):
    """x's slices at index along dim (on arrays, or recorded on a Tensor)."""
    if not is_array(x):
        return record(IndexSelect, x, dim=dim, index=index)
    return np.moveaxis(_along(x, dim)[index], 0, dim) if x.ndim else x[index]


_DIM_INDEX = {
    "_saved_dim": value(lambda n: n.dim),
    "_saved_index": array(lambda n: n.index),
}


def _written(shape: tuple, dim: int, index: np.ndarray) -> np.ndarray:
    mask = np.zeros(shape, bool)
    _along(mask, dim)[index] = True
    return mask


class IndexSelect(Gather):
    """y = x's slices at index along dim;  dx = zeros with g added at index"""

    node_name = "IndexSelectBackward0"
    torch_saved = {
        "_saved_dim": value(lambda n: n.dim),
        "_saved_index": array(lambda n: n.vector),
        "_saved_self_sym_sizes": sizes(0),
    }

    def forward(self, x, dim, index):
        """A gather with the index repeated across the other dims."""
        self.vector = index
        if not x.ndim:
            return super().forward(x, index.reshape(()) if index.size else index, 0)
        shape = [1] * x.ndim
        shape[dim] = index.size
        full = list(x.shape)
        full[dim] = index.size
        return super().forward(x, np.broadcast_to(index.reshape(shape), full), dim)


class IndexAdd(Op):
    """y = x with alpha * src added at index along dim;  dx = g,  dsrc = alpha * g at index"""

    node_name = "IndexAddBackward0"
    torch_saved = {**_DIM_INDEX, "_saved_alpha": value(lambda n: n.alpha)}

    def forward(self, x, src, dim, index, alpha=1):
        self.dim, self.index, self.alpha = dim, index, alpha
        out = x.copy()
        np.add.at(
            _along(out, dim), index, _along(src * alpha if alpha != 1 else src, dim)
        )
        return out

    def backward(self, g):
        gs = None
        if self.next_edges[1] is not None:
            gs = index_select(g, self.dim, self.index)
            gs = gs * self.alpha if self.alpha != 1 else gs
        return g, gs


class IndexCopy(Op):
    """y = x with src's slices written at index along dim;  dx = g, 0 where written,
    dsrc = g at index"""

    node_name = "IndexCopyBackward0"
    torch_saved = _DIM_INDEX

    def forward(self, x, src, dim, index):
        self.dim, self.index = dim, index
        self.written = _written(x.shape, dim, index)
        out = x.copy()
        _along(out, dim)[index] = _along(src, dim)
        return out

    def backward(self, g):
        gs = None
        if self.next_edges[1] is not None:
            gs = index_select(g, self.dim, self.index)
        return where(self.written, 0, g), gs


class IndexFill(Op):
    """y = x with value written at index along dim;  dx = g, 0 where written"""

    node_name = "IndexFillBackward0"
    torch_saved = {**_DIM_INDEX, "_saved_value": value(lambda n: n.value)}

    def forward(self, x, dim, index, value):
        self.dim, self.index, self.value = dim, index, value
        self.written = _written(x.shape, dim, index)
        return np.where(self.written, np.asarray(value, x.dtype), x)

    def backward(self, g):
        return (where(self.written, 0, g),)


class MaskedSelect(Op):
    """y = the elements of x where mask (both broadcast), as 1-D;  dx = zeros with g
    put back where mask"""

    node_name = "MaskedSelectBackward0"

    def forward(self, x, mask):
        shape = np.broadcast_shapes(x.shape, mask.shape)
        self.mask, self.full = np.broadcast_to(mask, shape), shape
        return np.broadcast_to(x, shape)[self.mask]

    def backward(self, g):
        if not is_array(g):
            return (record(MaskedScatter, g, mask=self.mask),)
        out = np.zeros(self.full, g.dtype)
        out[self.mask] = g
        return (out,)


class MaskedScatter(Op):
    """y = zeros with x put where mask (masked_select's backward);  dx = g where mask"""

    node_name = "MaskedScatterBackward0"

    def forward(self, x, mask):
        self.mask = mask
        out = np.zeros(mask.shape, x.dtype)
        out[mask] = x
        return out

    def backward(self, g):
        return (
            record(MaskedSelect, g, mask=self.mask)
            if not is_array(g)
            else g[self.mask],
        )


class Take(Op):
    """y = x flattened, at index (any shape);  dx = zeros with g added at index"""

    node_name = "TakeBackward0"

    def forward(self, x, index):
        self.shape, self.index = x.shape, index
        return x.reshape(-1)[index]

    def backward(self, g):
        if not is_array(g):
            return (record(TakeScatter, g, shape=self.shape, index=self.index),)
        out = np.zeros(self.shape, g.dtype)
        np.add.at(out.reshape(-1), self.index, g)
        return (out,)


class TakeScatter(Op):
    """y = zeros with x added at flat index (take's backward);  dx = g taken at index"""

    node_name = "PutBackward0"

    def forward(self, x, shape, index):
        self.index = index
        out = np.zeros(shape, x.dtype)
        np.add.at(out.reshape(-1), index, x)
        return out

    def backward(self, g):
        if not is_array(g):
            return (record(Take, g, index=self.index),)
        return (g.reshape(-1)[self.index],)
