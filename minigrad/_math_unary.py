"""More of torch's elementwise functions of one tensor (``minigrad.floor`` ...): each
calls the Tensor method."""

from __future__ import annotations

from minigrad.tensor import Tensor


def _input(x, name: str) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(
            f"{name}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}"
        )
    return x


def nan_to_num(input: Tensor, nan: float = 0.0, posinf=None, neginf=None) -> Tensor:
    return _input(input, "nan_to_num").nan_to_num(nan, posinf, neginf)


def logit(input: Tensor, eps: float | None = None) -> Tensor:
    return _input(input, "logit").logit(eps)


def floor(input: Tensor) -> Tensor:
    return _input(input, "floor").floor()


def ceil(input: Tensor) -> Tensor:
    return _input(input, "ceil").ceil()


def trunc(input: Tensor) -> Tensor:
    return _input(input, "trunc").trunc()


def fix(input: Tensor) -> Tensor:
    return _input(input, "fix").fix()


def frac(input: Tensor) -> Tensor:
    return _input(input, "frac").frac()


def log1p(input: Tensor) -> Tensor:
    return _input(input, "log1p").log1p()


def expm1(input: Tensor) -> Tensor:
    return _input(input, "expm1").expm1()


def log2(input: Tensor) -> Tensor:
    return _input(input, "log2").log2()


def log10(input: Tensor) -> Tensor:
    return _input(input, "log10").log10()


def exp2(input: Tensor) -> Tensor:
    return _input(input, "exp2").exp2()


def rsqrt(input: Tensor) -> Tensor:
    return _input(input, "rsqrt").rsqrt()


def square(input: Tensor) -> Tensor:
    return _input(input, "square").square()


def sinh(input: Tensor) -> Tensor:
    return _input(input, "sinh").sinh()


def cosh(input: Tensor) -> Tensor:
    return _input(input, "cosh").cosh()


def tan(input: Tensor) -> Tensor:
    return _input(input, "tan").tan()


def asin(input: Tensor) -> Tensor:
    return _input(input, "asin").asin()


def arcsin(input: Tensor) -> Tensor:
    return _input(input, "arcsin").arcsin()


def acos(input: Tensor) -> Tensor:
    return _input(input, "acos").acos()


def arccos(input: Tensor) -> Tensor:
    return _input(input, "arccos").arccos()


def atan(input: Tensor) -> Tensor:
    return _input(input, "atan").atan()


def arctan(input: Tensor) -> Tensor:
    return _input(input, "arctan").arctan()


def asinh(input: Tensor) -> Tensor:
    return _input(input, "asinh").asinh()


def arcsinh(input: Tensor) -> Tensor:
    return _input(input, "arcsinh").arcsinh()


def acosh(input: Tensor) -> Tensor:
    return _input(input, "acosh").acosh()


def arccosh(input: Tensor) -> Tensor:
    return _input(input, "arccosh").arccosh()


def atanh(input: Tensor) -> Tensor:
    return _input(input, "atanh").atanh()


def arctanh(input: Tensor) -> Tensor:
    return _input(input, "arctanh").arctanh()


def erf(input: Tensor) -> Tensor:
    return _input(input, "erf").erf()


def erfc(input: Tensor) -> Tensor:
    return _input(input, "erfc").erfc()


def erfinv(input: Tensor) -> Tensor:
    return _input(input, "erfinv").erfinv()


def sign(input: Tensor) -> Tensor:
    return _input(input, "sign").sign()


def sgn(input: Tensor) -> Tensor:
    return _input(input, "sgn").sgn()


def reciprocal(input: Tensor) -> Tensor:
    return _input(input, "reciprocal").reciprocal()


def signbit(input: Tensor) -> Tensor:
    return _input(input, "signbit").signbit()


def isnan(input: Tensor) -> Tensor:
    return _input(input, "isnan").isnan()


def isinf(input: Tensor) -> Tensor:
    return _input(input, "isinf").isinf()


def isfinite(input: Tensor) -> Tensor:
    return _input(input, "isfinite").isfinite()


def isposinf(input: Tensor) -> Tensor:
    return _input(input, "isposinf").isposinf()


def isneginf(input: Tensor) -> Tensor:
    return _input(input, "isneginf").isneginf()


def logical_not(input: Tensor) -> Tensor:
    return _input(input, "logical_not").logical_not()


def positive(input: Tensor) -> Tensor:
    return _input(input, "positive").positive()


def negative(input: Tensor) -> Tensor:
    return _input(input, "negative").negative()


def absolute(input: Tensor) -> Tensor:
    return _input(input, "absolute").absolute()


def sinc(input: Tensor) -> Tensor:
    return _input(input, "sinc").sinc()


def deg2rad(input: Tensor) -> Tensor:
    return _input(input, "deg2rad").deg2rad()


def rad2deg(input: Tensor) -> Tensor:
    return _input(input, "rad2deg").rad2deg()
