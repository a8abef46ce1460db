"""nn.init: fill a tensor in place with torch's initialisation schemes."""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable

import numpy as np

from minigrad import random
from minigrad._namespace import listing
from minigrad.random import Generator
from minigrad.tensor import Tensor

_LINEAR_GAINS = (
    "linear",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
    "sigmoid",
)


def calculate_gain(nonlinearity: str, param: int | float | None = None) -> float:
    """The recommended gain for a nonlinearity (tanh: 5/3, relu: sqrt(2), ...)."""
    if nonlinearity in _LINEAR_GAINS:
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            negative_slope = 0.01
        elif isinstance(param, (int, float)) and not isinstance(param, bool):
            negative_slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + negative_slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _written(tensor: Tensor) -> Tensor:
    """Count an in-place fill in the tensor's version, as torch's fills do."""
    tensor._vc[0] += 1
    return tensor


# --- plain fills (the draws come from minigrad.random, as torch's uniform_) --


def uniform_(
    tensor: Tensor, a: float = 0.0, b: float = 1.0, generator: Generator | None = None
) -> Tensor:
    """Fill with U(a, b)."""
    random.fill_uniform_(tensor._data, a, b, generator)
    return _written(tensor)


def normal_(
    tensor: Tensor,
    mean: float = 0.0,
    std: float = 1.0,
    generator: Generator | None = None,
) -> Tensor:
    """Fill with N(mean, std^2)."""
    random.fill_normal_(tensor._data, mean, std, generator)
    return _written(tensor)


def constant_(tensor: Tensor, val: float) -> Tensor:
    tensor._data[...] = val._data if isinstance(val, Tensor) else val
    return _written(tensor)


def ones_(tensor: Tensor) -> Tensor:
    return constant_(tensor, 1.0)


def zeros_(tensor: Tensor) -> Tensor:
    return constant_(tensor, 0.0)


def eye_(tensor: Tensor) -> Tensor:
    """Fill a 2-D tensor with the identity matrix."""
    if tensor.ndim != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    tensor._data[...] = np.eye(*tensor._data.shape)
    return _written(tensor)


# --- fan-scaled schemes -------------------------------------------------------


def _calculate_fan_in_and_fan_out(tensor: Tensor) -> tuple[int, int]:
    """(inputs, outputs) per unit: size(1) and size(0), times the receptive field."""
    shape = tensor._data.shape
    if len(shape) < 2:
        raise ValueError(
            "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"
        )
    receptive_field = math.prod(shape[2:])
    return shape[1] * receptive_field, shape[0] * receptive_field


def _calculate_correct_fan(tensor: Tensor, mode: str) -> int:
    mode = mode.lower()
    valid_modes = ["fan_in", "fan_out"]
    if mode not in valid_modes:
        raise ValueError(f"Mode {mode} not supported, please use one of {valid_modes}")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return fan_in if mode == "fan_in" else fan_out


def _uniform_with_std(
    tensor: Tensor, std: float, generator: Generator | None
) -> Tensor:
    """U(-a, a) with a = sqrt(3) * std."""
    bound = math.sqrt(3.0) * std  # NOTE: matches torch: the same roundings
    return uniform_(tensor, -bound, bound, generator)


def _normal_with_std(tensor: Tensor, std: float, generator: Generator | None) -> Tensor:
    """N(0, std^2)."""
    return normal_(tensor, 0.0, std, generator)


_LAWS = {"uniform": _uniform_with_std, "normal": _normal_with_std}


def _named(function: Callable, name: str, law: str, std: str) -> Callable:
    """``function`` as the public ``<name>_<law>_`` (pickled, and shown, under it)."""
    function.__name__ = function.__qualname__ = f"{name}_{law}_"
    function.__doc__ = f"{_LAWS[law].__doc__[:-1]}, std = {std}."
    return function


def _xavier(law: str) -> Callable:
    """xavier_<law>_: the law with std = gain * sqrt(2 / (fan_in + fan_out))."""
    fill = _LAWS[law]

    def xavier_(
        tensor: Tensor, gain: float = 1.0, generator: Generator | None = None
    ) -> Tensor:
        fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
        std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
        return fill(tensor, std, generator)

    return _named(xavier_, "xavier", law, "gain * sqrt(2 / (fan_in + fan_out))")


def _kaiming(law: str) -> Callable:
    """kaiming_<law>_: the law with std = gain / sqrt(fan) (torch's gain and fan)."""
    fill = _LAWS[law]

    def kaiming_(
        tensor: Tensor,
        a: float = 0,
        mode: str = "fan_in",
        nonlinearity: str = "leaky_relu",
        generator: Generator | None = None,
    ) -> Tensor:
        if 0 in tensor._data.shape:
            warnings.warn("Initializing zero-element tensors is a no-op", stacklevel=2)
            return tensor
        fan = _calculate_correct_fan(tensor, mode)
        std = calculate_gain(nonlinearity, a) / math.sqrt(fan)
        return fill(tensor, std, generator)

    return _named(kaiming_, "kaiming", law, "gain / sqrt(fan)")


