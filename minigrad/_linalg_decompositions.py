"""torch.linalg's decompositions and the solves built on them: cholesky, eigh,
svd, qr, solve_triangular, pinv, lstsq (torch's older forms are Tensor methods)."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes, ops, return_types
from minigrad._linalg_checks import (
    check_floating,
    check_matrix,
    check_square,
    check_triangular,
    positive_definite_info,
    raise_singular,
    svd_or_raise,
)
from minigrad.ops.formula import swap_last
from minigrad.tensor import Tensor, apply

__all__ = ["cholesky", "cholesky_ex", "eigh", "eigvalsh", "svd", "svdvals", "qr"]
__all__ += ["solve_triangular", "pinv", "lstsq"]


def _tensor(x, fn: str, arg: str = "A", position: int = 1) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(
            f"{fn}(): argument '{arg}' (position {position}) must be Tensor, not {type(x).__name__}"
        )
    return x


def cholesky(A: Tensor, *, upper: bool = False) -> Tensor:  # noqa: N803
    """L with A = L L^T (U = L^T with A = U^T U when upper); LinAlgError when A is
    not positive-definite."""
    return _tensor(A, "linalg_cholesky")._cholesky(upper, "linalg.cholesky")


def cholesky_ex(A: Tensor, *, upper: bool = False, check_errors: bool = False):  # noqa: N803
    """(L, info): info > 0 names the leading minor that is not positive-definite."""
    a = _tensor(A, "linalg_cholesky_ex")._data
    factor = A._cholesky(upper, "linalg.cholesky_ex", check=check_errors)
    failed = np.isnan(factor._data).any() and not np.isnan(a).any()
    info = positive_definite_info(a) if failed else np.zeros(a.shape[:-2], np.int32)
    return return_types.linalg_cholesky_ex((factor, Tensor._wrap(info)))


def _uplo(A, UPLO: str, fn: str) -> np.ndarray:  # noqa: N803
    a = _tensor(A, fn)._data
    check_square("linalg.eigh", a, floating=False)
    if a.dtype.kind != "f":
        raise NotImplementedError(
            f"\"linalg_eigh_cpu\" not implemented for '{dtypes.scalar_type_name(a.dtype)}'"
        )
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")
    return a


def eigh(A: Tensor, UPLO: str = "L"):  # noqa: N803
    """(eigenvalues ascending, eigenvectors) of a symmetric matrix (its UPLO triangle)."""
    _uplo(A, UPLO, "linalg_eigh")
    values = apply(ops.Eigh, A, uplo=UPLO, part="L")
    vectors = apply(ops.Eigh, A, uplo=UPLO, part="V")
    return return_types.linalg_eigh((values, vectors))


def eigvalsh(A: Tensor, UPLO: str = "L") -> Tensor:  # noqa: N803
    """The eigenvalues (ascending) of a symmetric matrix."""
    _uplo(A, UPLO, "linalg_eigvalsh")
    return apply(ops.Eigh, A, uplo=UPLO, part="L")


def _no_driver(driver) -> None:
    if driver is not None:
        raise RuntimeError(
            "torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs with cuSOLVER backend."
        )


def svd(A: Tensor, full_matrices: bool = True, *, driver=None):  # noqa: N803
    """(U, S, Vh) with A = U diag(S) Vh, S descending."""
    _no_driver(driver)
    return return_types.linalg_svd(_tensor(A, "linalg_svd")._svd(full_matrices))


def svdvals(A: Tensor, *, driver=None) -> Tensor:  # noqa: N803
    """The singular values, descending."""
    _no_driver(driver)
    return _tensor(A, "linalg_svdvals")._svdvals()


def qr(A: Tensor, mode: str = "reduced"):  # noqa: N803
    """(Q, R) with A = Q R; mode 'reduced', 'complete' or 'r' (Q empty)."""
    return return_types.linalg_qr(_tensor(A, "linalg_qr")._qr(mode))


def solve_triangular(
    A: Tensor,  # noqa: N803
    B: Tensor,  # noqa: N803
    *,
    upper: bool,
    left: bool = True,
    unitriangular: bool = False,
) -> Tensor:
    """X with T X = B (XT = B when not left), T the upper or lower triangle of A."""
    fn = "linalg.solve_triangular"
    a = _tensor(A, "linalg_solve_triangular")._data
    b = _tensor(B, "linalg_solve_triangular", "B", 2)._data
    if a.dtype.kind in "biu" and a.ndim >= 2 and a.shape[-1] == a.shape[-2]:
        raise NotImplementedError(
            f"\"triangular_solve_cpu\" not implemented for '{dtypes.scalar_type_name(a.dtype)}'"
        )
    check_triangular(fn, a, b, left)
    if b.dtype != a.dtype:
        B = B.to(A.dtype)  # noqa: N806  (NOTE: matches torch: B takes A's dtype)
    params = {"upper": upper, "left": left, "unitriangular": unitriangular}
    return apply(ops.SolveTriangular, A, B, **params)


def pinv(A: Tensor, *, atol=None, rtol=None, hermitian: bool = False) -> Tensor:  # noqa: N803
    """The pseudo-inverse, singular values at or below max(atol, rtol s_max) dropped."""
    return _tensor(A, "linalg_pinv")._pinv(atol, rtol, hermitian)


def _check_full_rank(a: np.ndarray) -> None:
    """gels's LinAlgError: a zero on the diagonal of R (of A's QR, or A^T's when wide)."""
    r = np.linalg.qr(a if a.shape[-2] >= a.shape[-1] else swap_last(a), mode="r")
    zero = np.diagonal(r, 0, -2, -1) == 0
    info = np.where(zero.any(-1), zero.argmax(-1) + 1, 0)
    message = "The least squares solution could not be computed because the input matrix does not have full rank (error code: {i})."
    raise_singular("torch.linalg.lstsq", info, message)


