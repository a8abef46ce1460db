"""Image: a small PIL-free stand-in for the 8-bit PIL images torchvision hands out."""

from __future__ import annotations

import numpy as np

from minigrad.vision import _resample

_MODES = {"L": 1, "RGB": 3}


class Image:
    """An 8-bit image, mode 'L' (grey) or 'RGB'; as in PIL, ``size`` is (width, height).

    torchvision's MNIST gives ``PIL.Image.Image`` objects; minigrad has no Pillow,
    so its datasets give this instead. ``np.asarray(img)`` gives the pixels
    (H x W, or H x W x 3) as PIL's do, so matplotlib's ``imshow`` shows it, and
    ``img.resize`` resamples with PIL's own arithmetic.
    """

    __slots__ = ("_pixels", "mode")

    def __init__(self, pixels: np.ndarray, mode: str | None = None) -> None:
        pixels = np.asarray(pixels)
        if pixels.dtype != np.uint8:
            raise TypeError(f"Image expects uint8 pixels, got {pixels.dtype}")
        if mode is None:
            mode = "L" if pixels.ndim == 2 else "RGB"
        if mode not in _MODES:
            raise ValueError(
                f"Image mode must be one of {sorted(_MODES)}, got {mode!r}"
            )
        want = 2 if mode == "L" else 3
        if pixels.ndim != want or (want == 3 and pixels.shape[2] != 3):
            raise ValueError(
                f"mode {mode!r} needs pixels of {want} dims, got shape {pixels.shape}"
            )
        self._pixels = np.array(pixels, order="C")  # a private copy, as PIL's
        self._pixels.flags.writeable = False
        self.mode = mode

    @classmethod
    def fromarray(cls, obj: np.ndarray, mode: str | None = None) -> Image:
        """PIL's ``Image.fromarray`` for uint8 arrays (H x W grey, H x W x 3 RGB)."""
        return cls(obj, mode)

    @property
    def size(self) -> tuple[int, int]:
        return (self._pixels.shape[1], self._pixels.shape[0])

    @property
    def width(self) -> int:
        return self._pixels.shape[1]

    @property
    def height(self) -> int:
        return self._pixels.shape[0]

    def getbands(self) -> tuple[str, ...]:
        return tuple(self.mode)

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        out = self._pixels if dtype is None else self._pixels.astype(dtype)
        return out.copy() if copy and out is self._pixels else out

    def tobytes(self) -> bytes:
        return self._pixels.tobytes()

    def copy(self) -> Image:
        return Image(self._pixels, self.mode)

    def resize(self, size: tuple[int, int], resample: int = _resample.BICUBIC) -> Image:
        """PIL's ``Image.resize((width, height), resample)``: the same pixels out."""
        width, height = (int(n) for n in size)
        if width < 0 or height < 0:
            raise ValueError("height and width must be > 0")
        if (width, height) == self.size:
            return self.copy()
        pixels = self._pixels if self.mode != "L" else self._pixels[:, :, None]
        out = _resample.resample_uint8(pixels, height, width, resample)
        return Image(out if self.mode != "L" else out[:, :, 0], self.mode)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Image)
            and other.mode == self.mode
            and np.array_equal(other._pixels, self._pixels)
        )

    __hash__ = None

    def __repr__(self) -> str:
        w, h = self.size
        return f"<minigrad.vision.Image mode={self.mode} size={w}x{h}>"
