"""torch.linalg's square-matrix functions: det, slogdet, inv, solve, matrix_power."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes, ops, return_types
from minigrad._broadcast import broadcast_shape
from minigrad._linalg_checks import check_int, check_square, singular_pivots
from minigrad.tensor import Tensor, apply

__all__ = ["det", "slogdet", "inv", "inv_ex", "solve", "solve_ex", "matrix_power"]


def _matrix(A, fn: str, name: str = "A") -> Tensor:  # noqa: N803
    if not isinstance(A, Tensor):
        raise TypeError(
            f"{fn}(): argument '{name}' (position 1) must be Tensor, not {type(A).__name__}"
        )
    return A


def det(A: Tensor) -> Tensor:  # noqa: N803
    """The determinant of each square matrix."""
    return _matrix(A, "linalg_det").det()


def slogdet(A: Tensor):  # noqa: N803
    """(sign, log|det|) of each square matrix."""
    return return_types.linalg_slogdet(
        _matrix(A, "linalg_slogdet")._slogdet("linalg.slogdet")
    )


def inv(A: Tensor) -> Tensor:  # noqa: N803
    """The inverse of each square matrix (LinAlgError when singular)."""
    return _matrix(A, "linalg_inv").inverse()


def inv_ex(A: Tensor, *, check_errors: bool = False):  # noqa: N803
    """(inverse, info): info > 0 marks a singular matrix instead of raising."""
    a = _matrix(A, "linalg_inv_ex")._data
    check_square("linalg.inv", a)
    inverse = apply(ops.Inverse, A, fn="linalg.inv_ex", check=check_errors)
    info = _singular_info(a, inverse._data)
    return return_types.linalg_inv_ex((inverse, Tensor._wrap(info)))


def _singular_info(a: np.ndarray, result: np.ndarray) -> np.ndarray:
    """LAPACK's info per matrix: 0, or the first zero pivot (where the result is nan)."""
    if not np.isnan(result).any():
        return np.zeros(a.shape[:-2], dtype=np.int32)
    return singular_pivots(a)


def _solve_args(A, B, left: bool, fn: str) -> bool:  # noqa: N803
    """torch's checks of AX = B; True when B is a (batch of) vector(s)."""
    a, b = _matrix(A, fn)._data, _matrix(B, fn, "B")._data
    check_square("linalg.solve", a)
    if b.ndim < 1:
        raise RuntimeError(
            "linalg.solve: The input tensor B must have at least 2 dimensions."
        )
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"linalg.solve: Expected A and B to have the same dtype, but found A of type {dtypes.scalar_type_name(a.dtype)} and B of type {dtypes.scalar_type_name(b.dtype)} instead"
        )
    vector = b.ndim == 1 or (b.ndim == a.ndim - 1 and b.shape == a.shape[:-1])
    n = a.shape[-1]
    rows, cols = (b.shape[-1], 1) if vector else b.shape[-2:]
    # NOTE: matches torch: XA = B takes no vector B
    if (vector and not left) or (rows if left else cols) != n:
        raise RuntimeError(
            f"linalg.solve: Incompatible shapes of A and B for the equation {'AX = B' if left else 'XA = B'} ({n}x{n} and {rows}x{cols})"
        )
    broadcast_shape(b.shape[:-1] if vector else b.shape[:-2], a.shape[:-2])
    return vector


def solve(A: Tensor, B: Tensor, *, left: bool = True) -> Tensor:  # noqa: N803
    """X with AX = B (left) or XA = B; LinAlgError when A is singular."""
    vector = _solve_args(A, B, left, "linalg_solve")
    return apply(ops.Solve, A, B, left=left, vector=vector)


def solve_ex(A: Tensor, B: Tensor, *, left: bool = True, check_errors: bool = False):  # noqa: N803
    """(result, info): info > 0 marks a singular A instead of raising."""
    vector = _solve_args(A, B, left, "linalg_solve_ex")
    fn = "linalg.solve_ex"
    result = apply(ops.Solve, A, B, left=left, vector=vector, fn=fn, check=check_errors)
    info = _singular_info(A._data, result._data)
    return return_types.linalg_solve_ex((result, Tensor._wrap(info)))


def matrix_power(A: Tensor, n: int) -> Tensor:  # noqa: N803
    """A multiplied by itself n times (n < 0: the inverse's power)."""
    check_int(n, "linalg_matrix_power", "n", 2)
    return _matrix(A, "linalg_matrix_power").matrix_power(n)
