"""Integer-style division: fmod, remainder (% with Python's signs), floor_divide (//)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.elementwise import Pairwise, WithNumber
from minigrad.ops.formula import constant, promote, zeros_like
from minigrad.ops.op import Op
from minigrad.ops.saved import arg


def _check_divisor(a, b) -> None:
    """torch's error for an integer division by zero (floats give inf or nan)."""
    kinds = np.asarray(a).dtype.kind + np.asarray(b).dtype.kind
    if "f" not in kinds and not np.all(b):
        raise RuntimeError("ZeroDivisionError")


def fmod_array(a, b):
    """a - trunc(a / b) * b, the sign of a (C's fmod)."""
    _check_divisor(a, b)
    return np.fmod(a, b)


def remainder_array(a, b):
    """a - floor(a / b) * b, the sign of b (Python's %)."""
    _check_divisor(a, b)
    if np.asarray(a).dtype.kind != "f" and np.asarray(b).dtype.kind != "f":
        return np.remainder(a, b)
    # NOTE: matches torch: fmod, moved by b when the signs differ (a zero keeps a's sign)
    mod = np.fmod(a, b)
    return np.where((mod != 0) & ((b < 0) != (mod < 0)), mod + b, mod)


class FmodScalar(WithNumber):
    """y = fmod(x, s) (s a number);  dx = g"""

    node_name = "FmodBackward0"
    kernel = staticmethod(fmod_array)

    def backward(self, g):
        return (g,)


class Fmod(Pairwise):
    """y = fmod(a, b);  da = g,  db = -g * trunc(a / b)"""

    node_name = "FmodBackward1"
    torch_saved = {"_saved_self": arg(0, needed_by=1), "_saved_other": arg(1)}
    save_when = (1, 1)
    kernel = staticmethod(fmod_array)
    quotient = staticmethod(lambda a, b: np.trunc(a / b))

    def backward(self, g, a, b):
        need_b = self.next_edges[1] is not None
        if not need_b:
            return g, None
        with np.errstate(divide="ignore", invalid="ignore"):
            q = self.quotient(constant(a), constant(b))
        return g, -g * q


class RemainderScalar(FmodScalar):
    """y = x mod s (s a number, the sign of s);  dx = g"""

    node_name = "RemainderBackward0"
    kernel = staticmethod(remainder_array)


class Remainder(Fmod):
    """y = a mod b (the sign of b);  da = g,  db = -g * floor(a / b)"""

    node_name = "RemainderBackward1"
    kernel = staticmethod(remainder_array)
    # NOTE: matches torch: a.div(b, rounding_mode="floor"), not floor(a / b): the
    # two differ where a / b rounds to zero (a tiny negative a, a positive b)
    quotient = staticmethod(np.floor_divide)


class NotDifferentiable(Op):
    """y = a function torch gives no derivative;  backward raises torch's error"""

    node_name = "torch::autograd::NotImplemented"
    aten = ""

    def backward(self, g):
        raise RuntimeError(f"derivative for aten::{self.aten} is not implemented")


class FloorDivide(NotDifferentiable):
    """y = floor(a / b) (Python's //);  no derivative (torch: NotImplemented)"""

    aten = "floor_divide"

    def forward(self, a, b, dtype=None):
        a, b = promote(a, b, dtype)
        _check_divisor(a, b)
        return np.floor_divide(a, b)


class RemainderOfNumber(NotDifferentiable):
    """y = s mod x (s a number);  no derivative (torch: NotImplemented)"""

    aten = "remainder"

    def forward(self, x, s, dtype=None):
        x, s = promote(x, s, dtype)
        return remainder_array(s, x)


class DivRounding(Op):
    """y = a / b rounded ("trunc" or "floor");  da = db = 0 (a step, as torch)"""

    node_name = "DivBackward2"

    def forward(self, a, b, rounding_mode, dtype=None):
        a, b = promote(a, b, dtype)
        _check_divisor(a, b)
        if rounding_mode == "floor":
            return np.floor_divide(a, b)
        if np.asarray(a).dtype.kind == "f":
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.trunc(a / b)
        return (a - np.fmod(a, b)) // b  # exact for integers

    def backward(self, g):
        return zeros_like(g), zeros_like(g)
