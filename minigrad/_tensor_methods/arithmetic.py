"""Binary arithmetic: +, -, *, /, ** (and reflected), clamp, maximum, where, masked_fill."""

from __future__ import annotations

from numbers import Number

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._broadcast import broadcast_shape
from minigrad._checks import check_bool_sub, check_number
from minigrad._tensor_methods.base import TensorBase, _require_tensor, _result_dtype


class ArithmeticMethods(TensorBase):
    __slots__ = ()

    def add(self, other, *, alpha=1) -> TensorBase:
        if alpha.__class__ is not int:
            check_number(alpha, "add", "alpha")
        return _binary(_ops.Add, self, other, alpha=alpha)

    def sub(self, other, *, alpha=1) -> TensorBase:
        if alpha.__class__ is not int:
            check_number(alpha, "sub", "alpha")
        _check_bool_sub(self, other)
        return _binary(_ops.Sub, self, other, alpha=alpha)

    def mul(self, other) -> TensorBase:
        return _binary(_ops.Mul, self, other)

    def div(self, other, *, rounding_mode=None) -> TensorBase:
        if rounding_mode is None:
            return _binary(_ops.Div, self, other, floating=True)
        if rounding_mode not in ("trunc", "floor"):
            raise RuntimeError(
                f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{rounding_mode}'"
            )
        return _binary(_ops.DivRounding, self, other, rounding_mode=rounding_mode)

    def pow(self, exponent) -> TensorBase:
        if isinstance(exponent, TensorBase):
            return _binary(_ops.PowTensor, self, exponent)
        if isinstance(exponent, Number) and not isinstance(exponent, complex):
            if self._data.dtype.kind != "f" and isinstance(exponent, float):
                return self.to(dtypes.get_default_dtype()).pow(exponent)
            if self._data.dtype.kind in "iu" and exponent < 0:
                raise RuntimeError(
                    "Integers to negative integer powers are not allowed."
                )
            return self._apply(_ops.Pow, self, exponent=exponent)
        return self.pow(self._operand(exponent))

    def clamp(self, min=None, max=None) -> TensorBase:
        if min is None and max is None:
            raise RuntimeError(
                "torch.clamp: At least one of 'min' or 'max' must not be None"
            )
        for bound in (min, max):
            if not isinstance(
                bound, (TensorBase, bool, int, float, np.number, type(None))
            ):
                raise TypeError(
                    f"clamp() received an invalid combination of arguments - got ({type(bound).__name__}), but expected one of: (Tensor min, Tensor max) or (Number min, Number max)"
                )
        if isinstance(min, TensorBase) or isinstance(max, TensorBase):
            lo = None if min is None else self._operand(min)
            hi = None if max is None else self._operand(max)
            return self._apply(_ops.ClampTensor, self, lo, hi)
        if self._data.dtype.kind != "f" and (
            isinstance(min, float) or isinstance(max, float)
        ):
            return self.to(dtypes.get_default_dtype()).clamp(min, max)
        return self._apply(_ops.Clamp, self, lo=min, hi=max)

    clip = clamp

    def maximum(self, other: TensorBase) -> TensorBase:
        return _binary(_ops.Maximum, self, _require_tensor(other, "maximum"))

    def minimum(self, other: TensorBase) -> TensorBase:
        return _binary(_ops.Minimum, self, _require_tensor(other, "minimum"))

    def where(self, condition: TensorBase, other) -> TensorBase:
        condition = _require_tensor(condition, "where", "condition")
        if condition._data.dtype.kind != "b":
            raise RuntimeError(
                f"where expected condition to be a boolean tensor, but got a tensor with dtype {condition.dtype}"
            )
        b = other
        if not isinstance(b, TensorBase):
            b = self._operand(b) if not isinstance(b, (int, float)) else b
        dtype = _result_dtype(self, b)
        if not isinstance(b, TensorBase):
            b = self._wrap(np.asarray(b, dtype=dtype or self._data.dtype))
        shapes = [condition._data.shape, self._data.shape, b._data.shape]
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise RuntimeError(
                f"The size of tensors must be broadcastable: condition {shapes[0]}, input {shapes[1]}, other {shapes[2]}"
            ) from None
        return self._apply(_ops.Where, self, b, cond=condition._data, dtype=dtype)

    def masked_fill(self, mask: TensorBase, value) -> TensorBase:
        mask = _require_tensor(mask, "masked_fill", "mask")
        if mask._data.dtype.kind != "b":
            raise RuntimeError(
                f"masked_fill_ only supports boolean masks, but got mask with dtype {dtypes.scalar_type_name(mask._data.dtype).lower()}"
            )
        broadcast_shape(self._data.shape, mask._data.shape)
        if isinstance(value, TensorBase):
            if value._data.ndim:
                raise RuntimeError(
                    f"masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {value._data.ndim} dimension(s)."
                )
            return self._apply(_ops.MaskedFill, self, value, mask=mask._data)
        if (
            self._data.dtype.kind in "iu"
            and isinstance(value, float)
            and not value.is_integer()
        ):
            value = int(
                value
            )  # NOTE: matches torch: the value is cast to the tensor's type
        return self._apply(_ops.MaskedFill, self, mask=mask._data, fill=value)

    __add__ = add
    __sub__ = sub
    __mul__ = mul
    __truediv__ = div
    __pow__ = pow

    def __pos__(self) -> TensorBase:
        return self

    def __radd__(self, other) -> TensorBase:  # other + self
        return _binary(_ops.Add, self, other)

    def __rmul__(self, other) -> TensorBase:  # other * self
        return _binary(_ops.Mul, self, other)

    def __rsub__(self, other) -> TensorBase:  # other - self
        if isinstance(other, Number):
            _check_bool_sub(self, other)
            dtype = _result_dtype(self, other)
            return self._apply(_ops.RSub, self, s=other, dtype=dtype)
        return self._operand(other).sub(self)

    def __rtruediv__(
        self, other
    ) -> TensorBase:  # other / self = reciprocal(self) * other
        if isinstance(other, Number):
            return self.reciprocal() * other
        return self._operand(other).div(self)

    def __rpow__(self, other) -> TensorBase:  # other ** self
        if isinstance(other, Number):
            x = (
                self
                if self._data.dtype.kind == "f" or isinstance(other, int)
                else (self.to(dtypes.get_default_dtype()))
            )
            return self._apply(_ops.RPow, x, base=other)
        return self._operand(other).pow(self)


def _binary(op, a: TensorBase, b, floating: bool = False, **params) -> TensorBase:
    if not isinstance(b, TensorBase):
        if isinstance(b, (np.ndarray, np.generic, list, tuple)):
            b = a._operand(b)
        elif not isinstance(b, Number) or isinstance(b, complex):
            return NotImplemented
    dtype = _result_dtype(a, b)
    if floating and (dtype or a._data.dtype).kind != "f":
        dtype = dtypes.default_float_np()
    if isinstance(b, TensorBase) and a._data.shape != b._data.shape:
        broadcast_shape(a._data.shape, b._data.shape)
    return a._apply(op, a, b, dtype=dtype, **params)


def _check_bool_sub(a: TensorBase, b) -> None:
    b_bool = isinstance(b, bool) or (
        isinstance(b, TensorBase) and b._data.dtype.kind == "b"
    )
    check_bool_sub(a._data.dtype.kind == "b", b_bool)
