"""In-place writes: x[key] = v, add_ and the other op_ methods, zero_, fill_, copy_."""

from __future__ import annotations

import numpy as np

from minigrad import ops as _ops
from minigrad._checks import fill_overflow
from minigrad._indexing import index_key, tensor_words
from minigrad._tensor_methods.base import TensorBase, _key_arrays

_FULL = slice(None)


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

    def add_(self, other, *, alpha=1) -> TensorBase:
        return self._inplace(self.add(other, alpha=alpha))

    def sub_(self, other, *, alpha=1) -> TensorBase:
        return self._inplace(self.sub(other, alpha=alpha))

    def mul_(self, other) -> TensorBase:
        return self._inplace(self.mul(other))

    def div_(self, other) -> TensorBase:
        return self._inplace(self.div(other))

    def pow_(self, exponent) -> TensorBase:
        return self._inplace(self.pow(exponent))

    def __iadd__(self, other) -> TensorBase:  # x += other, in place as torch
        return self.add_(other)

    def __isub__(self, other) -> TensorBase:
        return self.sub_(other)

    def __imul__(self, other) -> TensorBase:
        return self.mul_(other)

    def __itruediv__(self, other) -> TensorBase:
        return self.div_(other)

    def relu_(self) -> TensorBase:
        return self._inplace(self.relu())

    def sigmoid_(self) -> TensorBase:
        return self._inplace(self.sigmoid())

    def tanh_(self) -> TensorBase:
        return self._inplace(self.tanh())

    def exp_(self) -> TensorBase:
        return self._inplace(self.exp())

    def log_(self) -> TensorBase:
        return self._inplace(self.log())

    def sqrt_(self) -> TensorBase:
        return self._inplace(self.sqrt())

    def abs_(self) -> TensorBase:
        return self._inplace(self.abs())

    def neg_(self) -> TensorBase:
        return self._inplace(self.neg())

    def clamp_(self, min=None, max=None) -> TensorBase:
        return self._inplace(self.clamp(min, max))

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
