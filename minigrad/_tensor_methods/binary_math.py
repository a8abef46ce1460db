"""More elementwise functions of two tensors: //, %, fmod, atan2, lerp, logical_and..."""

from __future__ import annotations

from numbers import Number

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._broadcast import broadcast_shape
from minigrad._tensor_methods.arithmetic import ArithmeticMethods, _binary
from minigrad._tensor_methods.base import (
    TensorBase,
    _require_tensor,
    _result_dtype,
    calling,
)
from minigrad._tensor_methods.comparison import ComparisonMethods
from minigrad._tensor_methods.unary_math import _not_for


def _number_or_tensor(other, name: str, arg: str = "other") -> None:
    if isinstance(other, TensorBase) or (
        isinstance(other, Number) and not isinstance(other, complex)
    ):
        return
    raise TypeError(
        f"{name}() received an invalid combination of arguments - got (Tensor, {type(other).__name__}), but expected one of: (Tensor input, Tensor {arg}) or (Tensor input, Number {arg})"
    )


def _by_kind(t: TensorBase, other, tensor_op, number_op, name: str, **kw):
    """``tensor_op`` for a tensor operand, ``number_op`` for a number (a parameter
    of the node, not an input: torch's ``.Scalar`` overloads have one edge)."""
    _number_or_tensor(other, name)
    if isinstance(other, TensorBase):
        return _binary(tensor_op, t, other, **kw)
    dtype = _result_dtype(t, other)
    if kw.get("floating") and (dtype or t._data.dtype).kind != "f":
        dtype = dtypes.default_float_np()
    return t._apply(number_op, t, other=other, dtype=dtype)


def _floats_only(t: TensorBase, other: TensorBase, kernel: str) -> None:
    """torch's error for ops with no integer kernel (hypot, logaddexp)."""
    dtype = _result_dtype(t, other) or t._data.dtype
    if dtype.kind != "f":
        name = dtypes.scalar_type_name(dtype)
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{name}'")


