"""minigrad.linalg: torch.linalg (norms, det, inv, solve, decompositions ...)."""

from __future__ import annotations

from minigrad._linalg_checks import LinAlgError
from minigrad._linalg_decompositions import (
    cholesky,
    cholesky_ex,
    eigh,
    eigvalsh,
    lstsq,
    pinv,
    qr,
    solve_triangular,
    svd,
    svdvals,
)
from minigrad._linalg_norms import cond, matrix_norm, matrix_rank, norm, vector_norm
from minigrad._linalg_products import cross, diagonal, matmul, multi_dot, vecdot
from minigrad._linalg_square import (
    det,
    inv,
    inv_ex,
    matrix_power,
    slogdet,
    solve,
    solve_ex,
)

__all__ = ["LinAlgError", "cholesky", "cholesky_ex", "cond", "cross", "det"]
__all__ += ["diagonal", "eigh", "eigvalsh", "inv", "inv_ex", "lstsq", "matmul"]
__all__ += ["matrix_norm", "matrix_power", "matrix_rank", "multi_dot", "norm"]
__all__ += ["pinv", "qr", "slogdet", "solve", "solve_ex", "solve_triangular"]
__all__ += ["svd", "svdvals", "vecdot", "vector_norm"]
