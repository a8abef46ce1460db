"""Bitwise ops on bool and integer tensors (no gradient): & | ^ ~ << >>, gcd, lcm."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from minigrad import dtypes
from minigrad._broadcast import broadcast_shape
from minigrad._checks import check_inplace_result
from minigrad._tensor_methods.base import TensorBase, _result_dtype, named


def _operands(t: TensorBase, other, kernel: str, kinds: str = "biu"):
    """t and other as arrays of their promoted dtype, refused (torch's error) unless
    that dtype is one of ``kinds``."""
    dtype = _result_dtype(t, other) or t._data.dtype
    if dtype.kind not in kinds:
        name = dtypes.scalar_type_name(dtype)
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{name}'")
    a = t._data.astype(dtype, copy=False)
    if isinstance(other, TensorBase):
        b = other._data.astype(dtype, copy=False)
        broadcast_shape(a.shape, b.shape)
    else:  # NOTE: matches torch: a number wraps into the tensor's dtype
        b = np.asarray(int(other)).astype(dtype)
    return a, b


def _shift_left(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    bits = a.dtype.itemsize * 8
    # NOTE: matches torch: a shift by a negative count or by >= the width gives 0
    outside = (b < 0) | (b >= bits)
    return np.where(outside, 0, np.left_shift(a, np.where(outside, 0, b)))


def _shift_right(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    bits = a.dtype.itemsize * 8
    # NOTE: matches torch: out of range, the sign fills every bit (-1 or 0)
    outside = (b < 0) | (b >= bits)
    shifted = np.right_shift(a, np.where(outside, 0, b))
    return np.where(outside, np.where(a < 0, -1, 0), shifted).astype(a.dtype)


def _lcm(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    g = np.gcd(a, b)
    # NOTE: matches torch: |a / gcd * b|, 0 when either is 0
    return np.abs(np.where(g == 0, 0, a // np.where(g == 0, 1, g) * b))


def _valid(other) -> bool:
    return isinstance(other, (TensorBase, bool, int, float, np.integer, np.floating))


def _bitwise(
    name: str, kernel: str, fn: Callable, kinds: str = "biu", swap: bool = False
) -> Callable:
    """The method ``name``: ``fn`` of self and other in their promoted dtype (of other
    and self with ``swap``: ``number << self``); an operator (``__and__``) returns
    NotImplemented for an operand of another type, as Python asks."""

    def method(self, other) -> TensorBase:
        if not _valid(other):
            if name.startswith("__"):
                return NotImplemented
            kind = type(other).__name__
            raise TypeError(
                f"{name}() received an invalid combination of arguments - got ({kind}), but expected one of: (Tensor other) or (Number other)"
            )
        a, b = _operands(self, other, kernel, kinds)
        out = fn(b, a) if swap else fn(a, b)
        return self._wrap(np.asarray(out).astype(a.dtype, copy=False))

    return named(method, name, f"{name}(self, other) elementwise, no gradient.")


def _in_place(name: str, target: str) -> Callable:
    """``self.<target>_(other)``: the result written into self."""

    def method(self, other) -> TensorBase:
        if isinstance(other, (TensorBase, int, float)):  # torch's cast error first
            dtype = _result_dtype(self, other) or self._data.dtype
            like = np.broadcast_to(np.empty((), dtype), self._data.shape)
            check_inplace_result(like, self._data)
        return self._inplace(getattr(self, target)(other))

    return named(method, name, f"self.{target}(other), written into self.")


class BitwiseMethods(TensorBase):
    __slots__ = ()

    bitwise_and = _bitwise("bitwise_and", "bitwise_and_cpu", np.bitwise_and)
    bitwise_or = _bitwise("bitwise_or", "bitwise_or_cpu", np.bitwise_or)
    bitwise_xor = _bitwise("bitwise_xor", "bitwise_xor_cpu", np.bitwise_xor)
    bitwise_left_shift = _bitwise(
        "bitwise_left_shift", "lshift_cpu", _shift_left, kinds="iu"
    )
    bitwise_right_shift = _bitwise(
        "bitwise_right_shift", "rshift_cpu", _shift_right, kinds="iu"
    )
    gcd = _bitwise("gcd", "gcd_cpu", np.gcd, kinds="iu")
    lcm = _bitwise("lcm", "lcm_cpu", _lcm, kinds="iu")

    def bitwise_not(self) -> TensorBase:
        if self._data.dtype.kind not in "biu":
            name = dtypes.scalar_type_name(self._data.dtype)
            raise NotImplementedError(
                f"\"bitwise_not_cpu\" not implemented for '{name}'"
            )
        return self._wrap(np.invert(self._data))

    def __invert__(self) -> TensorBase:
        if self._data.dtype.kind not in "biu":
            raise TypeError(
                "~ (operator.invert) is only implemented on integer and Boolean-type tensors"
            )
        return self.bitwise_not()

    def bitwise_not_(self) -> TensorBase:
        return self._inplace(self.bitwise_not())

    __and__ = __rand__ = _bitwise("__and__", "bitwise_and_cpu", np.bitwise_and)
    __or__ = __ror__ = _bitwise("__or__", "bitwise_or_cpu", np.bitwise_or)
    __xor__ = __rxor__ = _bitwise("__xor__", "bitwise_xor_cpu", np.bitwise_xor)
    __lshift__ = _bitwise("__lshift__", "lshift_cpu", _shift_left, "iu")
    __rshift__ = _bitwise("__rshift__", "rshift_cpu", _shift_right, "iu")
    __rlshift__ = _bitwise("__rlshift__", "lshift_cpu", _shift_left, "iu", swap=True)
    __rrshift__ = _bitwise("__rrshift__", "rshift_cpu", _shift_right, "iu", swap=True)
    bitwise_and_ = __iand__ = _in_place("bitwise_and_", "bitwise_and")
    bitwise_or_ = __ior__ = _in_place("bitwise_or_", "bitwise_or")
    bitwise_xor_ = __ixor__ = _in_place("bitwise_xor_", "bitwise_xor")
    bitwise_left_shift_ = __ilshift__ = _in_place(
        "bitwise_left_shift_", "bitwise_left_shift"
    )
    bitwise_right_shift_ = __irshift__ = _in_place(
        "bitwise_right_shift_", "bitwise_right_shift"
    )
    gcd_ = _in_place("gcd_", "gcd")
    lcm_ = _in_place("lcm_", "lcm")
