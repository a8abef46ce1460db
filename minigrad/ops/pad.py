"""Padding: constant (any dims, negative pads crop) and the index-gathering modes
(reflect, replicate, circular) on the trailing dims."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import run
from minigrad.ops.op import Op


def constant_pad(x, pairs, value):
    """x with (lo, hi) pairs on its trailing dims; a negative pad crops."""
    lead = x.ndim - len(pairs)
    crop = tuple(
        slice(max(-lo, 0), n - max(-hi, 0))
        for n, (lo, hi) in zip(x.shape[lead:], pairs, strict=True)
    )
    x = x[(Ellipsis, *crop)]
    if not any(lo > 0 or hi > 0 for lo, hi in pairs):
        return np.ascontiguousarray(x)
    shape = x.shape[:lead] + tuple(
        n + max(lo, 0) + max(hi, 0)
        for n, (lo, hi) in zip(x.shape[lead:], pairs, strict=True)
    )
    out = np.full(shape, value, dtype=x.dtype)
    inner = tuple(
        slice(max(lo, 0), max(lo, 0) + n)
        for n, (lo, _) in zip(x.shape[lead:], pairs, strict=True)
    )
    out[(Ellipsis, *inner)] = x
    return out


class ConstantPadNd(Op):
    """y = x padded with value;  dx = g padded by the opposite pads (a crop)"""

    def forward(self, x, pairs, value):
        self.pairs = pairs
        return constant_pad(x, pairs, value)

    def backward(self, g):
        back = tuple((-lo, -hi) for lo, hi in self.pairs)
        return (run(ConstantPadNd, g, pairs=back, value=0),)


def gather_index(n: int, lo: int, hi: int, mode: str) -> np.ndarray:
    """The source index of each output position of one padded dimension."""
    j = np.arange(-lo, n + hi)
    if mode == "replicate":
        return np.clip(j, 0, n - 1)
    if mode == "circular":
        return j % n
    period = 2 * (n - 1)  # reflect, the edge not repeated
    j = np.abs(j) % period if period else np.zeros_like(j)
    return np.where(j < n, j, period - j)


def _one_hot(index: np.ndarray, n: int, dtype) -> np.ndarray:
    m = np.zeros((len(index), n), dtype=dtype)
    m[np.arange(len(index)), index] = 1
    return m


def gather(x, indices):
    """x[..., i1[:, None], i2[None, :], ...]: each trailing dim re-indexed."""
    nd = len(indices)
    grids = np.ix_(*indices) if nd > 1 else indices
    return x[(Ellipsis, *grids)]


def gather_adjoint(g, indices, shape):
    """The adjoint of gather: every output's value added back to its source."""
    nd = len(indices)
    for axis, (index, n) in enumerate(zip(indices, shape[-nd:], strict=True)):
        ax = g.ndim - nd + axis
        m = _one_hot(index, n, g.dtype)
        g = np.moveaxis(np.tensordot(g, m, axes=([ax], [0])), -1, ax)
    return np.ascontiguousarray(g)


class IndexPad(Op):
    """y = x gathered along the trailing dims;  dx = IndexPadGrad(g)"""

    def forward(self, x, indices, name):
        self.indices, self.shape, self.node_name = indices, x.shape, name
        return gather(x, indices)

    def backward(self, g):
        name = self.node_name.replace("Backward0", "BackwardBackward0")
        return (
            run(IndexPadGrad, g, indices=self.indices, shape=self.shape, name=name),
        )


class IndexPadGrad(Op):
    """y = the adjoint gather (sums);  dg = IndexPad(h)"""

    def forward(self, g, indices, shape, name):
        self.indices, self.node_name = indices, name
        return gather_adjoint(g, indices, shape)

    def backward(self, h):
        return (run(IndexPad, h, indices=self.indices, name=self.node_name),)
