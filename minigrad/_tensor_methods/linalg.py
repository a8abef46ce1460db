"""Square-matrix methods: det, logdet, slogdet, inverse, matrix_power."""

from __future__ import annotations

import numpy as np

from minigrad import ops as _ops
from minigrad import return_types
from minigrad._linalg_checks import check_floating, check_int, check_square
from minigrad._tensor_methods.base import TensorBase


class LinalgMethods(TensorBase):
    __slots__ = ()

    def det(self) -> TensorBase:
        check_square("linalg.det", self._data)
        return self._apply(_ops.Det, self)

    def _slogdet(self, fn: str) -> tuple:
        check_square(fn, self._data)
        sign = self._apply(_ops.SlogdetSign, self)
        return sign, self._apply(_ops.SlogdetLogabs, self)

    def slogdet(self):
        return return_types.slogdet(self._slogdet("linalg.slogdet"))

    def logdet(self) -> TensorBase:
        sign, logabsdet = self._slogdet("logdet")
        nan = self._wrap(np.array(np.nan, dtype=self._data.dtype))
        # NOTE: matches torch: nan where det < 0 (torch.where, WhereBackward0)
        return nan.where(sign == -1, logabsdet)

    def inverse(self) -> TensorBase:
        check_square("linalg.inv", self._data)
        return self._apply(_ops.Inverse, self)

    def matrix_power(self, n: int) -> TensorBase:
        check_int(n, "matrix_power", "n", 1)
        a = self._data
        check_square("linalg.matrix_power", a, floating=False)
        if n == 0:
            eye = np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape)
            return self.clone().copy_(self._wrap(np.ascontiguousarray(eye)))
        x = self
        if n < 0:
            check_floating("linalg.inv", a.dtype)
            x, n = self.inverse(), -n
        if n == 1:
            return x.clone()
        # NOTE: matches torch: a, a@a, (a@a)@a, then binary powers (the same products)
        if n <= 3:
            y = x.matmul(x)
            return y if n == 2 else y.matmul(x)
        z = result = None
        while n:
            n, bit = divmod(n, 2)
            z = x if z is None else z.matmul(z)
            if bit:
                result = z if result is None else result.matmul(z)
        return result
