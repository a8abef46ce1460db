"""MaxPool1d, AvgPool1d, AdaptiveAvgPool1d, AdaptiveMaxPool1d and AdaptiveMaxPool2d modules, with torch's reprs."""

from __future__ import annotations

from minigrad.nn import _pool1d_functional as F
from minigrad.nn._args import ntuple
from minigrad.nn._functional_module import functional_module
from minigrad.nn.module import Module
from minigrad.nn.pooling import _STRIDE, _WINDOW
from minigrad.tensor import Tensor

__all__ = ["MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d"]
__all__ += ["AdaptiveMaxPool1d", "AdaptiveMaxPool2d"]

# NOTE: torch's max_pool1d and adaptive max pools dispatch on return_indices and
# declare no parameters: their defaults are given here
MaxPool1d = functional_module(
    "MaxPool1d",
    F.max_pool1d,
    "kernel_size stride padding dilation return_indices ceil_mode",
    doc="The maximum over each kernel_size window of the last dim.",
    defaults={
        "stride": None,
        "padding": 0,
        "dilation": 1,
        "return_indices": False,
        "ceil_mode": False,
    },
    call="kernel_size stride padding dilation ceil_mode return_indices",
    show=_WINDOW + ", dilation={dilation}, ceil_mode={ceil_mode}",
    none_means=_STRIDE,
)
AdaptiveAvgPool1d = functional_module(
    "AdaptiveAvgPool1d", F.adaptive_avg_pool1d, "output_size"
)


def _adaptive_max(name: str, function) -> type:
    return functional_module(
        name,
        function,
        "output_size return_indices",
        defaults={"return_indices": False},
        show="output_size={output_size}",
    )


AdaptiveMaxPool1d = _adaptive_max("AdaptiveMaxPool1d", F.adaptive_max_pool1d)
AdaptiveMaxPool2d = _adaptive_max("AdaptiveMaxPool2d", F.adaptive_max_pool2d)


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
        # NOTE: matches torch: AvgPool1d keeps its sizes as 1-tuples
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
        return _WINDOW.format(**vars(self))
