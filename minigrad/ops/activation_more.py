"""More activation ops: GELU, SiLU, Mish, hardtanh, log-sigmoid, the hard and shrink family, PReLU, GLU."""

from __future__ import annotations

import math

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.ops.binary import maximum_keeping, minimum_keeping, where
from minigrad.ops.erf import erf as _erf
from minigrad.ops.formula import constant, is_array, record
from minigrad.ops.op import Op
from minigrad.ops.unary import sigmoid, sigmoid_array

# NOTE: matches torch: inf and nan arise silently (inf * 0, exp's overflow)
_quiet = np.errstate(all="ignore")
_SQRT1_2 = 0.70710678118654752440  # M_SQRT1_2
_GELU_PDF = 2 / math.sqrt(math.pi) * _SQRT1_2 * 0.5  # 1 / sqrt(2 pi)
_GELU_BETA = math.sqrt(2) * 2 / math.sqrt(math.pi) * 0.5  # sqrt(2 / pi)
_GELU_KAPPA = 0.044715


def _c(value: float, x: np.ndarray):
    """A constant in x's dtype (torch's kernels compute in the input's dtype)."""
    return np.asarray(value, x.dtype)


def _exp(x):
    return tr.exp(x) if is_array(x) else x.exp()


def _tanh(x):
    return tr.tanh(x) if is_array(x) else x.tanh()


def _call(op: type, *inputs, **params):
    """op's forward on arrays, or its node recorded when an input is a Tensor."""
    if all(is_array(x) for x in inputs):
        return op().forward(*inputs, **params)
    return record(op, *inputs, **params)


def _tanh_parts(x):
    """GELU's tanh approximation: tanh(inner) and d inner / dx."""
    inner = _GELU_BETA * (x + _GELU_KAPPA * (x * x * x))
    return _tanh(inner), _GELU_BETA * (1 + 3 * _GELU_KAPPA * (x * x))


class Gelu(Op):
    """y = x Phi(x) (or its tanh approximation);  dx = g * (Phi(x) + x phi(x))"""

    save = (0,)

    @_quiet
    def forward(self, x, approximate):
        self.approximate = approximate
        if approximate == "tanh":
            inner = _c(_GELU_BETA, x) * (x + _c(_GELU_KAPPA, x) * (x * x * x))
            return _c(0.5, x) * x * (1 + tr.tanh(inner))
        out = x * _c(0.5, x) * (1 + _erf(x * _c(_SQRT1_2, x)))
        if x.dtype == np.float32:  # NOTE: matches torch's vectorized float kernel
            out = np.where(x == np.inf, np.float32(np.nan), out)
        return out

    @_quiet
    def backward(self, g, x):
        return (_call(GeluGrad, g, x, approximate=self.approximate),)


class GeluGrad(Op):
    """y = g * gelu'(x);  dg = gg * gelu'(x), dx = gg * g * gelu''(x)"""

    node_name = "GeluBackwardBackward0"
    save = (0, 1)

    @_quiet
    def forward(self, g, x, approximate):
        self.approximate = approximate
        if approximate == "tanh":
            t, dinner = _tanh_parts(x)
            right = _c(0.5, x) * x * (1 - t * t) * dinner
            return g * (_c(0.5, x) * (1 + t) + right)
        cdf = _c(0.5, x) * (1 + _erf(x * _c(_SQRT1_2, x)))
        pdf = _c(_GELU_PDF, x) * tr.exp(_c(-0.5, x) * x * x)
        return g * (cdf + x * pdf)

    @_quiet
    def backward(self, gg, g, x):
        if self.approximate == "tanh":
            t, dinner = _tanh_parts(x)
            curve = (1 - t * t) * (dinner - x * t * dinner * dinner)
            second = curve + (1 - t * t) * (3 * _GELU_BETA * _GELU_KAPPA) * (x * x)
        else:
            second = _GELU_PDF * _exp(-0.5 * x * x) * (2 - x * x)
        first = _call(GeluGrad, gg, x, approximate=self.approximate)
        return first, gg * g * second


