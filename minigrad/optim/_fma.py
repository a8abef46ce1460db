"""x + alpha * y rounded once, as torch's CPU ``add(y, alpha=)`` does (an FMA)."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import numpy as np

from minigrad import _rng_kernels

# NOTE: matches torch: on CPU with AVX2 or AVX-512, add(alpha=) is one fused
# multiply-add in the tensor's dtype (alpha cast to that dtype first), rounded
# once; torch's scalar "default" kernels multiply, then add (two roundings).

# (constants as 0-d arrays: NumPy's scalar path is slower)
_LOW29 = np.array(0x1FFFFFFF)  # float64 mantissa bits below float32's last bit
_HALF32 = np.array(0x10000000)  # ... holding exactly half a float32 ulp
_SPLIT = 134217729.0  # 2**27 + 1, Veltkamp's constant for float64


_F32, _F64 = np.dtype(np.float32), np.dtype(np.float64)


def add_scaled(x: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """A new array ``x + alpha * y``, rounded as torch rounds it."""
    fused = alpha != 1 and _rng_kernels.CAPABILITY != "default"
    if fused and x.dtype is _F32:
        return fma32(y, alpha, x).astype(np.float32)
    if fused and x.dtype is _F64:
        return fma64(y, float(alpha), x)
    return x + x.dtype.type(alpha) * y


def add_scaled_(x: np.ndarray, y: np.ndarray, alpha: float) -> None:
    """``x += alpha * y`` in place, rounded as torch rounds it."""
    fused = alpha != 1 and _rng_kernels.CAPABILITY != "default"
    if fused and x.dtype is _F32:
        x[...] = fma32(y, alpha, x)
    elif fused and x.dtype is _F64:
        x[...] = fma64(y, float(alpha), x)
    else:
        x += x.dtype.type(alpha) * y


def fma32(y: np.ndarray, alpha: float, x: np.ndarray) -> np.ndarray:
    """``y * alpha + x`` for float32 arrays, as float64 values that round right.

    The float64 product of two float32 numbers is exact, so the float64 sum is
    rounded once; casting it to float32 rounds a second time, which goes wrong
    only when the float64 sum lands exactly halfway between two float32
    numbers. Those few elements are nudged toward the exact value. (Not
    checked: results below 2**-126, float32's subnormals, where a second
    rounding also needs the gradient to be below about 1e-31.)
    """
    a = _float32_alpha(alpha)
    s = y * a
    s += x
    halfway = (s.view(np.int64) & _LOW29) == _HALF32
    if np.count_nonzero(halfway):
        s = _nudge_halfway(s, halfway, y, float(a), x)
    return s


@lru_cache(maxsize=64)
def _float32_alpha(alpha: float) -> np.ndarray:
    """alpha rounded to float32, as a 0-d float64 array (torch casts alpha first)."""
    return np.array(float(np.float32(alpha)))


def _nudge_halfway(s, halfway, y, a: float, x) -> np.ndarray:
    shape = np.shape(s)
    out = np.array(s, dtype=np.float64).reshape(-1)
    ys = np.broadcast_to(y, shape).reshape(-1)
    xs = np.broadcast_to(x, shape).reshape(-1)
    for i in np.flatnonzero(halfway):
        exact = Fraction(float(ys[i])) * Fraction(a) + Fraction(float(xs[i]))
        if exact != Fraction(float(out[i])):
            out[i] = np.nextafter(out[i], np.inf if exact > out[i] else -np.inf)
    return out.reshape(shape)


def fma64(y: np.ndarray, alpha: float, x: np.ndarray) -> np.ndarray:
    """``y * alpha + x`` for float64 arrays, rounded once.

    Error-free transforms give ``y*alpha + x = s + t + t_err`` exactly; rounding
    ``t`` to odd keeps the sticky information, so ``s + t`` then rounds as the
    exact sum would (Boldo & Melquiond, "Emulation of FMA and correctly rounded
    sums: proved algorithms using rounding to odd", 2008).
    """
    p = y * alpha
    p_err = _product_error(y, alpha, p)
    s, s_err = _two_sum(x, p)
    t, t_err = _two_sum(s_err, p_err)
    inexact_even = (t_err != 0) & ((t.view(np.int64) & 1) == 0)
    t = np.where(inexact_even, np.nextafter(t, np.copysign(np.inf, t_err)), t)
    out = s + t
    naive = x + p
    # infinities and NaNs: the transforms produce NaN where the plain sum is right
    return np.where(np.isfinite(naive), out, naive)


def _split(v):
    t = v * _SPLIT
    hi = t - (t - v)
    return hi, v - hi


def _product_error(y, alpha: float, p):
    """``y * alpha - p`` exactly (Dekker's product with Veltkamp splitting)."""
    y_hi, y_lo = _split(y)
    a_hi, a_lo = _split(np.float64(alpha))
    return ((y_hi * a_hi - p) + y_hi * a_lo + y_lo * a_hi) + y_lo * a_lo


def _two_sum(a, b):
    """``(s, e)`` with ``s = fl(a + b)`` and ``a + b = s + e`` exactly (Knuth)."""
    s = a + b
    b_virtual = s - a
    return s, (a - (s - b_virtual)) + (b - b_virtual)
