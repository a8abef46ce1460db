"""Logs and exponentials (log1p, expm1, log2, log10, exp2, rsqrt), erf, logit, xlogy."""

from __future__ import annotations

import math

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.ops import erf as _erf
from minigrad.ops.binary import where
from minigrad.ops.elementwise import OfInput, OfOutput, Pairwise, WithNumber
from minigrad.ops.formula import constant, is_array, promote, record, unary
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, value

_LN2, _LN10 = 0.6931471805599453, 2.3025850929940456
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


class Log1p(OfInput):
    """y = ln(1 + x);  dx = g / (x + 1)"""

    node_name = "Log1PBackward0"

    def forward(self, x):
        return tr.log1p(x)

    def backward(self, g, x):
        return (g / (x + 1),)


class Expm1(OfOutput):
    """y = e^x - 1;  dx = g * (y + 1)"""

    def forward(self, x):
        return tr.expm1(x)

    def backward(self, g, y):
        return (g * (y + 1),)


class Log2(OfInput):
    """y = log2 x;  dx = g / (x ln 2)"""

    def forward(self, x):
        return tr.log2(x)

    def backward(self, g, x):
        return (g / (x * _LN2),)


class Log10(OfInput):
    """y = log10 x;  dx = g / (x ln 10)"""

    def forward(self, x):
        return tr.log10(x)

    def backward(self, g, x):
        return (g / (x * _LN10),)


class Exp2(OfOutput):
    """y = 2^x;  dx = g * y * ln 2"""

    def forward(self, x):
        return tr.exp2(x)

    def backward(self, g, y):
        return (g * y * _LN2,)


class Rsqrt(OfOutput):
    """y = 1 / sqrt x;  dx = -0.5 * g * y^3"""

    def forward(self, x):
        return 1 / np.sqrt(x)

    def backward(self, g, y):
        return (-0.5 * g * y**3,)


class Erf(OfInput):
    """y = erf x;  dx = 2 / sqrt(pi) * e^(-x^2) * g"""

    sign = 1

    def forward(self, x):
        return _erf.erf(x)

    def backward(self, g, x):
        return (self.sign * _TWO_OVER_SQRT_PI * unary(-(x**2), tr.exp, "exp") * g,)


class Erfc(Erf):
    """y = 1 - erf x;  dx = -2 / sqrt(pi) * e^(-x^2) * g"""

    sign = -1

    def forward(self, x):
        return _erf.erfc(x)


class Erfinv(OfInput):
    """y = erf^-1(x);  dx = sqrt(pi) / 2 * e^(y^2) * g"""

    def forward(self, x):
        return _erf.erfinv(x)

    def backward(self, g, x):
        y = unary(x, _erf.erfinv, "erfinv")
        return (0.5 * math.sqrt(math.pi) * unary(y**2, tr.exp, "exp") * g,)


class Logit(OfInput):
    """y = ln(z / (1 - z)), z = x clamped to [eps, 1 - eps];  dx = g / (x (1 - x)) inside"""

    torch_saved = {"_saved_self": arg(0), "_saved_eps": value(lambda n: n.eps)}

    def forward(self, x, eps=None):
        self.eps = eps
        if eps is not None and eps >= 0:
            x = np.clip(x, x.dtype.type(eps), 1 - x.dtype.type(eps))
        return tr.log(x / (1 - x))

    def backward(self, g, x):
        lo, value = 0, np.nan
        if self.eps is not None and self.eps >= 0:
            lo, value = self.eps, 0
        c = constant(x)
        dtype = c.dtype.type
        # NOTE: matches torch: nan inside (its formula gives nan), inf at the bounds 0, 1
        outside = (c < dtype(lo)) | (c > 1 - dtype(lo))
        dx = g / (x * (1 - x))
        if is_array(g):  # NOTE: matches torch's first-order kernel: g * inf at 0 and 1
            with np.errstate(invalid="ignore"):
                dx = np.where((c == 0) | (c == 1), g * np.inf, dx)
        return (where(outside, value, dx),)


