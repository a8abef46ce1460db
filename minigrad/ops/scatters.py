"""Functional writes: scatter_reduce, index_put(accumulate=True), masked_scatter,
select/slice/diagonal_scatter, narrow_copy."""

from __future__ import annotations

import numpy as np

from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import where
from minigrad.ops.diagonal import diagonal_view
from minigrad.ops.formula import constant, is_array, record
from minigrad.ops.gather import _src_block, _src_grad, gather, positions
from minigrad.ops.inplace import IndexPutValues
from minigrad.ops.op import Op
from minigrad.ops.saved import value
from minigrad.ops.shape import Index

_UFUNCS = {
    "sum": np.add,
    "mean": np.add,
    "prod": np.multiply,
    "amax": np.maximum,
    "amin": np.minimum,
}


def _identity(reduce: str, dtype: np.dtype):
    if reduce in ("sum", "mean"):
        return 0
    if reduce == "prod":
        return 1
    if dtype.kind == "f":
        return -np.inf if reduce == "amax" else np.inf
    info = np.iinfo(dtype) if dtype.kind in "iu" else None
    if info is None:  # bool
        return reduce == "amin"
    return info.min if reduce == "amax" else info.max


def reduce_into(x, block, where_, reduce: str, include_self: bool) -> np.ndarray:
    """x with block reduced into the places where_ (a full index), as torch's
    scatter_reduce: in index order, after x's own value when include_self."""
    out = x.copy()
    if not include_self:
        out[where_] = _identity(reduce, x.dtype)
    _UFUNCS[reduce].at(out, where_, block)
    if reduce == "mean":
        count = np.full(x.shape, int(include_self), x.dtype)
        np.add.at(count, where_, 1)
        count[count == 0] = 1
        out = out // count if x.dtype.kind in "iub" else out / count
    return out


class ScatterReduce(Op):
    """y = x with src reduced in at index along dim (sum, prod, mean, amax, amin);
    dx, dsrc: torch's scatter_reduce_backward"""

    torch_saved = {
        "_saved_dim": value(lambda n: n.dim),
        "_saved_reduce": value(lambda n: n.reduce),
        "_saved_include_self": value(lambda n: n.include_self),
    }
    save = (0, 1, OUTPUT)

    def forward(self, x, src, index, dim, reduce, include_self):
        self.index, self.dim, self.src_shape = index, dim, src.shape
        self.reduce, self.include_self = reduce, include_self
        self.where = positions(index, dim, x.ndim)
        return reduce_into(x, _src_block(src, index), self.where, reduce, include_self)

    def backward(self, g, x, src, y):
        if self.reduce == "prod":
            gx, gs = self._prod_grads(g, x, src, y)
        else:
            block = _src_block(constant(src), self.index)
            gx, gs = self._grads(g, constant(x), block, constant(y))
        if not self.include_self:
            written = np.zeros(constant(x).shape, bool)
            written[self.where] = True
            gx = where(written, 0, gx)
        if self.next_edges[1] is not None:
            gs = _src_grad(self, gs, self.src_shape)
        return gx, gs

    def _grads(self, g, x, s, y):
        idx, dim, reduce = self.index, self.dim, self.reduce
        if reduce == "sum":
            return g, gather(g, idx, dim)
        if reduce == "mean":
            n = np.full(x.shape, int(self.include_self), x.dtype)
            np.add.at(n, self.where, 1)
            n[n == 0] = 1
            return g / n, gather(g, idx, dim) / gather(n, idx, dim)
        # amax, amin: NOTE: matches torch: the gradient is shared evenly by the ties
        picked = gather(y, idx, dim)
        self_hit, src_hit = (x == y), (s == picked)
        count = self_hit.astype(x.dtype)
        np.add.at(count, self.where, src_hit.astype(x.dtype))
        shared = g / count
        return (
            shared * self_hit.astype(x.dtype),
            gather(shared, idx, dim) * src_hit.astype(x.dtype),
        )

    def _prod_into(self, x, src):
        """x with src multiplied in (on arrays, or recorded on Tensors)."""
        if is_array(x) and is_array(src):
            block = _src_block(src, self.index)
            return reduce_into(x, block, self.where, "prod", self.include_self)
        return record(
            ScatterReduce,
            x,
            src,
            index=self.index,
            dim=self.dim,
            reduce="prod",
            include_self=self.include_self,
        )

    def _prod_grads(self, g, x, src, y):
        """torch's formula, exact where one zero of src meets a place; written on
        the saved tensors, so that its own gradient flows (create_graph)."""
        idx, dim = self.index, self.dim
        xc, sc = constant(x), constant(src)
        ones_x = where(xc == 0, 1, x)
        gx = g * self._prod_into(ones_x, src) / ones_x
        if sc.shape != idx.shape:  # the engine refuses src's gradient (_src_grad)
            return gx, gather(g, idx, dim)
        zero = sc == 0
        zeros_at = np.zeros(xc.shape, np.int64)
        np.add.at(zeros_at, self.where, zero.astype(np.int64))
        single = zero & (gather(zeros_at, idx, dim) == 1)
        alone = self._prod_into(x, where(single, 1, src))
        divided = gather(g * y, idx, dim) / where(zero, 1, src)
        return gx, where(single, gather(g * alone, idx, dim), divided)


