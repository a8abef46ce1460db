"""More one-node losses, as torch: smooth L1, Huber, soft margin, multi-class margins."""

from __future__ import annotations

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.ops.binary import where
from minigrad.ops.formula import constant, is_array, record, sign
from minigrad.ops.loss import _reduce, _reduced_grad
from minigrad.ops.op import Op
from minigrad.ops.saved import REDUCTION, arg, array, value
from minigrad.ops.unary import sigmoid

_REDUCTION_SAVED = {"_saved_reduction": value(lambda n: REDUCTION[n.reduction])}


class SmoothL1Loss(Op):
    """l = reduce(0.5 d^2 / beta if |d| < beta else |d| - 0.5 beta),  d = x - t;
    dx = g * (d / beta if |d| <= beta else sign(d)),  dt = -dx"""

    torch_saved = {
        **_REDUCTION_SAVED,
        "_saved_beta": value(lambda n: n.width),
        "_saved_self": arg(0),
        "_saved_target": arg(1),
    }

    save = (0, 1)

    def forward(self, x, t, reduction, beta):
        self.reduction, self.width = reduction, beta
        z = np.abs(x - t.astype(x.dtype, copy=False) if self.same_dtype else x - t)
        loss = np.where(z < beta, self.inner(z), self.outer(z))
        return _reduce(loss.astype(z.dtype, copy=False), reduction)

    same_dtype = False  # NOTE: matches torch: smooth L1 promotes, Huber reads t as x

    def inner(self, z):
        return 0.5 * z * z / self.width

    def outer(self, z):
        return z - 0.5 * self.width

    def slopes(self, d):
        """The derivative inside |d| <= width, and outside."""
        return d / self.width, sign(d)

    def backward(self, g, x, t):
        g = _reduced_grad(g, self.reduction, constant(x).shape)
        d = x - t
        inside = np.abs(constant(d)) <= self.width
        gx = g * where(inside, *self.slopes(d))
        return gx, -gx


class HuberLoss(SmoothL1Loss):
    """l = reduce(0.5 d^2 if |d| < delta else delta (|d| - 0.5 delta)),  d = x - t;
    dx = g * (d if |d| <= delta else delta sign(d)),  dt = -dx"""

    torch_saved = {
        **_REDUCTION_SAVED,
        "_saved_delta": value(lambda n: n.width),
        "_saved_self": arg(0),
        "_saved_target": arg(1),
    }

    same_dtype = True

    def forward(self, x, t, reduction, delta):
        return super().forward(x, t, reduction, delta)

    def inner(self, z):
        return 0.5 * z * z

    def outer(self, z):
        return self.width * (z - 0.5 * self.width)

    def slopes(self, d):
        return d, self.width * sign(d)


class SoftMarginLoss(Op):
    """l = reduce(ln(1 + e^(-t x)));  dx = -g t sigmoid(-t x)"""

    torch_saved = {
        **_REDUCTION_SAVED,
        "_saved_self": arg(0),
        "_saved_target": array(lambda n: n.t),
    }

    save = (0,)

    def forward(self, x, t, reduction):
        self.t, self.reduction = t, reduction
        with np.errstate(over="ignore"):  # NOTE: matches torch: inf past the range
            return _reduce(tr.log1p(tr.exp(-x * t)), reduction)

    def backward(self, g, x):
        g, t = _reduced_grad(g, self.reduction, constant(x).shape), self.t
        return (-g * t * sigmoid(-(x * t)),)


class _ClassMarginLoss(Op):
    """A multi-class margin loss: per-sample terms, reduced. Its dx is an op of its
    own (ClassMarginLossGrad, computing the loss's ``dx``) with, as torch's, no
    derivative."""

    save = (0,)

    def backward(self, g, x):
        return (_call(ClassMarginLossGrad, g, x, self.target, node=self),)


class ClassMarginLossGrad(Op):
    """dx of a multi-class margin loss (its node's ``dx``);  no derivative (as torch)"""

    node_name = "torch::autograd::NotImplemented"

    def forward(self, g, x, target, node):
        self.aten = node.aten
        return node.dx(g, x, target)

    def backward(self, gg):
        raise RuntimeError(
            f"derivative for aten::{self.aten}_backward is not implemented"
        )


def _margin_terms(x, target, p, margin, weight):
    """Each (sample, class) term of the multi-class margin loss before the sum,
    and its derivative w.r.t. the class's score (0 for the target class)."""
    rows = np.arange(x.shape[0])
    z = margin - x[rows, target][:, None] + x
    active = z > 0
    active[rows, target] = False
    scale = 1 / x.shape[1] if weight is None else weight[target][:, None] / x.shape[1]
    z = np.where(active, z, 0)
    terms = (z if p == 1 else z * z) * scale
    slopes = (active if p == 1 else 2 * z) * scale
    return terms.astype(x.dtype, copy=False), slopes.astype(x.dtype, copy=False)


