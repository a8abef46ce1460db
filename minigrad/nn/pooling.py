"""MaxPool2d, AvgPool2d and AdaptiveAvgPool2d modules, with torch's reprs."""

from __future__ import annotations

from minigrad.nn import _pool_functional as F
from minigrad.nn._functional_module import functional_module

# NOTE: matches torch: a pool's stride=None is its kernel_size; its repr starts so
_STRIDE = {"stride": "kernel_size"}
_WINDOW = "kernel_size={kernel_size}, stride={stride}, padding={padding}"

MaxPool2d = functional_module(
    "MaxPool2d",
    F.max_pool2d,
    "kernel_size stride padding dilation return_indices ceil_mode",
    call="kernel_size stride padding dilation ceil_mode return_indices",
    show=_WINDOW + ", dilation={dilation}, ceil_mode={ceil_mode}",
    none_means=_STRIDE,
    inherits="_MaxPoolNd",
)
AvgPool2d = functional_module(
    "AvgPool2d",
    F.avg_pool2d,
    "kernel_size stride padding ceil_mode count_include_pad divisor_override",
    show=_WINDOW,
    none_means=_STRIDE,
)
AdaptiveAvgPool2d = functional_module(
    "AdaptiveAvgPool2d",
    F.adaptive_avg_pool2d,
    "output_size",
    inherits="_AdaptiveAvgPoolNd",
)
