"""The array protocols (NumPy's __array__, DLPack) and the copy to torch, on arrays."""

from __future__ import annotations

from typing import Any

import numpy as np


def array(data: np.ndarray, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
    """``np.asarray(tensor)``: NumPy 2's ``copy`` keyword (False: never copy)."""
    if dtype is not None and np.dtype(dtype) != data.dtype:
        if copy is False:
            raise ValueError(
                "Unable to avoid copy while creating an array as requested."
            )
        return data.astype(dtype)
    return data.copy() if copy else data


def dlpack(data: np.ndarray, requires_grad: bool, **kwargs: Any) -> Any:
    """``tensor.__dlpack__()``: the ndarray's capsule (no copy)."""
    # NOTE: matches torch: a tensor that requires grad is not exported.
    if requires_grad:
        raise BufferError(
            "Can't export tensors that require gradient, use tensor.detach()"
        )
    return data.__dlpack__(**kwargs)


def to_torch(data: np.ndarray, requires_grad: bool) -> Any:
    """A torch tensor holding a copy of ``data`` (``requires_grad`` kept)."""
    import torch

    return torch.from_numpy(np.array(data, copy=True)).requires_grad_(requires_grad)
