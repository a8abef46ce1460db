"""torch.nn.modules.pooling's path: the pooling layers, as torch names them."""

from minigrad.nn.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d
from minigrad.nn.pooling_more import *  # noqa: F403  (MaxPool1d, AdaptiveMaxPool2d, ...)
from minigrad.nn.pooling_more import __all__ as _more

__all__ = ["AdaptiveAvgPool2d", "AvgPool2d", "MaxPool2d", *_more]
