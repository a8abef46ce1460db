"""Conversions to and from torch, and the array protocols (NumPy, DLPack)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import torch

    from minigrad.tensor import Tensor


_TORCH_DTYPES = {
    f"torch.{d}" for d in ("float64", "float32", "int64", "int32", "uint8", "bool")
}


def from_torch(t: torch.Tensor) -> Tensor:
    """A minigrad tensor holding a copy of torch tensor ``t`` (``requires_grad`` kept).

    ``t`` may live on any device and may require grad; its data is detached and
    copied to the CPU. Only minigrad's dtypes convert (TypeError otherwise).
    """
    import torch

    from minigrad.factories import _finish

    if not isinstance(t, torch.Tensor):
        raise TypeError(
            f"from_torch(): argument 't' must be a torch.Tensor, not {type(t).__name__}"
        )
    if str(t.dtype) not in _TORCH_DTYPES:
        raise TypeError(
            f"from_torch(): can't convert torch.Tensor of type {t.dtype}. The only supported types are: float64, float32, int64, int32, uint8, and bool."  # noqa: E501
        )
    data = t.detach().cpu().resolve_conj().resolve_neg().numpy()
    return _finish(np.array(data, copy=True), t.requires_grad)


def to_torch(tensor: Tensor) -> torch.Tensor:
    """A torch tensor holding a copy of ``tensor``'s data (``requires_grad`` kept)."""
    import torch

    out = torch.from_numpy(np.array(tensor._data, copy=True))
    return out.requires_grad_(tensor.requires_grad)


def array(tensor: Tensor, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
    """``np.asarray(tensor)``: NumPy 2's ``copy`` keyword (False: never copy)."""
    data = tensor.numpy()
    if dtype is not None and np.dtype(dtype) != data.dtype:
        if copy is False:
            raise ValueError(
                "Unable to avoid copy while creating an array as requested."
            )
        return data.astype(dtype)
    return data.copy() if copy else data


def dlpack(tensor: Tensor, **kwargs: Any) -> Any:
    """``tensor.__dlpack__()``: the ndarray's capsule (no copy)."""
    # NOTE: matches torch: a tensor that requires grad is not exported.
    if tensor.requires_grad:
        raise BufferError(
            "Can't export tensors that require gradient, use tensor.detach()"
        )
    return tensor._data.__dlpack__(**kwargs)
