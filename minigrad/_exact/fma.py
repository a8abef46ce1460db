"""Fused multiply-add (a*b + c rounded once) in NumPy, as torch's CPU kernels do."""

from __future__ import annotations

import math
import os
import sys
import warnings

import numpy as np

F32, F64, U32, U64 = np.float32, np.float64, np.uint32, np.uint64


def cpu_capability() -> str:
    """torch's rule: ``ATEN_CPU_CAPABILITY`` if valid, else the CPU's flags."""
    env = os.environ.get("ATEN_CPU_CAPABILITY")
    if env in ("default", "avx2", "avx512"):
        return env
    if env is not None:
        warnings.warn(
            f"ignoring invalid value for ATEN_CPU_CAPABILITY: {env}", stacklevel=2
        )
    try:
        with open("/proc/cpuinfo") as f:
            flags = next(
                (ln.split(":", 1)[1].split() for ln in f if ln.startswith("flags")), []
            )
    except OSError:  # not Linux: torch's x86 kernels cannot be identified
        return "default"
    if {"avx512vl", "avx512bw", "avx512dq", "fma"} <= set(flags):
        return "avx512"
    if {"avx2", "fma"} <= set(flags):
        return "avx2"
    return "default"


# "default" runs torch's scalar kernels (a multiply, then an add: two roundings);
# avx2 and avx512 run kernels that GCC compiled with fused multiply-adds.
# Tests may reassign this.
CAPABILITY = cpu_capability()


def fused() -> bool:
    return CAPABILITY != "default"


# the low and high 32-bit halves of a float64, as uint32 views
_LO, _HI = (0, 1) if sys.byteorder == "little" else (1, 0)
_F32_MIN_EXP64 = (1023 - 126) << 20  # 2^-126's exponent field, in a float64's high half


def _two_sum_error(a, b, s):
    """The exact error of s = a + b (Knuth's TwoSum)."""
    bb = s - a
    return (a - (s - bb)) + (b - bb)


def _round_to_odd(s: np.ndarray, err: np.ndarray) -> np.ndarray:
    """s with its last bit forced to 1 when err != 0: round-to-odd of s + err."""
    fix = (err != 0) & ((s.view(U64) & U64(1)) == 0)
    return np.where(fix, np.nextafter(s, np.copysign(np.inf, err)), s)


def fma32(a: np.ndarray, b, c) -> np.ndarray:
    """float32 ``a*b + c`` rounded once: ``a`` a float32 array, ``b`` and ``c``
    numbers or float32 arrays broadcastable to ``a``."""
    shape = np.broadcast_shapes(np.shape(a), np.shape(b), np.shape(c))
    b = float(b) if np.ndim(b) == 0 else np.broadcast_to(b, shape).reshape(-1)
    p = np.array(np.broadcast_to(a, shape), dtype=F64).reshape(-1)
    p *= b  # exact: 24 + 24 bits fit in 53
    cs = c if np.ndim(c) == 0 else np.broadcast_to(c, shape).reshape(-1)
    s = p + cs
    # The double sum rounds to float32 wrongly only if it lands on a float32
    # midpoint (or in the float32 subnormal range) while being inexact itself;
    # rounding it to odd first (one double ulp toward the lost part) fixes that.
    halves = s.view(U32)
    risky = (halves[_LO::2] & U32(0x1FFFFFFF)) == U32(0x10000000)
    risky |= (halves[_HI::2] & U32(0x7FF00000)) - U32(1) < U32(_F32_MIN_EXP64 - 1)
    if risky.any():
        i = np.flatnonzero(risky)
        ci = cs if np.ndim(cs) == 0 else cs[i]
        s[i] = _round_to_odd(s[i], _two_sum_error(p[i], np.asarray(ci, F64), s[i]))
    return s.astype(F32).reshape(shape)


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Veltkamp's split of doubles into two halves of at most 26 bits."""
    t = a * 134217729.0
    hi = t - (t - a)
    return hi, a - hi


def fma64(a: np.ndarray, b, c) -> np.ndarray:
    """float64 ``a*b + c`` rounded once (Boldo-Melquiond: error-free transforms,
    then round-to-odd), for an array ``a``, ``b`` a number or an array of its
    shape, and ``c`` either."""
    if np.ndim(b) == 0:
        m, e = math.frexp(b)
        b_hi = math.ldexp(float(int(m * 2.0**26)), e - 26)  # 26 bits, then 27: exact
        b_lo = b - b_hi
    else:
        b_hi, b_lo = _split(np.asarray(b, F64))
    a_hi, a_lo = _split(a)
    p = a * b
    p_err = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    c = np.asarray(c, F64)
    t = p + c
    t_err = _two_sum_error(c, p, t)
    v = t_err + p_err
    v = _round_to_odd(v, _two_sum_error(t_err, p_err, v))
    out = t + v
    # infinities and NaNs: the transforms give NaN where the plain sum is right
    return out if np.isfinite(t).all() else np.where(np.isfinite(t), out, t)


