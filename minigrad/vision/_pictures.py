"""What the transforms accept as a picture: minigrad's Image, a PIL image, an array."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from minigrad.vision._image import Image


def is_pil(pic: Any) -> bool:
    """A Pillow image, recognised without importing Pillow."""
    return type(pic).__module__.startswith("PIL.") and hasattr(pic, "getbands")


def is_picture(pic: Any) -> bool:
    return isinstance(pic, Image) or is_pil(pic)


def pixels_hwc(pic: Any) -> np.ndarray:
    """The pixels of an Image or PIL image as H x W x C, by torchvision's rules
    (PIL modes 'I', 'I;16' and 'F' keep their integer or float values)."""
    if isinstance(pic, Image):
        data = np.asarray(pic)
    else:
        wide = {"I": np.int32, "F": np.float32}
        wide["I;16" if sys.byteorder == "little" else "I;16B"] = np.int16
        data = np.array(pic, wide.get(pic.mode, np.uint8), copy=True)
        if pic.mode == "1":
            data = 255 * data
    width, height = pic.size
    return data.reshape(height, width, len(pic.getbands()))