class MultiMarginLoss(_ClassMarginLoss):
    """l_n = sum_{i != y} max(0, margin - x[y] + x[i])^p w[y] / C;
    dx[i] = g_n p z^(p-1) w[y] / C,  dx[y] = -sum_i dx[i]"""

    aten = "multi_margin_loss"
    torch_saved = {
        **_REDUCTION_SAVED,
        "_saved_margin": value(lambda n: n.margin),
        "_saved_p": value(lambda n: n.p),
        "_saved_self": arg(0),
        "_saved_target": array(lambda n: n.target),
    }

    def forward(self, x, target, p, margin, weight, reduction):
        self.p, self.margin, self.weight, self.reduction = p, margin, weight, reduction
        self.target = target
        x2 = x.reshape(-1, x.shape[-1] if x.ndim else 1)
        terms, _ = _margin_terms(x2, target.reshape(-1), p, margin, weight)
        loss = terms.sum(axis=1)
        if reduction == "none":
            return loss.reshape(target.shape)
        return _reduce(loss, reduction)

    def dx(self, g, x, target):
        x2 = x.reshape(-1, x.shape[-1] if x.ndim else 1)
        _, slopes = _margin_terms(
            x2, target.reshape(-1), self.p, self.margin, self.weight
        )
        g = np.reshape(_reduced_grad(g, self.reduction, (x2.shape[0],)), (-1, 1))
        grad = slopes * g
        grad[np.arange(x2.shape[0]), target.reshape(-1)] = -grad.sum(axis=1)
        return grad.reshape(x.shape).astype(x.dtype, copy=False)


def _label_margins(x, target):
    """Per sample: the hinge terms 1 - x[j] + x[i] > 0 (j a listed label, up to the
    first -1; i not a label), their sum / C, and their count per j and per i."""
    x2 = x.reshape(-1, x.shape[-1] if x.ndim else 1)
    y2 = target.reshape(x2.shape)
    rows, classes = x2.shape
    loss = np.zeros(rows, dtype=x.dtype)
    per_label, per_class = [], np.zeros(x2.shape, dtype=x.dtype)
    for n in range(rows):
        stop = np.flatnonzero(y2[n] < 0)
        labels = y2[n, : stop[0] if stop.size else classes]
        others = np.ones(classes, dtype=bool)
        others[labels] = False
        z = 1 - x2[n, labels][:, None] + x2[n][None, :]
        active = (z > 0) & others
        loss[n] = np.where(active, z, 0).sum() / classes
        per_label.append((labels, active.sum(axis=1)))
        per_class[n] = active.sum(axis=0)
    return loss, per_label, per_class


class MultilabelMarginLoss(_ClassMarginLoss):
    """l_n = sum over listed labels j, other classes i of max(0, 1 - x[j] + x[i]) / C;
    dx[i] = g_n #{j active} / C,  dx[j] = -g_n #{i active} / C"""

    aten = "multilabel_margin_loss"
    torch_saved = {
        **_REDUCTION_SAVED,
        "_saved_self": arg(0),
        "_saved_target": array(lambda n: n.target),
    }

    def forward(self, x, target, reduction):
        self.target, self.reduction = target, reduction
        loss, *_ = _label_margins(x, target)
        if reduction == "none":
            return loss.reshape(x.shape[:-1] if x.ndim == 2 else ())
        return _reduce(loss, reduction)

    def dx(self, g, x, target):
        _, per_label, grad = _label_margins(x, target)
        for n, (labels, counts) in enumerate(per_label):
            np.subtract.at(grad[n], labels, counts.astype(x.dtype))
        g = np.reshape(_reduced_grad(g, self.reduction, (grad.shape[0],)), (-1, 1))
        return (grad * g / grad.shape[1]).reshape(x.shape).astype(x.dtype, copy=False)


class SubScalar(Op):
    """y = x - s for a number s;  dx = g  (torch's SubBackward1)"""

    node_name = "SubBackward1"

    def forward(self, x, s):
        return x - x.dtype.type(s)

    def backward(self, g):
        return (g,)


def _call(op: type, *inputs, **params):
    """op's forward on arrays, or its node recorded when an input is a Tensor."""
    if all(is_array(x) for x in inputs):
        return op().forward(*inputs, **params)
    return record(op, *inputs, **params)


__all__ = [
    "HuberLoss",
    "MultilabelMarginLoss",
    "MultiMarginLoss",
    "SmoothL1Loss",
    "SoftMarginLoss",
    "SubScalar",
]
