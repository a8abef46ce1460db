"""torch.nn.modules.upsampling's path: the upsampling layers, as torch names them."""

from minigrad.nn.upsampling import *  # noqa: F403  (Upsample, ...)
from minigrad.nn.upsampling import __all__ as _all

__all__ = list(_all)
