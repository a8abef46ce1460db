"""PixelShuffle and PixelUnshuffle layers."""

from __future__ import annotations

from minigrad.nn import _pixel_shuffle_functional as F
from minigrad.nn._functional_module import functional_module

PixelShuffle = functional_module("PixelShuffle", F.pixel_shuffle, "upscale_factor")
PixelUnshuffle = functional_module(
    "PixelUnshuffle", F.pixel_unshuffle, "downscale_factor"
)