class Sinc(OfInput):
    """y = sin(pi x) / (pi x), 1 at 0;  dx = g (pi x cos(pi x) - sin(pi x)) / (pi x^2)"""

    def forward(self, x):
        px = x * x.dtype.type(math.pi)
        safe = np.where(x == 0, 1, px)
        return np.where(x == 0, 1, tr.sin(safe) / safe).astype(x.dtype, copy=False)

    def backward(self, g, x):
        px, pxx = x * math.pi, x * x * math.pi
        cos, sin = unary(px, tr.cos, "cos"), unary(px, tr.sin, "sin")
        with np.errstate(divide="ignore", invalid="ignore"):  # 0 / 0: masked below
            out = g * (px * cos - sin) / pxx
        return (where(constant(pxx) == 0, 0, out),)


class NanToNum(OfInput):
    """y = x with nan, +inf, -inf replaced;  dx = g where x is finite, else 0"""

    def forward(self, x, nan=0.0, posinf=None, neginf=None):
        return np.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)

    def backward(self, g, x):
        return (g * np.isfinite(constant(x)),)


class Deg2Rad(Op):
    """y = x pi / 180;  dx = g pi / 180"""

    factor = math.pi / 180

    def forward(self, x):
        return x * x.dtype.type(self.factor)

    def backward(self, g):
        return (g * self.factor,)


class Rad2Deg(Deg2Rad):
    """y = x 180 / pi;  dx = g 180 / pi"""

    factor = 180 / math.pi


def xlogy_array(x, y, log=tr.log):
    """x log(y), 0 where x == 0 (unless y is nan); ``log`` log1p for xlog1py."""
    if not isinstance(y, np.ndarray):
        y = np.asarray(y, dtype=np.asarray(x).dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = x * log(y)
    return np.where(np.isnan(y), np.nan, np.where(x == 0, 0, out)).astype(
        out.dtype, copy=False
    )


def xlogy(x, y, op: type | None = None):
    """xlogy (or ``op``'s function: xlog1py) of arrays, or recorded on Tensors."""
    op = op or Xlogy
    if is_array(x) and is_array(y):
        return op.kernel(x, y)
    return record(op, x, y)


class Xlogy(Pairwise):
    """y = a ln b (0 at a = 0);  da = xlogy(g, b) (0 at a = 0, b <= 0),  db = g a / b"""

    kernel = staticmethod(xlogy_array)
    pole = 0  # b at which ln b is -inf: xlog1py's is -1

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        da = db = None
        if need_a:
            zero = (constant(a) == 0) & (constant(b) <= self.pole)
            da = where(zero, 0, xlogy(g, b, type(self)))
        if need_b:
            db = g * a / (b - self.pole if self.pole else b)
        return da, db


class XlogyOfNumber(WithNumber):
    """y = a ln s (s a number);  da = xlogy(g, s) (0 at a = 0 when s <= 0)"""

    node_name = "XlogyBackward2"
    torch_saved = {"_saved_self": arg(0), "_saved_other": value(lambda n: n.other)}
    save = (0,)
    kernel = staticmethod(xlogy_array)

    def backward(self, g, a):
        da = xlogy(g, self.other)
        if self.other <= 0:
            da = where(constant(a) == 0, 0, da)
        return (da,)


class NumberXlogy(Op):
    """y = s ln b (s a number);  db = g s / b"""

    node_name = "XlogyBackward1"
    torch_saved = {"_saved_self": value(lambda n: n.s), "_saved_other": arg(0)}
    save = (0,)

    def forward(self, b, s, dtype=None):
        b, sa = promote(b, s, dtype)
        self.s = s
        return xlogy_array(sa, b)

    def backward(self, g, b):
        return (g * self.s / b,)
