"""The bilinear form y[n, o] = sum_ij x1[n, i] w[o, i, j] x2[n, j]: one node (TrilinearBackward0)."""

from __future__ import annotations

from minigrad.ops.formula import swap_last
from minigrad.ops.op import Op


def _by_x2(w, x2):
    """u[n, o, i] = sum_j w[o, i, j] x2[n, j]."""
    o, i, j = w.shape
    n = x2.shape[0]
    return (w.reshape(1, o, i, j) @ x2.reshape(n, 1, j, 1)).reshape(n, o, i)


def _by_x1(w, x1):
    """v[n, o, j] = sum_i x1[n, i] w[o, i, j]."""
    o, i, j = w.shape
    n = x1.shape[0]
    return (x1.reshape(n, 1, 1, i) @ w.reshape(1, o, i, j)).reshape(n, o, j)


class Trilinear(Op):
    """y = x1^T w x2 per row;  dx1 = g . (w x2),  dx2 = g . (x1^T w),
    dw = sum_n g[n, o] x1[n, i] x2[n, j]"""

    node_name = "TrilinearBackward0"
    save = (0, 1, 2)

    def forward(self, x1, w, x2):
        n = x1.shape[0]
        return (_by_x2(w, x2) @ x1.reshape(n, -1, 1)).reshape(n, w.shape[0])

    def backward(self, g, x1, w, x2):
        need_1, need_w, need_2 = (e is not None for e in self.next_edges)
        n, (o, i, j) = g.shape[0], w.shape
        rows = g.reshape(n, 1, o)
        d1 = (rows @ _by_x2(w, x2)).reshape(n, i) if need_1 else None
        d2 = (rows @ _by_x1(w, x1)).reshape(n, j) if need_2 else None
        dw = None
        if need_w:
            outer = (x1.reshape(n, i, 1) * x2.reshape(n, 1, j)).reshape(n, i * j)
            dw = (swap_last(g) @ outer).reshape(o, i, j)
        return d1, dw, d2
