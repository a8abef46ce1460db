"""torch.nn.modules.pixelshuffle's path: PixelShuffle and PixelUnshuffle."""

from minigrad.nn.pixelshuffle import PixelShuffle, PixelUnshuffle

__all__ = ["PixelShuffle", "PixelUnshuffle"]
