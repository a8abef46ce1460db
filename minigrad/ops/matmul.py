"""Matrix products: mm, matmul and linear (one node, as torch's addmm)."""

from __future__ import annotations

import math

import numpy as np

from minigrad._exact.sums import sum_leading
from minigrad.ops.formula import is_array, swap_last
from minigrad.ops.op import Op


class Mm(Op):
    """y = a @ b (2-D);  da = g @ b.T,  db = a.T @ g"""

    save = (0, 1)

    def forward(self, a, b):
        return a @ b

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (g @ b.T if need_a else None), (a.T @ g if need_b else None)


class Matmul(Op):
    """y = a @ b (1-D, 2-D, batched with broadcasting);  the same two products"""

    save = (0, 1)

    def forward(self, a, b):
        self.ndims = (a.ndim, b.ndim)
        return np.matmul(a, b)

    def name(self) -> str:
        names = {
            (1, 1): "DotBackward0",
            (2, 1): "MvBackward0",
            (2, 2): "MmBackward0",
            (1, 2): "SqueezeBackward4",
        }
        return names.get(self.ndims, "UnsafeViewBackward0")

    def backward(self, g, a, b):
        if a.ndim == 1 and b.ndim == 1:
            return g * b, g * a
        if a.ndim == 1:
            return g[..., None, :] @ swap_last(b), a[:, None] @ g[..., None, :]
        if b.ndim == 1:
            return g[..., :, None] @ b[None, :], (swap_last(a) @ g[..., :, None])[
                ..., 0
            ]
        return g @ swap_last(b), swap_last(a) @ g


class Linear(Op):
    """y = x @ Wt + b (Wt = W.t(), a TBackward0 view);  dx = g @ Wt.T,
    dWt = x.T @ g,  db = g summed over rows"""

    save = (1, 2)

    def forward(self, b, x, wt):
        self.has_bias = b is not None
        self.x_ndim = x.ndim
        y = x @ wt
        if b is not None:
            if y.dtype == np.result_type(y, b) and y.ndim:
                y += b  # NOTE: in place into the fresh product: one array, as addmm
            else:
                y = y + b
        return y

    def name(self) -> str:
        # NOTE: matches torch: F.linear is addmm on 2-D input (mm without bias);
        # other ranks show the reshape torch wraps around it.
        if self.x_ndim == 2:
            return "AddmmBackward0" if self.has_bias else "MmBackward0"
        if self.has_bias:
            return "ViewBackward0"
        return "SqueezeBackward4" if self.x_ndim == 1 else "UnsafeViewBackward0"

    def backward(self, g, x, wt):
        need_b, need_x, need_w = (e is not None for e in self.next_edges)
        gx = g @ wt.T if need_x else None  # NOTE: skipped for data inputs (BLAS-bound)
        if not need_w:
            gw = None
        elif self.x_ndim == 1:
            gw = x[:, None] @ g[None, :]
        elif self.x_ndim == 2:
            gw = x.T @ g
        else:
            rows = math.prod(g.shape[:-1])
            gw = x.reshape((rows, x.shape[-1])).T @ g.reshape((rows, g.shape[-1]))
        gb = None
        if need_b:
            if self.x_ndim == 1:
                gb = g
            elif not is_array(g):
                gb = g.sum(dim=tuple(range(g.ndim - 1)))
            else:
                gb = sum_leading(g, g.ndim - 1)
        return gb, gx, gw
