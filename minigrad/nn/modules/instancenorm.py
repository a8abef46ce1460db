"""torch.nn.modules.instancenorm's path: instance normalisation, as torch names it."""

from minigrad.nn.normalization_more import (  # noqa: F401  (torch's private base)
    InstanceNorm1d,
    InstanceNorm2d,
    InstanceNorm3d,
    _InstanceNorm,
)

__all__ = ["InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"]
