"""torch.nn.modules.loss's path: the loss layers and their bases, as torch names them."""

from minigrad.nn._loss_module import _Loss, _WeightedLoss  # noqa: F401  (bases users subclass)
from minigrad.nn.loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    MSELoss,
    NLLLoss,
)
from minigrad.nn.loss_more import *  # noqa: F403  (L1Loss, SmoothL1Loss, ...)
from minigrad.nn.loss_more import __all__ as _more

__all__ = ["BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "MSELoss", "NLLLoss"]
__all__ += _more
