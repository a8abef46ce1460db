"""torch.nn.modules.fold's path: Fold and Unfold, as torch names them."""

from minigrad.nn.fold import Fold, Unfold

__all__ = ["Fold", "Unfold"]
