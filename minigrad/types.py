"""torch.types: the type aliases annotations use (Number, Device, _size...)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO

from minigrad._device import device as _device
from minigrad._size import Size
from minigrad.dtypes import dtype as _dtype  # noqa: F401  (torch.types._dtype)
from minigrad.tensor import Tensor

__all__ = ["Number", "Device", "FileLike"]

Number = int | float | bool
Device = _device | str | int | None
FileLike = str | os.PathLike[str] | IO[bytes]
_size = Size | list[int] | tuple[int, ...]
_TensorOrTensors = Tensor | Sequence[Tensor]
_TensorOrOptionalTensors = Tensor | Sequence[Tensor | None]
_bool, _complex, _float, _int, _str = bool, complex, float, int, str
