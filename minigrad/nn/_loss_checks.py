"""Checks and broadcasting shared by nn.functional's losses (torch's messages)."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes, ops
from minigrad._broadcast import broadcast_shape
from minigrad._size import Size
from minigrad.engine import grad_mode
from minigrad.tensor import Tensor, apply


def _torch_name(array: np.ndarray) -> str:
    return dtypes.scalar_type_name(array.dtype)


def _require_tensor(
    name: str, value: object, argument: str = "input", position: int = 1
) -> None:
    if not isinstance(value, Tensor):
        raise TypeError(
            f"{name}(): argument '{argument}' (position {position}) must be Tensor, not {type(value).__name__}"
        )


def _require_method(input: object, method: str) -> None:
    if not isinstance(input, Tensor):
        raise AttributeError(
            f"'{type(input).__name__}' object has no attribute '{method}'"
        )


def _require_size(*tensors: object) -> None:
    for t in tensors:
        _require_method(t, "size")


def _broadcast_pair(a: Tensor, b: Tensor, shape=None) -> tuple[Tensor, Tensor]:
    """torch.broadcast_tensors: ExpandBackward0 nodes where a shape grows
    (``shape``: their broadcast shape, when already known)."""
    if a._data.shape == b._data.shape:
        return a, b
    if shape is None:
        shape = broadcast_shape(a._data.shape, b._data.shape)
    if a._data.shape != shape:
        a = apply(ops.Expand, a, shape=shape)
    if b._data.shape != shape:
        b = apply(ops.Expand, b, shape=shape)
    return a, b


def _not_differentiable(t: Tensor | None, fn: str, arg: str) -> None:
    if t is not None and t._requires_grad and grad_mode.state.enabled:
        raise RuntimeError(
            f"The function '{fn}' is not differentiable with respect to argument '{arg}'. This input cannot have requires_grad True."
        )


def _size_warning(input: tuple, target: tuple) -> str:
    """torch's warning text for a loss whose target's size differs from the input's."""
    return f"Using a target size ({Size(target)}) that is different to the input size ({Size(input)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size."
