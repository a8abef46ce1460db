"""Elementwise functions of one tensor: neg, exp, log, sqrt, activations, round, sign."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._tensor_methods.base import TensorBase


class PointwiseMethods(TensorBase):
    __slots__ = ()

    def neg(self) -> TensorBase:
        if self._data.dtype.kind == "b":
            raise RuntimeError(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
            )
        return self._apply(_ops.Neg, self)

    def reciprocal(self) -> TensorBase:
        return self._apply(_ops.Reciprocal, _floating(self))

    def exp(self) -> TensorBase:
        return self._apply(_ops.Exp, _floating(self))

    def log(self) -> TensorBase:
        return self._apply(_ops.Log, _floating(self))

    def sqrt(self) -> TensorBase:
        return self._apply(_ops.Sqrt, _floating(self))

    def abs(self) -> TensorBase:
        if self._data.dtype.kind == "b":
            raise NotImplementedError("\"abs_cpu\" not implemented for 'Bool'")
        return self._apply(_ops.Abs, self)

    def sigmoid(self) -> TensorBase:
        return self._apply(_ops.Sigmoid, _floating(self))

    def tanh(self) -> TensorBase:
        return self._apply(_ops.Tanh, _floating(self))

    def relu(self) -> TensorBase:
        return self._apply(_ops.Relu, self)

    def sin(self) -> TensorBase:
        return self._apply(_ops.Sin, _floating(self))

    def cos(self) -> TensorBase:
        return self._apply(_ops.Cos, _floating(self))

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
