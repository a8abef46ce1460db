"""More elementwise functions of one tensor: rounding, logs, trig, erf, tests (isnan...)."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._tensor_methods.base import TensorBase, calling
from minigrad._tensor_methods.pointwise import PointwiseMethods, _floating, on_floats


def _not_for(t: TensorBase, kinds: str, kernel: str) -> None:
    """torch's error for a kernel with no loop for t's dtype (floor of a bool...)."""
    if t._data.dtype.kind in kinds:
        name = dtypes.scalar_type_name(t._data.dtype)
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{name}'")


class UnaryMathMethods(TensorBase):
    __slots__ = ()

    def _step(self, op, kernel: str) -> TensorBase:
        """A rounding op: a copy for integers (already whole), torch's error for bool."""
        _not_for(self, "b", kernel)
        if self._data.dtype.kind != "f":
            return self.clone()
        return self._apply(op, self)

    def floor(self) -> TensorBase:
        return self._step(_ops.Floor, "floor_vml_cpu")

    def ceil(self) -> TensorBase:
        return self._step(_ops.Ceil, "ceil_vml_cpu")

    def trunc(self) -> TensorBase:
        return self._step(_ops.Trunc, "trunc_vml_cpu")

    fix = trunc

    def frac(self) -> TensorBase:
        _not_for(self, "biu", "frac_cpu")
        return self._apply(_ops.Frac, self)

    def sgn(self) -> TensorBase:
        if self._data.dtype.kind != "f":
            return self.sign()
        return self._apply(_ops.Sgn, self)

    def square(self) -> TensorBase:
        if self._data.dtype.kind == "b":
            return self.to(dtypes.int64).pow(2)
        return self.pow(2)

    def positive(self) -> TensorBase:
        if self._data.dtype.kind == "b":
            raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
        return self

    def signbit(self) -> TensorBase:
        if self._data.dtype.kind == "f":
            return self._wrap(np.signbit(self._data))
        return self._wrap(np.asarray(self._data < 0))

    def isnan(self) -> TensorBase:
        return self._wrap(np.asarray(self._data != self._data))

    def isinf(self) -> TensorBase:
        return self._wrap(np.isinf(self._data))

    def isfinite(self) -> TensorBase:
        return self._wrap(np.isfinite(self._data))

    def isposinf(self) -> TensorBase:
        return self._wrap(np.isinf(self._data) & (self._data > 0))

    def isneginf(self) -> TensorBase:
        return self._wrap(np.isinf(self._data) & (self._data < 0))

    def nan_to_num(self, nan=0.0, posinf=None, neginf=None) -> TensorBase:
        if self._data.dtype.kind != "f":
            return self.clone()
        return self._apply(_ops.NanToNum, self, nan=nan, posinf=posinf, neginf=neginf)

    def logit(self, eps=None) -> TensorBase:
        return self._apply(_ops.Logit, _floating(self), eps=eps)

    log1p = on_floats("log1p", _ops.Log1p)
    expm1 = on_floats("expm1", _ops.Expm1)
    log2 = on_floats("log2", _ops.Log2)
    log10 = on_floats("log10", _ops.Log10)
    exp2 = on_floats("exp2", _ops.Exp2)
    rsqrt = on_floats("rsqrt", _ops.Rsqrt)
    sinh = on_floats("sinh", _ops.Sinh)
    cosh = on_floats("cosh", _ops.Cosh)
    tan = on_floats("tan", _ops.Tan)
    asin = on_floats("asin", _ops.Asin)
    acos = on_floats("acos", _ops.Acos)
    atan = on_floats("atan", _ops.Atan)
    asinh = on_floats("asinh", _ops.Asinh)
    acosh = on_floats("acosh", _ops.Acosh)
    atanh = on_floats("atanh", _ops.Atanh)
    erf = on_floats("erf", _ops.Erf)
    erfc = on_floats("erfc", _ops.Erfc)
    erfinv = on_floats("erfinv", _ops.Erfinv)
    sinc = on_floats("sinc", _ops.Sinc)
    deg2rad = on_floats("deg2rad", _ops.Deg2Rad)
    rad2deg = on_floats("rad2deg", _ops.Rad2Deg)

    arcsin, arccos, arctan = asin, acos, atan
    arcsinh, arccosh, arctanh = asinh, acosh, atanh

    def negative(self) -> TensorBase:
        return self.neg()

    def absolute(self) -> TensorBase:
        return self.abs()


INPLACE = ["floor", "ceil", "trunc", "fix", "frac", "sgn", "square", "nan_to_num"]
INPLACE += ["logit", "log1p", "expm1", "log2", "log10", "exp2", "rsqrt", "sinh"]
INPLACE += ["cosh", "tan", "asin", "acos", "atan", "asinh", "acosh", "atanh", "erf"]
INPLACE += ["erfc", "erfinv", "sinc", "deg2rad", "rad2deg", "arcsin", "arccos"]
INPLACE += ["arctan", "arcsinh", "arccosh", "arctanh", "negative", "absolute"]
INPLACE += ["round", "sign", "reciprocal"]
for _name in INPLACE:
    _classes = (UnaryMathMethods, PointwiseMethods)
    setattr(
        UnaryMathMethods,
        _name + "_",
        calling(_name, _classes, write=True, owner=UnaryMathMethods),
    )
