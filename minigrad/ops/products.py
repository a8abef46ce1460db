"""Fused products with an added term: addmm, addmv, baddbmm, addbmm; vdot and cross."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record, swap_last
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, value

_NAMES = {
    "mm": "AddmmBackward0",
    "mv": "AddmvBackward0",
    "bmm": "BaddbmmBackward0",
    "addbmm": "AddbmmBackward0",
}


def _scaled(x, s):
    return x if s == 1 else x * s


class AddProduct(Op):
    """y = beta * c + alpha * (a @ b) (addbmm: summed over the batch);
    dc = beta * g,  da = alpha * g @ b.T,  db = alpha * a.T @ g"""

    torch_saved = {
        "_saved_alpha": value(lambda n: n.alpha),
        "_saved_beta": value(lambda n: n.beta),
    }
    save = (1, 2)
    save_when = (2, 1)

    def forward(self, c, a, b, kind, beta=1, alpha=1):
        self.kind, self.beta, self.alpha = kind, beta, alpha
        self.node_name = _NAMES[kind]
        p = a @ b
        if kind == "addbmm":
            p = p.sum(axis=0)
        p = _scaled(p, alpha)
        # NOTE: matches torch: beta = 0 ignores c (NaN and inf in it too)
        return p + np.zeros_like(c) if beta == 0 else p + _scaled(c, beta)

    def backward(self, g, a, b):
        need_c, need_a, need_b = (e is not None for e in self.next_edges)
        gc = _scaled(g, self.beta) if need_c else None
        g = _scaled(g, self.alpha)
        if self.kind == "mv":
            ga = g[:, None] @ b[None, :] if need_a else None
            gb = swap_last(a) @ g if need_b else None
            return gc, ga, gb
        if self.kind == "addbmm":
            g = g[None]
        ga = g @ swap_last(b) if need_a else None
        gb = swap_last(a) @ g if need_b else None
        return gc, ga, gb


class Vdot(Op):
    """y = sum(a * b) (1-D, real);  da = g * b,  db = g * a"""

    node_name = "VdotBackward0"
    torch_saved = {
        "_saved_self": arg(0, needed_by=1),
        "_saved_other": arg(1, needed_by=0),
    }
    save = (0, 1)
    save_when = (1, 0)

    def forward(self, a, b):
        return np.asarray(np.dot(a, b))

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (g * b if need_a else None), (g * a if need_b else None)


class Cross(Op):
    """y = a x b along dim (3 long, broadcast);  da = b x g,  db = g x a"""

    node_name = "LinalgCrossBackward0"
    torch_saved = {
        "_saved_dim": value(lambda n: n.dim),
        "_saved_self": arg(0, needed_by=1),
        "_saved_other": arg(1, needed_by=0),
    }
    save = (0, 1)
    save_when = (1, 0)

    def forward(self, a, b, dim):
        self.dim = dim
        return np.cross(a, b, axis=dim)

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (_cross(b, g, self.dim) if need_a else None), (
            _cross(g, a, self.dim) if need_b else None
        )


def _cross(a, b, dim: int):
    if is_array(a) and is_array(b):
        return np.cross(a, b, axis=dim)
    return record(Cross, a, b, dim=dim)
