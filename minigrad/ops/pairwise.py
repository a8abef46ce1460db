"""More binary ops: logaddexp(2), lerp, fmax/fmin, copysign, clamp_min/max, heaviside."""

from __future__ import annotations

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad._exact.fma import add_scaled, fma32, fma64, fused
from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import maximum_keeping, minimum_keeping, where
from minigrad.ops.division import NotDifferentiable
from minigrad.ops.elementwise import Pairwise
from minigrad.ops.formula import constant, promote, unary, zeros_like
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, output, value
from minigrad.ops.unary import Clamp


class Logaddexp(Pairwise):
    """y = ln(e^a + e^b);  da = g / (1 + e^(b - a)),  db = g / (1 + e^(a - b))"""

    base_log = staticmethod(tr.exp)
    scale = 1.0

    def forward(self, a, b, dtype=None):
        a, b = promote(a, b, dtype)
        # NOTE: matches torch: max + log1p(exp(-|a - b|)), and a where a == b is inf
        with np.errstate(invalid="ignore"):
            m = np.maximum(a, b)
            out = m + tr.log1p(self.base_log(-np.abs(a - b))) * a.dtype.type(self.scale)
            return np.where(np.isinf(a) & (a == b), a, out)

    def power(self, x):
        return unary(x, tr.exp, "exp")

    def backward(self, g, a, b):
        return g / (1 + self.power(b - a)), g / (1 + self.power(a - b))


class Logaddexp2(Logaddexp):
    """y = log2(2^a + 2^b);  da = g / (1 + 2^(b - a)),  db = g / (1 + 2^(a - b))"""

    base_log = staticmethod(tr.exp2)
    scale = 1 / 0.6931471805599453

    def power(self, x):
        return 2**x


def lerp_array(a, b, w):
    """a + w (b - a), as torch computes it: from b's side, b + (w - 1)(b - a),
    when |w| >= 0.5; each a multiply-add, fused where torch's kernel is."""
    d = b - a
    if np.ndim(w) == 0:
        return add_scaled(a, d, w) if abs(w) < 0.5 else add_scaled(b, d, w - 1)
    small = np.abs(w) < 0.5
    if not fused() or d.dtype not in (np.float32, np.float64):
        return np.where(small, a + w * d, b + (w - 1) * d)
    shape = np.broadcast_shapes(d.shape, np.shape(w))
    d, w, a, b = (np.broadcast_to(v, shape) for v in (d, w, a, b))
    fma = fma32 if d.dtype == np.float32 else fma64
    return np.where(small, fma(d, w, a), fma(d, w - 1, b))


class Lerp(Op):
    """y = a + w (b - a) (w a number);  da = g (1 - w),  db = g w"""

    torch_saved = {"_saved_weight": value(lambda n: n.weight)}

    def forward(self, a, b, weight):
        self.weight = weight
        return lerp_array(a, b, a.dtype.type(weight)).astype(a.dtype, copy=False)

    def backward(self, g):
        return g * (1 - self.weight), g * self.weight


class LerpTensor(Op):
    """y = a + w (b - a);  da = g (1 - w),  db = g w,  dw = g (b - a)"""

    node_name = "LerpBackward1"
    torch_saved = {"_saved_self": arg(0), "_saved_end": arg(1), "_saved_weight": arg(2)}
    save = (0, 1, 2)

    def forward(self, a, b, w):
        return lerp_array(a, b, w)

    def backward(self, g, a, b, w):
        return g * (1 - w), g * w, g * (b - a)


class Fmax(Pairwise):
    """y = max(a, b) ignoring nan;  g goes to a where a >= b or b is nan, else to b"""

    kernel = staticmethod(np.fmax)
    wins = staticmethod(np.greater_equal)

    def backward(self, g, a, b):
        a, b = constant(a), constant(b)
        to_a = self.wins(a, b) | np.isnan(b)
        return where(to_a, g, 0), where(to_a, 0, g)


class Fmin(Fmax):
    """y = min(a, b) ignoring nan;  g goes to a where a <= b or b is nan, else to b"""

    kernel = staticmethod(np.fmin)
    wins = staticmethod(np.less_equal)


class Copysign(Pairwise):
    """y = |a| with b's sign;  da = g * y / a (0 at a = 0),  db = 0"""

    torch_saved = {"_saved_self": arg(0), "_saved_result": output}
    save = (0, OUTPUT)
    kernel = staticmethod(np.copysign)

    def backward(self, g, a, y):
        with np.errstate(divide="ignore", invalid="ignore"):  # 0 / 0: masked below
            ratio = where(constant(a) == 0, 0, y / a)
        return g * ratio, zeros_like(g)


class CopysignScalar(Copysign):
    """y = |a| with the sign of a number;  da = g * y / a (0 at a = 0)"""

    node_name = "CopysignBackward1"

    def forward(self, a, other, dtype=None):
        return super().forward(a, other, dtype)

    def backward(self, g, a, y):
        return (super().backward(g, a, y)[0],)


class ClampMin(Clamp):
    """y = max(x, lo) (lo a number);  dx = g where x >= lo"""

    node_name = "ClampMinBackward0"
    torch_saved = {"_saved_self": arg(0), "_saved_min": value(lambda n: n.lo)}

    def forward(self, x, bound):
        return super().forward(x, bound, None)


class ClampMax(Clamp):
    """y = min(x, hi) (hi a number);  dx = g where x <= hi"""

    node_name = "ClampMaxBackward0"
    torch_saved = {"_saved_self": arg(0), "_saved_max": value(lambda n: n.hi)}

    def forward(self, x, bound):
        return super().forward(x, None, bound)


class ClampMinTensor(Pairwise):
    """y = max(x, lo);  dx = g where x >= lo,  dlo = g where x < lo"""

    node_name = "ClampMinBackward1"
    torch_saved = {"_saved_self": arg(0), "_saved_min": arg(1)}
    kernel = staticmethod(maximum_keeping)

    def backward(self, g, x, lo):
        x, lo = constant(x), constant(lo)  # NOTE: matches torch: nan gives neither
        return where(x >= lo, g, 0), where(x < lo, g, 0)


class ClampMaxTensor(ClampMinTensor):
    """y = min(x, hi);  dx = g where x <= hi,  dhi = g where x > hi"""

    node_name = "ClampMaxBackward1"
    torch_saved = {"_saved_self": arg(0), "_saved_max": arg(1)}
    kernel = staticmethod(minimum_keeping)

    def backward(self, g, x, hi):
        x, hi = constant(x), constant(hi)
        return where(x <= hi, g, 0), where(x > hi, g, 0)


class Heaviside(NotDifferentiable):
    """y = 0 for x < 0, values at 0, 1 for x > 0;  no derivative (torch: NotImplemented)"""

    aten = "heaviside"

    def forward(self, x, values):
        return np.where(x == 0, values, x > 0).astype(x.dtype, copy=False)
