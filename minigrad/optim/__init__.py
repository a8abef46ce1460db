"""minigrad.optim: optimizers with torch's update rules."""

from minigrad.optim.optimizer import Optimizer, required
from minigrad.optim.sgd import SGD

__all__ = ["SGD", "Optimizer", "required"]
