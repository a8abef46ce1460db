"""minigrad.from_torch: a torch tensor's data copied into a minigrad tensor."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad.tensor import Tensor, _leaf

_TORCH_DTYPES = {
    f"torch.{d}" for d in ("float64", "float32", "int64", "int32", "uint8", "bool")
}


def from_torch(t: Any) -> Tensor:
    """A minigrad tensor holding a copy of torch tensor ``t`` (``requires_grad`` kept).

    ``t`` may live on any device and may require grad; its data is detached and
    copied to the CPU. Only minigrad's dtypes convert (TypeError otherwise).
    """
    import torch

    if not isinstance(t, torch.Tensor):
        raise TypeError(
            f"from_torch(): argument 't' must be a torch.Tensor, not {type(t).__name__}"
        )
    if str(t.dtype) not in _TORCH_DTYPES:
        raise TypeError(
            f"from_torch(): can't convert torch.Tensor of type {t.dtype}. The only supported types are: float64, float32, int64, int32, uint8, and bool."
        )
    data = t.detach().cpu().resolve_conj().resolve_neg().numpy()
    return _leaf(np.array(data, copy=True), t.requires_grad)
