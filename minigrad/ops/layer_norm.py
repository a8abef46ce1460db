"""Layer normalisation over the last dims: one node (NativeLayerNormBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
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
        axes = self.axes
        xhat, rstd = normalized(x, self.mean, self.rstd, axes)
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


def normalized(x, mean, rstd, axes):
    """xhat = (x - mean) * rstd and rstd, from the forward's statistics; on a Tensor x
    (create_graph) as nodes whose gradients follow how mean and rstd depend on x."""
    if is_array(x):
        return (x - mean) * rstd, rstd
    params = {"mean": mean, "rstd": rstd, "axes": axes}
    return record(Normalized, x, **params), record(Rstd, x, **params)


class Normalized(Op):
    """y = (x - mean(x)) * rstd(x) (the forward's values);
    dx = rstd * (g - mean(g) - y * mean(g * y))"""

    node_name = "NativeLayerNormBackwardBackward0"
    save = (0,)

    def forward(self, x, mean, rstd, axes):
        self.mean, self.rstd, self.axes = mean, rstd, axes
        return (x - mean) * rstd

    def backward(self, g, x):
        xhat, rstd = normalized(x, self.mean, self.rstd, self.axes)
        return (rstd * (g - _mean(g, self.axes) - xhat * _mean(g * xhat, self.axes)),)


class Rstd(Op):
    """y = 1 / sqrt(var(x) + eps) (the forward's value);  dx = -g * y^2 * xhat / n"""

    node_name = "NativeLayerNormBackwardBackward0"
    save = (0,)

    def forward(self, x, mean, rstd, axes):
        self.mean, self.rstd, self.axes = mean, rstd, axes
        self.count = int(np.prod([x.shape[a] for a in axes]))
        return rstd

    def backward(self, g, x):
        xhat, rstd = normalized(x, self.mean, self.rstd, self.axes)
        return (-(g * rstd * rstd) * xhat / self.count,)
