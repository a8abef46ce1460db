"""torch.linalg's norms (vector, matrix) and what is built on singular values:
matrix_rank, cond."""

from __future__ import annotations

import math

import numpy as np

from minigrad import dtypes, ops
from minigrad._arguments import check_norm_input
from minigrad._checks import wrap_dims
from minigrad._linalg_checks import (
    check_floating,
    check_matrix,
    check_square,
    svd_or_raise,
)
from minigrad._linalg_decompositions import _tensor, svdvals
from minigrad._linalg_square import inv_ex
from minigrad.tensor import Tensor, apply

__all__ = ["vector_norm", "norm", "matrix_norm", "matrix_rank", "cond"]

_ORDERS = ("fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf)


def vector_norm(
    x: Tensor, ord=2, dim=None, keepdim: bool = False, *, dtype=None
) -> Tensor:
    """(sum |x|^ord)^(1/ord) over dim (all elements by default)."""
    if not isinstance(x, Tensor):
        raise TypeError(
            f"linalg_vector_norm(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}"
        )
    if isinstance(ord, bool) or not isinstance(ord, (int, float)):
        raise TypeError(
            f"linalg_vector_norm(): argument 'ord' (position 2) must be Number, not {type(ord).__name__}"
        )
    np_dtype = dtypes.to_np(dtype)
    check_norm_input(x._data.dtype, float(ord), x._data.size, np_dtype)
    dims = wrap_dims(dim, x._data.ndim)
    return apply(
        ops.VectorNorm, x, p=float(ord), dims=dims, keepdim=keepdim, dtype=np_dtype
    )


def norm(A: Tensor, ord=None, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: N803
    """A vector norm, or for a matrix (2-D, or a 2-tuple ``dim``) a matrix norm."""
    if not isinstance(A, Tensor):
        raise TypeError(
            f"linalg_norm(): argument 'input' (position 1) must be Tensor, not {type(A).__name__}"
        )
    matrix = (dim is None and A._data.ndim == 2) or (
        isinstance(dim, (tuple, list)) and len(dim) == 2
    )
    if ord is None:
        return vector_norm(A, 2, dim, keepdim, dtype=dtype)
    if dim is None and A._data.ndim not in (1, 2):
        raise RuntimeError(
            f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {A._data.ndim}D."
        )
    if isinstance(ord, str) or matrix:
        return matrix_norm(
            A, ord, (-2, -1) if dim is None else dim, keepdim, dtype=dtype
        )
    return vector_norm(A, ord, dim, keepdim, dtype=dtype)


def matrix_norm(
    A: Tensor,  # noqa: N803
    ord="fro",  # noqa: A002
    dim=(-2, -1),
    keepdim: bool = False,
    *,
    dtype=None,
) -> Tensor:
    """The matrix norm of order 'fro', 'nuc', 1, -1, 2, -2, inf or -inf over dim."""
    a = _tensor(A, "linalg_matrix_norm")._data
    check_matrix("linalg.matrix_norm", a, floating=False)
    check_floating("linalg.matrix_norm", a.dtype, low_precision=False)
    d0, d1 = A._matrix_dims(dim)
    if isinstance(ord, bool) or ord not in _ORDERS:
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    if ord == "fro":
        return vector_norm(A, 2, (d0, d1), keepdim, dtype=dtype)
    if ord == "nuc":
        return A._singular_reduce(d0, d1, keepdim, "sum", dtype)
    if abs(ord) == 2:
        reduce = "amax" if ord > 0 else "amin"
        return A._singular_reduce(d0, d1, keepdim, reduce, dtype)
    if abs(ord) == math.inf:
        d0, d1 = d1, d0
    if not keepdim and d0 < d1:
        d1 -= 1
    a = A.abs().sum(d0, keepdim, dtype=dtype)
    return a.amax(d1, keepdim) if ord > 0 else a.amin(d1, keepdim)


def _rank_tolerance(s: np.ndarray, shape: tuple, atol, rtol) -> np.ndarray:
    """max(atol, rtol s_max), rtol defaulting to eps max(m, n) where atol <= 0."""

    def batch(t):
        return (
            None if t is None else np.asarray(t._data if isinstance(t, Tensor) else t)
        )

    atol, rtol = batch(atol), batch(rtol)
    if rtol is None:
        eps = np.finfo(s.dtype).eps * max(shape[-2:])
        rtol = eps if atol is None else np.where(atol > 0, 0.0, eps)
    atol = 0.0 if atol is None else atol
    top = s.max(-1, initial=0)
    return np.maximum(atol, rtol * top)


def matrix_rank(
    A: Tensor,  # noqa: N803
    *,
    atol=None,
    rtol=None,
    hermitian: bool = False,
) -> Tensor:
    """The number of singular values above max(atol, rtol s_max)."""
    a = _tensor(A, "linalg_matrix_rank")._data
    check_matrix("torch.linalg.matrix_rank", a, "input", floating=False)
    if a.dtype not in (np.float32, np.float64):
        raise RuntimeError(
            "This function doesn't handle types other than float and double"
        )
    if hermitian:
        s = np.abs(np.linalg.eigvalsh(a))
    else:
        s = svd_or_raise(a, compute_uv=False)
    tol = _rank_tolerance(s, a.shape, atol, rtol)
    return Tensor._wrap((s > tol[..., None]).sum(-1).astype(np.int64))


def cond(A: Tensor, p=None) -> Tensor:  # noqa: N803
    """The condition number ||A|| ||A^-1|| in norm p (None: 2, from the singular values)."""
    _tensor(A, "linalg_cond")
    if p is None or (not isinstance(p, str) and p in (2, -2)):
        s = svdvals(A)
        big, small = s[..., :1], s[..., -1:]
        return (big / small if p != -2 else small / big).squeeze(-1)
    if isinstance(p, bool) or p not in _ORDERS:
        raise RuntimeError(f"linalg.cond got an invalid norm type: {p}")
    check_square(f"linalg.cond(ord={p})", A._data)
    if p == "nuc":
        s = svdvals(A)
        return s.sum(-1) * s.reciprocal().sum(-1)
    norms = matrix_norm(A, p) * matrix_norm(inv_ex(A).inverse, p)
    # NOTE: matches torch: a singular A (its inverse's nan) has condition inf
    return norms.nan_to_num(math.inf, math.inf)
