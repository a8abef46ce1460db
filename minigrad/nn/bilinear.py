"""Bilinear: y = x1^T A x2 + b, initialised as torch (U(-1/sqrt(in1), 1/sqrt(in1)))."""

from __future__ import annotations

import math
from typing import Any

from minigrad import dtypes
from minigrad.nn import init
from minigrad.nn._bilinear_functional import bilinear
from minigrad.nn._weight_bias import add_weight_and_bias
from minigrad.nn.module import Module
from minigrad.tensor import Tensor


class Bilinear(Module):
    """A learned bilinear form of two inputs, plus a bias."""

    def __init__(
        self,
        in1_features: int,
        in2_features: int,
        out_features: int,
        bias: bool = True,
        device: Any = None,
        dtype: dtypes.dtype | None = None,
    ) -> None:
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.in1_features, self.in2_features = in1_features, in2_features
        self.out_features = out_features
        shape = (out_features, in1_features, in2_features)
        add_weight_and_bias(self, shape, bias, factory_kwargs)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        bound = 1 / math.sqrt(self.weight.size(1))
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        return bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self) -> str:
        return f"in1_features={self.in1_features}, in2_features={self.in2_features}, out_features={self.out_features}, bias={self.bias is not None}"
