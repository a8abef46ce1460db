"""Matrix products: mm, matmul and linear (one node, as torch's addmm)."""

from __future__ import annotations

import math

import numpy as np

from minigrad._broadcast import broadcast_shape
from minigrad._exact.sums import sum_leading
from minigrad.ops.formula import is_array, swap_last
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, sizes, strides, value


def _folded_sizes(node) -> tuple:
    """The product torch's matmul makes before its final reshape: 2-D when b is
    a matrix (a's batch folded into rows), else one batch dim (bmm)."""
    a, b = node.in_meta[0][0], node.in_meta[1][0]
    if len(b) == 2:
        return (math.prod(a[:-1]), b[-1])
    batch = broadcast_shape(a[:-2], b[:-2])
    return (math.prod(batch), a[-2] if len(a) > 1 else 1, b[-1])


def _product_sizes(node) -> tuple:
    """linear's product (rows, out) before torch's view to the input's rank."""
    x, wt = node.in_meta[1][0], node.in_meta[2][0]
    return (math.prod(x[:-1]), wt[1])


def _product_saved(first: str, a: int, b: int) -> dict:
    """torch's saved values of the product of inputs a and b (the first named
    ``self`` by mm, ``mat1`` by addmm): each operand is kept for the other's
    gradient, its strides for its own."""
    return {
        f"_saved_{first}": arg(a, needed_by=b),
        f"_saved_{first}_sym_sizes": sizes(a),
        f"_saved_{first}_sym_strides": strides(a, needed_by=a),
        "_saved_mat2": arg(b, needed_by=a),
        "_saved_mat2_sym_sizes": sizes(b),
        "_saved_mat2_sym_strides": strides(b, needed_by=b),
    }


def mm(a, b):
    """a @ b; for 2-D arrays with k = 1 (an outer product), a broadcast multiply."""
    # NOTE: matches torch: its k = 1 products round each a_i * b_j once (signed
    # zeros, nan and inf included); BLAS is slower there and not always as torch.
    if (
        is_array(a)
        and is_array(b)
        and a.ndim == b.ndim == 2
        and a.shape[1] == 1
        and a.shape[0] > 1
        and b.shape[1] > 1
    ):
        return np.multiply(a, b, order="C")
    return a @ b


class Mm(Op):
    """y = a @ b (2-D);  da = g @ b.T,  db = a.T @ g"""

    torch_saved = _product_saved("self", 0, 1)

    save = (0, 1)
    save_when = (1, 0)

    def forward(self, a, b):
        self.byte_strides = (a.strides, b.strides)  # torch's _saved_*_sym_strides
        return mm(a, b)

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (mm(g, b.T) if need_a else None), (mm(a.T, g) if need_b else None)


class Matmul(Op):
    """y = a @ b (1-D, 2-D, batched with broadcasting);  the same two products"""

    torch_saved = {
        "MmBackward0": Mm.torch_saved,
        "DotBackward0": {
            "_saved_self": arg(0, needed_by=1),
            "_saved_tensor": arg(1, needed_by=0),
        },
        "MvBackward0": {
            "_saved_self": arg(0, needed_by=1),
            "_saved_vec": arg(1, needed_by=0),
        },
        "SqueezeBackward4": {
            "_saved_dim": value(lambda n: 0),
            "_saved_self_sym_sizes": value(lambda n: (1, n.in_meta[1][0][-1])),
        },
        "UnsafeViewBackward0": {"_saved_self_sym_sizes": value(_folded_sizes)},
    }

    save = (0, 1)
    save_when = (1, 0)

    def forward(self, a, b):
        self.ndims = (a.ndim, b.ndim)
        self.byte_strides = (a.strides, b.strides)  # torch's _saved_*_sym_strides
        return mm(a, b) if a.ndim == b.ndim == 2 else np.matmul(a, b)

    def name(self) -> str:
        names = {
            (1, 1): "DotBackward0",
            (2, 1): "MvBackward0",
            (2, 2): "MmBackward0",
            (1, 2): "SqueezeBackward4",
        }
        return names.get(self.ndims, "UnsafeViewBackward0")

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (_grad_a(g, b, *self.ndims) if need_a else None), (
            _grad_b(g, a, *self.ndims) if need_b else None
        )


def _grad_a(g, b, a_ndim: int, b_ndim: int):
    if a_ndim == 1 and b_ndim == 1:
        return g * b
    if a_ndim == 1:
        return g[..., None, :] @ swap_last(b)
    if b_ndim == 1:
        return mm(g[..., :, None], b[None, :])
    return mm(g, swap_last(b))


def _grad_b(g, a, a_ndim: int, b_ndim: int):
    if a_ndim == 1 and b_ndim == 1:
        return g * a
    if a_ndim == 1:
        return mm(a[:, None], g[..., None, :])
    if b_ndim == 1:
        return (swap_last(a) @ g[..., :, None])[..., 0]
    return mm(swap_last(a), g)


class Linear(Op):
    """y = x @ Wt + b (Wt = W.t(), a TBackward0 view);  dx = g @ Wt.T,
    dWt = x.T @ g,  db = g summed over rows"""

    torch_saved = {
        "AddmmBackward0": {
            "_saved_alpha": value(lambda n: 1),
            "_saved_beta": value(lambda n: 1),
            **_product_saved("mat1", 1, 2),
        },
        "MmBackward0": _product_saved("self", 1, 2),
        "ViewBackward0": {"_saved_self_sym_sizes": value(_product_sizes)},
        "UnsafeViewBackward0": {"_saved_self_sym_sizes": value(_product_sizes)},
        "SqueezeBackward4": {
            "_saved_dim": value(lambda n: 0),
            "_saved_self_sym_sizes": value(_product_sizes),
        },
    }

    save = (1, 2)
    save_when = (2, 1)

    def forward(self, b, x, wt):
        self.has_bias = b is not None
        self.x_ndim = x.ndim
        self.byte_strides = (
            None,
            x.strides,
            wt.strides,
        )  # torch's _saved_*_sym_strides
        y = mm(x, wt)
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
        gx = mm(g, wt.T) if need_x else None  # NOTE: skipped for data inputs
        if not need_w:
            gw = None
        elif self.x_ndim == 1:
            gw = x[:, None] @ g[None, :]
        elif self.x_ndim == 2:
            gw = mm(x.T, g)
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