def muladd(x: np.ndarray, mul, add, dtype: np.dtype, fused: bool) -> np.ndarray:
    """``x*mul + add`` in ``dtype``, fused (one rounding) or not (two)."""
    mul, add = dtype.type(mul), dtype.type(add)
    if mul == 1:
        return x + add  # one rounding either way (and -0 becomes +0, as torch)
    if not fused:
        return x * mul + add
    if add == 0:  # one rounding of x*mul, except that an exact zero becomes +0
        product = x * mul
        out = product + add
        if not out.all():
            underflow = (out == 0) & (x != 0) & (mul != 0)
            out[underflow] = product[underflow]
        return out
    return fma32(x, mul, add) if dtype == F32 else fma64(x, float(mul), float(add))


def add_scaled(x: np.ndarray, y: np.ndarray, alpha) -> np.ndarray:
    """A new array ``x + alpha * y``, rounded as torch's ``add(y, alpha=)``."""
    # NOTE: matches torch: alpha is cast to the tensor's dtype, then one FMA
    if alpha == 1:
        return x + y
    if x.dtype == F32 and fused():
        return fma32(np.asarray(y, F32), F32(alpha), x)
    if x.dtype == F64 and fused():
        return fma64(np.asarray(y, F64), float(alpha), x)
    return x + x.dtype.type(alpha) * y if x.dtype.kind == "f" else x + alpha * y


def add_scaled_(x: np.ndarray, y: np.ndarray, alpha) -> None:
    """``x += alpha * y`` in place, rounded as torch's ``add_(y, alpha=)``."""
    if alpha == 1 and x.dtype.kind == "f" and y.dtype == x.dtype:
        np.add(x, y, out=x)  # one rounding, fused or not
        return
    if x.dtype == F32 and y.dtype == F32 and x.shape == y.shape and fused():
        # The optimizer's hot path, in fewer steps than fma32: the float64 sum of
        # the exact product rounds to float32 once unless it lies on a float32
        # midpoint; only then is the careful fma32 needed.
        # NOTE: results below 2^-126 (float32 subnormals) are not checked here.
        if x.size >= 2 * _BLOCK and _blockable(x, y):
            _add_scaled_blocks_(x, y, alpha)
            return
        s = y.astype(F64)
        s *= float(F32(alpha))
        s += x
        if not ((s.view(U64) & _LOW29) == _MID29).any():
            np.copyto(x, s, casting="same_kind")
            return
    x[...] = add_scaled(x, y, alpha)


_LOW29, _MID29 = U64(0x1FFFFFFF), U64(0x10000000)  # the bits below a float32's last
# NOTE: 32K float64s (256 KB) stay in cache between the passes over a block.
_BLOCK = 1 << 15


def _blockable(x: np.ndarray, y: np.ndarray) -> bool:
    return (
        x.flags.c_contiguous and y.flags.c_contiguous and not np.may_share_memory(x, y)
    )


def _add_scaled_blocks_(x: np.ndarray, y: np.ndarray, alpha) -> None:
    """add_scaled_'s float32 hot path block by block (elementwise: same bits)."""
    a = float(F32(alpha))
    xs, ys = x.reshape(-1), y.reshape(-1)
    s = np.empty(_BLOCK, F64)
    bits = np.empty(_BLOCK, U64)
    risky = np.empty(_BLOCK, bool)
    for start in range(0, xs.size, _BLOCK):
        xb, yb = xs[start : start + _BLOCK], ys[start : start + _BLOCK]
        n = xb.size
        sb, bb, rb = s[:n], bits[:n], risky[:n]
        np.copyto(sb, yb)
        sb *= a  # exact: 24 + 24 bits fit in 53
        sb += xb
        np.bitwise_and(sb.view(U64), _LOW29, out=bb)
        np.equal(bb, _MID29, out=rb)
        if rb.any():
            xb[...] = add_scaled(xb, yb, alpha)
        else:
            np.copyto(xb, sb, casting="same_kind")


def add_scaled_many_(xs: list[np.ndarray], ys: list[np.ndarray], alpha) -> bool:
    """``x += alpha * y`` for every float32 pair in one vector pass, as torch
    rounds each; False (nothing written) when a sum needs the careful path."""
    s = np.concatenate([y.reshape(-1) for y in ys], dtype=F64)
    s *= float(F32(alpha))
    s += np.concatenate([x.reshape(-1) for x in xs], dtype=F64)
    if ((s.view(U64) & _LOW29) == _MID29).any():
        return False
    start = 0
    for x in xs:
        stop = start + x.size
        np.copyto(x, s[start:stop].reshape(x.shape), casting="same_kind")
        start = stop
    return True
