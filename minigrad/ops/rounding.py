"""Rounding ops: floor, ceil, trunc, round to decimals, sign (zero gradients), frac."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import sign, zeros_like
from minigrad.ops.op import Op


class Step(Op):
    """y = a step function of x;  dx = 0 (torch's ``zeros_like(grad)``)"""

    def backward(self, g):
        return (zeros_like(g),)


class Floor(Step):
    """y = floor x;  dx = 0"""

    def forward(self, x):
        return np.floor(x)


class Ceil(Step):
    """y = ceil x;  dx = 0"""

    def forward(self, x):
        return np.ceil(x)


class Trunc(Step):
    """y = x rounded toward zero;  dx = 0"""

    def forward(self, x):
        return np.trunc(x)


class RoundDecimals(Step):
    """y = x rounded half to even at ``decimals`` digits;  dx = 0"""

    node_name = "RoundBackward1"

    def forward(self, x, decimals):
        # NOTE: matches torch: scale by 10^|decimals| in x's dtype, rint, scale back
        scale = x.dtype.type(10.0 ** abs(decimals))
        if decimals >= 0:
            return np.rint(x * scale) / scale
        return np.rint(x / scale) * scale


class Sign(Step):
    """y = sign x (0 at 0 and at nan, as torch);  dx = 0"""

    def forward(self, x):
        return sign(x)


class Sgn(Sign):
    """y = sgn x (sign, for real x);  dx = 0"""


class Frac(Op):
    """y = x - trunc x;  dx = g"""

    def forward(self, x):
        return x - np.trunc(x)

    def backward(self, g):
        return (g,)
