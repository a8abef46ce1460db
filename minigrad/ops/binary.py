"""Binary ops: two inputs that broadcast; the engine sums gradients back to each shape."""

from __future__ import annotations

import numpy as np

from minigrad._exact.fma import add_scaled
from minigrad.engine.graph import OUTPUT
from minigrad.ops.formula import constant, is_array, log, promote, record
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, array, output, value


class Add(Op):
    """y = a + alpha * b;  da = g,  db = alpha * g"""

    torch_saved = {"_saved_alpha": value(lambda n: n.alpha)}

    def forward(self, a, b, alpha=1, dtype=None):
        a, b = promote(a, b, dtype)
        self.alpha = alpha
        return (
            a + b if alpha == 1 else add_scaled(a, b, alpha)
        )  # NOTE: one FMA, as torch

    def backward(self, g):
        return g, (g if self.alpha == 1 else g * self.alpha)


class Sub(Op):
    """y = a - alpha * b;  da = g,  db = -g * alpha"""

    torch_saved = {"_saved_alpha": value(lambda n: n.alpha)}

    def forward(self, a, b, alpha=1, dtype=None):
        a, b = promote(a, b, dtype)
        self.alpha = alpha
        return a - b if alpha == 1 else add_scaled(a, b, -alpha)

    def backward(self, g):
        return g, (-g if self.alpha == 1 else -g * self.alpha)


class RSub(Op):
    """y = s - x (s a number);  dx = -g"""

    torch_saved = {"_saved_alpha": value(lambda n: 1)}

    node_name = "RsubBackward1"

    def forward(self, x, s, dtype=None):
        x, s = promote(x, s, dtype)
        return s - x

    def backward(self, g):
        return (-g,)


class Mul(Op):
    """y = a * b;  da = g * b,  db = g * a"""

    torch_saved = {
        "_saved_self": arg(0, needed_by=1),
        "_saved_other": arg(1, needed_by=0),
    }

    save = (0, 1)
    save_when = (1, 0)

    def forward(self, a, b, dtype=None):
        a, b = promote(a, b, dtype)
        return a * b

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (g * b if need_a else None), (g * a if need_b else None)


class Div(Op):
    """y = a / b;  da = g / b,  db = -g * ((a / b) / b)"""

    torch_saved = {"_saved_self": arg(0, needed_by=1), "_saved_other": arg(1)}

    save = (0, 1)
    save_when = (1, None)

    def forward(self, a, b, dtype=None):
        a, b = promote(a, b, dtype)
        return a / b

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (g / b if need_a else None), (-g * ((a / b) / b) if need_b else None)


class Reciprocal(Op):
    """y = 1 / x;  dx = -g * y^2"""

    torch_saved = {"_saved_result": output}

    save = (OUTPUT,)

    def forward(self, x):
        with np.errstate(divide="ignore"):  # NOTE: matches torch: 1 / 0 = inf, silent
            return 1 / x

    def backward(self, g, y):
        return (-g * (y * y),)


def maximum_keeping(a, b):
    """max(a, b), and a where they tie (+0 and -0 too): torch's rule; NumPy keeps b."""
    return np.maximum(b, a)


def minimum_keeping(a, b):
    """min(a, b), and a where they tie (+0 and -0 too): torch's rule; NumPy keeps b."""
    return np.minimum(b, a)


class Maximum(Op):
    """y = max(a, b);  the gradient goes to the larger input, split evenly on ties"""

    torch_saved = {"_saved_self": arg(0), "_saved_other": arg(1)}

    save = (0, 1)
    pick = staticmethod(maximum_keeping)
    loses = staticmethod(np.less)  # a gets no gradient where loses(a, b)

    def forward(self, a, b, dtype=None):
        a, b = promote(a, b, dtype)
        return self.pick(a, b)

    def backward(self, g, a, b):
        a, b = constant(a), constant(b)
        half = where(a == b, g / 2, g)
        return where(self.loses(a, b), 0, half), where(self.loses(b, a), 0, half)


class Minimum(Maximum):
    """y = min(a, b);  the gradient goes to the smaller input, split evenly on ties"""

    pick = staticmethod(minimum_keeping)
    loses = staticmethod(np.greater)


class PowTensor(Op):
    """y = a^b;  da = g * b * a^(b-1),  db = g * y * ln a  (0 where a = 0, b >= 0)"""

    torch_saved = {
        "_saved_self": arg(0),
        "_saved_exponent": arg(1),
        "_saved_result": output,
    }

    node_name = "PowBackward1"
    save = (0, 1, OUTPUT)

    def forward(self, a, b, dtype=None):
        a, b = promote(a, b, dtype)
        return np.power(a, b)

    def backward(self, g, a, b, y):
        da = where(constant(b) == 0, 0, g * (b * a ** (b - 1)))
        zero_base = (constant(a) == 0) & (constant(b) >= 0)
        db = g * where(zero_base, 0, y * log(where(zero_base, 1, a)))
        return da, db


class Where(Op):
    """y = a where cond else b;  da = g where cond,  db = g elsewhere"""

    torch_saved = {"_saved_condition": array(lambda n: n.cond)}

    def forward(self, a, b, cond, dtype=None):
        a, b = promote(a, b, dtype)
        self.cond = cond
        return np.where(cond, a, b)

    def backward(self, g):
        return where(self.cond, g, 0), where(self.cond, 0, g)


def where(cond, a, b):
    """a where cond else b; cond is a constant mask."""
    if is_array(a) and is_array(b):
        return np.where(cond, a, b)
    return record(Where, a, b, cond=constant(cond))


class ClampTensor(Op):
    """y = min(max(x, lo), hi) (tensors);  each gets g where it is the result"""

    torch_saved = {"_saved_self": arg(0), "_saved_min": arg(1), "_saved_max": arg(2)}

    node_name = "ClampBackward0"
    save = (0, 1, 2)

    def forward(self, x, lo, hi):
        y = x
        if lo is not None:
            y = maximum_keeping(y, lo)
        if hi is not None:
            y = minimum_keeping(y, hi)
        return y

    def backward(self, g, x, lo, hi):
        # NOTE: matches torch's clamp_backward_min_max, nan and lo > hi included
        x, lo, hi = constant(x), constant(lo), constant(hi)
        if lo is None:
            return where(x <= hi, g, 0), None, where(x > hi, g, 0)
        if hi is None:
            return where(x >= lo, g, 0), where(x < lo, g, 0), None
        return (
            where((x >= lo) & (x <= hi), g, 0),
            where((x < lo) & (lo < hi), g, 0),
            where((x > hi) | (hi < lo), g, 0),
        )