class BinaryMathMethods(TensorBase):
    __slots__ = ()

    def fmod(self, other) -> TensorBase:
        _not_for(self, "b", "fmod_cpu")
        return _by_kind(self, other, _ops.Fmod, _ops.FmodScalar, "fmod")

    def remainder(self, other) -> TensorBase:
        _not_for(self, "b", "remainder_cpu")
        return _by_kind(self, other, _ops.Remainder, _ops.RemainderScalar, "remainder")

    def floor_divide(self, other) -> TensorBase:
        _not_for(self, "b", "div_floor_cpu")
        _number_or_tensor(other, "floor_divide")
        return _binary(_ops.FloorDivide, self, other)

    def __rfloordiv__(self, other) -> TensorBase:  # other // self
        return self._operand(other).floor_divide(self)

    def __rmod__(self, other) -> TensorBase:  # other % self
        if isinstance(other, TensorBase):
            return other.remainder(self)
        _not_for(self, "b", "remainder_cpu")
        dtype = _result_dtype(self, other)
        return self._apply(_ops.RemainderOfNumber, self, s=other, dtype=dtype)

    def __ifloordiv__(self, other) -> TensorBase:
        return self.floor_divide_(other)

    def __imod__(self, other) -> TensorBase:
        return self.remainder_(other)

    def atan2(self, other: TensorBase) -> TensorBase:
        return _binary(_ops.Atan2, self, _require_tensor(other, "atan2"), floating=True)

    def hypot(self, other: TensorBase) -> TensorBase:
        _floats_only(self, _require_tensor(other, "hypot"), "hypot_cpu")
        return _binary(_ops.Hypot, self, other)

    def logaddexp(self, other: TensorBase) -> TensorBase:
        _floats_only(self, _require_tensor(other, "logaddexp"), "logaddexp_cpu")
        return _binary(_ops.Logaddexp, self, other)

    def logaddexp2(self, other: TensorBase) -> TensorBase:
        _floats_only(self, _require_tensor(other, "logaddexp2"), "logaddexp2_cpu")
        return _binary(_ops.Logaddexp2, self, other)

    def fmax(self, other: TensorBase) -> TensorBase:
        return _binary(_ops.Fmax, self, _require_tensor(other, "fmax"))

    def fmin(self, other: TensorBase) -> TensorBase:
        return _binary(_ops.Fmin, self, _require_tensor(other, "fmin"))

    def copysign(self, other) -> TensorBase:
        kw = {"floating": True}
        return _by_kind(
            self, other, _ops.Copysign, _ops.CopysignScalar, "copysign", **kw
        )

    def xlogy(self, other) -> TensorBase:
        kw = {"floating": True}
        return _by_kind(self, other, _ops.Xlogy, _ops.XlogyOfNumber, "xlogy", **kw)

    def clamp_min(self, min) -> TensorBase:  # noqa: A002
        return self._clamp_side(min, _ops.ClampMinTensor, _ops.ClampMin, "clamp_min")

    def clamp_max(self, max) -> TensorBase:  # noqa: A002
        return self._clamp_side(max, _ops.ClampMaxTensor, _ops.ClampMax, "clamp_max")

    def _clamp_side(self, bound, tensor_op, number_op, name: str) -> TensorBase:
        _number_or_tensor(bound, name, name[6:])
        if isinstance(bound, TensorBase):
            return _binary(tensor_op, self, bound)
        if self._data.dtype.kind != "f" and isinstance(bound, float):
            return self.to(dtypes.get_default_dtype())._clamp_side(
                bound, tensor_op, number_op, name
            )
        return self._apply(number_op, self, bound=bound)

    def lerp(self, end: TensorBase, weight) -> TensorBase:
        end = _require_tensor(end, "lerp", "end")
        _not_for(self, "biu", "lerp_kernel_scalar")
        others = [("end", end)]
        if isinstance(weight, TensorBase):
            others.append(("weight", weight))
        for arg, t in others:
            if t._data.dtype != self._data.dtype:
                raise RuntimeError(
                    f"expected dtype {self.dtype.name} for `{arg}` but got dtype {t.dtype.name}"
                )
        shape = broadcast_shape(self._data.shape, end._data.shape)
        if len(others) == 1:
            return self._apply(_ops.Lerp, self, end, weight=weight)
        broadcast_shape(shape, weight._data.shape)
        return self._apply(_ops.LerpTensor, self, end, weight)

    def float_power(self, exponent) -> TensorBase:
        base = self if self._data.dtype == np.float64 else self.to(dtypes.float64)
        if isinstance(exponent, TensorBase) and exponent._data.dtype != np.float64:
            exponent = exponent.to(dtypes.float64)
        return base.pow(exponent)

    def float_power_(self, exponent) -> TensorBase:
        if self._data.dtype != np.float64:
            raise RuntimeError(
                f"the base given to float_power_ has dtype {dtypes.scalar_type_name(self._data.dtype)} but the operation's result requires dtype Double"
            )
        return self._inplace(self.float_power(exponent))

    def heaviside(self, values: TensorBase) -> TensorBase:
        values = _require_tensor(values, "heaviside", "values")
        if values._data.dtype != self._data.dtype:
            raise RuntimeError(
                "heaviside is not yet implemented for tensors with different dtypes."
            )
        broadcast_shape(self._data.shape, values._data.shape)
        return self._apply(_ops.Heaviside, self, values)

    def _logical(self, other, fn, name: str) -> TensorBase:
        other = _require_tensor(other, name)
        broadcast_shape(self._data.shape, other._data.shape)
        return self._wrap(np.asarray(fn(self._data, other._data)))

    def logical_and(self, other: TensorBase) -> TensorBase:
        return self._logical(other, np.logical_and, "logical_and")

    def logical_or(self, other: TensorBase) -> TensorBase:
        return self._logical(other, np.logical_or, "logical_or")

    def logical_xor(self, other: TensorBase) -> TensorBase:
        return self._logical(other, np.logical_xor, "logical_xor")

    __floordiv__ = floor_divide
    __mod__ = remainder


INPLACE = ["fmod", "remainder", "floor_divide", "atan2", "hypot", "copysign"]
INPLACE += ["xlogy", "clamp_min", "clamp_max", "lerp", "heaviside", "logical_and"]
INPLACE += ["logical_or", "logical_xor", "multiply", "subtract", "divide"]
INPLACE += ["true_divide", "greater", "greater_equal", "less", "less_equal"]
INPLACE += ["not_equal", "arctan2", "logical_not"]
_CLASSES = (BinaryMathMethods, ArithmeticMethods, ComparisonMethods)
# torch's other names of existing methods
ALIASES = {"arctan2": "atan2", "multiply": "mul", "subtract": "sub", "divide": "div"}
ALIASES |= {"true_divide": "div", "greater": "gt", "greater_equal": "ge", "less": "lt"}
ALIASES |= {"less_equal": "le", "not_equal": "ne"}
for _alias, _name in ALIASES.items():
    setattr(
        BinaryMathMethods,
        _alias,
        calling(_name, _CLASSES, _alias, owner=BinaryMathMethods),
    )
for _name in INPLACE:
    setattr(
        BinaryMathMethods,
        _name + "_",
        calling(_name, _CLASSES, write=True, owner=BinaryMathMethods),
    )
