"""The gamma family on arrays, replaying torch's CPU kernels (Cephes): lgamma,
digamma, trigamma, the Hurwitz zeta and polygamma."""

from __future__ import annotations

import math

import numpy as np

from minigrad._exact import transcendental as tr

_LGAMMA = np.frompyfunc(math.lgamma, 1, 1)
_PSI_10 = 2.25175258906672110764
_PSI_A = (8.33333333333333333333e-2, -2.10927960927960927961e-2)
_PSI_A += (7.57575757575757575758e-3, -4.16666666666666666667e-3)
_PSI_A += (3.96825396825396825397e-3, -8.33333333333333333333e-3)
_PSI_A += (8.33333333333333333333e-2,)
_MACHEP = 1.11022302462515654042e-16
_ZETA_A = (12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9)
_ZETA_A += (7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14)
_ZETA_A += (-4.5979787224074726105e15, 1.8152105401943546773e17)
_ZETA_A += (-7.1661652561756670113e18,)


def _poles(x: np.ndarray) -> np.ndarray:
    """Where x is 0 or a negative integer."""
    return (x <= 0) & (x == np.floor(x))


def lgamma(x: np.ndarray) -> np.ndarray:
    """ln |Gamma(x)|: inf at the poles and at +-inf, as std::lgamma."""
    x = np.asarray(x)
    bad = _poles(x) | np.isinf(x)
    safe = np.where(bad, 1.0, x).astype(np.float64)
    out = np.asarray(_LGAMMA(safe), dtype=np.float64)
    return np.where(bad, np.inf, out).astype(x.dtype, copy=False)


def _digamma_positive(z: np.ndarray) -> np.ndarray:
    """calc_digamma for z > 0: pushed to z >= 10, then the asymptotic series."""
    t = z.dtype.type
    result = np.zeros_like(z)
    while True:
        low = z < 10
        if not low.any():
            break
        result = np.where(low, result - t(1) / z, result)
        z = np.where(low, z + t(1), z)
    zz = t(1) / (z * z)
    poly = np.zeros_like(z)
    for c in _PSI_A:
        poly = poly * zz + t(c)
    y = np.where(z < t(1e17), zz * poly, t(0))
    series = result + tr.log(z) - t(0.5) / z - y
    return np.where(z == 10, result + t(_PSI_10), series)


def digamma(x: np.ndarray) -> np.ndarray:
    """psi(x) = d/dx ln Gamma(x): -+inf at -+0, nan at negative integers."""
    x = np.asarray(x)
    t = x.dtype.type
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        neg = x < 0
        # NOTE: matches torch: pi / tan(pi r) on the fractional part r, in double
        r = np.fmod(x.astype(np.float64), 1.0)
        reflect = (math.pi / np.tan(math.pi * r)).astype(x.dtype)
        z = np.where(neg, t(1) - x, x)
        out = _digamma_positive(np.where(z > 0, z, t(1)))
        out = np.where(neg, out - reflect, out)
        out = np.where(z > 0, out, np.nan)  # nan stays nan
        out = np.where(x == 0, np.copysign(t(np.inf), -x), out)
        out = np.where(neg & (x == np.trunc(x)), np.nan, out)
    return out.astype(x.dtype, copy=False)


def trigamma(x: np.ndarray) -> np.ndarray:
    """psi'(x), by reflection below 1/2, six recurrence steps and a series."""
    x = np.asarray(x)
    t = x.dtype.type
    pi = t(math.pi)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        low = x < t(0.5)
        sin = tr.sin(pi * x)
        result = np.where(low, t(0) - (pi * pi) / (sin * sin), t(0))
        x = np.where(low, t(1) - x, x)
        for _ in range(6):
            result = result + t(1) / (x * x)
            x = x + t(1)
        ixx = t(1) / (x * x)
        inner = t(1 / 6) - ixx * (t(1 / 30) - ixx * t(1 / 42))
        result = result + (t(1) + t(1) / (t(2) * x) + ixx * inner) / x
        out = np.where(low, -result, result)
    return out.astype(x.dtype, copy=False)


def zeta(x, q) -> np.ndarray:
    """The Hurwitz zeta function sum_k (k + q)^-x, in double (torch's acc_type)."""
    x, q = np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(q, np.float64))
    out = np.full(x.shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        special = np.select(
            [x == 1, x < 1, _poles(q), (q <= 0) & (x != np.floor(x))],
            [np.inf, np.nan, np.inf, np.nan],
            0.0,
        )
        done = (x == 1) | (x < 1) | (q <= 0) & ((q == np.floor(q)) | (x != np.floor(x)))
        out = np.where(done, special, out)
        s, a, b, i = np.power(q, -x), q.copy(), np.zeros_like(q), 0
        while True:
            active = ~done & ((i < 9) | (a <= 9))
            if not active.any():
                break
            i += 1
            a = np.where(active, a + 1, a)
            b = np.where(active, np.power(a, -x), b)
            s = np.where(active, s + b, s)
            met = active & (-_MACHEP * s < b) & (b < _MACHEP * s)
            out, done = np.where(met, s, out), done | met
        w = a
        s = s + b * w / (x - 1)
        s = s - 0.5 * b
        a, k = np.ones_like(q), 0.0
        for c in _ZETA_A:
            a = a * (x + k)
            b = b / w
            t = a * b / c
            s = s + t
            met = ~done & (np.abs(t / s) < _MACHEP)
            out, done = np.where(met, s, out), done | met
            k += 1
            a = a * (x + k)
            b = b / w
            k += 1
        return np.where(done, out, s)


def polygamma(x: np.ndarray, n: int) -> np.ndarray:
    """The n-th derivative of digamma: (-1)^(n+1) n! zeta(n + 1, x) for n >= 2."""
    x = np.asarray(x)
    if n == 0:
        return digamma(x)
    if n == 1:
        return trigamma(x)
    t = x.dtype.type
    with np.errstate(over="ignore", invalid="ignore"):
        factorial = np.exp(t(math.lgamma(n + 1)))
        out = t(1 if n % 2 else -1) * factorial * zeta(n + 1, x).astype(x.dtype)
    return out.astype(x.dtype, copy=False)
