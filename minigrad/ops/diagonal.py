"""Diagonals and triangles: diagonal (a view), its copy, diag_embed, trace, tril, triu."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op
from minigrad.ops.saved import sizes, value


def diagonal_view(x: np.ndarray, offset: int, dim1: int, dim2: int) -> np.ndarray:
    """The diagonal of x in the plane (dim1, dim2) as a writable NumPy view (torch's
    layout: the other dims first, the diagonal last)."""
    start = [slice(None)] * x.ndim
    if offset >= 0:
        start[dim2] = slice(min(offset, x.shape[dim2]), None)
    else:
        start[dim1] = slice(min(-offset, x.shape[dim1]), None)
    y = x[tuple(start)]
    n = max(min(y.shape[dim1], y.shape[dim2]), 0)
    rest = [d for d in range(x.ndim) if d not in (dim1, dim2)]
    shape = tuple(y.shape[d] for d in rest) + (n,)
    strides = tuple(y.strides[d] for d in rest) + (y.strides[dim1] + y.strides[dim2],)
    return np.lib.stride_tricks.as_strided(
        y, shape, strides, writeable=y.flags.writeable
    )


def _embed(g: np.ndarray, shape: tuple, offset: int, dim1: int, dim2: int):
    out = np.zeros(shape, dtype=g.dtype)
    diagonal_view(out, offset, dim1, dim2)[...] = g
    return out


_PLANE = {
    "_saved_offset": value(lambda n: n.plane[0]),
    "_saved_dim1": value(lambda n: n.plane[1]),
    "_saved_dim2": value(lambda n: n.plane[2]),
}


class Diagonal(Op):
    """y = the diagonal of x in (dim1, dim2) (a view, or a copy: diag);  dx = zeros with g on it"""

    view = True
    torch_saved = {**_PLANE, "_saved_self_sym_sizes": sizes(0)}

    def forward(self, x, offset, dim1, dim2, copy=False):
        self.shape, self.plane = x.shape, (offset, dim1, dim2)
        self.node_name = "DiagonalBackward0_copy" if copy else "DiagonalBackward0"
        out = diagonal_view(x, offset, dim1, dim2)
        if copy:
            self.view = False
            return out.copy()
        return out

    def backward(self, g):
        if is_array(g):
            return (_embed(g, self.shape, *self.plane),)
        return (record(DiagonalScatter, g, shape=self.shape, plane=self.plane),)


class DiagonalScatter(Op):
    """y = zeros with x on a diagonal (diagonal's backward);  dx = g's diagonal"""

    node_name = "DiagonalBackwardBackward0"

    def forward(self, x, shape, plane):
        self.plane = plane
        return _embed(x, shape, *plane)

    def backward(self, g):
        if is_array(g):
            return (diagonal_view(g, *self.plane).copy(),)
        offset, dim1, dim2 = self.plane
        return (record(Diagonal, g, offset=offset, dim1=dim1, dim2=dim2, copy=True),)


class DiagEmbed(DiagonalScatter):
    """y = zeros with x's last dim on a diagonal in (dim1, dim2);  dx = g's diagonal"""

    node_name = "DiagEmbedBackward0"
    torch_saved = _PLANE

    def forward(self, x, offset, dim1, dim2):
        n = (x.shape[-1] if x.ndim else 1) + abs(offset)
        shape = list(x.shape[:-1])
        for d in sorted((dim1, dim2)):
            shape.insert(d, n)
        return super().forward(x, tuple(shape), (offset, dim1, dim2))


class Trace(Op):
    """y = sum of x's diagonal (2-D);  dx = zeros with g on the diagonal"""

    node_name = "TraceBackward0"
    torch_saved = {"_saved_self_sym_sizes": sizes(0)}

    def forward(self, x, dtype=None):
        self.shape = x.shape
        return np.asarray(np.trace(x, dtype=dtype))

    def backward(self, g):
        if is_array(g):
            return (
                _embed(np.broadcast_to(g, (min(self.shape),)), self.shape, 0, 0, 1),
            )
        n = min(self.shape)
        return (
            record(DiagonalScatter, g.expand(n), shape=self.shape, plane=(0, 0, 1)),
        )


class Tril(Op):
    """y = x with the elements above diagonal k zeroed (tril; triu: below);  dx = g likewise"""

    torch_saved = {"_saved_diagonal": value(lambda n: n.k)}

    def forward(self, x, k, upper=False):
        self.k, self.upper = k, upper
        self.node_name = "TriuBackward0" if upper else "TrilBackward0"
        return np.triu(x, k) if upper else np.tril(x, k)

    def backward(self, g):
        if is_array(g):
            return (self.forward(g, self.k, self.upper),)
        return (record(Tril, g, k=self.k, upper=self.upper),)
