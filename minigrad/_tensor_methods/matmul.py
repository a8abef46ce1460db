"""Matrix products: mm, matmul (@), dot, bmm."""

from __future__ import annotations

from minigrad import _arguments as _args
from minigrad import ops as _ops
from minigrad._checks import check_matmul, check_mm
from minigrad._tensor_methods.base import TensorBase, _require_tensor


class MatmulMethods(TensorBase):
    __slots__ = ()

    def mm(self, other: TensorBase) -> TensorBase:
        check_mm(self._data, _require_tensor(other, "mm")._data)
        return self._apply(_ops.Mm, self, other)

    def matmul(self, other: TensorBase) -> TensorBase:
        check_matmul(self._data, _require_tensor(other, "matmul")._data)
        return self._apply(_ops.Matmul, self, other)

    def dot(self, other: TensorBase) -> TensorBase:
        if self._data.ndim != 1 or other._data.ndim != 1:
            raise RuntimeError(
                f"1D tensors expected, but got {self._data.ndim}D and {other._data.ndim}D tensors"
            )
        return self.matmul(other)

    def bmm(self, mat2: TensorBase) -> TensorBase:
        _args.check_bmm(self._data, _require_tensor(mat2, "bmm", "mat2")._data)
        return self._apply(_ops.Bmm, self, mat2)

    __matmul__ = matmul

    def __rmatmul__(self, other) -> TensorBase:  # other @ self
        return self._operand(other).matmul(self)
