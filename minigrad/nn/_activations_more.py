"""More activations as functions: gelu, silu, mish, hardtanh/relu6, selu/celu, the hard and shrink family, prelu, glu, softmin."""

from __future__ import annotations

from minigrad import dtypes, ops
from minigrad.nn._activations import _check
from minigrad.nn._softmax import _get_softmax_dim, softmax
from minigrad.tensor import Tensor, apply

__all__ = ["celu", "celu_", "gelu", "glu", "hardshrink", "hardsigmoid", "hardswish"]
__all__ += ["hardtanh", "hardtanh_", "logsigmoid", "mish", "prelu", "relu6", "selu"]
__all__ += ["selu_", "silu", "softmin", "softshrink", "softsign", "tanhshrink"]
__all__ += ["threshold", "threshold_"]

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _out(input: Tensor, op: type, inplace: bool, **params) -> Tensor:
    """op on input; with ``inplace``, its values and node written into input."""
    out = apply(op, input, **params)
    return input._inplace(out) if inplace else out


def _float_out(name: str, input: Tensor, op: type, inplace: bool) -> Tensor:
    """op on a floating input (torch's errors otherwise), in place or not."""
    _check(name, input)
    return _out(input, op, inplace)


def _require_tensor(name: str, input: object) -> None:
    """torch's TypeError for a non-tensor input (integer inputs are allowed)."""
    if not isinstance(input, Tensor):
        _check(name, input)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    """x * Phi(x), Phi the standard normal CDF (or its tanh approximation)."""
    _require_tensor("gelu", input)
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    _check("gelu", input, "GeluKernelImpl")
    return apply(ops.Gelu, input, approximate=approximate)


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    """x * sigmoid(x)."""
    return _float_out("silu", input, ops.Silu, inplace)


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    """x * tanh(softplus(x))."""
    return _float_out("mish", input, ops.Mish, inplace)


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    """x * min(max(x + 3, 0), 6) / 6."""
    return _float_out("hardswish", input, ops.Hardswish, inplace)


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    """min(max(x + 3, 0), 6) / 6."""
    return _float_out("hardsigmoid", input, ops.Hardsigmoid, inplace)


def hardtanh(
    input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False
) -> Tensor:
    """x clamped to [min_val, max_val]."""
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    _require_tensor("hardtanh", input)
    return _out(input, ops.Hardtanh, inplace, lo=min_val, hi=max_val)


