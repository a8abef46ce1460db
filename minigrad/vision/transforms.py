"""torchvision.transforms, the subset the course uses: Compose, ToTensor, Normalize,
Resize, Lambda, CenterCrop, RandomHorizontalFlip, RandomVerticalFlip."""

from __future__ import annotations

import enum
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from minigrad import random
from minigrad.dtypes import get_default_dtype
from minigrad.factories import as_tensor, from_numpy
from minigrad.tensor import Tensor
from minigrad.vision import _geometry, _interpolate, _resample
from minigrad.vision._pictures import is_picture, pixels_hwc

__all__ = [
    "CenterCrop",
    "Compose",
    "InterpolationMode",
    "Lambda",
    "Normalize",
    "RandomHorizontalFlip",
    "RandomVerticalFlip",
    "Resize",
    "ToTensor",
]


class InterpolationMode(enum.Enum):
    """torchvision's interpolation modes."""

    NEAREST = "nearest"
    NEAREST_EXACT = "nearest-exact"
    BILINEAR = "bilinear"
    BICUBIC = "bicubic"
    BOX = "box"
    HAMMING = "hamming"
    LANCZOS = "lanczos"


_PIL_FILTERS = {
    InterpolationMode.NEAREST: _resample.NEAREST,
    InterpolationMode.BILINEAR: _resample.BILINEAR,
    InterpolationMode.BICUBIC: _resample.BICUBIC,
    InterpolationMode.BOX: _resample.BOX,
    InterpolationMode.HAMMING: _resample.HAMMING,
    InterpolationMode.LANCZOS: _resample.LANCZOS,
}
_FROM_INT = {code: mode for mode, code in _PIL_FILTERS.items()}


