"""Unary ops: one input, elementwise."""

from __future__ import annotations

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import maximum_keeping, minimum_keeping, where
from minigrad.ops.elementwise import OfInput, OfOutput
from minigrad.ops.formula import (
    constant,
    is_array,
    record,
    scalar_array,
    sign,
    zeros_like,
)
from minigrad.ops.op import Op
from minigrad.ops.rounding import Step
from minigrad.ops.saved import arg, output, value


class Neg(Op):
    """y = -x;  dx = -g"""

    def forward(self, x):
        return -x

    def backward(self, g):
        return (-g,)


class Exp(OfOutput):
    """y = e^x;  dx = g * y"""

    def forward(self, x):
        with np.errstate(over="ignore"):  # NOTE: matches torch: inf, no warning
            return tr.exp(x)

    def backward(self, g, y):
        return (g * y,)


class Log(OfInput):
    """y = ln x;  dx = g / x"""

    def forward(self, x):
        with np.errstate(divide="ignore", invalid="ignore"):  # log(0) = -inf, as torch
            return tr.log(x)

    def backward(self, g, x):
        return (g / x,)


class Sqrt(OfOutput):
    """y = sqrt(x);  dx = g / (2 y)"""

    def forward(self, x):
        return np.sqrt(x)

    def backward(self, g, y):
        return (g / (2 * y),)


class Abs(OfInput):
    """y = |x|;  dx = g * sign(x)  (0 at x = 0, as torch)"""

    def forward(self, x):
        return np.abs(x)

    def backward(self, g, x):
        return (g * sign(x),)


# exp overflows beyond the limit; then 1 and 0. Kept as 0-d arrays of the input's
# dtype: NumPy takes them faster than Python scalars, with the same rounding.
_SIGMOID_CONSTANTS = {
    np.dtype(d): (scalar_array(limit, d), scalar_array(1, d), scalar_array(0, d))
    for d, limit in ((np.float32, np.float32(88.72283)), (np.float64, 709.78))
}
_OTHER_CONSTANTS = (709.78, 1, 0)


def sigmoid_array(x: np.ndarray) -> np.ndarray:
    # NOTE: matches torch: 1 / (1 + exp(-x)) in the input's dtype, with exp's
    # overflow (x < -88 in float32) giving exactly 0 and no warning.
    z = -x
    limit, one, zero = _SIGMOID_CONSTANTS.get(x.dtype, _OTHER_CONSTANTS)
    y = tr.exp(np.minimum(z, limit))
    if not y.ndim:  # a 0-d input gives NumPy scalars, which have no memory to reuse
        return np.where(z > limit, 0, 1 / (1 + y)).astype(y.dtype, copy=False)
    y += one  # NOTE: in place into the fresh array: the same roundings, fewer copies
    np.divide(one, y, out=y)
    np.copyto(y, zero, where=z > limit)
    return y


class Sigmoid(OfOutput):
    """y = 1 / (1 + e^-x);  dx = g * (1 - y) * y"""

    def forward(self, x):
        return sigmoid_array(x)

    def backward(self, g, y):
        return (g * (1 - y) * y,)


def sigmoid(x):
    return sigmoid_array(x) if is_array(x) else record(Sigmoid, x)


class Tanh(OfOutput):
    """y = tanh(x);  dx = g * (1 - y^2)"""

    def forward(self, x):
        return tr.tanh(x)

    def backward(self, g, y):
        return (g * (1 - y * y),)


class Sin(OfInput):
    """y = sin x;  dx = g * cos x"""

    def forward(self, x):
        return tr.sin(x)

    def backward(self, g, x):
        return (g * (tr.cos(x) if is_array(x) else x.cos()),)


class Cos(OfInput):
    """y = cos x;  dx = -g * sin x"""

    def forward(self, x):
        return tr.cos(x)

    def backward(self, g, x):
        return (-g * (tr.sin(x) if is_array(x) else x.sin()),)


class Round(Step):
    """y = x rounded half to even;  dx = 0 (a step function, as torch)"""

    def forward(self, x):
        return np.round(x)


