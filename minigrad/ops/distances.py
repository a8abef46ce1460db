"""dist and renorm, built on the vector norm (DistBackward0, RenormBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import where
from minigrad.ops.formula import constant, is_array, record
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, output, value
from minigrad.ops.statistics import VectorNorm

_new = object.__new__
_WIDE = np.dtype(np.float64)


class Dist(VectorNorm):
    """y = ||a - b||_p;  da = the p-norm's gradient at a - b,  db = -da"""

    node_name = "DistBackward0"
    torch_saved = {
        "_saved_self": arg(0),
        "_saved_other": arg(1),
        "_saved_p": value(lambda n: n.p),
        "_saved_result": output,
    }
    save = (0, 1, OUTPUT)

    def forward(self, a, b, p, dtype):
        return super().forward(
            a.astype(dtype, copy=False) - b.astype(dtype, copy=False), p, None, False
        )

    def backward(self, g, a, b, y):
        (ga,) = super().backward(g, a - b, y)
        return ga, (None if ga is None else -ga)


def _norm(x, p, dims: tuple, dtype=None):
    """x's p-norm over dims, kept as size 1 (on arrays, or recorded on a Tensor)."""
    if not is_array(x):
        return record(VectorNorm, x, p=p, dims=dims, keepdim=True, dtype=dtype)
    return _new(VectorNorm).forward(x, p, dims, True, dtype)


def _norm_backward(g, x, p, norm, dims: tuple):
    node = _new(VectorNorm)
    node.shape, node.p, node.dims, node.keepdim = x.shape, p, dims, True
    return node.backward(g, x, norm)[0]


class Renorm(Op):
    """y = each slice along dim scaled to p-norm maxnorm where it is larger;
    dx = f g - (f / (norm + 1e-7)) * (the norm's gradient of sum(x g)) there, g elsewhere"""

    torch_saved = {
        "_saved_self": arg(0),
        "_saved_p": value(lambda n: n.p),
        "_saved_dim": value(lambda n: n.dim),
        "_saved_maxnorm": value(lambda n: n.maxnorm),
    }
    save = (0,)

    def forward(self, x, p, dim, maxnorm):
        self.p, self.dim, self.maxnorm = p, dim, maxnorm
        self.dims = tuple(i for i in range(x.ndim) if i != dim)
        norm = _norm(x, p, self.dims)
        # NOTE: matches torch's kernel: maxnorm / (norm + 1e-7) in x's dtype
        limit = x.dtype.type(maxnorm)
        factor = np.where(norm > limit, limit / (norm + x.dtype.type(1e-7)), 1)
        return x * factor.astype(x.dtype, copy=False)

    def backward(self, g, x):
        # NOTE: matches torch: the norm in double (its accumulate type) for float32
        norm = _norm(x, self.p, self.dims, _WIDE)
        xg = x * g
        if is_array(xg):
            total = xg.sum(axis=self.dims, keepdims=True, dtype=_WIDE)
        else:
            total = xg.sum(dim=self.dims, keepdim=True, dtype=dtypes.float64)
        nb = _norm_backward(total, x, self.p, norm, self.dims)
        inv = 1 / (norm + 1e-7)
        factor = inv * self.maxnorm
        big = constant(norm) > self.maxnorm
        return (where(big, factor * g - (factor * inv) * nb, g),)
