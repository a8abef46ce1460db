"""Pixel shuffle and unshuffle: channels to and from r x r blocks of the last two dims; each the other's adjoint."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op


def shuffle(x: np.ndarray, r: int) -> np.ndarray:
    """(*, C r^2, H, W) -> (*, C, H r, W r)."""
    *lead, c, h, w = x.shape
    y = x.reshape(*lead, c // (r * r), r, r, h, w)
    n = len(lead)
    y = y.transpose(*range(n), n, n + 3, n + 1, n + 4, n + 2)
    return np.ascontiguousarray(y).reshape(*lead, c // (r * r), h * r, w * r)


def unshuffle(x: np.ndarray, r: int) -> np.ndarray:
    """(*, C, H r, W r) -> (*, C r^2, H, W)."""
    *lead, c, h, w = x.shape
    y = x.reshape(*lead, c, h // r, r, w // r, r)
    n = len(lead)
    y = y.transpose(*range(n), n, n + 2, n + 4, n + 1, n + 3)
    return np.ascontiguousarray(y).reshape(*lead, c * r * r, h // r, w // r)


class PixelShuffle(Op):
    """y = shuffle(x, r), or unshuffle(x, r) when inverse;  dx = the other one of g"""

    def forward(self, x, r, inverse=False):
        self.r, self.inverse = r, inverse
        self.node_name = f"Pixel{'Uns' if inverse else 'S'}huffleBackward0"
        return (unshuffle if inverse else shuffle)(x, r)

    def backward(self, g):
        if is_array(g):
            return ((shuffle if self.inverse else unshuffle)(g, self.r),)
        return (record(PixelShuffle, g, r=self.r, inverse=not self.inverse),)
