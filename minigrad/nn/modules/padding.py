"""torch.nn.modules.padding's path: the padding layers, as torch names them."""

from minigrad.nn.padding import *  # noqa: F403  (ZeroPad2d, ReflectionPad1d, ...)
from minigrad.nn.padding import __all__ as _all
from minigrad.nn.padding import (  # noqa: F401  (torch's private bases)
    _CircularPadNd,
    _ConstantPadNd,
    _ReflectionPadNd,
    _ReplicationPadNd,
)

__all__ = list(_all)
