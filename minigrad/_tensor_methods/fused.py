"""Fused pointwise methods: addcmul, addcdiv (and in place)."""

from __future__ import annotations

from numbers import Number

import numpy as np

from minigrad import dtypes
from minigrad._broadcast import broadcast_shape
from minigrad._tensor_methods.base import TensorBase
from minigrad.ops.addc import Addcdiv, Addcmul

_DIVISION = "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes."


def addc(op: type, x, t1, t2, value, first: int = 1) -> TensorBase:
    """x + value * t1 * t2 (op Addcmul) or x + value * t1 / t2 (Addcdiv), with
    torch's checks (``first``: the position of tensor1 in the call)."""
    name = "addcmul" if op is Addcmul else "addcdiv"
    dtype = _operands(name, x, t1, t2, value, first)
    return x._apply(op, x, t1, t2, value=value, dtype=dtype)


def _operands(name: str, x, t1, t2, value, first: int) -> np.dtype:
    """The result dtype of x op t1 op t2, with torch's checks (``first``: the
    position of tensor1 in the call)."""
    for arg, t, pos in (("tensor1", t1, first), ("tensor2", t2, first + 1)):
        if not isinstance(t, TensorBase):
            raise TypeError(
                f"{name}(): argument '{arg}' (position {pos}) must be Tensor, not {type(t).__name__}"
            )
    if isinstance(value, TensorBase) or not isinstance(value, Number):
        raise TypeError(
            f"{name}(): argument 'value' must be Number, not {type(value).__name__}"
        )
    arrays = (x._data, t1._data, t2._data)
    broadcast_shape(broadcast_shape(arrays[0].shape, arrays[1].shape), arrays[2].shape)
    dtype = dtypes.result_type(
        [a.dtype for a in arrays if a.ndim], [a.dtype for a in arrays if not a.ndim], []
    )
    if name == "addcdiv" and all(a.dtype.kind in "biu" for a in arrays[1:]):
        raise RuntimeError(_DIVISION)
    if dtype.kind == "b":
        raise NotImplementedError(f"\"{name}_cpu_out\" not implemented for 'Bool'")
    if (
        dtype == np.float32
        and np.isfinite(value)
        and abs(value) > float(np.finfo(dtype).max)
    ):
        raise RuntimeError("value cannot be converted to type float without overflow")
    return dtype


class FusedMethods(TensorBase):
    __slots__ = ()

    def addcmul(
        self, tensor1: TensorBase, tensor2: TensorBase, *, value=1
    ) -> TensorBase:
        return addc(Addcmul, self, tensor1, tensor2, value)

    def addcdiv(
        self, tensor1: TensorBase, tensor2: TensorBase, *, value=1
    ) -> TensorBase:
        return addc(Addcdiv, self, tensor1, tensor2, value)

    def addcmul_(
        self, tensor1: TensorBase, tensor2: TensorBase, *, value=1
    ) -> TensorBase:
        return self._inplace(self.addcmul(tensor1, tensor2, value=value))

    def addcdiv_(
        self, tensor1: TensorBase, tensor2: TensorBase, *, value=1
    ) -> TensorBase:
        return self._inplace(self.addcdiv(tensor1, tensor2, value=value))
