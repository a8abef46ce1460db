"""In-place lerp_, addcmul_, addcdiv_ on arrays, rounded as torch's CPU kernels."""

from __future__ import annotations

import numpy as np

from minigrad._exact.fma import F32, add_scaled, fma32, fma64, fused


def scalar(x: np.ndarray, value: float) -> np.generic:
    """``value`` cast to ``x``'s dtype, as torch casts a Python scalar operand."""
    return x.dtype.type(value)


def lerp_(x: np.ndarray, end: np.ndarray, weight: float) -> None:
    """``x.lerp_(end, weight)``: torch's two formulas, split at ``|weight| < 0.5``."""
    w = scalar(x, weight)
    diff = end - x
    # NOTE: matches torch: fma(w, end - x, x) for small weights, else
    # fma(w - 1, end - x, end) (one rounding each where the CPU kernel fuses)
    if abs(w) < 0.5:
        x[...] = add_scaled(x, diff, w)
    else:
        x[...] = add_scaled(end, diff, w - x.dtype.type(1))


def addcmul(x: np.ndarray, t1: np.ndarray, t2: np.ndarray, value: float = 1):
    """A new array ``x + value * t1 * t2``, rounded as torch's ``addcmul``."""
    v = scalar(x, value)
    scaled = t1 if v == 1 else v * t1
    # NOTE: matches torch: GCC contracts the kernel's (value*t1)*t2 + x into an FMA
    if not fused():
        return x + scaled * t2
    # flat arrays: the FMA helpers take a 0-d multiplier for a (finite) number
    a, b, c = (np.asarray(arr, x.dtype).reshape(-1) for arr in (scaled, t2, x))
    out = fma32(a, b, c) if x.dtype == F32 else fma64(a, b, c)
    return out.reshape(np.shape(x))


def addcmul_(x: np.ndarray, t1: np.ndarray, t2: np.ndarray, value: float = 1) -> None:
    """``x.addcmul_(t1, t2, value=value)`` in place."""
    x[...] = addcmul(x, t1, t2, value)


def ema_square_(avg: np.ndarray, grad: np.ndarray, beta: float) -> None:
    """``avg.mul_(beta).addcmul_(grad, grad, value=1 - beta)``."""
    np.multiply(avg, scalar(avg, beta), out=avg)
    addcmul_(avg, grad, grad, 1 - beta)


def addcdiv_(x: np.ndarray, t1: np.ndarray, t2: np.ndarray, value: float = 1) -> None:
    """``x.addcdiv_(t1, t2, value=value)``: ``x + (value * t1) / t2``."""
    v = scalar(x, value)
    x += (t1 if v == 1 else v * t1) / t2


def sqrt(x: np.ndarray) -> np.ndarray:
    """Elementwise square root, correctly rounded."""
    # NOTE: torch's CPU sqrt (MKL's vector sqrt) is off by one ulp for some inputs;
    # NumPy's is correctly rounded, so denominators may differ from torch's by an ulp.
    return np.sqrt(x)
