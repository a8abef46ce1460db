"""The error function family on arrays (NumPy has none), vectorised: erf, erfc,
erfcx (torch's calc_erfcx), erfinv; accurate to float64 (torch calls MKL's VML)."""

from __future__ import annotations

import math

import numpy as np

from minigrad.ops.erfcx_table import ERFCX_Y100

_TWO_OVER_SQRT_PI = 2 / math.sqrt(math.pi)
_ONE_OVER_SQRT_PI = 1 / math.sqrt(math.pi)
# erf's Maclaurin series for |x| < 1/2: x * sum_n c_n x^2n, c_n = (-1)^n / (n! (2n+1))
_SERIES = [(-1) ** n / (math.factorial(n) * (2 * n + 1)) for n in range(13)][::-1]


_COLUMNS = [np.ascontiguousarray(c) for c in ERFCX_Y100.T]  # t^0 ... t^6


def _erfcx_y100(y100: np.ndarray) -> np.ndarray:
    """erfcx from y100 = 400 / (4 + |x|): the Chebyshev fit of its interval."""
    k = np.clip(np.where(y100 < 100, y100, 0), 0, 99).astype(np.int64)  # nan: 0
    t = 2 * y100 - (2 * k + 1)
    out = _COLUMNS[6].take(k)
    for column in _COLUMNS[5::-1]:
        out *= t
        out += column.take(k)
    return np.where(y100 >= 100, 1.0, out)  # NOTE: matches torch: 1 at |x| < 4 eps


def _erfcx64(x: np.ndarray, dtype) -> np.ndarray:
    """erfcx(x) = e^(x^2) erfc(x) in float64 (y100 formed in x's own dtype)."""
    a = np.abs(x).astype(dtype, copy=False)
    y100 = (dtype.type(400) / (dtype.type(4) + a)).astype(np.float64)
    out = _erfcx_y100(y100)
    x64 = x.astype(np.float64, copy=False)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        far = x64 > 50
        if far.any():
            v = x64[far]
            vv = v * v
            tail = (
                _ONE_OVER_SQRT_PI * (vv * (vv + 4.5) + 2) / (v * (vv * (vv + 5) + 3.75))
            )
            out[far] = np.where(v > 5e7, _ONE_OVER_SQRT_PI / v, tail)
        neg = x64 < 0
        if neg.any():
            own = x[neg].astype(dtype, copy=False)
            grow = (dtype.type(2) * np.exp(own * own)).astype(
                np.float64
            )  # NOTE: as torch
            v = x64[neg]
            value = np.where(v < -6.1, grow, grow - out[neg])
            out[neg] = np.where(v < -26.7, np.inf, value)
        out = np.where(np.isnan(x64), np.nan, out)
    return out


def erfcx(x: np.ndarray) -> np.ndarray:
    """The scaled complementary error function e^(x^2) erfc(x)."""
    x = np.asarray(x)
    return _erfcx64(x, x.dtype).astype(x.dtype, copy=False)


def _erf_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """In float64: erf(x) where |x| < 1/2 (its series), erfc(|x|) elsewhere (by
    erfcx), and the mask of the first (each computed only where it is used)."""
    x64 = np.asarray(x, dtype=np.float64)
    near = np.abs(x64) < 0.5
    small, tail = np.zeros_like(x64), np.zeros_like(x64)
    s = x64[near]
    ss = s * s
    poly = np.full_like(s, _SERIES[0])
    for c in _SERIES[1:]:
        poly = poly * ss + c
    small[near] = _TWO_OVER_SQRT_PI * s * poly
    far = ~near
    a = np.abs(x64[far])
    with np.errstate(under="ignore", over="ignore", invalid="ignore"):
        t = np.exp(-a * a) * _erfcx64(a, np.dtype(np.float64))
    tail[far] = np.where(np.isinf(a), 0.0, t)
    return small, tail, near


def erf(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x)
    small, tail, near = _erf_parts(x)
    out = np.where(near, small, np.copysign(1 - tail, x))
    return out.astype(x.dtype, copy=False)


def erfc(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x)
    small, tail, near = _erf_parts(x)
    out = np.where(near, 1 - small, np.where(x > 0, tail, 2 - tail))
    return out.astype(x.dtype, copy=False)


def _giles(y: np.ndarray) -> np.ndarray:
    """Giles' single-precision erfinv: the start of the Newton steps."""
    with np.errstate(divide="ignore", invalid="ignore"):
        w = -np.log((1 - y) * (1 + y))
        c = w - 2.5
        p = 2.81022636e-08
        for k in (3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087):
            p = k + p * c
        for k in (-0.00125372503, -0.00417768164, 0.246640727, 1.50140941):
            p = k + p * c
        t = np.sqrt(w) - 3
        q = -0.000200214257
        for k in (0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773):
            q = k + q * t
        for k in (-0.0076224613, 0.00943887047, 1.00167406, 2.83297682):
            q = k + q * t
    return np.where(w < 5, p, q) * y


def erfinv(x: np.ndarray) -> np.ndarray:
    """The inverse of erf: +-inf at +-1, nan outside [-1, 1]."""
    y = np.asarray(x, dtype=np.float64)
    a = np.abs(y)
    inside = a < 1
    a = np.where(inside, a, 0.0)
    tail = a > 0.5
    c = np.log(np.where(tail, 1 - a, 1.0))  # 1 - a is exact there
    r = _giles(a)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Newton (on log(erfc) in the tails: it converges there), each element
        # until its step is below an ulp
        todo = np.flatnonzero(inside)
        for _ in range(12):
            rt, at, tt = r.flat[todo], a.flat[todo], tail.flat[todo]
            slope = _TWO_OVER_SQRT_PI * np.exp(-rt * rt)
            step = np.empty_like(rt)
            rc = erfc(rt[tt])
            step[tt] = (np.log(rc) - c.flat[todo][tt]) * rc / -slope[tt]
            step[~tt] = (erf(rt[~tt]) - at[~tt]) / slope[~tt]
            r.flat[todo] = rt - step
            todo = todo[np.abs(step) > 1e-16 * rt]
            if not todo.size:
                break
    out = np.where(inside, r, np.where(a == 1, np.inf, np.nan))
    out = np.where(np.abs(y) == 1, np.inf, out)
    return np.copysign(out, y).astype(np.asarray(x).dtype, copy=False)
