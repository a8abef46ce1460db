"""Padding layers (constant, zero, reflection, replication, circular), each F.pad with fixed arguments."""

from __future__ import annotations

from minigrad.nn._args import ntuple
from minigrad.nn._pad_functional import pad
from minigrad.nn.module import Module
from minigrad.tensor import Tensor

__all__ = ["ConstantPad1d", "ConstantPad2d", "ConstantPad3d"]
__all__ += ["ZeroPad1d", "ZeroPad2d", "ZeroPad3d"]
__all__ += ["ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d"]
__all__ += ["ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d"]
__all__ += ["CircularPad1d", "CircularPad2d", "CircularPad3d"]


class _PadNd(Module):
    """F.pad(input, padding, mode): padding is (left, right) per padded dim, last dim first."""

    _mode = "constant"
    _nd = 1

    def __init__(self, padding) -> None:
        super().__init__()
        self.padding = ntuple(padding, 2 * self._nd)

    def forward(self, input: Tensor) -> Tensor:
        return pad(input, self.padding, self._mode)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class _ConstantPadNd(_PadNd):
    def __init__(self, padding, value: float) -> None:
        super().__init__(padding)
        self.value = value

    def forward(self, input: Tensor) -> Tensor:
        return pad(input, self.padding, "constant", self.value)

    def extra_repr(self) -> str:
        return f"padding={self.padding}, value={self.value}"


_DIMS = {1: "the last dim", 2: "the last two dims", 3: "the last three dims"}


def _layer(name: str, bases: tuple, nd: int, how: str) -> type:
    """A padding layer of ``nd`` dims (torch's 1d/2d/3d classes are siblings)."""
    doc = f"Pads {_DIMS[nd]} {how}."
    return type(name, bases, {"_nd": nd, "__doc__": doc, "__module__": __name__})


class _ZeroPadNd(_ConstantPadNd):
    """ConstantPad with value 0.0, the padding alone in its repr (as torch's ZeroPad)."""

    def __init__(self, padding) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class _ReflectionPadNd(_PadNd):
    _mode = "reflect"


class _ReplicationPadNd(_PadNd):
    _mode = "replicate"


class _CircularPadNd(_PadNd):
    """Circular padding; the input must have nd + 1 or nd + 2 dims."""

    _mode = "circular"

    def forward(self, input: Tensor) -> Tensor:
        dims = (self._nd + 1, self._nd + 2)
        if input.dim() not in dims:
            raise ValueError(
                f"expected {dims[0]}D or {dims[1]}D input (got {input.dim()}D input)"
            )
        return pad(input, self.padding, "circular")


# NOTE: ZeroPad{n}d derives from ConstantPad{n}d, as torch's
ConstantPad1d = _layer("ConstantPad1d", (_ConstantPadNd,), 1, "with a value")
ConstantPad2d = _layer("ConstantPad2d", (_ConstantPadNd,), 2, "with a value")
ConstantPad3d = _layer("ConstantPad3d", (_ConstantPadNd,), 3, "with a value")
ZeroPad1d = _layer("ZeroPad1d", (_ZeroPadNd, ConstantPad1d), 1, "with zeros")
ZeroPad2d = _layer("ZeroPad2d", (_ZeroPadNd, ConstantPad2d), 2, "with zeros")
ZeroPad3d = _layer("ZeroPad3d", (_ZeroPadNd, ConstantPad3d), 3, "with zeros")
_REFLECT = "with their reflection (the edge not repeated)"
ReflectionPad1d = _layer("ReflectionPad1d", (_ReflectionPadNd,), 1, _REFLECT)
ReflectionPad2d = _layer("ReflectionPad2d", (_ReflectionPadNd,), 2, _REFLECT)
ReflectionPad3d = _layer("ReflectionPad3d", (_ReflectionPadNd,), 3, _REFLECT)
_REPLICATE = "by repeating their edge values"
ReplicationPad1d = _layer("ReplicationPad1d", (_ReplicationPadNd,), 1, _REPLICATE)
ReplicationPad2d = _layer("ReplicationPad2d", (_ReplicationPadNd,), 2, _REPLICATE)
ReplicationPad3d = _layer("ReplicationPad3d", (_ReplicationPadNd,), 3, _REPLICATE)
_WRAP = "by wrapping them around"
CircularPad1d = _layer("CircularPad1d", (_CircularPadNd,), 1, _WRAP)
CircularPad2d = _layer("CircularPad2d", (_CircularPadNd,), 2, _WRAP)
CircularPad3d = _layer("CircularPad3d", (_CircularPadNd,), 3, _WRAP)
