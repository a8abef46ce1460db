"""minigrad.linalg: vector norms (and the Frobenius norm) as torch.linalg."""

from __future__ import annotations

import math

from minigrad import dtypes, ops
from minigrad._arguments import check_norm_input
from minigrad._checks import wrap_dims
from minigrad.tensor import Tensor, apply

__all__ = ["norm", "vector_norm"]

_MATRIX_ORDERS = (1, -1, 2, -2, math.inf, -math.inf, "nuc")


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
    """A vector norm, or for a matrix (2-D, or a 2-tuple ``dim``) the Frobenius norm."""
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
        if isinstance(dim, int) or (isinstance(dim, (tuple, list)) and len(dim) != 2):
            got = dim if isinstance(dim, int) else " ".join(map(str, dim))
            raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got {got}")
        if ord == "fro":
            return vector_norm(A, 2, dim, keepdim, dtype=dtype)
        if ord in _MATRIX_ORDERS:
            raise NotImplementedError(
                f"minigrad: the matrix norm of order {ord} is not supported (only 'fro')"
            )
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    return vector_norm(A, ord, dim, keepdim, dtype=dtype)
