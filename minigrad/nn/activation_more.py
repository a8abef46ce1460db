"""More activation layers: GELU, SiLU, Mish, Hardtanh/ReLU6, SELU/CELU, the hard and shrink family, PReLU, GLU, Softmin."""

from __future__ import annotations

import warnings

from minigrad.factories import empty
from minigrad.nn import functional as F
from minigrad.nn import init
from minigrad.nn.activation import Softmax
from minigrad.nn.module import Module
from minigrad.nn.parameter import Parameter
from minigrad.tensor import Tensor


def _inplace_repr(inplace: bool) -> str:
    return "inplace=True" if inplace else ""


def _inplace_suffix(inplace: bool) -> str:
    return ", inplace=True" if inplace else ""


class _Inplace(Module):
    """An activation whose only argument is ``inplace``."""

    _function = None  # the functional form, taking (input, inplace)
    _shows_inplace = True

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return self._function(input, self.inplace)

    def extra_repr(self) -> str:
        return _inplace_repr(self.inplace) if self._shows_inplace else ""


class _NoArgs(Module):
    """An activation without arguments."""

    _function = None

    def forward(self, input: Tensor) -> Tensor:
        return self._function(input)


def _layer(name: str, base: type, function, doc: str, **attrs) -> type:
    """A layer class calling ``function``, with torch's class name."""
    body = {"__doc__": doc, "__module__": __name__, "__qualname__": name, **attrs}
    return type(name, (base,), {**body, "_function": staticmethod(function)})


SiLU = _layer("SiLU", _Inplace, F.silu, "x * sigmoid(x).")
Mish = _layer("Mish", _Inplace, F.mish, "x * tanh(softplus(x)).")
SELU = _layer("SELU", _Inplace, F.selu, "scale * ELU(x, alpha), SELU's constants.")
Softsign = _layer("Softsign", _NoArgs, F.softsign, "x / (1 + |x|).")
LogSigmoid = _layer("LogSigmoid", _NoArgs, F.logsigmoid, "log(sigmoid(x)).")
Tanhshrink = _layer("Tanhshrink", _NoArgs, F.tanhshrink, "x - tanh(x).")
# NOTE: matches torch: Hardswish and Hardsigmoid never show `inplace` in their repr
Hardswish = _layer(
    "Hardswish", _Inplace, F.hardswish, "x * relu6(x + 3) / 6.", _shows_inplace=False
)
Hardsigmoid = _layer(
    "Hardsigmoid", _Inplace, F.hardsigmoid, "relu6(x + 3) / 6.", _shows_inplace=False
)


class GELU(Module):
    """x * Phi(x) (approximate='tanh': its tanh approximation)."""

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        self.approximate = approximate

    def forward(self, input: Tensor) -> Tensor:
        return F.gelu(input, approximate=self.approximate)

    def extra_repr(self) -> str:
        return f"approximate={self.approximate!r}"


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
        suffix = _inplace_suffix(self.inplace)
        return f"min_val={self.min_val}, max_val={self.max_val}{suffix}"


class ReLU6(Hardtanh):
    """min(max(x, 0), 6)."""

    def __init__(self, inplace: bool = False) -> None:
        super().__init__(0.0, 6.0, inplace)

    def extra_repr(self) -> str:
        return _inplace_repr(self.inplace)


class CELU(Module):
    """x if x > 0 else alpha * (exp(x / alpha) - 1)."""

    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha, self.inplace = alpha, inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.celu(input, self.alpha, self.inplace)

    def extra_repr(self) -> str:
        return f"alpha={self.alpha}{_inplace_suffix(self.inplace)}"


class Threshold(Module):
    """x where x > threshold, else value."""

    def __init__(self, threshold: float, value: float, inplace: bool = False) -> None:
        super().__init__()
        self.threshold, self.value, self.inplace = threshold, value, inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.threshold(input, self.threshold, self.value, self.inplace)

    def extra_repr(self) -> str:
        suffix = _inplace_suffix(self.inplace)
        return f"threshold={self.threshold}, value={self.value}{suffix}"


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


class GLU(Module):
    """a * sigmoid(b), a and b the halves of the input along dim."""

    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.glu(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class Softmin(Softmax):
    """softmax(-x) along dim."""

    def forward(self, input: Tensor) -> Tensor:
        return F.softmin(input, self.dim, _stacklevel=5)


class Softshrink(Module):
    """x - lambd above lambd, x + lambd below -lambd, 0 between."""

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def forward(self, input: Tensor) -> Tensor:
        return F.softshrink(input, self.lambd)

    def extra_repr(self) -> str:
        return str(self.lambd)


class Hardshrink(Softshrink):
    """x where |x| > lambd, else 0."""

    def forward(self, input: Tensor) -> Tensor:
        return F.hardshrink(input, self.lambd)
