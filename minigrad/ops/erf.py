"""The error function and its inverse on arrays (NumPy has none): erf, erfc, erfinv."""

from __future__ import annotations

import math

import numpy as np

_ERF = np.frompyfunc(math.erf, 1, 1)
_ERFC = np.frompyfunc(math.erfc, 1, 1)
_TWO_OVER_SQRT_PI = 2 / math.sqrt(math.pi)


def _of(fn, x: np.ndarray) -> np.ndarray:
    """fn on every element, in float64, returned in x's dtype."""
    out = fn(np.asarray(x, dtype=np.float64))
    return np.asarray(out, dtype=np.float64).astype(x.dtype, copy=False)


def erf(x: np.ndarray) -> np.ndarray:
    return _of(_ERF, x)


def erfc(x: np.ndarray) -> np.ndarray:
    return _of(_ERFC, x)


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
        for _ in range(12):  # Newton, on log(erfc) in the tails: it converges there
            slope = _TWO_OVER_SQRT_PI * np.exp(-r * r)
            rc = _of(_ERFC, r)
            step = np.where(
                tail, (np.log(rc) - c) * rc / -slope, (_of(_ERF, r) - a) / slope
            )
            r = r - step
            if not np.any(np.abs(step) > 1e-16 * r):
                break
    out = np.where(inside, r, np.where(a == 1, np.inf, np.nan))
    out = np.where(np.abs(y) == 1, np.inf, out)
    return np.copysign(out, y).astype(np.asarray(x).dtype, copy=False)
