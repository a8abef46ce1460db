"""MaxPool1d, AvgPool1d, AdaptiveAvgPool1d, AdaptiveMaxPool1d and AdaptiveMaxPool2d modules, with torch's reprs."""

from __future__ import annotations

from minigrad.nn import _pool1d_functional as F
from minigrad.nn._args import ntuple
from minigrad.nn.module import Module
from minigrad.nn.pooling import AdaptiveAvgPool2d, MaxPool2d
from minigrad.tensor import Tensor

__all__ = ["MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d"]
__all__ += ["AdaptiveMaxPool1d", "AdaptiveMaxPool2d"]


class MaxPool1d(Module):
    """The maximum over each kernel_size window of the last dim."""

    def __init__(
        self,
        kernel_size,
        stride=None,
        padding=0,
        dilation=1,
        return_indices: bool = False,
        ceil_mode: bool = False,
    ) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if (stride is not None) else kernel_size
        self.padding, self.dilation = padding, dilation
        self.return_indices, self.ceil_mode = return_indices, ceil_mode

    def forward(self, input: Tensor):
        return F.max_pool1d(
            input,
            self.kernel_size,
            self.stride,
            self.padding,
            self.dilation,
            ceil_mode=self.ceil_mode,
            return_indices=self.return_indices,
        )

    extra_repr = MaxPool2d.extra_repr


class AvgPool1d(Module):
    """The mean over each kernel_size window of the last dim."""

    def __init__(
        self,
        kernel_size,
        stride=None,
        padding=0,
        ceil_mode: bool = False,
        count_include_pad: bool = True,
    ) -> None:
        super().__init__()
        self.kernel_size = ntuple(kernel_size, 1)
        self.stride = ntuple(stride if stride is not None else kernel_size, 1)
        self.padding = ntuple(padding, 1)
        self.ceil_mode, self.count_include_pad = ceil_mode, count_include_pad

    def forward(self, input: Tensor) -> Tensor:
        return F.avg_pool1d(
            input,
            self.kernel_size,
            self.stride,
            self.padding,
            self.ceil_mode,
            self.count_include_pad,
        )

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AdaptiveAvgPool1d(Module):
    """Averages over output_size adaptive bins of the last dim."""

    def __init__(self, output_size) -> None:
        super().__init__()
        self.output_size = output_size

    def forward(self, input: Tensor) -> Tensor:
        return F.adaptive_avg_pool1d(input, self.output_size)

    extra_repr = AdaptiveAvgPool2d.extra_repr


class _AdaptiveMaxPoolNd(Module):
    def __init__(self, output_size, return_indices: bool = False) -> None:
        super().__init__()
        self.output_size = output_size
        self.return_indices = return_indices

    extra_repr = AdaptiveAvgPool2d.extra_repr


class AdaptiveMaxPool1d(_AdaptiveMaxPoolNd):
    """The maxima of output_size adaptive bins of the last dim (and their indices)."""

    def forward(self, input: Tensor):
        return F.adaptive_max_pool1d(input, self.output_size, self.return_indices)


class AdaptiveMaxPool2d(_AdaptiveMaxPoolNd):
    """The maxima of adaptive bins of the last two dims (and their flat indices)."""

    def forward(self, input: Tensor):
        return F.adaptive_max_pool2d(input, self.output_size, self.return_indices)
