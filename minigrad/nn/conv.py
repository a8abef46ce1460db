"""Conv1d and Conv2d: learnable convolutions, initialised bit-exactly as torch."""

from __future__ import annotations

from typing import Any

from minigrad import dtypes
from minigrad.nn import _conv_functional as F
from minigrad.nn._args import ntuple
from minigrad.nn._weight_bias import add_weight_and_bias, reset_weight_and_bias
from minigrad.nn.module import Module
from minigrad.tensor import Tensor

_MODES = ("zeros", "reflect", "replicate", "circular")


class _ConvNd(Module):
    """The shared constructor, parameters and repr of Conv1d and Conv2d (and the
    transposed ones: weight (in, out / groups, *kernel))."""

    _nd = 2
    _transposed = False

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size,
        stride=1,
        padding=0,
        dilation=1,
        groups: int = 1,
        bias: bool = True,
        padding_mode: str = "zeros",
        device: Any = None,
        dtype: dtypes.dtype | None = None,
    ) -> None:
        super().__init__()
        nd = self._nd
        kernel_size, stride = ntuple(kernel_size, nd), ntuple(stride, nd)
        dilation = ntuple(dilation, nd)
        padding = padding if isinstance(padding, str) else ntuple(padding, nd)
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError(
                    f"Invalid padding string {padding!r}, should be one of {{'same', 'valid'}}"
                )
            if padding == "same" and any(s != 1 for s in stride):
                raise ValueError(
                    "padding='same' is not supported for strided convolutions"
                )
        if padding_mode not in _MODES:
            raise ValueError(
                f"padding_mode must be one of {{'zeros', 'reflect', 'replicate', 'circular'}}, but got padding_mode='{padding_mode}'"
            )
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size, self.stride = kernel_size, stride
        self.padding, self.dilation = padding, dilation
        self.transposed, self.output_padding = self._transposed, (0,) * nd
        self.groups, self.padding_mode = groups, padding_mode
        self._reversed_padding_repeated_twice = _reversed_pads(
            padding, kernel_size, dilation
        )
        factory = {"device": device, "dtype": dtype}
        shape = (out_channels, in_channels // groups, *kernel_size)
        if self._transposed:
            shape = (in_channels, out_channels // groups, *kernel_size)
        add_weight_and_bias(self, shape, bias, factory, out_channels)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        reset_weight_and_bias(self)

    def _conv_forward(
        self, input: Tensor, weight: Tensor, bias: Tensor | None
    ) -> Tensor:
        conv = F.conv1d if self._nd == 1 else F.conv2d
        if self.padding_mode != "zeros":
            padded = F.pad(
                input, self._reversed_padding_repeated_twice, mode=self.padding_mode
            )
            return conv(
                padded, weight, bias, self.stride, 0, self.dilation, self.groups
            )
        return conv(
            input, weight, bias, self.stride, self.padding, self.dilation, self.groups
        )

    def forward(self, input: Tensor) -> Tensor:
        return self._conv_forward(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        nd = self._nd
        s = f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}"
        if self.padding != (0,) * nd:
            s += f", padding={self.padding}"
        if self.dilation != (1,) * nd:
            s += f", dilation={self.dilation}"
        if self.output_padding != (0,) * nd:
            s += f", output_padding={self.output_padding}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += f", padding_mode={self.padding_mode}"
        return s


def _reversed_pads(padding, kernel_size, dilation) -> list:
    """The pads F.pad takes for padding_mode != 'zeros' (last dim first)."""
    nd = len(kernel_size)
    if isinstance(padding, str):
        pads = [0, 0] * nd
        if padding == "same":
            for d, k, i in zip(dilation, kernel_size, range(nd - 1, -1, -1)):
                total = d * (k - 1)
                pads[2 * i], pads[2 * i + 1] = total // 2, total - total // 2
        return pads
    return [p for p in reversed(padding) for _ in range(2)]


class Conv1d(_ConvNd):
    """A 1-d convolution over (N, C, L) or (C, L) input."""

    _nd = 1


class Conv2d(_ConvNd):
    """A 2-d convolution over (N, C, H, W) or (C, H, W) input."""

    _nd = 2