xavier_uniform_ = _xavier("uniform")
xavier_normal_ = _xavier("normal")
kaiming_uniform_ = _kaiming("uniform")
kaiming_normal_ = _kaiming("normal")


# --- orthogonal and truncated normal --------------------------------------------


def orthogonal_(
    tensor: Tensor, gain: float = 1, generator: Generator | None = None
) -> Tensor:
    """A (semi) orthogonal matrix: Q of the QR of a normal matrix, signs fixed by R."""
    if tensor.ndim < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    out = tensor._data
    if out.size == 0:
        return tensor
    rows = out.shape[0]
    cols = out.size // rows
    flat = np.empty((rows, cols), out.dtype)
    random.fill_normal_(flat, 0, 1, generator)
    if rows < cols:
        flat = flat.T
    # NOTE: matches torch's algorithm (QR, then Q times the signs of R's
    # diagonal); NumPy's LAPACK (double precision for float32) and torch's may
    # differ in the last bits of Q.
    q, r = np.linalg.qr(flat)
    q = (q * np.sign(np.diagonal(r))).astype(out.dtype)
    if rows < cols:
        q = q.T
    out[...] = q.reshape(out.shape)
    out *= out.dtype.type(gain)
    return tensor


def _norm_cdf(x: float) -> float:
    return (1.0 + math.erf(x / math.sqrt(2.0))) / 2.0


def trunc_normal_(
    tensor: Tensor,
    mean: float = 0.0,
    std: float = 1.0,
    a: float = -2.0,
    b: float = 2.0,
    generator: Generator | None = None,
) -> Tensor:
    """N(mean, std^2) restricted to [a, b], by torch's two rejection samplers."""
    if (mean < a - 2 * std) or (mean > b + 2 * std):
        warnings.warn(
            "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.",
            stacklevel=2,
        )
    out = tensor._data
    p = _norm_cdf((b - mean) / std) - _norm_cdf((a - mean) / std)
    if p > 0.3:  # NOTE: matches torch: redraw a full normal tensor per round
        lo, hi = out.dtype.type(a), out.dtype.type(b)
        random.fill_normal_(out, mean, std, generator)
        while True:
            outside = (out < lo) | (out > hi)
            if not outside.any():
                break
            fresh = random.fill_normal_(np.empty_like(out), mean, std, generator)
            out[...] = np.where(outside, fresh, out)
        return tensor
    # NOTE: matches torch: uniform proposals on [a, b], accepted where
    # log(U) <= log_pdf - log_peak, every step in the tensor's dtype
    mode = max(a, min(mean, b))
    log_peak = -0.5 * ((mode - mean) / std) ** 2
    random.fill_uniform_(out, a, b, generator)
    pending = _rejected(out, mean, std, log_peak, generator)
    if not pending.any():
        return tensor
    result = out.copy()
    while True:
        candidates = random.fill_uniform_(np.empty_like(out), a, b, generator)
        result = np.where(pending, candidates, result)
        pending = pending & _rejected(candidates, mean, std, log_peak, generator)
        if not pending.any():
            break
    out[...] = result
    return tensor


def _rejected(x: np.ndarray, mean: float, std: float, log_peak: float, generator):
    """Draw U per element; True where log(U) > log_pdf(x) - log_peak."""
    dt = x.dtype.type
    c = (x - dt(mean)) / dt(std)
    c = c * c * dt(-0.5) - dt(log_peak)
    u = random.fill_uniform_(np.empty_like(x), 0.0, 1.0, generator)
    with np.errstate(divide="ignore"):
        return np.log(u) > c


# --- torch's deprecated names without the trailing underscore -----------------


def _deprecated(method: Callable) -> Callable:
    new_name = method.__name__

    @functools.wraps(method)
    def deprecated_init(*args, **kwargs):
        warnings.warn(
            f"`nn.init.{new_name[:-1]}` is now deprecated in favor of `nn.init.{new_name}`.",
            FutureWarning,
            stacklevel=2,
        )
        return method(*args, **kwargs)

    deprecated_init.__name__ = new_name[:-1]
    return deprecated_init


uniform = _deprecated(uniform_)
normal = _deprecated(normal_)
constant = _deprecated(constant_)
eye = _deprecated(eye_)
xavier_uniform = _deprecated(xavier_uniform_)
xavier_normal = _deprecated(xavier_normal_)
kaiming_uniform = _deprecated(kaiming_uniform_)
kaiming_normal = _deprecated(kaiming_normal_)
orthogonal = _deprecated(orthogonal_)

__all__ = [
    "calculate_gain",
    "constant",
    "constant_",
    "eye",
    "eye_",
    "kaiming_normal",
    "kaiming_normal_",
    "kaiming_uniform",
    "kaiming_uniform_",
    "normal",
    "normal_",
    "ones_",
    "orthogonal",
    "orthogonal_",
    "trunc_normal_",
    "uniform",
    "uniform_",
    "xavier_normal",
    "xavier_normal_",
    "xavier_uniform",
    "xavier_uniform_",
    "zeros_",
]
__dir__ = listing(globals())