def lstsq(A: Tensor, B: Tensor, rcond=None, *, driver=None):  # noqa: N803
    """(solution, residuals, rank, singular_values) as torch's CPU drivers give
    them ('gelsy' by default: residuals and singular values empty)."""
    a = _tensor(A, "linalg_lstsq")._data
    b = _tensor(B, "linalg_lstsq", "B", 2)._data
    check_matrix("torch.linalg.lstsq", a)
    check_floating("torch.linalg.lstsq", a.dtype, low_precision=False)
    driver = "gelsy" if driver is None else driver
    if driver not in ("gels", "gelsy", "gelsd", "gelss"):
        raise RuntimeError(
            "torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)"
        )
    vector = b.ndim == a.ndim - 1
    if not vector and b.ndim != a.ndim:
        raise RuntimeError(
            "torch.linalg.lstsq: input.dim() must be greater or equal to other.dim() and (input.dim() - other.dim()) <= 1"
        )
    if a.shape[-2] != b.shape[-1 if vector else -2]:
        raise RuntimeError(
            f"torch.linalg.lstsq: input.size(-2) should match other.size(-{1 if vector else 2})"
        )
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype {dtypes.scalar_type_name(a.dtype)} and other's dtype {dtypes.scalar_type_name(b.dtype)}"
        )
    rtol = np.finfo(a.dtype).eps * max(a.shape[-2:]) if rcond is None else rcond
    if driver == "gels":
        _check_full_rank(a)
    solution = apply(ops.Lstsq, A, B, rtol=rtol, vector=vector)
    s = svd_or_raise(a, compute_uv=False)
    rank = (s > rtol * s.max(-1, keepdims=True, initial=0)).sum(-1)
    m, n = a.shape[-2:]
    empty = np.zeros((0,), dtype=a.dtype)
    residuals = Tensor._wrap(empty.copy())
    if m > n and driver != "gelsy" and (driver == "gels" or (rank == n).all()):
        residuals = apply(ops.LstsqResiduals, A, B, rtol=rtol, vector=vector)
    if driver == "gels":
        rank = np.zeros((0,), dtype=np.int64)
    values = s if driver in ("gelsd", "gelss") else empty
    result = (
        solution,
        residuals,
        Tensor._wrap(rank.astype(np.int64)),
        Tensor._wrap(values),
    )
    return return_types.linalg_lstsq(result)
