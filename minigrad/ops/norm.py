"""Batch normalisation: one node (NativeBatchNormBackward0), its backward a formula."""

from __future__ import annotations

import numpy as np

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


def batch_stats(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(mean, sum of squared deviations, count) per channel, in x's dtype.

    NOTE: accumulated in float64 then rounded, as torch's CPU kernel keeps a
    double accumulator; torch's summation order (which depends on its thread
    count) is not reproduced, so the last bit can differ.
    """
    axes = (0, *range(2, x.ndim))
    n = x.size // x.shape[1] if x.shape[1] else 0
    wide = x.astype(np.float64)
    mean = (wide.sum(axis=axes) / n).astype(x.dtype)
    dev = x - mean.reshape(channel_shape(x.ndim, x.shape[1]))
    var_sum = (dev.astype(np.float64) ** 2).sum(axis=axes).astype(x.dtype)
    return mean, var_sum, n


class BatchNorm(Op):
    """y = (x - mean) * invstd * w + b per channel (batch or running statistics);
    train: dx = w * invstd * (g - mean(g) - xhat * mean(g * xhat)); eval:
    dx = g * w * invstd;  dw = sum(g * xhat),  db = sum(g)"""

    node_name = "NativeBatchNormBackward0"
    save = (0, 1)

    def forward(self, x, weight, bias, mean=None, invstd=None, eps=1e-5, training=True):
        shape = channel_shape(x.ndim, x.shape[1])
        self.axes = (0, *range(2, x.ndim))
        self.count = x.size // x.shape[1] if x.shape[1] else 0
        self.training, self.eps = training, eps
        self.mean, self.invstd = mean.reshape(shape), invstd.reshape(shape)
        # NOTE: matches torch's CPU kernel: alpha = invstd * w, beta = b - mean * alpha,
        # then y = x * alpha + beta in the input's dtype
        alpha = self.invstd if weight is None else self.invstd * weight.reshape(shape)
        beta = -self.mean * alpha
        if bias is not None:
            beta = bias.reshape(shape) + beta
        return x * alpha + beta

    def backward(self, g, x, w):
        need_x, need_w, need_b = (e is not None for e in self.next_edges)
        mean, invstd, axes, n = self.mean, self.invstd, self.axes, self.count
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
