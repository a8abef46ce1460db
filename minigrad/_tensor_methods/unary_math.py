"""More elementwise functions of one tensor: rounding, logs, trig, erf, tests (isnan...)."""

from __future__ import annotations

import inspect

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._tensor_methods.base import TensorBase
from minigrad._tensor_methods.pointwise import PointwiseMethods, _floating


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

    def _float_op(self, op) -> TensorBase:
        return self._apply(op, _floating(self))

    def log1p(self) -> TensorBase:
        return self._float_op(_ops.Log1p)

    def expm1(self) -> TensorBase:
        return self._float_op(_ops.Expm1)

    def log2(self) -> TensorBase:
        return self._float_op(_ops.Log2)

    def log10(self) -> TensorBase:
        return self._float_op(_ops.Log10)

    def exp2(self) -> TensorBase:
        return self._float_op(_ops.Exp2)

    def rsqrt(self) -> TensorBase:
        return self._float_op(_ops.Rsqrt)

    def sinh(self) -> TensorBase:
        return self._float_op(_ops.Sinh)

    def cosh(self) -> TensorBase:
        return self._float_op(_ops.Cosh)

    def tan(self) -> TensorBase:
        return self._float_op(_ops.Tan)

    def asin(self) -> TensorBase:
        return self._float_op(_ops.Asin)

    def acos(self) -> TensorBase:
        return self._float_op(_ops.Acos)

    def atan(self) -> TensorBase:
        return self._float_op(_ops.Atan)

    def asinh(self) -> TensorBase:
        return self._float_op(_ops.Asinh)

    def acosh(self) -> TensorBase:
        return self._float_op(_ops.Acosh)

    def atanh(self) -> TensorBase:
        return self._float_op(_ops.Atanh)

    def erf(self) -> TensorBase:
        return self._float_op(_ops.Erf)

    def erfc(self) -> TensorBase:
        return self._float_op(_ops.Erfc)

    def erfinv(self) -> TensorBase:
        return self._float_op(_ops.Erfinv)

    def sinc(self) -> TensorBase:
        return self._float_op(_ops.Sinc)

    def deg2rad(self) -> TensorBase:
        return self._float_op(_ops.Deg2Rad)

    def rad2deg(self) -> TensorBase:
        return self._float_op(_ops.Rad2Deg)

    arcsin, arccos, arctan = asin, acos, atan
    arcsinh, arccosh, arctanh = asinh, acosh, atanh

    def negative(self) -> TensorBase:
        return self.neg()

    def absolute(self) -> TensorBase:
        return self.abs()


def _calling(target: str, name: str, classes: tuple, write: bool = False):
    """A method ``name`` that calls ``self.<target>`` (an alias), or with ``write``
    writes its result into self (torch's in-place ``x.<target>_()``); it shows the
    signature of the target, found in the first of ``classes`` that has it."""

    def method(self, *args, **kwargs):
        result = getattr(self, target)(*args, **kwargs)
        return self._inplace(result) if write else result

    method.__name__ = method.__qualname__ = name
    like = next(getattr(c, target) for c in classes if hasattr(c, target))
    method.__signature__ = inspect.signature(like)
    return method


def _inplace_version(name: str, classes: tuple):
    return _calling(name, name + "_", classes, write=True)


INPLACE = ["floor", "ceil", "trunc", "fix", "frac", "sgn", "square", "nan_to_num"]
INPLACE += ["logit", "log1p", "expm1", "log2", "log10", "exp2", "rsqrt", "sinh"]
INPLACE += ["cosh", "tan", "asin", "acos", "atan", "asinh", "acosh", "atanh", "erf"]
INPLACE += ["erfc", "erfinv", "sinc", "deg2rad", "rad2deg", "arcsin", "arccos"]
INPLACE += ["arctan", "arcsinh", "arccosh", "arctanh", "negative", "absolute"]
INPLACE += ["round", "sign", "reciprocal"]
for _name in INPLACE:
    _classes = (UnaryMathMethods, PointwiseMethods)
    setattr(UnaryMathMethods, _name + "_", _inplace_version(_name, _classes))
