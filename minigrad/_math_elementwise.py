"""torch's elementwise functions beyond math.py's (``minigrad.floor``, ``minigrad.atan2``
...): each calls the Tensor method of its name, with torch's signature."""

from __future__ import annotations

import inspect
from numbers import Number

import numpy as np

from minigrad import ops
from minigrad.dtypes import get_default_dtype
from minigrad.tensor import Tensor, apply

UNARY = ["floor", "ceil", "trunc", "fix", "frac", "log1p", "expm1", "log2", "log10"]
UNARY += ["exp2", "rsqrt", "square", "sinh", "cosh", "tan", "asin", "arcsin", "acos"]
UNARY += ["arccos", "atan", "arctan", "asinh", "arcsinh", "acosh", "arccosh", "atanh"]
UNARY += ["arctanh", "erf", "erfc", "erfinv", "sign", "sgn", "reciprocal", "signbit"]
UNARY += ["isnan", "isinf", "isfinite", "isposinf", "isneginf", "logical_not"]
UNARY += ["positive", "negative", "absolute", "sinc", "deg2rad", "rad2deg"]
UNARY += ["nan_to_num", "logit"]
# the second operand may be a number (or the method says what else)
BINARY = ["fmod", "floor_divide", "copysign", "multiply", "subtract", "divide", "lerp"]
BINARY += ["greater", "less", "greater_equal", "less_equal", "not_equal"]
BINARY += ["clamp_min", "clamp_max"]
# the second operand must be a Tensor: its name in torch's TypeError
TENSORS = {"atan2": "other", "arctan2": "other", "hypot": "other", "fmax": "other"}
TENSORS |= {"fmin": "other", "logaddexp": "other", "logaddexp2": "other"}
TENSORS |= {"logical_and": "other", "logical_or": "other", "logical_xor": "other"}
TENSORS |= {"heaviside": "values"}

__all__ = [*UNARY, *BINARY, *TENSORS, "xlogy", "remainder", "float_power"]
__all__ += ["true_divide"]


def _must_be_tensor(x, name: str, arg: str, position: int) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(
            f"{name}(): argument '{arg}' (position {position}) must be Tensor, not {type(x).__name__}"
        )
    return x


def _function(name: str, second: str | None = None):
    """``minigrad.<name>(input, ...)``: ``input.<name>(...)``, refusing a non-tensor
    input (and a non-tensor ``second`` operand, when named) with torch's TypeError."""
    method = getattr(Tensor, name)

    def function(input, *args, **kwargs):
        _must_be_tensor(input, name, "input", 1)
        if second is not None:
            _must_be_tensor(args[0] if args else kwargs.get(second), name, second, 2)
        return method(input, *args, **kwargs)

    params = list(inspect.signature(method).parameters.values())[1:]
    first = inspect.Parameter("input", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    function.__signature__ = inspect.Signature([first, *params])
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"torch.{name}: ``input.{name}(...)``."
    return function


globals().update({name: _function(name) for name in UNARY + BINARY})
globals().update({name: _function(name, arg) for name, arg in TENSORS.items()})


def true_divide(dividend: Tensor, divisor) -> Tensor:
    return _must_be_tensor(dividend, "true_divide", "dividend", 1).div(divisor)


def xlogy(input, other) -> Tensor:
    if isinstance(input, Number) and isinstance(other, Tensor):
        x = other if other._data.dtype.kind == "f" else other.to(get_default_dtype())
        return apply(ops.NumberXlogy, x, s=input)
    return _must_be_tensor(input, "xlogy", "input", 1).xlogy(other)


def remainder(input, other) -> Tensor:
    if isinstance(input, Number) and isinstance(other, Tensor):
        return other.__rmod__(input)
    return _must_be_tensor(input, "remainder", "input", 1).remainder(other)


def float_power(input, exponent) -> Tensor:
    if isinstance(input, Number) and isinstance(exponent, Tensor):
        x = exponent if exponent._data.dtype == np.float64 else exponent.double()
        return x.__rpow__(float(input))
    return _must_be_tensor(input, "float_power", "input", 1).float_power(exponent)
