"""ConvTranspose1d and ConvTranspose2d: learnable transposed convolutions, initialised as torch."""

from __future__ import annotations

from typing import Any

from minigrad._signature import bind
from minigrad.nn import _conv_transpose_functional as F
from minigrad.nn._args import ntuple
from minigrad.nn._functional_module import method_signature, params_of
from minigrad.nn.conv import _ConvNd
from minigrad.tensor import Tensor

__all__ = ["ConvTranspose1d", "ConvTranspose2d"]


class _ConvTransposeNd(_ConvNd):
    """_ConvNd with a transposed weight, output_padding and forward's output_size."""

    _transposed = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        a = bind(_INIT, f"{type(self).__name__}.__init__", (self, *args), kwargs)
        if a["padding_mode"] != "zeros":
            raise ValueError(
                f'Only "zeros" padding mode is supported for {type(self).__name__}'
            )
        del a["self"]
        output_padding = a.pop("output_padding")
        super().__init__(**a)
        self.output_padding = ntuple(output_padding, self._nd)

    def _output_padding(self, input: Tensor, output_size) -> tuple:
        """torch's: the output_padding that gives output_size (checked), else the layer's."""
        if output_size is None:
            return self.output_padding
        nd = self._nd
        output_size = list(output_size)
        if len(output_size) == nd + 2 or len(output_size) == nd + 1:
            output_size = output_size[-nd:]
        if len(output_size) != nd:
            raise ValueError(
                f"ConvTranspose{nd}D: for {input.dim()}D input, output_size must have {nd} or {nd + 2} elements (got {len(output_size)})"
            )
        spatial = input.shape[input.dim() - nd :]
        pads = []
        for i in range(nd):
            least = (
                (spatial[i] - 1) * self.stride[i]
                - 2 * self.padding[i]
                + self.dilation[i] * (self.kernel_size[i] - 1)
                + 1
            )
            most = least + self.stride[i] - 1
            if not least <= output_size[i] <= most:
                smallest = [
                    (spatial[j] - 1) * self.stride[j]
                    - 2 * self.padding[j]
                    + self.dilation[j] * (self.kernel_size[j] - 1)
                    + 1
                    for j in range(nd)
                ]
                largest = [m + s - 1 for m, s in zip(smallest, self.stride)]
                raise ValueError(
                    f"requested an output size of {output_size}, but valid sizes range from {smallest} to {largest} (for an input of {spatial})"
                )
            pads.append(output_size[i] - least)
        return tuple(pads)

    def forward(self, input: Tensor, output_size: list[int] | None = None) -> Tensor:
        return F._conv_transpose(
            self._nd,
            input,
            self.weight,
            self.bias,
            self.stride,
            self.padding,
            self._output_padding(input, output_size),
            self.groups,
            self.dilation,
        )


# NOTE: matches torch: _ConvNd's parameters, output_padding after padding, dilation after bias
_INIT = method_signature(
    params_of(
        _ConvNd.__init__,
        "in_channels out_channels kernel_size stride padding output_padding groups"
        " bias dilation padding_mode device dtype",
        {"output_padding": 0},
    )
)
_ConvTransposeNd.__init__.__signature__ = _INIT


class ConvTranspose1d(_ConvTransposeNd):
    """A 1-d transposed convolution over (N, C, L) or (C, L) input."""

    _nd = 1


class ConvTranspose2d(_ConvTransposeNd):
    """A 2-d transposed convolution over (N, C, H, W) or (C, H, W) input."""

    _nd = 2
