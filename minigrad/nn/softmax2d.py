"""Softmax2d: softmax over the channels at every spatial position."""

from __future__ import annotations

from minigrad.nn._softmax import softmax
from minigrad.nn.module import Module
from minigrad.tensor import Tensor


class Softmax2d(Module):
    """softmax along dim -3 of a (N, C, H, W) or (C, H, W) input."""

    def forward(self, input: Tensor) -> Tensor:
        if input.dim() not in (3, 4):
            raise ValueError(
                f"Softmax2d: expected input to be 3D or 4D, got {input.dim()}D instead"
            )
        return softmax(input, -3, _stacklevel=5)
