"""Sorted picks (sort, topk): values taken along a dim at given indices."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op


def _put_along(
    g: np.ndarray, shape: tuple, indices: np.ndarray, dim: int
) -> np.ndarray:
    out = np.zeros(shape, dtype=g.dtype)
    np.put_along_axis(out, indices, g, dim)
    return out


class TakeAlong(Op):
    """y = x at indices along dim;  dx = zeros with g put back at the indices"""

    def forward(self, x, indices, dim, name="SortBackward0"):
        self.shape, self.indices, self.dim, self.node_name = x.shape, indices, dim, name
        return np.take_along_axis(x, indices, dim)

    def backward(self, g):
        if is_array(g):
            return (_put_along(g, self.shape, self.indices, self.dim),)
        return (
            record(PutAlong, g, shape=self.shape, indices=self.indices, dim=self.dim),
        )


class PutAlong(Op):
    """y = zeros with x put at indices along dim (TakeAlong's backward);  dx = g at the indices"""

    def forward(self, x, shape, indices, dim):
        self.indices, self.dim = indices, dim
        return _put_along(x, shape, indices, dim)

    def backward(self, g):
        if is_array(g):
            return (np.take_along_axis(g, self.indices, self.dim),)
        return (
            record(
                TakeAlong, g, indices=self.indices, dim=self.dim, name="GatherBackward0"
            ),
        )
