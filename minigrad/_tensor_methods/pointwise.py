"""Elementwise functions of one tensor: neg, exp, log, sqrt, activations, round, sign."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._tensor_methods.base import TensorBase, named


def on_floats(name: str, op: type) -> Callable:
    """The method ``name``: ``op`` on self, an integer or bool tensor first cast to
    the default float dtype (as torch)."""

    def method(self) -> TensorBase:
        return self._apply(op, _floating(self))

    return named(method, name, f"{name} of self, in floating point: {op.__doc__}")


class PointwiseMethods(TensorBase):
    __slots__ = ()

    def neg(self) -> TensorBase:
        if self._data.dtype.kind == "b":
            raise RuntimeError(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
            )
        return self._apply(_ops.Neg, self)

    reciprocal = on_floats("reciprocal", _ops.Reciprocal)
    exp = on_floats("exp", _ops.Exp)
    log = on_floats("log", _ops.Log)
    sqrt = on_floats("sqrt", _ops.Sqrt)

    def abs(self) -> TensorBase:
        if self._data.dtype.kind == "b":
            raise NotImplementedError("\"abs_cpu\" not implemented for 'Bool'")
        return self._apply(_ops.Abs, self)

    sigmoid = on_floats("sigmoid", _ops.Sigmoid)
    tanh = on_floats("tanh", _ops.Tanh)

    def relu(self) -> TensorBase:
        return self._apply(_ops.Relu, self)

    sin = on_floats("sin", _ops.Sin)
    cos = on_floats("cos", _ops.Cos)

    def round(self, *, decimals: int | None = None) -> TensorBase:
        kind = self._data.dtype.kind
        if kind != "f":
            if kind == "b" or decimals is not None:
                kernel = "round_cpu" if decimals else "round_vml_cpu"
                name = dtypes.scalar_type_name(self._data.dtype)
                raise NotImplementedError(f"\"{kernel}\" not implemented for '{name}'")
            return self.clone()
        if decimals is None:
            return self._apply(_ops.Round, self)
        return self._apply(_ops.RoundDecimals, self, decimals=decimals)

    def sign(self) -> TensorBase:
        if self._data.dtype.kind == "b":
            return self.clone()
        if self._data.dtype.kind != "f":
            return self._wrap(np.sign(self._data))
        return self._apply(_ops.Sign, self)

    __neg__ = neg
    __abs__ = abs


def _floating(t: TensorBase) -> TensorBase:
    if t._data.dtype.kind == "f":
        return t
    return t.to(dtypes.get_default_dtype())
