"""Bilinear: y = x1^T A x2 + b, initialised as torch (U(-1/sqrt(in1), 1/sqrt(in1)))."""

from __future__ import annotations

import math
from typing import Any

from minigrad._signature import bind
from minigrad.nn import init
from minigrad.nn._bilinear_functional import bilinear
from minigrad.nn._functional_module import method_signature, param, params_of
from minigrad.nn._weight_bias import add_weight_and_bias
from minigrad.nn.linear import Linear
from minigrad.nn.module import Module
from minigrad.tensor import Tensor


class Bilinear(Module):
    """A learned bilinear form of two inputs, plus a bias."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        a = bind(_INIT, "Bilinear.__init__", (self, *args), kwargs)
        super().__init__()
        self.in1_features, self.in2_features = a["in1_features"], a["in2_features"]
        self.out_features = a["out_features"]
        shape = (self.out_features, self.in1_features, self.in2_features)
        factory_kwargs = {"device": a["device"], "dtype": a["dtype"]}
        add_weight_and_bias(self, shape, a["bias"], factory_kwargs)
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


# NOTE: matches torch: Linear's parameters, with two input sizes
_INIT = method_signature(
    [
        param("in1_features", "int"),
        param("in2_features", "int"),
        *params_of(Linear.__init__, "out_features bias device dtype"),
    ]
)
Bilinear.__init__.__signature__ = _INIT
