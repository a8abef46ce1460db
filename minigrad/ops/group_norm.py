"""Group normalisation: one node (NativeGroupNormBackward0), the layer-norm formulas per group."""

from __future__ import annotations

from minigrad.ops.layer_norm import _mean, _sum, moments, normalized
from minigrad.ops.norm import channel_shape
from minigrad.ops.op import Op


class GroupNorm(Op):
    """y = xhat * w + b, xhat = (x - mean) * rstd over each (sample, group);
    dx = rstd * (gw - mean(gw) - xhat * mean(gw * xhat)) per group, gw = g * w;
    dw = sum(g * xhat),  db = sum(g) over all but the channel dim"""

    node_name = "NativeGroupNormBackward0"
    save = (0, 1)

    def forward(self, x, weight, bias, groups, eps):
        self.groups = (x.shape[0], groups, -1)
        self.channels = channel_shape(x.ndim, x.shape[1])
        xg = x.reshape(self.groups)
        self.mean, self.rstd = moments(xg, (2,), eps)
        y = ((xg - self.mean) * self.rstd).reshape(x.shape)
        if weight is not None:
            y = y * weight.reshape(self.channels)
        if bias is not None:
            y = y + bias.reshape(self.channels)
        return y

    def backward(self, g, x, w):
        need_x, need_w, need_b = (e is not None for e in self.next_edges)
        xg = x.reshape(self.groups)
        xhat, rstd = normalized(xg, self.mean, self.rstd, (2,))
        others = (0, *range(2, len(self.channels)))
        dx = dw = db = None
        if need_x:
            gw = (g if w is None else g * w.reshape(self.channels)).reshape(self.groups)
            dx = rstd * (gw - _mean(gw, (2,)) - xhat * _mean(gw * xhat, (2,)))
            dx = dx.reshape(x.shape)
        if need_w:
            dw = _sum(g * xhat.reshape(x.shape), others).reshape(-1)
        if need_b:
            db = _sum(g, others).reshape(-1)
        return dx, dw, db