class Silu(Op):
    """y = x sigmoid(x);  dx = g * s * (1 + x (1 - s)), s = sigmoid(x)"""

    save = (0,)

    @_quiet
    def forward(self, x):
        return x / (1 + tr.exp(-x))

    @_quiet
    def backward(self, g, x):
        s = sigmoid(x)
        return (g * s * (1 + x * (1 - s)),)


def _tanh_softplus(x):
    """tanh(log(1 + e^x))."""
    if is_array(x):
        return tr.tanh(tr.log1p(tr.exp(x)))
    return record(Log1pExp, x).tanh()


class Log1pExp(Op):
    """y = log1p(e^x) (torch's exp then log1p, fused);  dx = g e^x / (1 + e^x)"""

    node_name = "Log1PBackward0"
    save = (0,)

    @_quiet
    def forward(self, x):
        return tr.log1p(tr.exp(x))

    @_quiet
    def backward(self, g, x):
        # NOTE: matches torch: nan where e^x overflows (inf / inf; torch: 0 * inf)
        e = _exp(x)
        return (g * e / (1 + e),)


class Mish(Op):
    """y = x tanh(softplus(x));  dx = g * (t + x s (1 - t^2)), t = tanh(softplus(x))"""

    save = (0,)

    @_quiet
    def forward(self, x):
        return x * _tanh_softplus(x)

    @_quiet
    def backward(self, g, x):
        t = _tanh_softplus(x)
        return (g * (t + x * sigmoid(x) * (1 - t * t)),)


class Hardtanh(Op):
    """y = min(max(x, lo), hi);  dx = g where lo < x < hi"""

    save = (0,)

    @_quiet
    def forward(self, x, lo, hi):
        self.lo, self.hi = lo, hi
        out = minimum_keeping(maximum_keeping(x, _c(lo, x)), _c(hi, x))
        return np.where(np.isnan(x), x, out) if x.dtype.kind == "f" else out

    @_quiet
    def backward(self, g, x):
        x = constant(x)
        return (where((x <= self.lo) | (x >= self.hi), 0, g),)


class LogSigmoid(Op):
    """y = min(x, 0) - log1p(e^-|x|);  dx = g * sigmoid(-x)"""

    save = (0,)

    @_quiet
    def forward(self, x):
        return np.minimum(x, 0) - tr.log1p(tr.exp(-np.abs(x)))

    @_quiet
    def backward(self, g, x):
        if not is_array(x) or not is_array(g):
            return (g * sigmoid(-x),)
        # NOTE: matches torch's kernel: max_deriv - sign * z / (1 + z), z = e^-|x|
        z = tr.exp(-np.abs(x))
        negative = x < 0
        return ((negative - np.where(negative, 1, -1) * (z / (1 + z))) * g,)


class Hardswish(Op):
    """y = x min(max(x + 3, 0), 6) / 6;  dx = g * (x / 3 + 1/2) inside (-3, 3), g from 3"""

    save = (0,)

    @_quiet
    def forward(self, x):
        return x * np.minimum(np.maximum(x + _c(3, x), 0), _c(6, x)) / _c(6, x)

    @_quiet
    def backward(self, g, x):
        xs = constant(x)
        # NOTE: matches torch: 0 at -3, g at 3 (and the second derivative 1/3
        # only strictly inside)
        inner = x if is_array(x) else where((xs > -3) & (xs < 3), x, xs)
        return (where(xs <= -3, 0, g * where(xs < 3, inner / 3 + 0.5, 1)),)


class Hardsigmoid(Op):
    """y = min(max(x + 3, 0), 6) / 6;  dx = g / 6 strictly inside (-3, 3)"""

    save = (0,)

    @_quiet
    def forward(self, x):
        return np.minimum(np.maximum(x + _c(3, x), 0), _c(6, x)) / _c(6, x)

    @_quiet
    def backward(self, g, x):
        return (_call(HardsigmoidGrad, g, x),)


