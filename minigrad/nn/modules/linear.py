"""torch.nn.modules.linear's path: the linear layers, as torch names them."""

from minigrad.nn.bilinear import Bilinear
from minigrad.nn.linear import Identity, Linear

__all__ = ["Bilinear", "Identity", "Linear"]
