"""Negative log-likelihood of class indices: one node (NllLossBackward0 / NllLoss2DBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad._exact.sums import full_sum
from minigrad.ops.binary import where
from minigrad.ops.op import Op


class NllLoss(Op):
    """l_i = -w[t_i] x[i, t_i] (0 where t_i is ignored); mean divides by sum_i w[t_i];
    dx = -w[t_i] g_i (/ that sum) at the target class, 0 elsewhere"""

    def forward(
        self, x, target, weight, reduction, ignore_index, name="NllLossBackward0"
    ):
        self.node_name, self.reduction = name, reduction
        cdim = 0 if x.ndim == 1 else 1
        self.kept = tuple(1 if i == cdim else n for i, n in enumerate(x.shape))
        xs = np.moveaxis(x, cdim, -1) if x.ndim > 1 else x.reshape(1, -1)
        t = target.reshape(xs.shape[:-1]).astype(np.int64, copy=False)
        ignored = t == ignore_index
        bad = ~ignored & ((t < 0) | (t >= xs.shape[-1]))
        if bad.any():
            raise IndexError(f"Target {t[bad][0]} is out of bounds.")
        t = np.where(ignored, 0, t)[..., None]
        picked = np.take_along_axis(xs, t, -1)[..., 0]
        w = np.ones((), x.dtype) if weight is None else weight[t[..., 0]]
        w = np.where(ignored, x.dtype.type(0), w)
        loss = np.where(ignored, x.dtype.type(0), -(picked * w))
        coeff = np.zeros(xs.shape, x.dtype)
        if reduction == "mean":
            total = (
                full_sum(w) if weight is not None else x.dtype.type((~ignored).sum())
            )
            with np.errstate(divide="ignore", invalid="ignore"):
                out = (
                    full_sum(loss) / total
                )  # NOTE: matches torch: all ignored gives 0 / 0
                np.put_along_axis(
                    coeff, t, np.where(ignored, 0, -w / total)[..., None], -1
                )
        else:
            np.put_along_axis(
                coeff, t, np.broadcast_to(-w, t.shape[:-1])[..., None], -1
            )
            out = (
                full_sum(loss)
                if reduction == "sum"
                else loss.reshape(target.shape if x.ndim > 1 else ())
            )
        self.coeff = (
            np.moveaxis(coeff, -1, cdim) if x.ndim > 1 else coeff.reshape(x.shape)
        )
        return np.asarray(out, dtype=x.dtype)

    def backward(self, g):
        if self.reduction == "none":
            g = g.reshape(self.kept)
        return (self.coeff * g,)


class AddScalar(Op):
    """y = x + s for a number s;  dx = g  (torch's AddBackward1)"""

    node_name = "AddBackward1"

    def forward(self, x, s):
        return x + s

    def backward(self, g):
        return (g,)


class MulScalar(Op):
    """y = x * s for a number s;  dx = g * s  (torch's MulBackward1)"""

    node_name = "MulBackward1"

    def forward(self, x, s):
        self.s = s
        return x * s

    def backward(self, g):
        return (g * self.s,)


class DivScalar(Op):
    """y = x / s for a number s;  dx = g / s  (torch's DivBackward1)"""

    node_name = "DivBackward1"

    def forward(self, x, s):
        self.s = s
        return x / s

    def backward(self, g):
        return (g / self.s,)


class MaskedFillScalar(Op):
    """y = x with value where mask;  dx = g with 0 where mask"""

    node_name = "MaskedFillBackward0"

    def forward(self, x, mask, value):
        self.mask = mask
        return np.where(mask, x.dtype.type(value), x)

    def backward(self, g):
        return (where(self.mask, 0, g),)
