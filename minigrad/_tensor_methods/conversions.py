"""New tensors like this one (new_*), dtype conversions (to, float, ...), copies."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._array import to_array
from minigrad._checks import check_number, fill_overflow
from minigrad._device import CUDA_MISSING, cpu_device, parse_to
from minigrad._size import parse_size
from minigrad._tensor_methods.base import TensorBase, named


def _to(name: str, dtype: dtypes.dtype) -> Callable:
    """The method ``name``: self.to(dtype) (torch's x.float(), x.long()...)."""

    def method(self) -> TensorBase:
        return self.to(dtype)

    return named(method, name, f"self.to({dtype}).")


class ConversionMethods(TensorBase):
    __slots__ = ()

    # --- new tensors like this one ---------------------------------------------

    def new_tensor(
        self, data, dtype=None, device=None, requires_grad=False
    ) -> TensorBase:
        cpu_device(device)
        if isinstance(data, TensorBase):
            data = data._data
        dtype = self.dtype if dtype is None else dtype
        return self._leaf(to_array(data, dtype), requires_grad)

    def new_full(
        self, size, fill_value, *, dtype=None, device=None, requires_grad=False
    ) -> TensorBase:
        cpu_device(device)
        np_dtype = self._data.dtype if dtype is None else dtypes.to_np(dtype)
        check_number(fill_value, "new_full", "fill_value", 2)
        fill_overflow(fill_value, np_dtype)
        return self._leaf(
            np.full(parse_size((size,)), fill_value, np_dtype), requires_grad
        )

    def new_zeros(
        self, *size, dtype=None, device=None, requires_grad=False
    ) -> TensorBase:
        return self.new_full(
            parse_size(size), 0, dtype=dtype, requires_grad=requires_grad
        )

    def new_ones(
        self, *size, dtype=None, device=None, requires_grad=False
    ) -> TensorBase:
        return self.new_full(
            parse_size(size), 1, dtype=dtype, requires_grad=requires_grad
        )

    def new_empty(
        self, *size, dtype=None, device=None, requires_grad=False
    ) -> TensorBase:
        return self.new_zeros(*size, dtype=dtype, requires_grad=requires_grad)

    # --- dtype conversion ------------------------------------------------------

    def to(self, *args, **kwargs) -> TensorBase:
        """This tensor in another dtype (itself if nothing changes and copy is False)."""
        _, dtype, copy = parse_to(args, kwargs, TensorBase)
        if dtype is None:
            dtype = self.dtype
        if dtype.np == self._data.dtype and not copy:
            return self
        if (
            not dtype.is_floating_point
        ):  # NOTE: matches torch: no gradient flows to ints
            return self._wrap(self._data.astype(dtype.np))
        return self._apply(_ops.ToCopy, self, dtype=dtype.np)

    def type(self, dtype=None):
        if dtype is None:
            return dtypes.TYPE_NAMES[self._data.dtype]
        if isinstance(dtype, str):
            for np_dtype, name in dtypes.TYPE_NAMES.items():
                if dtype in (name, name.replace("torch.", "minigrad.")):
                    return self.to(dtypes._BY_NP[np_dtype])
            raise ValueError(f"invalid type: '{dtype}'")
        if isinstance(dtype, type) and hasattr(dtype, "dtype"):
            dtype = dtype.dtype
        if not isinstance(dtype, dtypes.dtype):
            raise TypeError("dtype must be a type, str, or dtype object")
        return self.to(dtype)

    float = _to("float", dtypes.float32)
    double = _to("double", dtypes.float64)
    long = _to("long", dtypes.int64)
    int = _to("int", dtypes.int32)
    bool = _to("bool", dtypes.bool)
    byte = _to("byte", dtypes.uint8)

    def cpu(self) -> TensorBase:
        return self

    def cuda(self, device=None, non_blocking: bool = False) -> TensorBase:
        raise AssertionError(CUDA_MISSING)

    def clone(self) -> TensorBase:
        return self._apply(_ops.Clone, self)

    def contiguous(self) -> TensorBase:
        return self if self._data.flags.c_contiguous else self.clone()
