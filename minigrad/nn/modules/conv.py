"""torch.nn.modules.conv's path: the convolutions, as torch names them."""

from minigrad.nn.conv import Conv1d, Conv2d, _ConvNd  # noqa: F401  (torch's private base)
from minigrad.nn.conv_transpose import (  # noqa: F401  (torch's private base)
    ConvTranspose1d,
    ConvTranspose2d,
    _ConvTransposeNd,
)

__all__ = ["Conv1d", "Conv2d", "ConvTranspose1d", "ConvTranspose2d"]
