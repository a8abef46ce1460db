"""Anything tensor-like (minigrad, torch, NumPy, numbers, lists) as one record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Number
from typing import Any

import numpy as np

from minigrad.tensor import Tensor


@dataclass(frozen=True)
class Value:
    """An array with the dtype, shape and device names its library would print."""

    array: np.ndarray
    library: str  # "torch" or "minigrad": how dtypes and shapes are spelled
    device: str = "cpu"
    from_python: bool = False  # a number or nested list: its dtype is NumPy's guess
    dtype: str = ""  # the library's dtype name when the array's differs (bfloat16)

    @property
    def dtype_name(self) -> str:
        return f"{self.library}.{self.dtype or self.array.dtype.name}"

    @property
    def shape_name(self) -> str:
        return f"{self.library}.Size({list(self.array.shape)})"


def is_torch_tensor(x: object) -> bool:
    """True for a torch.Tensor, without importing torch."""
    return any(
        c.__module__.startswith("torch") and c.__name__ == "Tensor"
        for c in type(x).__mro__
    )


def is_tensor_like(x: object) -> bool:
    return isinstance(x, (Tensor, np.ndarray, np.generic)) or is_torch_tensor(x)


def is_sequence(x: object) -> bool:
    return isinstance(x, Sequence) and not isinstance(x, (str, bytes))


def is_mapping(x: object) -> bool:
    return isinstance(x, Mapping)


def is_number(x: object) -> bool:
    return isinstance(x, Number) and not isinstance(x, np.generic)


def to_value(x: Any) -> Value:
    """A copy-free view of ``x`` as an ndarray (torch tensors detached, to CPU)."""
    if isinstance(x, Tensor):
        return Value(x._data, "minigrad")
    if is_torch_tensor(x):
        import torch

        t = x.detach()
        device = str(t.device)
        t = t.cpu().resolve_conj().resolve_neg()
        if t.dtype == torch.bfloat16:  # NOTE: NumPy has no bfloat16
            return Value(t.float().numpy(), "torch", device, dtype="bfloat16")
        return Value(t.numpy(), "torch", device)
    if isinstance(x, (np.ndarray, np.generic)):
        return Value(np.asarray(x), "minigrad")
    try:
        array = np.asarray(x)
    except (ValueError, TypeError) as error:
        raise TypeError(
            f"assert_close: cannot compare an object of type {type(x).__name__}: {error}"
        ) from None
    if array.dtype == object:
        raise TypeError(
            f"assert_close: cannot compare an object of type {type(x).__name__}"
        )
    return Value(array, "minigrad", from_python=True)