class IndexPutAccumulate(IndexPutValues):
    """y = x with v added at an advanced key (repeats add up);  dx = g,  dv = g[key]"""

    torch_saved = {"_saved_accumulate": value(lambda n: True)}

    def forward(self, x, v, key):
        out = x.copy()
        np.add.at(out, key, v)
        self.key, self.v_shape = key, np.shape(v)
        self.written = np.zeros(x.shape, dtype=bool)  # NOTE: no place loses g
        return out


class MaskedScatter(Op):
    """y = x with source's leading elements written where mask (in order);
    dx = g with 0 where mask,  dsource = g where mask, then zeros, as source's shape"""

    def forward(self, x, source, mask):
        out = np.array(np.broadcast_to(x, mask.shape))
        self.mask, self.src_shape = mask, source.shape
        flat = np.flatnonzero(mask)
        out.reshape(-1)[flat] = source.reshape(-1)[: flat.size]
        self.take = np.zeros(source.size, np.int64)
        self.take[: flat.size] = flat
        self.keep = np.arange(source.size) < flat.size
        return out

    def backward(self, g):
        gx = where(self.mask, 0, g)
        if self.next_edges[1] is None:
            return gx, None
        flat = g.reshape(-1)
        picked = flat[self.take] if is_array(flat) else flat.take(flat._wrap(self.take))
        return gx, (picked * self.keep).reshape(self.src_shape)


class ScatterInto(Op):
    """y = x with src written into one of its views (select, slice, diagonal);
    dx = g with 0 on the view,  dsrc = g's view"""

    def forward(self, x, src, key=None, plane=None, name="SelectScatterBackward0"):
        self.key, self.plane, self.node_name = key, plane, name
        out = x.copy()
        self._view(out)[...] = src
        self.written = np.zeros(x.shape, bool)
        self._view(self.written)[...] = True
        return out

    def _view(self, a):
        if self.plane is None:
            return a[self.key]
        if is_array(a):
            return diagonal_view(a, *self.plane)
        return a.diagonal(*self.plane)

    def backward(self, g):
        gs = None
        if self.next_edges[1] is not None:
            gs = self._view(g)
            gs = gs.copy() if is_array(gs) else gs
        return where(self.written, 0, g), gs


class NarrowCopy(Index):
    """y = a copy of x's slice along a dim;  dx = zeros with g at the slice"""

    def forward(self, x, key, dim, start, length):
        out = super().forward(x, key, "NarrowCopyBackward0")
        self.view = False
        self.dim, self.start, self.length = dim, start, length
        return out.copy()

    def backward(self, g):
        if self.start < 0 and self.start + self.length == 0:
            # NOTE: matches torch: its backward slices [start, start + length)
            # without wrapping start, an empty slice here
            if self.length != 1:
                raise RuntimeError(
                    f"The size of tensor a (0) must match the size of tensor b ({self.length}) at non-singleton dimension {self.dim}"
                )
            return (zeros_like_shape(g, self.shape),)
        return super().backward(g)


def zeros_like_shape(g, shape: tuple):
    """Zeros of ``shape`` in g's dtype, outside any graph."""
    return np.zeros(shape, constant(g).dtype) if is_array(g) else g.new_zeros(shape)