class Relu(OfOutput):
    """y = max(x, 0);  dx = g where y > 0 (relu'(0) = 0, as torch)"""

    def forward(self, x):
        return np.maximum(
            0, x
        )  # NOTE: matches torch: relu(-0.0) is -0.0 (x kept on ties)

    def backward(self, g, y):
        if is_array(g) and g.dtype == y.dtype and g.shape == y.shape:
            return (_zero_where(y <= 0, g),)  # NOTE: matches torch at nan
        return (where(constant(y) <= 0, 0, g),)


_UINTS = {2: np.uint16, 4: np.uint32, 8: np.uint64}


def _zero_where(mask: np.ndarray, g: np.ndarray) -> np.ndarray:
    """A new array: g, with +0 where mask (np.where's bits, several times faster)."""
    uint = _UINTS.get(g.dtype.itemsize) if g.dtype.kind == "f" else None
    if uint is None:
        return np.where(mask, 0, g)
    out = np.empty_like(g)
    bits = out.view(uint)
    # all ones where g is kept, zero where it is cleared; then those bits of g
    np.subtract(np.asarray(mask).view(np.uint8), 1, out=bits, dtype=uint)
    np.bitwise_and(bits, g.view(uint), out=bits)
    return out


class Pow(Op):
    """y = x^p (p a number);  dx = g * (p * x^(p-1))"""

    torch_saved = {
        "_saved_self": arg(0),
        "_saved_exponent": value(lambda n: n.exponent),
    }

    save = (0,)

    def forward(self, x, exponent):
        self.exponent = exponent
        return np.power(x, exponent)

    def backward(self, g, x):
        p = self.exponent
        if p == 0:  # NOTE: matches torch: zeros, whatever g
            return (zeros_like(g),)
        return (g * (p * x ** (p - 1)),)


class RPow(Op):
    """y = s^x (s a number);  dx = g * y * ln s"""

    torch_saved = {
        "_saved_self": value(lambda n: n.base),
        "_saved_exponent": arg(0),
        "_saved_result": output,
    }

    node_name = "PowBackward2"
    save = (0, OUTPUT)  # NOTE: matches torch: x is saved too (_saved_exponent)

    def forward(self, x, base):
        self.base = base
        out = np.power(base, x)
        return out.astype(x.dtype, copy=False) if x.dtype.kind == "f" else out

    def backward(self, g, x, y):
        if self.base == 0:  # NOTE: matches torch: g * 0 where x >= 0 (nan for g inf)
            if not is_array(y):  # as torch's graph: y * log(0) under the mask
                return (g * where(constant(x) >= 0, 0, y * -np.inf),)
            # y * log(0) without NumPy's warning: -inf where x < 0, nan where x is nan
            return (g * np.where(x >= 0, 0, np.where(x < 0, -np.inf, np.nan)),)
        return (g * (y * float(tr.log(self.base))),)


class Clamp(Op):
    """y = min(max(x, lo), hi) (numbers);  dx = g where lo <= x <= hi"""

    torch_saved = {
        "_saved_self": arg(0),
        "_saved_min": value(lambda n: n.lo),
        "_saved_max": value(lambda n: n.hi),
    }

    node_name = "ClampBackward1"
    save = (0,)

    def forward(self, x, lo, hi):
        self.lo, self.hi = lo, hi
        y = x if lo is None else maximum_keeping(x, lo)
        y = y if hi is None else minimum_keeping(y, hi)
        return y.astype(x.dtype, copy=False)

    def backward(self, g, x):
        x = constant(x)
        inside = np.ones(x.shape, dtype=bool)
        if self.lo is not None:
            inside &= x >= self.lo
        if self.hi is not None:
            inside &= x <= self.hi
        return (where(inside, g, 0),)


class ToCopy(Op):
    """y = x in another dtype;  dx = g (cast back by the engine)"""

    def forward(self, x, dtype):
        return x.astype(dtype)

    def backward(self, g):
        return (g,)


class Clone(Op):
    """y = a copy of x;  dx = g"""

    def forward(self, x):
        return x.copy()

    def backward(self, g):
        return (g,)


class BackwardHookFunction(Op):
    """y = x (a module's backward hooks watch this node);  dx = g"""

    node_name = "BackwardHookFunctionBackward"

    def forward(self, x):
        return x

    def backward(self, g):
        return (g,)
