"""Learning-rate schedulers with torch's chainable and closed-form values."""

from minigrad.optim.lr_scheduler.base import (
    EPOCH_DEPRECATION_WARNING,
    LRScheduler,
    _LRScheduler,
)
from minigrad.optim.lr_scheduler.decays import (
    ConstantLR,
    CosineAnnealingLR,
    ExponentialLR,
    LinearLR,
    MultiStepLR,
    StepLR,
)
from minigrad.optim.lr_scheduler.lambdas import LambdaLR, MultiplicativeLR
from minigrad.optim.lr_scheduler.plateau import ReduceLROnPlateau

__all__ = [
    "ConstantLR",
    "CosineAnnealingLR",
    "ExponentialLR",
    "LinearLR",
    "LRScheduler",
    "LambdaLR",
    "MultiStepLR",
    "MultiplicativeLR",
    "ReduceLROnPlateau",
    "StepLR",
]
