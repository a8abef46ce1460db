"""Resampling the trailing dims: the source index (nearest) or the two weights (linear) of each output, as torch's CPU kernels."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op
from minigrad.ops.pool import _apply_bins


def _inverse_scale(n_in: int, n_out: int, scale: float | None, dtype) -> np.generic:
    """torch's compute_scales_value: 1 / scale_factor when given, else n_in / n_out."""
    if scale is not None and scale > 0:
        return dtype.type(1.0 / scale)
    return dtype.type(n_in) / dtype.type(n_out)


def nearest_index(n_in: int, n_out: int, scale: float | None, exact: bool):
    """The source index of each output position ('nearest' or 'nearest-exact').

    NOTE: matches torch: the products are float32, so a large size may pick a
    neighbour of the mathematically nearest source.
    """
    j = np.arange(n_out)
    if not exact and n_out == n_in:
        return j
    if not exact and n_out == 2 * n_in:
        return j >> 1
    s = _inverse_scale(n_in, n_out, scale, np.dtype(np.float32))
    if exact:
        src = np.floor(((j + 0.5) * np.float64(s)).astype(np.float32))
    else:
        src = np.floor(j.astype(np.float32) * s)
    return np.minimum(src.astype(np.int64), n_in - 1)


def linear_weights(n_in, n_out, scale, align_corners, dtype) -> np.ndarray:
    """The (n_out, n_in) matrix of linear interpolation weights, computed in ``dtype``
    as torch's area_pixel_compute_source_index and guard_index_and_lambda."""
    t = np.dtype(dtype).type
    j = np.arange(n_out).astype(dtype)
    if align_corners:
        s = t(n_in - 1) / t(n_out - 1) if n_out > 1 else t(0)
        src = s * j
    else:
        s = _inverse_scale(n_in, n_out, scale, np.dtype(dtype))
        src = np.maximum(s * (j + t(0.5)) - t(0.5), t(0))
    i0 = np.minimum(np.floor(src).astype(np.int64), n_in - 1)
    lam = np.clip(src - i0.astype(dtype), t(0), t(1))
    i1 = i0 + (i0 < n_in - 1)
    m = np.zeros((n_out, n_in), dtype)
    rows = np.arange(n_out)
    np.add.at(m, (rows, i0), t(1) - lam)
    np.add.at(m, (rows, i1), lam)
    return m


class Resample(Op):
    """y = x with each trailing dim mapped by a weight matrix;  dx = ResampleAdjoint(g)"""

    def forward(self, x, mats, name):
        self.mats, self.node_name = mats, name
        return np.ascontiguousarray(_apply_bins(x, mats, False))

    def backward(self, g):
        if is_array(g):
            return (np.ascontiguousarray(_apply_bins(g, self.mats, True)),)
        name = self.node_name.replace("Backward0", "BackwardBackward0")
        return (record(ResampleAdjoint, g, owner=self, name=name),)


class ResampleAdjoint(Op):
    """y = g mapped back by the transposed matrices;  dg = Resample(h)"""

    def forward(self, g, owner, name):
        self.owner, self.node_name = owner, name
        return np.ascontiguousarray(_apply_bins(g, owner.mats, True))

    def backward(self, h):
        o = self.owner
        if is_array(h):
            return (np.ascontiguousarray(_apply_bins(h, o.mats, False)),)
        return (record(Resample, h, mats=o.mats, name=o.node_name),)
