"""Modified Bessel functions of the first kind as ops (Cephes' Chebyshev series, as
torch's calc_i0 / i0e / i1 / i1e): i0, i0e, i1, i1e."""

from __future__ import annotations

import numpy as np

from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import where
from minigrad.ops.cephes_tables import I0E_A, I0E_B, I1E_A, I1E_B
from minigrad.ops.elementwise import OfInput
from minigrad.ops.formula import constant, run, sign
from minigrad.ops.saved import arg, output


def _chbevl(y: np.ndarray, table: np.ndarray) -> np.ndarray:
    b0, b1, b2 = np.full_like(y, table[0]), np.zeros_like(y), np.zeros_like(y)
    for c in table[1:]:
        b2, b1 = b1, b0
        b0 = y * b1 - b2 + c
    return 0.5 * (b0 - b2)


def _scaled(x: np.ndarray, near: np.ndarray, far: np.ndarray, order: int):
    """e^-|x| I_order(|x|) in float64: one series on [0, 8], one beyond."""
    a = np.abs(np.asarray(x, dtype=np.float64))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inside = _chbevl(a / 2 - 2, near) * (a if order else 1)
        outside = _chbevl(32 / a - 2, far) / np.sqrt(a)
    return a, np.where(a <= 8, inside, outside)


def _kernel(order: int, scaled: bool):
    def kernel(x: np.ndarray) -> np.ndarray:
        a, out = _scaled(x, *((I1E_A, I1E_B) if order else (I0E_A, I0E_B)), order)
        if not scaled:
            with np.errstate(over="ignore", invalid="ignore"):
                out = np.exp(a) * out
        if order:
            out = np.where(np.asarray(x) < 0, -out, out)
        return out.astype(np.asarray(x).dtype, copy=False)

    return kernel


i0, i0e, i1, i1e = (_kernel(o, s) for o, s in ((0, 0), (0, 1), (1, 0), (1, 1)))


class _Bessel(OfInput):
    torch_saved = {"_saved_result": output, "_saved_self": arg(0)}
    save = (0, OUTPUT)


class I0(OfInput):
    """y = I0(x);  dx = g I1(x)"""

    def forward(self, x):
        return i0(x)

    def backward(self, g, x):
        return (g * run(I1, x),)


class I0e(_Bessel):
    """y = e^-|x| I0(x);  dx = g (i1e(x) - sgn(x) y)"""

    node_name = "SpecialI0EBackward0"

    def forward(self, x):
        return i0e(x)

    def backward(self, g, x, y):
        return (g * (run(I1e, x) - sign(x) * y),)


class I1(_Bessel):
    """y = I1(x);  dx = g (I0(x) - y / x), g / 2 at |x| <= eps"""

    node_name = "SpecialI1Backward0"

    def forward(self, x):
        return i1(x)

    def derivative(self, x, y, safe):
        return run(I0, safe) - y / safe

    def backward(self, g, x, y):
        # NOTE: matches torch's i1_backward: x replaced by eps where |x| <= eps
        eps = np.finfo(constant(x).dtype).eps
        big = np.abs(constant(x)) > eps
        safe = where(big, x, eps)
        return (g * where(big, self.derivative(x, y, safe), 0.5),)


class I1e(I1):
    """y = e^-|x| I1(x);  dx = g (i0e(x) - y (sgn(x) + 1 / x)), g / 2 at |x| <= eps"""

    node_name = "SpecialI1EBackward0"

    def forward(self, x):
        return i1e(x)

    def derivative(self, x, y, safe):
        return run(I0e, safe) - y * (sign(safe) + 1 / safe)
