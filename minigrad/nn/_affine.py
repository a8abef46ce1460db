"""The elementwise weight and bias of the normalisation layers, initialised to ones and zeros."""

from __future__ import annotations

from typing import Any

from minigrad.factories import empty
from minigrad.nn import init
from minigrad.nn.module import Module
from minigrad.nn.parameter import Parameter


def as_shape(normalized_shape) -> tuple:
    """An int as a 1-tuple, a sequence as a tuple."""
    if isinstance(normalized_shape, int):
        return (normalized_shape,)
    return tuple(normalized_shape)


class AffineNorm(Module):
    """A normalisation layer with an optional elementwise weight and bias."""

    def _add_affine(
        self, shape, affine: bool, bias: bool | None, device: Any, dtype: Any
    ) -> None:
        """An empty ``weight`` and ``bias`` of ``shape`` (None when not ``affine``, the
        bias None when not ``bias``, absent when ``bias`` is None), then initialised."""
        kwargs = {"device": device, "dtype": dtype}
        self.register_parameter(
            "weight", Parameter(empty(shape, **kwargs)) if affine else None
        )
        if bias is not None:
            value = Parameter(empty(shape, **kwargs)) if affine and bias else None
            self.register_parameter("bias", value)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """torch's init: the weight to ones, the bias (if any) to zeros."""
        if self.weight is not None:
            init.ones_(self.weight)
        if getattr(self, "bias", None) is not None:
            init.zeros_(self.bias)
