"""The gamma family and float bits as ops: lgamma, digamma, polygamma, mvlgamma,
ldexp, nextafter, frexp."""

from __future__ import annotations

import math

import numpy as np

from minigrad.engine.graph import OUTPUT
from minigrad.ops import gamma_kernels as _k
from minigrad.ops.elementwise import OfInput
from minigrad.ops.formula import constant, promote, run, unary, zeros_like
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, output, value


class Polygamma(OfInput):
    """y = psi^(n)(x);  dx = g * psi^(n+1)(x)"""

    torch_saved = {"_saved_n": value(lambda node: node.n), "_saved_self": arg(0)}

    def forward(self, x, n):
        self.n = n
        return _k.polygamma(x, n)

    def backward(self, g, x):
        return (g * run(Polygamma, x, n=self.n + 1),)


class Digamma(OfInput):
    """y = psi(x);  dx = g * psi'(x)"""

    def forward(self, x):
        return _k.digamma(x)

    def backward(self, g, x):
        return (g * run(Polygamma, x, n=1),)


class Lgamma(OfInput):
    """y = ln |Gamma(x)|;  dx = g * psi(x)"""

    def forward(self, x):
        return _k.lgamma(x)

    def backward(self, g, x):
        return (g * run(Digamma, x),)


def mvlgamma_steps(p: int, dtype) -> np.ndarray:
    """The offsets -(p-1)/2 ... 0 by halves, in x's dtype (torch's arange)."""
    return np.arange(-p / 2 + 0.5, 0.5, 0.5).astype(dtype)


class Mvlgamma(OfInput):
    """y = sum_j lgamma(x - j/2) + p(p-1)/4 ln pi;  dx = g * sum_j psi(x - j/2)"""

    torch_saved = {"_saved_p": value(lambda node: node.p), "_saved_self": arg(0)}

    def forward(self, x, p):
        self.p = p
        terms = _k.lgamma(x[..., None] + mvlgamma_steps(p, x.dtype))
        shift = x.dtype.type(p * (p - 1) * math.log(math.pi) * 0.25)
        return terms.sum(-1) + shift

    def backward(self, g, x):
        steps = mvlgamma_steps(self.p, constant(x).dtype).tolist()
        total = run(Digamma, x + steps[0])
        for step in steps[1:]:
            total = total + run(Digamma, x + step)
        return (g * total,)


class Ldexp(Op):
    """y = a * 2^b;  da = g * 2^b,  db = g * y * ln 2"""

    torch_saved = {"_saved_other": arg(1), "_saved_result": output}
    save = (1, OUTPUT)

    def forward(self, a, b, dtype=None):
        a, b = promote(a, b, dtype)
        return a * np.exp2(b)

    def backward(self, g, b, y):
        c = constant(b)
        if c.dtype.kind in "biu":  # NOTE: matches torch: 2^b in b's integer dtype
            inside = (c >= 0) & (c < 63)
            power = np.where(inside, np.left_shift(1, np.where(inside, c, 0)), 0)
            return g * power, None
        return g * unary(b, np.exp2, "exp2"), g * y * math.log(2)


class Nextafter(Op):
    """y = the next float after a towards b;  da = g,  db = 0"""

    torch_saved = {"_saved_other": arg(1), "_saved_self": arg(0)}

    def forward(self, a, b, dtype=None):
        return np.nextafter(*promote(a, b, dtype))

    def backward(self, g):
        return g, zeros_like(g)


class Frexp(Op):
    """mantissa m of x = m * 2^e;  dx = g / 2^e"""

    torch_saved = {"_saved_exponent": value(lambda node: node.exponent)}

    def forward(self, x):
        mantissa, exponent = np.frexp(x)
        self.exponent = exponent.astype(np.int32)
        return mantissa

    def backward(self, g):
        return (g / np.exp2(self.exponent).astype(constant(g).dtype),)
