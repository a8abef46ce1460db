"""torch.nn.modules.normalization's path: layer, group and RMS norms, as torch names them."""

from minigrad.nn.normalization import LayerNorm
from minigrad.nn.normalization_more import GroupNorm, RMSNorm

__all__ = ["GroupNorm", "LayerNorm", "RMSNorm"]