def hardtanh_(input: Tensor, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:
    return hardtanh(input, min_val, max_val, inplace=True)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    """min(max(x, 0), 6): hardtanh between 0 and 6."""
    _require_tensor("relu6", input)
    return _out(input, ops.Hardtanh, inplace, lo=0.0, hi=6.0)


def softsign(input: Tensor) -> Tensor:
    """x / (1 + |x|), composed as torch's (abs, add, div)."""
    return input / (input.abs() + 1)


def logsigmoid(input: Tensor) -> Tensor:
    """log(sigmoid(x)), computed stably."""
    _check("log_sigmoid", input)
    return apply(ops.LogSigmoid, input)


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    """scale * (x if x > 0 else alpha * (exp(x) - 1)), SELU's fixed constants."""
    _check("selu", input, "elu_cpu")
    op = ops.EluInplace if inplace and input.requires_grad else ops.Elu
    name = "EluBackward1" if inplace else "EluBackward0"
    params = {"alpha": _SELU_ALPHA, "scale": _SELU_SCALE, "name": name}
    return _out(input, op, inplace, **params)


def selu_(input: Tensor) -> Tensor:
    return selu(input, inplace=True)


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """x if x > 0 else alpha * (exp(x / alpha) - 1)."""
    _check("celu", input, "elu_cpu")
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU")
    op = ops.EluInplace if inplace and input.requires_grad else ops.Elu
    name = "CeluBackward1" if inplace else "CeluBackward0"
    params = {"alpha": alpha, "input_scale": 1.0 / alpha, "name": name}
    return _out(input, op, inplace, **params)


def celu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    return celu(input, alpha, inplace=True)


def _threshold(
    input: Tensor, threshold: float, value: float, inplace: bool = False
) -> Tensor:
    """x where x > threshold, else value."""
    _require_tensor("threshold", input)
    name = "ThresholdBackward1" if inplace else "ThresholdBackward0"
    params = {"threshold": threshold, "value": value, "name": name}
    return _out(input, ops.Threshold, inplace, **params)


# NOTE: matches torch: the argument `threshold` shadows the function's name
threshold = _threshold


def threshold_(input: Tensor, threshold: float, value: float) -> Tensor:
    return _threshold(input, threshold, value, inplace=True)


def tanhshrink(input: Tensor) -> Tensor:
    """x - tanh(x), composed as torch's (tanh, sub)."""
    return input - input.tanh()


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    """x - lambd above lambd, x + lambd below -lambd, 0 between."""
    _check("softshrink", input, "softshrink_check")
    if lambd < 0:
        top = "3.40282e+38" if input._data.dtype.itemsize == 4 else "1.79769e+308"
        name = dtypes.scalar_type_name(input._data.dtype)
        raise RuntimeError(
            f"lambda must be in range [0, {top}] for input dtype {name}, but found {lambd:g}"
        )
    return apply(ops.Softshrink, input, lambd=lambd)


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    """x where |x| > lambd, else 0."""
    _check("hardshrink", input)
    return apply(ops.Hardshrink, input, lambd=lambd)


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    """x where x > 0, else weight * x (one weight, or one per channel of dim 1)."""
    _require_tensor("prelu", input)
    if not isinstance(weight, Tensor):
        raise TypeError(
            f"prelu(): argument 'weight' (position 2) must be Tensor, not {type(weight).__name__}"
        )
    x, w = input._data, weight._data
    if w.ndim > 1:
        raise RuntimeError(
            f"prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = {w.ndim}"
        )
    if x.ndim == 0:
        raise RuntimeError("Not allow zero-dim input tensor.")
    channels = x.shape[1] if x.ndim >= 2 else 1
    if w.size != 1 and w.size != channels:
        raise RuntimeError(
            f"Mismatch of parameter numbers and input channel size. Found parameter numbers = {w.size} and channel size = {channels}."
        )
    if x.dtype != w.dtype:
        raise RuntimeError(
            f"prelu: Type promoting not supported. Got {dtypes.scalar_type_name(x.dtype)} and {dtypes.scalar_type_name(w.dtype)}"
        )
    _check("prelu", input, "prelu_cpu")
    if x.ndim != w.ndim:  # NOTE: matches torch: weight viewed as (1, C, 1, ...)
        shape = [1] * x.ndim
        if x.ndim >= 2:
            shape[1] = w.size
        weight = weight.reshape(shape)
    return apply(ops.Prelu, input, weight)


def glu(input: Tensor, dim: int = -1) -> Tensor:
    """a * sigmoid(b), a and b the two halves of input along dim."""
    if input.dim() == 0:
        raise RuntimeError(
            "glu does not support scalars because halving size must be even"
        )
    d = input._data.ndim
    if not -d <= dim < d:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-d}, {d - 1}], but got {dim})"
        )
    size = input._data.shape[dim]
    if size % 2:
        raise RuntimeError(
            f"Halving dimension must be even, but dimension {dim % d} is size {size}"
        )
    _check("glu", input)
    return apply(ops.Glu, input, dim=dim)


def softmin(
    input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None
) -> Tensor:
    """softmax(-x) along dim (NegBackward0 then SoftmaxBackward0, as torch)."""
    if dim is None:
        dim = _get_softmax_dim("softmin", input.dim(), _stacklevel)
    return softmax(-input, dim, dtype=dtype)
