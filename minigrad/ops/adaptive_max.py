"""Adaptive max pooling over the last two dims: the maxima of torch's adaptive bins and their flat indices."""

from __future__ import annotations

import numpy as np

from minigrad.ops.pool import MaxPoolWithIndices


def _bin_max(x: np.ndarray, axis: int, o: int) -> tuple[np.ndarray, np.ndarray]:
    """The maxima over o adaptive bins [floor(i n/o), ceil((i+1) n/o)) of ``axis``,
    and the position of each along it.

    NOTE: matches torch's scan: the first maximum wins, a NaN beats anything and a
    later NaN beats an earlier one.
    """
    n = x.shape[axis]
    values, where = [], []
    for i in range(o):
        start, end = (i * n) // o, -((-(i + 1) * n) // o)
        part = np.take(x, np.arange(start, end), axis=axis)
        arg = np.argmax(part, axis=axis)
        nan = np.isnan(part)
        if nan.any():
            last = part.shape[axis] - 1 - np.argmax(np.flip(nan, axis), axis=axis)
            arg = np.where(nan.any(axis=axis), last, arg)
        values.append(np.take_along_axis(part, np.expand_dims(arg, axis), axis))
        where.append(np.expand_dims(arg, axis) + start)
    shape = list(x.shape)
    shape[axis] = 0
    if not o:
        return np.empty(shape, x.dtype), np.empty(shape, np.int64)
    return np.concatenate(values, axis), np.concatenate(where, axis).astype(np.int64)


def adaptive_max_pool2d(x: np.ndarray, out: tuple[int, int]):
    """The maxima of the (out_h x out_w) bins of x's last two dims and their flat indices."""
    width = x.shape[-1]
    cols_max, cols = _bin_max(x, x.ndim - 1, out[1])
    values, rows = _bin_max(cols_max, x.ndim - 2, out[0])
    col = np.take_along_axis(cols, rows, x.ndim - 2)
    return np.ascontiguousarray(values), rows * width + col


class AdaptiveMaxPool(MaxPoolWithIndices):
    """y = the bin maxima;  dx = g added at the arg-max positions"""

    def forward(self, x, result):
        values = super().forward(x, result, nd=2)
        self.node_name = "AdaptiveMaxPool2DBackward0"
        return values
