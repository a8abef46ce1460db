"""The regularized incomplete gamma functions as ops: gammainc P(a, x), gammaincc
Q(a, x) (a series below a + 1, a continued fraction above, in float64)."""

from __future__ import annotations

import numpy as np

from minigrad.ops import gamma_kernels as _k
from minigrad.ops.elementwise import Pairwise
from minigrad.ops.formula import log, run, unary
from minigrad.ops.gamma import Lgamma

_EPS = 1e-17
_STEPS = 100000


def _prefactor(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """x^a e^-x / Gamma(a), by logs."""
    return np.exp(a * np.log(x) - x - _k.lgamma(a))


def _series(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """P(a, x) = x^a e^-x / Gamma(a + 1) sum_n x^n / ((a + 1) ... (a + n))."""
    term = np.ones_like(a)
    total = np.ones_like(a)
    n = 0
    active = np.ones(a.shape, bool)
    while active.any() and n < _STEPS:
        n += 1
        term = np.where(active, term * x / (a + n), term)
        total = np.where(active, total + term, total)
        active &= np.abs(term) > _EPS * np.abs(total)
    return _prefactor(a, x) / a * total


def _fraction(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Q(a, x) by Lentz's continued fraction (x >= a + 1)."""
    tiny = 1e-300
    b = x + 1 - a
    c = np.full_like(a, 1 / tiny)
    d = 1 / b
    h = d.copy()
    n = 0
    active = np.ones(a.shape, bool)
    while active.any() and n < _STEPS:
        n += 1
        an = -n * (n - a)
        b = b + 2
        d = an * d + b
        d = np.where(np.abs(d) < tiny, tiny, d)
        c = b + an / c
        c = np.where(np.abs(c) < tiny, tiny, c)
        d = 1 / d
        delta = d * c
        h = np.where(active, h * delta, h)
        active &= np.abs(delta - 1) > _EPS
    return _prefactor(a, x) * h


def _regularized(a, x, upper: bool) -> np.ndarray:
    dtype = np.result_type(a, x)
    a, x = np.broadcast_arrays(np.asarray(a, np.float64), np.asarray(x, np.float64))
    with np.errstate(all="ignore"):
        regular = (a > 0) & (x > 0) & np.isfinite(a) & np.isfinite(x)
        ra, rx = np.where(regular, a, 1.0), np.where(regular, x, 0.5)
        below = rx < ra + 1
        p = np.ones_like(ra) * np.nan
        lo, hi = below, ~below
        p[lo] = _series(ra[lo], rx[lo])
        q = np.ones_like(ra) * np.nan
        q[hi] = _fraction(ra[hi], rx[hi])
        p = np.where(below, p, 1 - q)
        q = np.where(below, 1 - p, q)
        out = q if upper else p
        # NOTE: matches torch's calc_igamma / calc_igammac at the edges
        low, high = (1.0, 0.0) if upper else (0.0, 1.0)
        edge = np.select(
            [
                (x < 0) | (a < 0) | np.isnan(a) | np.isnan(x),
                a == 0,
                x == 0,
                np.isinf(a),
                np.isinf(x),
            ],
            [
                np.nan,
                np.where(x > 0, high, np.nan),
                low,
                np.where(np.isinf(x), np.nan, low),
                high,
            ],
            np.nan,
        )
    return np.where(regular, out, edge).astype(dtype, copy=False)


class Igamma(Pairwise):
    """y = P(a, x);  dx = g x^(a-1) e^-x / Gamma(a); da: none in torch"""

    sign, kernel_name = 1, "igamma"

    @staticmethod
    def kernel(a, x):
        return _regularized(a, x, upper=False)

    def backward(self, g, a, x):
        if self.next_edges[0] is not None:
            raise NotImplementedError(
                f"the derivative for '{self.kernel_name}: input' is not implemented."
            )
        power = (a - 1) * log(x) - x - run(Lgamma, a)
        return None, self.sign * g * unary(power, np.exp, "exp")


class Igammac(Igamma):
    """y = Q(a, x) = 1 - P(a, x);  dx = -g x^(a-1) e^-x / Gamma(a); da: none in torch"""

    sign, kernel_name = -1, "igammac"

    @staticmethod
    def kernel(a, x):
        return _regularized(a, x, upper=True)
