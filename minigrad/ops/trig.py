"""Trigonometric and hyperbolic ops beyond sin/cos/tanh, their inverses, atan2, hypot."""

from __future__ import annotations

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.engine.graph import OUTPUT
from minigrad.ops.elementwise import OfInput, OfOutput, Pairwise
from minigrad.ops.formula import unary
from minigrad.ops.saved import arg, output


def rsqrt(x):
    return unary(x, lambda a: 1 / np.sqrt(a), "rsqrt")


class Tan(OfOutput):
    """y = tan x;  dx = g * (1 + y^2)"""

    def forward(self, x):
        return tr.tan(x)

    def backward(self, g, y):
        return (g * (1 + y * y),)


class Sinh(OfInput):
    """y = sinh x;  dx = g * cosh x"""

    def forward(self, x):
        return tr.sinh(x)

    def backward(self, g, x):
        return (g * unary(x, tr.cosh, "cosh"),)


class Cosh(OfInput):
    """y = cosh x;  dx = g * sinh x"""

    def forward(self, x):
        return tr.cosh(x)

    def backward(self, g, x):
        return (g * unary(x, tr.sinh, "sinh"),)


class Asin(OfInput):
    """y = asin x;  dx = g / sqrt(1 - x^2)"""

    def forward(self, x):
        return tr.arcsin(x)

    def backward(self, g, x):
        return (g * rsqrt(-x * x + 1),)


class Acos(OfInput):
    """y = acos x;  dx = -g / sqrt(1 - x^2)"""

    def forward(self, x):
        return tr.arccos(x)

    def backward(self, g, x):
        return (g * -rsqrt(-x * x + 1),)


class Atan(OfInput):
    """y = atan x;  dx = g / (1 + x^2)"""

    def forward(self, x):
        return tr.arctan(x)

    def backward(self, g, x):
        return (g / (x * x + 1),)


class Asinh(OfInput):
    """y = asinh x;  dx = g / sqrt(x^2 + 1)"""

    def forward(self, x):
        return tr.arcsinh(x)

    def backward(self, g, x):
        return (g * rsqrt(x * x + 1),)


class Acosh(OfInput):
    """y = acosh x;  dx = g / sqrt(x^2 - 1)"""

    def forward(self, x):
        return tr.arccosh(x)

    def backward(self, g, x):
        return (g * rsqrt(x * x - 1),)


class Atanh(OfInput):
    """y = atanh x;  dx = g / (1 - x^2)"""

    def forward(self, x):
        return tr.arctanh(x)

    def backward(self, g, x):
        return (g * 1 / (1 - x * x),)


class Atan2(Pairwise):
    """y = atan2(a, b);  da = g * b / (a^2 + b^2),  db = -g * a / (a^2 + b^2)"""

    kernel = staticmethod(np.arctan2)

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        recip = 1 / (a * a + b * b)
        return (g * b * recip if need_a else None), (g * -a * recip if need_b else None)


class Hypot(Pairwise):
    """y = sqrt(a^2 + b^2);  da = g * a / y,  db = g * b / y"""

    torch_saved = {
        "_saved_self": arg(0),
        "_saved_other": arg(1),
        "_saved_result": output,
    }
    save = (0, 1, OUTPUT)
    kernel = staticmethod(np.hypot)

    def backward(self, g, a, b, y):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (g * a / y if need_a else None), (g * b / y if need_b else None)
