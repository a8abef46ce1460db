"""LayerNorm: normalisation over each sample's last dims, with a learned scale and shift."""

from __future__ import annotations

from typing import Any

from minigrad import dtypes
from minigrad.nn._affine import AffineNorm, as_shape
from minigrad.nn._layer_norm_functional import layer_norm
from minigrad.tensor import Tensor


class LayerNorm(AffineNorm):
    """y = (x - mean) / sqrt(var + eps) * weight + bias over the last dims."""

    def __init__(
        self,
        normalized_shape: int | tuple[int, ...] | list[int],
        eps: float = 1e-5,
        elementwise_affine: bool = True,
        bias: bool = True,
        device: Any = None,
        dtype: dtypes.dtype | None = None,
    ) -> None:
        super().__init__()
        self.normalized_shape = as_shape(normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        self._add_affine(self.normalized_shape, elementwise_affine, bias, device, dtype)

    def forward(self, input: Tensor) -> Tensor:
        return layer_norm(
            input, self.normalized_shape, self.weight, self.bias, self.eps
        )

    def extra_repr(self) -> str:
        return f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}, bias={self.bias is not None}"
