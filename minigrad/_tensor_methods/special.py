"""The gamma family, i0 and float bits as Tensor methods: lgamma, digamma, polygamma,
mvlgamma, i0, ldexp, frexp, nextafter."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes, return_types
from minigrad import ops as _ops
from minigrad._tensor_methods.arithmetic import _binary
from minigrad._tensor_methods.base import TensorBase, _require_tensor, calling
from minigrad._tensor_methods.pointwise import _floating, on_floats


def _int_argument(value, function: str, name: str, position: str = "") -> int:
    """torch's TypeError for a non-int argument (bool is refused too)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        where = f" (position {position})" if position else ""
        raise TypeError(
            f"{function}(): argument '{name}'{where} must be int, not {type(value).__name__}"
        )
    return int(value)


class SpecialMethods(TensorBase):
    __slots__ = ()

    lgamma = on_floats("lgamma", _ops.Lgamma)
    i0 = on_floats("i0", _ops.I0)
    digamma = on_floats("digamma", _ops.Digamma)

    def polygamma(self, n: int) -> TensorBase:
        n = _int_argument(n, "polygamma", "n", "1")
        if n < 0:
            raise RuntimeError("polygamma(n, x) does not support negative n.")
        return self._apply(_ops.Polygamma, _floating(self), n=n)

    def mvlgamma(self, p: int) -> TensorBase:
        p = _int_argument(p, "mvlgamma", "p")
        if p < 1:
            raise RuntimeError("p has to be greater than or equal to 1")
        return self._apply(_ops.Mvlgamma, _floating(self), p=p)

    def ldexp(self, other: TensorBase) -> TensorBase:
        other = _require_tensor(other, "ldexp")
        return _binary(_ops.Ldexp, self, other, floating=True)

    def nextafter(self, other: TensorBase) -> TensorBase:
        other = _require_tensor(other, "nextafter")
        for t in (self, other):
            if t._data.dtype.kind != "f":
                name = dtypes.scalar_type_name(t._data.dtype)
                raise NotImplementedError(
                    f"\"nextafter_cpu\" not implemented for '{name}'"
                )
        return _binary(_ops.Nextafter, self, other)

    def frexp(self) -> tuple:
        if self._data.dtype.kind != "f":
            raise RuntimeError("torch.frexp() only supports floating-point dtypes")
        mantissa = self._apply(_ops.Frexp, self)
        exponent = np.frexp(self._data)[1].astype(np.int32)
        return return_types.frexp((mantissa, self._wrap(exponent)))

    def mvlgamma_(self, p: int) -> TensorBase:
        if self._data.dtype.kind != "f":  # NOTE: matches torch's wording
            name = dtypes.scalar_type_name(self._data.dtype)
            default = dtypes.scalar_type_name(dtypes.default_float_np())
            raise RuntimeError(
                f"mvlgamma: result type {name} can't be cast to the desired output type {default}"
            )
        return self._inplace(self.mvlgamma(p))

    def ldexp_(self, other: TensorBase) -> TensorBase:
        if self._data.dtype.kind != "f":  # NOTE: matches torch's wording
            name = dtypes.scalar_type_name(self._data.dtype)
            raise RuntimeError(f"ldexp can't be cast to the desired output type {name}")
        return self._inplace(self.ldexp(other))


for _name in ["lgamma", "i0", "digamma", "polygamma", "nextafter"]:
    setattr(
        SpecialMethods,
        _name + "_",
        calling(_name, (SpecialMethods,), write=True, owner=SpecialMethods),
    )