class Compose:
    """Apply ``transforms`` one after the other."""

    def __init__(self, transforms: Sequence[Callable]) -> None:
        self.transforms = transforms

    def __call__(self, img: Any) -> Any:
        for t in self.transforms:
            img = t(img)
        return img

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__}("]
        lines += [f"    {t}" for t in self.transforms]
        return "\n".join(lines) + "\n)"


class ToTensor:
    """Image (H x W x C, uint8) or ndarray -> C x H x W tensor; uint8 scaled to [0, 1].

    Accepts minigrad's :class:`Image`, a Pillow image, or a 2-D/3-D NumPy array,
    like torchvision's; uint8 data becomes the default float dtype divided by 255.
    """

    def __call__(self, pic: Any) -> Tensor:
        if isinstance(pic, np.ndarray):
            if pic.ndim not in (2, 3):
                raise ValueError(
                    f"pic should be 2/3 dimensional. Got {pic.ndim} dimensions."
                )
            data = pic[:, :, None] if pic.ndim == 2 else pic
        elif is_picture(pic):
            data = pixels_hwc(pic)
        else:
            raise TypeError(f"pic should be PIL Image or ndarray. Got {type(pic)}")
        chw = np.ascontiguousarray(data.transpose(2, 0, 1))
        if chw.dtype == np.uint8:
            float_np = get_default_dtype().np
            # NOTE: matches torch: to(default float dtype) then a true division
            return from_numpy(chw.astype(float_np) / float_np.type(255))
        return from_numpy(chw)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Normalize:
    """``(tensor - mean) / std`` per channel of a float (..., C, H, W) tensor."""

    def __init__(
        self, mean: Sequence[float], std: Sequence[float], inplace: bool = False
    ):
        self.mean = mean
        self.std = std
        self.inplace = inplace

    def __call__(self, tensor: Tensor) -> Tensor:
        if not isinstance(tensor, Tensor):
            raise TypeError(f"img should be Tensor Image. Got {type(tensor)}")
        if not tensor.is_floating_point():
            raise TypeError(
                f"Input tensor should be a float tensor. Got {tensor.dtype}."
            )
        if tensor.dim() < 3:
            size = tensor.size()
            raise ValueError(
                f"Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = {size}"  # noqa: E501
            )
        mean = as_tensor(self.mean, dtype=tensor.dtype)
        std = as_tensor(self.std, dtype=tensor.dtype)
        if (std == 0).any():
            dtype = tensor.dtype
            raise ValueError(
                f"std evaluated to zero after conversion to {dtype}, leading to division by zero."  # noqa: E501
            )
        if mean.dim() == 1:
            mean = mean.view(-1, 1, 1)
        if std.dim() == 1:
            std = std.view(-1, 1, 1)
        if not self.inplace:
            tensor = tensor.clone()
        return tensor.sub_(mean).div_(std)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(mean={self.mean}, std={self.std})"


class Resize:
    """Resize to ``size`` (h, w), or the smaller edge to ``size`` (an int).

    On an :class:`Image` (what the datasets give) the pixels are PIL's, bit for
    bit: PIL's anti-aliased filters in fixed point, rounded to uint8. On a float
    tensor (..., H, W) it is torch's ``F.interpolate`` (bilinear with
    ``antialias``, or nearest).
    """

    def __init__(
        self,
        size: int | Sequence[int],
        interpolation: InterpolationMode | int = InterpolationMode.BILINEAR,
        max_size: int | None = None,
        antialias: bool | None = True,
    ) -> None:
        if not isinstance(size, (int, Sequence)) or isinstance(size, (str, bool)):
            raise TypeError(f"Size should be int or sequence. Got {type(size)}")
        if isinstance(size, Sequence) and len(size) not in (1, 2):
            raise ValueError("If size is a sequence, it should have 1 or 2 values")
        if isinstance(interpolation, int) and not isinstance(interpolation, bool):
            if interpolation not in _FROM_INT:
                raise ValueError(f"unknown interpolation mode ({interpolation})")
            interpolation = _FROM_INT[interpolation]
        if not isinstance(interpolation, InterpolationMode):
            raise TypeError(
                "Argument interpolation should be a InterpolationMode or a corresponding Pillow integer constant"  # noqa: E501
            )
        self.size = size
        self.max_size = max_size
        self.interpolation = interpolation
        self.antialias = antialias

    def __call__(self, img: Any) -> Any:
        if isinstance(img, Tensor):
            if img.dim() < 2:
                raise TypeError("Tensor is not a torch image.")
            height, width = img.shape[-2], img.shape[-1]
        elif is_picture(img):
            width, height = img.size
        else:
            raise TypeError(f"img should be PIL Image or Tensor. Got {type(img)}")
        out_h, out_w = _output_size(height, width, self.size, self.max_size)
        if (out_h, out_w) == (height, width):
            return img
        if not isinstance(img, Tensor):
            if self.antialias is False:
                msg = "Anti-alias option is always applied for PIL Image input. Argument antialias is ignored."  # noqa: E501
                warnings.warn(msg, stacklevel=2)
            if self.interpolation not in _PIL_FILTERS:
                raise ValueError(f"{self.interpolation} is not supported for images")
            return img.resize((out_w, out_h), _PIL_FILTERS[self.interpolation])
        return _resize_tensor(img, (out_h, out_w), self.interpolation, self.antialias)

    def __repr__(self) -> str:
        mode = self.interpolation.value
        return (
            f"{type(self).__name__}(size={self.size}, interpolation={mode}, "
            f"max_size={self.max_size}, antialias={self.antialias})"
        )


def _output_size(height: int, width: int, size, max_size) -> tuple[int, int]:
    """torchvision's _compute_resized_output_size."""
    if isinstance(size, int):
        size = [size]
    if len(size) == 2:
        if max_size is not None:
            raise ValueError(
                "max_size should only be passed if size specifies the length of the smaller edge, i.e. size should be an int or a sequence of length 1 in torchscript mode."  # noqa: E501
            )
        return int(size[0]), int(size[1])
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = size[0], int(size[0] * long / short)
    if max_size is not None:
        if max_size <= size[0]:
            raise ValueError(
                f"max_size = {max_size} must be strictly greater than the requested size for the smaller edge size = {size}"  # noqa: E501
            )
        if new_long > max_size:
            new_short, new_long = int(max_size * new_short / new_long), max_size
    return (new_long, new_short) if width <= height else (new_short, new_long)


def _resize_tensor(img: Tensor, size: tuple[int, int], mode, antialias) -> Tensor:
    data = img.detach().numpy()
    if mode is InterpolationMode.NEAREST:
        return from_numpy(np.ascontiguousarray(_interpolate.nearest(data, size)))
    if mode is not InterpolationMode.BILINEAR:
        raise NotImplementedError(
            f"Resize of a tensor with {mode} is outside minigrad's torchvision subset (bilinear, nearest)"  # noqa: E501
        )
    work = data if data.dtype in (np.float32, np.float64) else data.astype(np.float32)
    out = _interpolate.linear(work, size, bool(antialias))
    if work is not data:
        # NOTE: matches torchvision: integer images are resized as float32, rounded
        out = np.round(out).astype(data.dtype)
    return from_numpy(out)


class Lambda:
    """Apply a user function as a transform."""

    def __init__(self, lambd: Callable) -> None:
        if not callable(lambd):
            raise TypeError(
                f"Argument lambd should be callable, got {type(lambd).__name__!r}"
            )
        self.lambd = lambd

    def __call__(self, img: Any) -> Any:
        return self.lambd(img)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class CenterCrop:
    """Crop the centre ``size`` (h, w) or square, zero-padding a smaller image."""

    def __init__(self, size: int | Sequence[int]) -> None:
        if isinstance(size, int) and not isinstance(size, bool):
            size = (size, size)
        elif isinstance(size, Sequence) and len(size) == 1:
            size = (size[0], size[0])
        if not isinstance(size, Sequence) or len(size) != 2:
            raise ValueError("Please provide only two dimensions (h, w) for size.")
        self.size = tuple(size)

    def __call__(self, img: Any) -> Any:
        return _geometry.center_crop(img, int(self.size[0]), int(self.size[1]))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(size={self.size})"


class RandomHorizontalFlip:
    """Mirror left-right with probability ``p`` (one draw of ``torch.rand(1)``)."""

    _axis = -1

    def __init__(self, p: float = 0.5) -> None:
        self.p = p

    def __call__(self, img: Any) -> Any:
        # NOTE: matches torchvision: the draw happens whatever p is
        if bool(random.rand(1) < self.p):
            return _geometry.flip(img, self._axis)
        return img

    def __repr__(self) -> str:
        return f"{type(self).__name__}(p={self.p})"


class RandomVerticalFlip(RandomHorizontalFlip):
    """Mirror top-bottom with probability ``p`` (one draw of ``torch.rand(1)``)."""

    _axis = -2


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    raise AttributeError(
        f"torchvision.transforms.{name} is outside minigrad's torchvision subset (minigrad.vision.transforms provides {', '.join(__all__)})"  # noqa: E501
    )
