"""Flips and crops of an Image, a PIL image or a tensor, as torchvision's functional."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad.factories import from_numpy
from minigrad.tensor import Tensor
from minigrad.vision._image import Image
from minigrad.vision._pictures import is_pil


def size_hw(img: Any) -> tuple[int, int]:
    if isinstance(img, Tensor):
        if img.dim() < 2:
            raise TypeError("Tensor is not a torch image.")
        return img.shape[-2], img.shape[-1]
    if isinstance(img, Image) or is_pil(img):
        return img.size[1], img.size[0]
    raise TypeError(f"img should be PIL Image or Tensor. Got {type(img)}")


def flip(img: Any, axis: int) -> Any:
    """Mirror left-right (axis -1) or top-bottom (axis -2)."""
    size_hw(img)
    if is_pil(img):
        return img.transpose(
            0 if axis == -1 else 1
        )  # PIL's FLIP_LEFT_RIGHT / TOP_BOTTOM
    if isinstance(img, Image):
        pixels = np.asarray(img)
        return Image(np.flip(pixels, 1 if axis == -1 else 0), img.mode)
    return from_numpy(np.flip(img.detach().numpy(), axis).copy())


def center_crop(img: Any, height: int, width: int) -> Any:
    """torchvision's center_crop: zero padding first when the crop is larger."""
    h, w = size_hw(img)
    if is_pil(img):
        top, left = _corner(h, w, height, width)
        return img.crop((left, top, left + width, top + height))  # PIL pads with 0
    data = np.asarray(img) if isinstance(img, Image) else img.detach().numpy()
    if height > h or width > w:
        pad_h, pad_w = max(height - h, 0), max(width - w, 0)
        spec = [(0, 0)] * data.ndim
        rows, cols = (
            (0, 1) if isinstance(img, Image) else (data.ndim - 2, data.ndim - 1)
        )
        spec[rows] = (pad_h // 2, (pad_h + 1) // 2)
        spec[cols] = (pad_w // 2, (pad_w + 1) // 2)
        data = np.pad(data, spec)
        h, w = h + pad_h, w + pad_w
    top, left = _corner(h, w, height, width)
    if isinstance(img, Image):
        return Image(data[top : top + height, left : left + width], img.mode)
    return from_numpy(
        np.ascontiguousarray(data[..., top : top + height, left : left + width])
    )


def _corner(h: int, w: int, height: int, width: int) -> tuple[int, int]:
    # NOTE: matches torchvision: int(round((size - crop) / 2.0)), half to even
    return int(round((h - height) / 2.0)), int(round((w - width) / 2.0))
