"""More activation layers: GELU, SiLU, Mish, Hardtanh/ReLU6, SELU/CELU, the hard and shrink family, PReLU, GLU, Softmin."""

from __future__ import annotations

import warnings

from minigrad.factories import empty
from minigrad.nn import functional as F
from minigrad.nn import init
from minigrad.nn._functional_module import functional_module
from minigrad.nn.activation import Softmax
from minigrad.nn.module import Module
from minigrad.nn.parameter import Parameter
from minigrad.tensor import Tensor

SiLU = functional_module("SiLU", F.silu, "inplace")
Mish = functional_module("Mish", F.mish, "inplace")
SELU = functional_module("SELU", F.selu, "inplace")
Softsign = functional_module("Softsign", F.softsign)
LogSigmoid = functional_module("LogSigmoid", F.logsigmoid)
Tanhshrink = functional_module("Tanhshrink", F.tanhshrink)
# NOTE: matches torch: Hardswish and Hardsigmoid never show `inplace` in their repr
Hardswish = functional_module("Hardswish", F.hardswish, "inplace", shows_inplace=False)
Hardsigmoid = functional_module(
    "Hardsigmoid", F.hardsigmoid, "inplace", shows_inplace=False
)
GELU = functional_module(
    "GELU", F.gelu, "approximate", show="approximate={approximate!r}"
)


class Hardtanh(Module):
    """x clamped to [min_val, max_val]."""

    def __init__(
        self,
        min_val: float = -1.0,
        max_val: float = 1.0,
        inplace: bool = False,
        min_value: float | None = None,
        max_value: float | None = None,
    ) -> None:
        super().__init__()
        if min_value is not None:
            warnings.warn(
                "keyword argument `min_value` is deprecated and renamed to `min_val`",
                FutureWarning,
                stacklevel=2,
            )
            min_val = min_value
        if max_value is not None:
            warnings.warn(
                "keyword argument `max_value` is deprecated and renamed to `max_val`",
                FutureWarning,
                stacklevel=2,
            )
            max_val = max_value
        self.min_val, self.max_val, self.inplace = min_val, max_val, inplace
        if self.max_val <= self.min_val:
            raise AssertionError(
                f"max_val ({self.max_val}) must be greater than min_val ({self.min_val})"
            )

    def forward(self, input: Tensor) -> Tensor:
        return F.hardtanh(input, self.min_val, self.max_val, self.inplace)

    def extra_repr(self) -> str:
        suffix = ", inplace=True" if self.inplace else ""
        return f"min_val={self.min_val}, max_val={self.max_val}{suffix}"


class ReLU6(Hardtanh):
    """min(max(x, 0), 6)."""

    def __init__(self, inplace: bool = False) -> None:
        super().__init__(0.0, 6.0, inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


CELU = functional_module("CELU", F.celu, "alpha inplace")
Threshold = functional_module("Threshold", F.threshold, "threshold value inplace")


class PReLU(Module):
    """x where x > 0, else weight * x; weight learned (one, or one per channel)."""

    def __init__(
        self, num_parameters: int = 1, init: float = 0.25, device=None, dtype=None
    ) -> None:
        self.num_parameters = num_parameters
        super().__init__()
        self.init = init
        self.weight = Parameter(empty(num_parameters, device=device, dtype=dtype))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.constant_(self.weight, self.init)

    def forward(self, input: Tensor) -> Tensor:
        return F.prelu(input, self.weight)

    def extra_repr(self) -> str:
        return f"num_parameters={self.num_parameters}"


GLU = functional_module("GLU", F.glu, "dim")


class Softmin(Softmax):
    """softmax(-x) along dim."""

    def forward(self, input: Tensor) -> Tensor:
        return F.softmin(input, self.dim, _stacklevel=5)


Softshrink = functional_module("Softshrink", F.softshrink, "lambd", show="{lambd}")
Hardshrink = functional_module("Hardshrink", F.hardshrink, "lambd", show="{lambd}")
