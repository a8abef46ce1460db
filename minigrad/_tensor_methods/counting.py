"""Counts: bincount and histc."""

from __future__ import annotations

from numbers import Number

import numpy as np

from minigrad import dtypes
from minigrad._checks import check_number
from minigrad._tensor_methods.base import TensorBase


class CountingMethods(TensorBase):
    __slots__ = ()

    def bincount(
        self, weights: TensorBase | None = None, minlength: int = 0
    ) -> TensorBase:
        if weights is not None and not isinstance(weights, TensorBase):
            raise TypeError(
                f"bincount(): argument 'weights' (position 1) must be Tensor, not {type(weights).__name__}"
            )
        x = self._data
        if x.dtype.kind not in "iu":
            raise NotImplementedError(
                f"\"bincount_cpu\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
            )
        if not isinstance(minlength, int) or isinstance(minlength, bool):
            raise TypeError(
                f"bincount(): argument 'minlength' must be int, not {type(minlength).__name__}"
            )
        if minlength < 0:
            raise RuntimeError("minlength should be >= 0")
        if x.ndim != 1 or (x.size and x.min() < 0):
            raise RuntimeError(
                "bincount only supports 1-d non-negative integral inputs."
            )
        w = None if weights is None else weights._data
        if w is not None and (w.ndim != 1 or w.shape[0] != x.shape[0]):
            raise RuntimeError(
                "weights should be 1-d and have the same length as input"
            )
        n = max(int(x.max()) + 1 if x.size else 0, minlength)
        if w is None:
            return self._wrap(np.bincount(x, minlength=n).astype(np.int64))
        # NOTE: matches torch: float weights add up in their own dtype, in order;
        # any other weights in double
        out = np.zeros(n, w.dtype if w.dtype.kind == "f" else np.float64)
        np.add.at(out, x, w.astype(out.dtype, copy=False))
        return self._wrap(out)

    def histc(self, bins: int = 100, min: Number = 0, max: Number = 0) -> TensorBase:  # noqa: A002
        check_number(min, "histc", "min", 2)
        check_number(max, "histc", "max", 3)
        x = self._data
        if x.dtype.kind != "f":
            raise NotImplementedError(
                f"\"histogram_cpu\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
            )
        if bins <= 0:
            raise RuntimeError(
                f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0"
            )
        lo, hi = float(min), float(max)
        if lo == hi and x.size:
            lo, hi = float(x.min()), float(x.max())
        if lo == hi:
            lo, hi = lo - 1, hi + 1
        if not (np.isfinite(lo) and np.isfinite(hi)):
            raise RuntimeError(f"torch.histc: range of [{lo:g}, {hi:g}] is not finite")
        if lo >= hi:
            raise RuntimeError("torch.histc: max must be larger than min")
        left, right = x.dtype.type(lo), x.dtype.type(hi)
        flat = x.reshape(-1)
        inside = flat[(flat >= left) & (flat <= right)]
        # NOTE: matches torch's kernel: the bin by linear interpolation in x's dtype
        pos = ((inside - left) * x.dtype.type(bins) / (right - left)).astype(np.int64)
        pos[pos == bins] = bins - 1
        return self._wrap(np.bincount(pos, minlength=bins).astype(x.dtype))