class HardsigmoidGrad(Op):
    """y = g / 6 strictly inside (-3, 3), else 0;  no derivative (as torch)"""

    node_name = "NotImplemented"

    @_quiet
    def forward(self, g, x):
        return np.where((x > -3) & (x < 3), g * _c(1 / 6, g), 0).astype(g.dtype)

    @_quiet
    def backward(self, gg):
        raise RuntimeError(
            "derivative for aten::hardsigmoid_backward is not implemented"
        )


class Threshold(Op):
    """y = x where x > threshold, else value;  dx = g where x > threshold"""

    save = (0,)

    @_quiet
    def forward(self, x, threshold, value, name="ThresholdBackward0"):
        self.threshold, self.node_name = threshold, name
        return np.where(x <= threshold, np.asarray(value).astype(x.dtype), x)

    @_quiet
    def backward(self, g, x):
        return (where(constant(x) <= self.threshold, 0, g),)


class Softshrink(Op):
    """y = x - l where x > l, x + l where x < -l, else 0;  dx = g where |x| > l"""

    save = (0,)

    @_quiet
    def forward(self, x, lambd):
        self.lambd = lambd
        lam = _c(lambd, x)
        # NOTE: matches torch: x * 0 in between (nan stays nan, -0 stays -0)
        return np.where(x > lam, x - lam, np.where(x < -lam, x + lam, x * 0))

    @_quiet
    def backward(self, g, x):
        x = constant(x)
        return (where((x >= -self.lambd) & (x <= self.lambd), 0, g),)


class Hardshrink(Op):
    """y = x where |x| > l, else 0;  dx = g where |x| > l"""

    save = (0,)

    @_quiet
    def forward(self, x, lambd):
        self.lambd = lambd
        return np.where((x >= -lambd) & (x <= lambd), 0, x).astype(x.dtype, copy=False)

    @_quiet
    def backward(self, g, x):
        x = constant(x)
        return (where((x >= -self.lambd) & (x <= self.lambd), 0, g),)


class Prelu(Op):
    """y = x where x > 0, else w x (w broadcast);  dx = g or w g, dw = x g where x <= 0"""

    node_name = "PreluKernelBackward0"
    save = (0, 1)

    @_quiet
    def forward(self, x, w):
        return np.where(x > 0, x, w * x)

    @_quiet
    def backward(self, g, x, w):
        xs = constant(x)
        if is_array(g) and is_array(w):
            return where(xs > 0, g, w * g), where(xs > 0, 0, x * g)
        # NOTE: matches torch's double backward, where x = 0 counts as positive:
        # there dx is still w g but varies as g, and dw is 0 and constant
        at_zero = g + (constant(w) - 1) * constant(g)
        dx = where(xs > 0, g, where(xs == 0, at_zero, w * g))
        return dx, where(xs >= 0, 0, x * g)


class Glu(Op):
    """y = a sigmoid(b), (a, b) the halves of x along dim;  da = g s, db = g a s (1 - s)"""

    save = (0,)

    @_quiet
    def forward(self, x, dim):
        self.dim = dim % x.ndim
        a, b = np.split(x, 2, axis=dim)
        return a * sigmoid_array(b)

    @_quiet
    def backward(self, g, x):
        half = x.shape[self.dim] // 2
        lead = (slice(None),) * self.dim
        a, b = x[(*lead, slice(0, half))], x[(*lead, slice(half, None))]
        s = sigmoid(b)
        da, db = g * s, g * a * s * (1 - s)
        if is_array(da) and is_array(db):
            return (np.concatenate([da, db], axis=self.dim),)
        from minigrad.ops.shape import Cat

        return (record(Cat, da, db, dim=self.dim),)


__all__ = ["Gelu", "GeluGrad", "Glu", "Hardshrink", "Hardsigmoid", "Hardswish"]
__all__ += ["Hardtanh", "Log1pExp", "LogSigmoid", "Mish", "Prelu", "Silu"]
__all__ += ["HardsigmoidGrad", "Softshrink", "Threshold"]
