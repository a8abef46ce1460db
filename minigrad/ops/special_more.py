"""torch.special's own ops: entr, xlog1py, erfcx, log_ndtr, zeta, ndtri."""

from __future__ import annotations

import functools
import math

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.engine.graph import OUTPUT
from minigrad.ops import erf as _erf
from minigrad.ops import gamma_kernels as _k
from minigrad.ops.cephes_tables import NDTRI
from minigrad.ops.elementwise import OfInput, Pairwise
from minigrad.ops.formula import is_array, log, record, unary
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, output
from minigrad.ops.special import Xlogy, xlogy_array

_TWO_OVER_SQRT_PI = 2 / math.sqrt(math.pi)
_SQRT_2PI = math.sqrt(2 * math.pi)


class Entr(OfInput):
    """y = -x ln x (0 at 0, -inf below);  dx = -g (1 + ln x)"""

    node_name = "SpecialEntrBackward0"

    def forward(self, x):
        with np.errstate(divide="ignore", invalid="ignore"):
            out = -x * tr.log(x)
        out = np.where(x == 0, 0, np.where(x < 0, -np.inf, out))
        return out.astype(x.dtype, copy=False)

    def backward(self, g, x):
        return (-(1 + log(x)) * g,)


class Xlog1py(Xlogy):
    """y = a ln(1 + b) (0 at a = 0);  da = xlog1py(g, b) (0 at a = 0, b <= -1),
    db = g a / (b + 1)"""

    node_name = "SpecialXlog1PyBackward0"
    kernel = staticmethod(functools.partial(xlogy_array, log=np.log1p))
    pole = -1


def number_variants(op: type) -> tuple[type, type, type]:
    """op, and op with torch's names when its first (1) or second (2) operand is a
    number (the number a 0-d constant: values and gradients are op's)."""
    base = op.node_name[: -len("0")]
    return (op,) + tuple(
        type(op.__name__ + k, (op,), {"node_name": base + k, "__doc__": op.__doc__})
        for k in "12"
    )


class Erfcx(OfInput):
    """y = e^(x^2) erfc x;  dx = g (2 x y - 2 / sqrt pi)"""

    node_name = "SpecialErfcxBackward0"
    torch_saved = {"_saved_result": output, "_saved_self": arg(0)}
    save = (0, OUTPUT)

    def forward(self, x):
        return _erf.erfcx(x)

    def backward(self, g, x, y):
        return ((2 * x * y - _TWO_OVER_SQRT_PI) * g,)


def log_ndtr_array(x: np.ndarray) -> np.ndarray:
    """ln Phi(x), as torch's calc_log_ndtr: by erfcx below -1, by erfc above."""
    t = x * x.dtype.type(math.sqrt(0.5))
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        low = tr.log(_erf.erfcx(-t) / 2) - t * t
        high = tr.log1p(-_erf.erfc(t) / 2)
    return np.where(x < -1, low, high).astype(x.dtype, copy=False)


class LogNdtr(OfInput):
    """y = ln Phi(x);  dx = g e^(-(y + x^2 / 2)) / sqrt(2 pi)"""

    node_name = "SpecialLogNdtrBackward0"
    torch_saved = {"_saved_result": output, "_saved_self": arg(0)}
    save = (0, OUTPUT)

    def forward(self, x):
        return log_ndtr_array(x)

    def backward(self, g, x, y):
        return (g / _SQRT_2PI * unary(-(y + x * x / 2), tr.exp, "exp"),)


class Zeta(Pairwise):
    """y = sum_k (k + q)^-x (Hurwitz);  dq = -g x zeta(x + 1, q); dx: none in torch"""

    node_name = "SpecialZetaBackward0"

    @staticmethod
    def kernel(x, q):
        return _k.zeta(x, q).astype(np.result_type(x, q), copy=False)

    def backward(self, g, x, q):
        if self.next_edges[0] is not None:
            raise NotImplementedError("the derivative for 'zeta' is not implemented.")
        if is_array(x) and is_array(q):
            return None, -g * x * self.kernel(x + 1, q)
        return None, -g * x * record(Zeta, x + 1, q)


XLOG1PY, ZETA = number_variants(Xlog1py), number_variants(Zeta)


def _polevl(x: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Cephes' polevl: the polynomial of ``table`` (highest power first) in x's dtype."""
    t = x.dtype.type
    out = np.zeros_like(x)
    for c in table:
        out = out * x + t(c)
    return out


def ndtri_array(y0: np.ndarray) -> np.ndarray:
    """The inverse of the standard normal CDF, as torch's calc_ndtri (Cephes)."""
    t = y0.dtype.type
    p = NDTRI
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        upper = y0 > t(1) - t(0.13533528323661269189)
        y = np.where(upper, t(1) - y0, y0)
        c = y - t(0.5)
        c2 = c * c
        central = c + c * (c2 * _polevl(c2, p["P0"]) / _polevl(c2, p["Q0"]))
        central = central * t(2.50662827463100050242)
        x = np.sqrt(t(-2) * tr.log(y))
        x0 = x - tr.log(x) / x
        z = t(1) / x
        x1 = np.where(
            x < t(8),
            z * _polevl(z, p["P1"]) / _polevl(z, p["Q1"]),
            z * _polevl(z, p["P2"]) / _polevl(z, p["Q2"]),
        )
        tail = np.where(upper, x0 - x1, x1 - x0)
        out = np.where(y > t(0.13533528323661269189), central, tail)
        out = np.where((y0 < 0) | (y0 > 1), np.nan, out)
        out = np.where(y0 == 0, -np.inf, np.where(y0 == 1, np.inf, out))
    return out.astype(y0.dtype, copy=False)


class Ndtri(Op):
    """y = Phi^-1(x);  dx = g sqrt(2 pi) e^(y^2 / 2)"""

    node_name = "SpecialNdtriBackward0"
    torch_saved = {"_saved_result": output}
    save = (OUTPUT,)

    def forward(self, x):
        return ndtri_array(x)

    def backward(self, g, y):
        return (g * _SQRT_2PI * unary(y * y / 2, tr.exp, "exp"),)
