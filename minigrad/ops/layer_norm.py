"""Layer normalisation over the last dims: one node (NativeLayerNormBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array
from minigrad.ops.op import Op


def _mean(t, axes):
    if is_array(t):
        return t.mean(axis=axes, keepdims=True)
    return t.mean(dim=axes, keepdim=True)


def _sum(t, axes):
    if not axes:  # NOTE: a Tensor's sum over dim=() would sum every dim
        return t
    if is_array(t):
        return t.sum(axis=axes, keepdims=True)
    return t.sum(dim=axes, keepdim=True)


def moments(x: np.ndarray, axes: tuple, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """The mean and 1/sqrt(var + eps) of each row, accumulated in double (torch: in its opmath type)."""
    wide = x.astype(np.float64)
    mean = wide.mean(axis=axes, keepdims=True)
    var = ((wide - mean) ** 2).mean(axis=axes, keepdims=True)
    return mean.astype(x.dtype), (1.0 / np.sqrt(var + eps)).astype(x.dtype)


class LayerNorm(Op):
    """y = (x - mean) * rstd * w + b over the last dims;
    dx = rstd * (gw - mean(gw) - xhat * mean(gw * xhat)), gw = g * w;
    dw = sum(g * xhat),  db = sum(g) over the leading dims"""

    node_name = "NativeLayerNormBackward0"
    save = (0, 1)

    def forward(self, x, weight, bias, axes, eps):
        self.axes, self.eps = axes, eps
        self.mean, self.rstd = moments(x, axes, eps)
        y = (x - self.mean) * self.rstd
        if weight is not None:
            y = y * weight
        if bias is not None:
            y = y + bias
        return y

    def backward(self, g, x, w):
        need_x, need_w, need_b = (e is not None for e in self.next_edges)
        axes, mean, rstd = self.axes, self.mean, self.rstd
        if not is_array(x):  # create_graph: the statistics depend on x
            mean = _mean(x, axes)
            rstd = 1 / ((_mean((x - mean) * (x - mean), axes) + self.eps).sqrt())
        xhat = (x - mean) * rstd
        leading = tuple(range(g.ndim - len(axes)))
        dx = dw = db = None
        if need_x:
            gw = g if w is None else g * w
            dx = rstd * (gw - _mean(gw, axes) - xhat * _mean(gw * xhat, axes))
        if need_w:
            dw = _sum(g * xhat, leading).reshape(w.shape)
        if need_b:
            db = _sum(g, leading).reshape(tuple(g.shape[len(leading) :]))
        return dx, dw, db
