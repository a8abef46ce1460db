"""Questions about a tensor and its dtype: type_as, isclose, is_nonzero, is_same_size,
is_complex, is_signed."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad._broadcast import broadcast_shape
from minigrad._tensor_methods.base import TensorBase, _require_tensor


class PredicateMethods(TensorBase):
    __slots__ = ()

    def type_as(self, other: TensorBase) -> TensorBase:
        return self.to(_require_tensor(other, "type_as").dtype)

    def isclose(
        self,
        other: TensorBase,
        rtol: float = 1e-05,
        atol: float = 1e-08,
        equal_nan: bool = False,
    ) -> TensorBase:
        b = _require_tensor(other, "isclose")._data
        a = self._data
        if a.dtype != b.dtype:
            raise RuntimeError(
                f"{dtypes.scalar_type_name(a.dtype)} did not match {dtypes.scalar_type_name(b.dtype)}"
            )
        for name, tol in (("rtol", rtol), ("atol", atol)):
            if tol < 0:
                raise RuntimeError(
                    f"{name} must be greater than or equal to zero, but got {tol}"
                )
        broadcast_shape(a.shape, b.shape)
        close = np.asarray(a == b)
        if equal_nan and a.dtype.kind == "f":
            close |= np.isnan(a) & np.isnan(b)
        if rtol == 0 and atol == 0:
            return self._wrap(close)
        if a.dtype.kind == "b":
            a, b = (v.astype(dtypes.default_float_np()) for v in (a, b))
        # NOTE: matches torch: |a - b| <= atol + |rtol * b|, in a's dtype (ints:
        # the error in their own dtype, the allowance in the default float dtype)
        allowed = atol + np.abs(
            rtol * (b if b.dtype.kind == "f" else b.astype(dtypes.default_float_np()))
        )
        with np.errstate(invalid="ignore", over="ignore"):
            error = np.abs(a - b)
            close |= np.isfinite(error) & (error <= allowed)
        return self._wrap(np.asarray(close))

    def is_nonzero(self) -> bool:
        return bool(self)

    def is_same_size(self, other: TensorBase) -> bool:
        return self._data.shape == _require_tensor(other, "is_same_size")._data.shape

    def is_complex(self) -> bool:
        return False  # NOTE: minigrad has no complex dtypes

    def is_signed(self) -> bool:
        return self.dtype.is_signed
