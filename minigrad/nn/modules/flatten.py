"""torch.nn.modules.flatten's path: Flatten and Unflatten, as torch names them."""

from minigrad.nn.flatten import Flatten, Unflatten

__all__ = ["Flatten", "Unflatten"]
