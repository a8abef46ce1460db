"""In-place writes: x[key] = v, add_ and the other op_ methods, zero_, fill_, copy_."""

from __future__ import annotations

import numpy as np

from minigrad import ops as _ops
from minigrad._checks import fill_overflow
from minigrad._indexing import index_key, tensor_words
from minigrad._tensor_methods.arithmetic import ArithmeticMethods
from minigrad._tensor_methods.base import TensorBase, _key_arrays, calling
from minigrad._tensor_methods.pointwise import PointwiseMethods

_FULL = slice(None)
_TARGETS = (ArithmeticMethods, PointwiseMethods)  # where add, relu... are


class InplaceMethods(TensorBase):
    __slots__ = ()

    def __setitem__(self, key, value) -> None:
        key, name = index_key(_key_arrays(key))
        if isinstance(value, (list, tuple, np.ndarray)):
            value = self._operand(value)
        if not self._recorded(value):
            self._check_inplace()
            try:
                self._data[key] = (
                    value._data if isinstance(value, TensorBase) else value
                )
            except IndexError as e:
                raise IndexError(tensor_words(str(e))) from None
            except ValueError as e:
                raise RuntimeError(tensor_words(str(e))) from None
            return
        if not isinstance(value, TensorBase):
            value = self._wrap(np.asarray(value, dtype=self._data.dtype))
        if name == "IndexBackward0":  # an advanced key: index_put_, not a view
            value = value.to(self.dtype)
            try:
                result = self._apply(_ops.IndexPutValues, self, value, key=key)
            except (IndexError, ValueError) as e:
                raise type(e)(tensor_words(str(e))) from None
            self._inplace(result)
            return
        if all(k is Ellipsis or k == _FULL for k in key):
            self.copy_(value)  # NOTE: matches torch: x[...] = v is x.copy_(v)
            return
        try:
            view = self._apply(_ops.Index, self, key=key, name=name)
        except IndexError as e:
            raise IndexError(tensor_words(str(e))) from None
        view.copy_(value)  # NOTE: matches torch: x[key] = v is x[key].copy_(v)

    add_ = calling("add", _TARGETS, write=True)
    sub_ = calling("sub", _TARGETS, write=True)
    mul_ = calling("mul", _TARGETS, write=True)
    div_ = calling("div", _TARGETS, write=True)
    pow_ = calling("pow", _TARGETS, write=True)
    # x += other, in place as torch
    __iadd__ = calling("add", _TARGETS, "__iadd__", write=True)
    __isub__ = calling("sub", _TARGETS, "__isub__", write=True)
    __imul__ = calling("mul", _TARGETS, "__imul__", write=True)
    __itruediv__ = calling("div", _TARGETS, "__itruediv__", write=True)
    relu_ = calling("relu", _TARGETS, write=True)
    sigmoid_ = calling("sigmoid", _TARGETS, write=True)
    tanh_ = calling("tanh", _TARGETS, write=True)
    exp_ = calling("exp", _TARGETS, write=True)
    log_ = calling("log", _TARGETS, write=True)
    sqrt_ = calling("sqrt", _TARGETS, write=True)
    abs_ = calling("abs", _TARGETS, write=True)
    neg_ = calling("neg", _TARGETS, write=True)
    clamp_ = calling("clamp", _TARGETS, write=True)

    def zero_(self) -> TensorBase:
        if self._recorded():
            return self._inplace(self._apply(_ops.Zero, self))
        self._check_inplace()
        self._data[...] = 0
        return self

    def fill_(self, value) -> TensorBase:
        if not isinstance(value, (TensorBase, bool, int, float, np.number)):
            raise TypeError(
                f"fill_() received an invalid combination of arguments - got ({type(value).__name__}), but expected one of: (Tensor value) or (Number value)"
            )
        fill_overflow(value, self._data.dtype)
        if isinstance(value, TensorBase) and value._data.ndim:
            raise RuntimeError(
                f"fill_ only supports 0-dimension value tensor but got tensor with {value._data.ndim} dimensions."
            )
        if self._recorded(value):
            if isinstance(value, TensorBase):
                return self._inplace(self._apply(_ops.Fill, self, value))
            return self._inplace(self._apply(_ops.Fill, self, value=value))
        self._check_inplace()
        self._data[...] = value._data if isinstance(value, TensorBase) else value
        return self

    def copy_(self, src: TensorBase, non_blocking: bool = False) -> TensorBase:
        src = src if isinstance(src, TensorBase) else self._wrap(np.asarray(src))
        try:
            np.broadcast_shapes(src._data.shape, self._data.shape)
            if (
                np.broadcast_shapes(src._data.shape, self._data.shape)
                != self._data.shape
            ):
                raise ValueError
        except ValueError:
            raise RuntimeError(
                f"The size of tensor a ({self._data.shape[-1] if self._data.ndim else 1}) must match the size of tensor b ({src._data.shape[-1] if src._data.ndim else 1}) at non-singleton dimension {max(self._data.ndim - 1, 0)}"
            ) from None
        if self._recorded(src):
            return self._inplace(self._apply(_ops.Copy, self, src))
        self._check_inplace()
        self._data[...] = src._data
        return self

    def masked_fill_(self, mask: TensorBase, value) -> TensorBase:
        out = self.masked_fill(mask, value)
        if out._data.shape != self._data.shape:
            raise RuntimeError(
                f"output with shape {list(self._data.shape)} doesn't match the broadcast shape {list(out._data.shape)}"
            )
        return self._inplace(out)
