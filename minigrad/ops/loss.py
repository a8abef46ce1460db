"""Losses: one node each, as torch (MseLossBackward0, BinaryCrossEntropyBackward0, ...)."""

from __future__ import annotations

import math

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad._exact.sums import full_sum
from minigrad.ops.binary import where
from minigrad.ops.formula import constant, is_array, log, record, scalar_array
from minigrad.ops.op import Op
from minigrad.ops.saved import REDUCTION, arg, array, value
from minigrad.ops.unary import sigmoid

# (dtype, n) -> n as a 0-d array of that dtype: a mean divides by the same count
# at every step, and NumPy takes it faster than a Python int (same rounding)
_COUNTS: dict = {}


def _count(dtype: np.dtype, n: int) -> np.ndarray:
    count = _COUNTS.get((dtype, n))
    if count is None:
        if len(_COUNTS) >= 256:  # NOTE: bounded: sizes may vary without end
            _COUNTS.clear()
        count = _COUNTS[dtype, n] = scalar_array(n, dtype)
    return count


def _reduce(loss, reduction):
    if reduction == "mean":
        if not loss.size:
            return np.array(np.nan, dtype=loss.dtype)  # NOTE: matches torch: 0 / 0
        total = full_sum(loss)
        if total.dtype.kind != "f":
            return total / loss.size
        return total / _count(total.dtype, loss.size)
    if reduction == "sum":
        return full_sum(loss)
    return loss


def _reduced_grad(g, reduction, shape):
    """The upstream gradient of a reduced loss, broadcast over the elements."""
    if reduction == "mean":
        return g / max(math.prod(shape), 1)  # a 0-d g broadcasts in the formula
    return g


class MseLoss(Op):
    """l = reduce((x - t)^2);  dx = (x - t) * (2 or 2/N) * g,  dt = -dx"""

    torch_saved = {
        "_saved_reduction": value(lambda n: REDUCTION[n.reduction]),
        "_saved_self": arg(0),
        "_saved_target": arg(1),
    }

    save = (0, 1)

    def forward(self, x, t, reduction):
        self.reduction, self.shape, self.count = reduction, x.shape, x.size
        d = x - t
        return _reduce(d * d, reduction)

    def backward(self, g, x, t):
        if self.reduction == "none":
            gx = (x - t) * 2 * g
        else:
            norm = 2 / max(self.count, 1) if self.reduction == "mean" else 2
            gx = (x - t) * norm * g  # a 0-d g broadcasts
        return gx, -gx


_EPS = 1e-12
# log(tiny) < -100: clamping the argument first gives the clamped log, silently
_TINY = {np.dtype(np.float32): np.float32(1e-44), np.dtype(np.float64): 1e-300}
_BELOW_ONE = {
    np.dtype(np.float32): np.float32(1 - 2**-24),
    np.dtype(np.float64): 1 - 2**-53,
}

# per dtype: tiny, 1 - ulp, the -100 floor and 1, as 0-d arrays of that dtype
# (NumPy takes them faster than Python scalars, with the same rounding)
_BCE_CONSTANTS = {
    dtype: tuple(
        scalar_array(v, dtype) for v in (_TINY[dtype], _BELOW_ONE[dtype], -100, 1)
    )
    for dtype in _TINY
}


class BinaryCrossEntropy(Op):
    """l = -w (t ln x + (1 - t) ln(1 - x)), logs clamped at -100;
    dx = w * g * (x - t) / max((1 - x) x, 1e-12)"""

    torch_saved = {
        "_saved_reduction": value(lambda n: REDUCTION[n.reduction]),
        "_saved_self": arg(0),
        "_saved_target": arg(1),
        "_saved_weight": array(lambda n: n.weight),
    }

    save = (0, 1)

    def forward(self, x, t, weight, reduction):
        self.weight, self.reduction = weight, reduction
        # NOTE: matches torch: each log is clamped at -100, so x = 0 or 1 is finite
        tiny, below_one, floor, one = _BCE_CONSTANTS[x.dtype]
        log_x = np.maximum(tr.log(np.maximum(x, tiny)), floor)
        log_1mx = np.maximum(tr.log1p(-np.minimum(x, below_one)), floor)
        log_1mx = np.where(x >= one, floor, log_1mx)
        loss = (t - one) * log_1mx - t * log_x
        if weight is not None:
            loss = loss * weight
        return _reduce(loss, reduction)

    def backward(self, g, x, t):
        g = _reduced_grad(g, self.reduction, x.shape)
        denom = (1 - x) * x
        denom = where(constant(denom) < _EPS, _EPS, denom)
        gx = g * (x - t) / denom
        if self.weight is not None:
            gx = gx * self.weight
        gt = None
        if self.next_edges[1] is not None:
            gt = g * (log(1 - x) - log(x))
            if self.weight is not None:
                gt = gt * self.weight
        return gx, gt


class BinaryCrossEntropyWithLogits(Op):
    """l = w ((1 - t) x + lw sp),  lw = 1 + (p - 1) t,  sp = ln(1 + e^-x);
    dx = w g (lw sigmoid(x) - p t),  dt = w g ((p - 1) sp - x)"""

    torch_saved = {
        "_saved_pos_weight": array(lambda n: n.p),
        "_saved_reduction": value(lambda n: REDUCTION[n.reduction]),
        "_saved_self": arg(0),
        "_saved_target": arg(1),
        "_saved_weight": array(lambda n: n.w),
    }

    save = (0, 1)

    def forward(self, x, t, weight, pos_weight, reduction):
        self.w, self.p, self.reduction = weight, pos_weight, reduction
        # NOTE: a stable softplus: ln(1 + e^-x) = ln1p(e^-|x|) + max(-x, 0)
        sp = _softplus_neg(x)
        p = pos_weight
        loss = (1 - t) * x + (sp if p is None else ((p - 1) * t + 1) * sp)
        return _reduce(loss if weight is None else loss * weight, reduction)

    def backward(self, g, x, t):
        w, p = self.w, self.p
        need_x, need_t = (e is not None for e in self.next_edges)
        g = _reduced_grad(g, self.reduction, x.shape)
        wg = g if w is None else g * w
        gx = gt = None
        if need_x:
            s = sigmoid(x)
            gx = (s - t if p is None else ((p - 1) * t + 1) * s - p * t) * wg
        if need_t:
            gt = (-x if p is None else (p - 1) * _softplus_neg(x) - x) * wg
        return gx, gt


def _softplus_neg(x):
    """ln(1 + e^-x), stable for large |x| (differentiable for a Tensor x)."""
    if not is_array(x):
        return record(SoftplusNeg, x)
    return tr.log1p(tr.exp(-np.abs(x))) + np.maximum(-x, 0)


class SoftplusNeg(Op):
    """y = ln(1 + e^-x);  dx = -g * sigmoid(-x)"""

    node_name = "SoftplusBackward0"
    save = (0,)

    def forward(self, x):
        return _softplus_neg(x)

    def backward(self, g, x):
        s = sigmoid(-x)
        return (-g * s,)
