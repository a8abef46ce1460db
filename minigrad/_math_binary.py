"""More of torch's elementwise functions of two tensors (``minigrad.atan2`` ...): each
calls the Tensor method."""

from __future__ import annotations

from numbers import Number

import numpy as np

from minigrad import ops
from minigrad._math_unary import _input
from minigrad.dtypes import get_default_dtype
from minigrad.tensor import Tensor, apply


def _second(x, name: str, arg: str) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(
            f"{name}(): argument '{arg}' (position 2) must be Tensor, not {type(x).__name__}"
        )
    return x


def xlogy(input, other) -> Tensor:
    if isinstance(input, Number) and isinstance(other, Tensor):
        x = other if other._data.dtype.kind == "f" else other.to(get_default_dtype())
        return apply(ops.NumberXlogy, x, s=input)
    return _input(input, "xlogy").xlogy(other)


def remainder(input, other) -> Tensor:
    if isinstance(input, Number) and isinstance(other, Tensor):
        return other.__rmod__(input)
    return _input(input, "remainder").remainder(other)


def lerp(input: Tensor, end: Tensor, weight) -> Tensor:
    return _input(input, "lerp").lerp(end, weight)


def float_power(input, exponent) -> Tensor:
    if isinstance(input, Number) and isinstance(exponent, Tensor):
        x = exponent if exponent._data.dtype == np.float64 else exponent.double()
        return x.__rpow__(float(input))
    return _input(input, "float_power").float_power(exponent)


def clamp_min(input: Tensor, min) -> Tensor:  # noqa: A002
    return _input(input, "clamp_min").clamp_min(min)


def clamp_max(input: Tensor, max) -> Tensor:  # noqa: A002
    return _input(input, "clamp_max").clamp_max(max)


def subtract(input: Tensor, other, *, alpha=1) -> Tensor:
    return _input(input, "subtract").subtract(other, alpha=alpha)


def divide(input: Tensor, other, *, rounding_mode=None) -> Tensor:
    return _input(input, "divide").divide(other, rounding_mode=rounding_mode)


def true_divide(dividend: Tensor, divisor) -> Tensor:
    return _input(dividend, "true_divide").true_divide(divisor)


def atan2(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "atan2").atan2(_second(other, "atan2", "other"))


def arctan2(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "arctan2").arctan2(_second(other, "arctan2", "other"))


def hypot(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "hypot").hypot(_second(other, "hypot", "other"))


def logaddexp(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "logaddexp").logaddexp(_second(other, "logaddexp", "other"))


def logaddexp2(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "logaddexp2").logaddexp2(_second(other, "logaddexp2", "other"))


def fmax(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "fmax").fmax(_second(other, "fmax", "other"))


def fmin(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "fmin").fmin(_second(other, "fmin", "other"))


def logical_and(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "logical_and").logical_and(
        _second(other, "logical_and", "other")
    )


def logical_or(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "logical_or").logical_or(_second(other, "logical_or", "other"))


def logical_xor(input: Tensor, other: Tensor) -> Tensor:
    return _input(input, "logical_xor").logical_xor(
        _second(other, "logical_xor", "other")
    )


def heaviside(input: Tensor, values: Tensor) -> Tensor:
    return _input(input, "heaviside").heaviside(_second(values, "heaviside", "values"))


def fmod(input: Tensor, other) -> Tensor:
    return _input(input, "fmod").fmod(other)


def floor_divide(input: Tensor, other) -> Tensor:
    return _input(input, "floor_divide").floor_divide(other)


def copysign(input: Tensor, other) -> Tensor:
    return _input(input, "copysign").copysign(other)


def multiply(input: Tensor, other) -> Tensor:
    return _input(input, "multiply").multiply(other)


def greater(input: Tensor, other) -> Tensor:
    return _input(input, "greater").greater(other)


def less(input: Tensor, other) -> Tensor:
    return _input(input, "less").less(other)


def greater_equal(input: Tensor, other) -> Tensor:
    return _input(input, "greater_equal").greater_equal(other)


def less_equal(input: Tensor, other) -> Tensor:
    return _input(input, "less_equal").less_equal(other)


def not_equal(input: Tensor, other) -> Tensor:
    return _input(input, "not_equal").not_equal(other)
