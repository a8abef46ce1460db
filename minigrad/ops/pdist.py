"""pdist: the p-norm distance between every pair of rows (i < j), one node (PdistBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op


def _norm(diff: np.ndarray, p: float) -> np.ndarray:
    a = np.abs(diff)
    if p == 0:
        return (a != 0).sum(axis=1).astype(diff.dtype)
    if p == 1:
        return a.sum(axis=1)
    if p == 2:
        return np.sqrt((a * a).sum(axis=1))
    if np.isinf(p):
        return a.max(axis=1, initial=0)
    return ((a**p).sum(axis=1)) ** (1 / p)


def _grad(diff, dist, g, p):
    """d dist / d diff times g, as torch's _pdist_backward (0 where dist is 0)."""
    d, gd = dist[:, None], g[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        if p == 0:
            return np.zeros_like(diff)
        if p == 1:
            out = np.sign(diff) * gd
        elif p == 2:
            out = diff * gd / d
        elif np.isinf(p):
            out = np.sign(diff) * (np.abs(diff) == d) * gd
        elif p < 2:
            out = np.sign(diff) * np.abs(diff) ** (p - 1) * gd / d ** (p - 1)
            if p < 1:
                out = np.where(diff == 0, 0, out)
        else:
            out = diff * np.abs(diff) ** (p - 2) * gd / d ** (p - 1)
    return np.where(d == 0, 0, out).astype(diff.dtype)


class Pdist(Op):
    """y[k] = ||x[i] - x[j]||_p for the k-th pair i < j;  dx = PdistGrad(g)"""

    node_name = "PdistBackward0"
    save = (0,)

    def forward(self, x, p):
        self.p = p
        self.i, self.j = np.triu_indices(x.shape[0], 1)
        self.dist = _norm(x[self.i] - x[self.j], p)
        return self.dist

    def backward(self, g, x):
        if not is_array(g) or not is_array(x):
            return (record(PdistGrad, g, x, owner=self),)
        return (pdist_backward(g, x, self),)


def pdist_backward(g, x, owner):
    share = _grad(x[owner.i] - x[owner.j], owner.dist, g, owner.p)
    out = np.zeros_like(x)
    np.add.at(out, owner.i, share)
    np.add.at(out, owner.j, -share)
    return out


class PdistGrad(Op):
    """y = pdist's gradient;  not differentiable, as torch's _pdist_backward"""

    node_name = "PdistBackwardBackward0"

    def forward(self, g, x, owner):
        return pdist_backward(g, x, owner)

    def backward(self, h):
        raise NotImplementedError(
            "the derivative for '_pdist_backward' is not implemented."
        )
