"""Batch normalisation: one node (NativeBatchNormBackward0), torch's kernel bit for
bit on arrays, a differentiable formula when the graph is recorded."""

from __future__ import annotations

import numpy as np

from minigrad._exact.batchnorm import backward as exact_backward
from minigrad._exact.batchnorm import transform
from minigrad.ops.formula import is_array
from minigrad.ops.op import Op


def _csum(t, axes):
    """The sum over every axis but the channel one (kept, for broadcasting)."""
    if is_array(t):
        return t.sum(axis=axes, keepdims=True)
    return t.sum(dim=axes, keepdim=True)


def _sqrt(t):
    return np.sqrt(t) if is_array(t) else t.sqrt()


def channel_shape(ndim: int, channels: int) -> tuple:
    """The shape that broadcasts a per-channel vector against a (N, C, ...) input."""
    return (1, channels) + (1,) * (ndim - 2)


class BatchNorm(Op):
    """y = (x - mean) * invstd * w + b per channel (batch or running statistics);
    train: dx = w * invstd * (g - mean(g) - xhat * mean(g * xhat)); eval:
    dx = g * w * invstd;  dw = sum(g * xhat),  db = sum(g)"""

    node_name = "NativeBatchNormBackward0"
    save = (0, 1)

    def forward(
        self,
        x,
        weight,
        bias,
        mean=None,
        invstd=None,
        bwd_invstd=None,
        eps=1e-5,
        training=True,
    ):
        shape = channel_shape(x.ndim, x.shape[1])
        self.axes = (0, *range(2, x.ndim))
        self.count = x.size // x.shape[1] if x.shape[1] else 0
        self.training, self.eps = training, eps
        self.mean, self.invstd = mean.reshape(shape), invstd.reshape(shape)
        # NOTE: matches torch: in eval mode its backward recomputes invstd in double
        self.bwd_invstd = invstd if bwd_invstd is None else bwd_invstd
        # NOTE: matches torch's CPU kernel, roundings included (_exact/batchnorm.py)
        return transform(x, mean, invstd, weight, bias)

    def backward(self, g, x, w):
        need = tuple(e is not None for e in self.next_edges)
        if is_array(g) and is_array(x):  # first order: torch's kernel, bit for bit
            return exact_backward(
                g, x, self.mean.reshape(-1), self.bwd_invstd, w, self.training, need
            )
        need_x, need_w, need_b = need
        mean, axes, n = self.mean, self.axes, self.count
        invstd = self.bwd_invstd.reshape(mean.shape)
        if not is_array(x) and self.training:  # create_graph: the stats depend on x
            mean = _csum(x, axes) / n
            invstd = 1 / _sqrt(_csum((x - mean) * (x - mean), axes) / n + self.eps)
        xhat = (x - mean) * invstd
        g_sum = _csum(g, axes)
        g_xhat = _csum(g * xhat, axes)
        dx = None
        if need_x:
            scale = invstd if w is None else w.reshape(mean.shape) * invstd
            dx = (
                scale * (g - g_sum / n - xhat * (g_xhat / n))
                if self.training
                else g * scale
            )
        dw = g_xhat.reshape(-1) if need_w else None
        db = g_sum.reshape(-1) if need_b else None
        return dx, dw, db
