"""torch.nn.modules.batchnorm's path: batch normalisation, as torch names it."""

from minigrad.nn.batchnorm import (  # noqa: F401  (torch's private base)
    BatchNorm1d,
    BatchNorm2d,
    _BatchNorm,
    _NormBase,
)
from minigrad.nn.normalization_more import BatchNorm3d

__all__ = ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d"]
