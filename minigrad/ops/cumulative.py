"""Scans and NaN-skipping sums: cumprod (exact where x has zeros), logcumsumexp, nansum."""

from __future__ import annotations

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import where
from minigrad.ops.extrema import REDUCED
from minigrad.ops.formula import constant, expand, is_array
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, output, value
from minigrad.ops.statistics import _reversed_cumsum

# torch's saved arguments of a scan along dim that keeps its input and result
_ALONG_DIM = {
    "_saved_dim": value(lambda n: n.dim),
    "_saved_self": arg(0),
    "_saved_result": output,
}


class Cumprod(Op):
    """y_j = prod_{i<=j} x_i along dim;  dx_k = sum_{j>=k} g_j prod_{i<=j, i!=k} x_i"""

    node_name = "CumprodBackward0"
    torch_saved = _ALONG_DIM
    save = (0, OUTPUT)

    def forward(self, x, dim, dtype=None):
        self.dim = dim
        if x.ndim == 0:
            return x.astype(dtype or x.dtype, copy=True)
        out = dtype or x.dtype
        if out.kind == "f":  # NOTE: matches torch's CPU kernel: accumulated in double
            return np.cumprod(x.astype(np.float64), axis=dim).astype(out)
        return np.cumprod(x, axis=dim, dtype=out)

    def backward(self, g, x, y):
        if not self.dim_size(x):
            return (g,)
        if not (constant(x) == 0).any():  # NOTE: torch's formula without zeros
            with np.errstate(all="ignore"):
                return (_reversed_cumsum(g * y, self.dim) / x,)
        return (_others_cumprod_grad(g, x, self.dim),)

    def dim_size(self, x) -> int:
        return x.shape[self.dim] if x.ndim else 0


def _others_cumprod_grad(g, x, dim: int):
    """dx_k = sum over j >= k of g_j * cumprod(x with x_k = 1)_j: exact with zeros
    (n^2 work along dim), on arrays or, recorded, on Tensors. Axis 0 holds k, the
    cumprod runs along dim + 1 (j)."""
    n = x.shape[dim]
    nd = x.ndim
    eye = np.eye(n, dtype=bool).reshape(
        (n,) + (1,) * dim + (n,) + (1,) * (nd - dim - 1)
    )
    later = np.triu(np.ones((n, n), dtype=bool)).reshape(eye.shape)  # j >= k
    if is_array(x):
        stacked = np.where(eye, np.ones((), x.dtype), x[None])
        prods = np.cumprod(stacked, axis=dim + 1)
        return np.moveaxis(
            np.sum(np.where(later, g[None] * prods, 0), axis=dim + 1), 0, dim
        )
    stacked = where(eye, 1, expand(x.unsqueeze(0), (n,) + tuple(x.shape)))
    prods = stacked.cumprod(dim + 1)
    return where(later, g.unsqueeze(0) * prods, 0).sum(dim + 1).movedim(0, dim)


class Nansum(Op):
    """y = sum of x over dims with NaN taken as 0;  dx = g where x is not NaN, else 0"""

    node_name = "NansumBackward0"
    torch_saved = {**REDUCED, "_saved_self": arg(0)}
    save = (0,)

    def forward(self, x, dims, keepdim, dtype=None):
        self.dims, self.keepdim, self.shape = dims, keepdim, x.shape
        return np.asarray(np.nansum(x, axis=dims, keepdims=keepdim, dtype=dtype))

    def backward(self, g, x):
        dims = range(len(self.shape)) if self.dims is None else self.dims
        if not self.keepdim:
            g = g.reshape(
                tuple(1 if i in dims else n for i, n in enumerate(self.shape))
            )
        x = constant(x)
        return (where(np.isnan(x), 0, expand(g, self.shape)),)


def logcumsumexp_array(x: np.ndarray, dim: int) -> np.ndarray:
    """torch's CPU logcumsumexp: log(exp(a) + exp(b)) step by step, in double."""
    if x.ndim == 0:
        return x.copy()
    with np.errstate(invalid="ignore"):
        out = np.logaddexp.accumulate(x.astype(np.float64), axis=dim)
    return out.astype(x.dtype)


def _reversed_logcumsumexp(x, dim: int):
    if is_array(x):
        return np.flip(logcumsumexp_array(np.flip(x, dim), dim), dim)
    return x.flip(dim).logcumsumexp(dim).flip(dim)


def _exp(x):
    return tr.exp(x) if is_array(x) else x.exp()


class Logcumsumexp(Op):
    """y_j = log(sum_{i<=j} exp(x_i)) along dim;  dx_k = sum_{j>=k} g_j exp(x_k - y_j),
    summed in log space for the positive and the negative g apart (as torch)"""

    node_name = "LogcumsumexpBackward0"
    torch_saved = _ALONG_DIM
    save = (0, OUTPUT)

    def forward(self, x, dim):
        self.dim = dim
        return logcumsumexp_array(x, dim)

    def backward(self, g, x, y):
        if not g.ndim or not np.prod(g.shape):
            return (g,)
        lowest = np.finfo(constant(x).dtype).min
        sign = np.sign(constant(g))
        with np.errstate(divide="ignore"):
            log_abs = _log_abs(g)
        parts = []
        for s in (1, -1):
            # NOTE: torch's where(g > 0, log|g|, lowest) - y, with y taken off the
            # chosen entries only (lowest - y would overflow)
            mine = sign == s
            log_part = where(mine, where(mine, log_abs, 0) - y, lowest)
            with np.errstate(over="ignore"):  # NOTE: as torch: lowest + lowest = -inf
                parts.append(_exp(_reversed_logcumsumexp(log_part, self.dim) + x))
        return (parts[0] - parts[1],)


def _log_abs(g):
    return tr.log(np.abs(g)) if is_array(g) else g.abs().log()
