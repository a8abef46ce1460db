"""F.pixel_shuffle and F.pixel_unshuffle, checked as torch."""

from __future__ import annotations

from minigrad.nn._loss_checks import _require_tensor
from minigrad.ops.pixel_shuffle import PixelShuffle
from minigrad.tensor import Tensor, apply

__all__ = ["pixel_shuffle", "pixel_unshuffle"]


def _check(name: str, input: Tensor, factor, what: str) -> None:
    _require_tensor(name, input)
    if isinstance(factor, bool) or not isinstance(factor, int):
        raise TypeError(
            f"{name}(): argument '{what}' (position 2) must be int, not {type(factor).__name__}"
        )
    if input.dim() < 3:
        raise RuntimeError(
            f"{name} expects input to have at least 3 dimensions, but got input with {input.dim()} dimension(s)"
        )
    if factor <= 0:
        raise RuntimeError(f"{name} expects a positive {what}, but got {factor}")


def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:
    """(*, C r^2, H, W) -> (*, C, H r, W r)."""
    _check("pixel_shuffle", input, upscale_factor, "upscale_factor")
    c, r = input.shape[-3], upscale_factor
    if c % (r * r):
        raise RuntimeError(
            f"pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)={c} is not divisible by {r * r}"
        )
    return apply(PixelShuffle, input, r=r)


def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:
    """(*, C, H r, W r) -> (*, C r^2, H, W)."""
    _check("pixel_unshuffle", input, downscale_factor, "downscale_factor")
    r = downscale_factor
    for what, dim in (("height", -2), ("width", -1)):
        if input.shape[dim] % r:
            raise RuntimeError(
                f"pixel_unshuffle expects {what} to be divisible by downscale_factor, but input.size({dim})={input.shape[dim]} is not divisible by {r}"
            )
    return apply(PixelShuffle, input, r=r, inverse=True)
