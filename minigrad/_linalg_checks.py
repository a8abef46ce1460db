"""torch.linalg's argument checks and singular-matrix errors (on arrays)."""

from __future__ import annotations

import warnings

import numpy as np

from minigrad import dtypes

__all__ = ["LinAlgError", "check_square", "check_floating", "check_matrix"]
__all__ += ["singular_pivots", "positive_definite_info", "raise_singular"]
__all__ += ["svd_or_raise", "check_triangular", "warn_once", "check_int"]


class LinAlgError(RuntimeError):
    """A matrix the algorithm cannot handle (singular, not positive-definite...)."""


# NOTE: matches torch: torch.linalg.LinAlgError is torch._C._LinAlgError
LinAlgError.__name__ = LinAlgError.__qualname__ = "_LinAlgError"


def check_floating(fn: str, dtype: np.dtype, low_precision: bool = True) -> None:
    """torch's refusal of integer (and, by most solvers, half) inputs."""
    if dtype.kind != "f":
        raise RuntimeError(
            f"{fn}: Expected a floating point or complex tensor as input. Got {dtypes.scalar_type_name(dtype)}"
        )
    if low_precision and dtype.itemsize < 4:
        raise RuntimeError(
            f"{fn}: Low precision dtypes not supported. Got {dtypes.scalar_type_name(dtype)}"
        )


def check_matrix(
    fn: str, a: np.ndarray, name: str = "A", floating: bool = True
) -> None:
    """At least 2-D, floating (when ``floating``)."""
    if a.ndim < 2:
        raise RuntimeError(
            f"{fn}: The input tensor {name} must have at least 2 dimensions."
        )
    if floating:
        check_floating(fn, a.dtype)


def check_square(
    fn: str, a: np.ndarray, name: str = "A", floating: bool = True
) -> None:
    """At least 2-D, square in its last two dims, floating (when ``floating``)."""
    check_matrix(fn, a, name, floating=False)
    if a.shape[-1] != a.shape[-2]:
        raise RuntimeError(
            f"{fn}: {name} must be batches of square matrices, but they are {a.shape[-2]} by {a.shape[-1]} matrices"
        )
    if floating:
        check_floating(fn, a.dtype)


def _first_zero_pivot(m: np.ndarray) -> int:
    """1-based index of the first exactly-zero pivot of LU with partial pivoting
    (LAPACK getrf's info), 0 when there is none."""
    u = np.array(m)
    n = u.shape[0]
    first = 0
    for k in range(n):
        p = k + int(np.argmax(np.abs(u[k:, k])))
        if u[p, k] == 0:
            first = first or k + 1
            continue
        u[[k, p]] = u[[p, k]]
        u[k + 1 :, k:] -= np.outer(u[k + 1 :, k] / u[k, k], u[k, k:])
    if not first and np.isfinite(m).all():
        try:
            np.linalg.inv(m)
        except np.linalg.LinAlgError:
            # NOTE: LAPACK's blocked LU rounded a pivot to zero that this one did
            # not: the last pivot stands for it
            return n
    return first


def singular_pivots(a: np.ndarray) -> np.ndarray:
    """getrf's info per matrix of the batch (int32, the batch's shape)."""
    flat = a.reshape((-1, *a.shape[-2:]))
    info = [_first_zero_pivot(m) if m.size else 0 for m in flat]
    return np.array(info, dtype=np.int32).reshape(a.shape[:-2])


def _leading_minor(a: np.ndarray) -> int:
    """The order of the first leading minor that is not positive-definite (0: none)."""
    for k in range(1, a.shape[-1] + 1):
        try:
            if np.isnan(np.linalg.cholesky(a[:k, :k])).any():
                return k
        except np.linalg.LinAlgError:
            return k
    return 0


def positive_definite_info(a: np.ndarray) -> np.ndarray:
    """potrf's info per matrix of the batch (int32, the batch's shape)."""
    flat = a.reshape((-1, *a.shape[-2:]))
    info = [_leading_minor(m) for m in flat]
    return np.array(info, dtype=np.int32).reshape(a.shape[:-2])


def svd_or_raise(a: np.ndarray, **kwargs):
    """np.linalg.svd, or torch's LinAlgError for a matrix with inf or nan (a batch
    gets nan for such matrices, as torch does not raise there)."""
    try:
        return np.linalg.svd(a, **kwargs)
    except np.linalg.LinAlgError:
        if a.ndim == 2 and np.isnan(a).any():
            raise LinAlgError(
                "linalg.svd: The algorithm failed to converge because the input matrix contained non-finite values."
            ) from None
        if a.ndim == 2:
            raise LinAlgError(
                f"linalg.svd: The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated singular values (error code: {min(a.shape) - 1})."
            ) from None
    bad = ~np.isfinite(a).all(axis=(-2, -1))
    clean = np.where(bad[..., None, None], 0, a)
    out = np.linalg.svd(clean, **kwargs)
    parts = out if isinstance(out, tuple) else (out,)
    for p in parts:
        p[bad] = np.nan
    return out


def raise_singular(fn: str, info: np.ndarray, message: str) -> None:
    """torch's LinAlgError for the first failed matrix (``{i}``: its pivot)."""
    flat = info.reshape(-1)
    bad = np.flatnonzero(flat)
    if not bad.size:
        return
    b = int(bad[0])
    where = f"(Batch element {b}): " if info.ndim else ""
    raise LinAlgError(f"{fn}: {where}{message.format(i=int(flat[b]))}")


def check_triangular(fn: str, a: np.ndarray, b: np.ndarray, left: bool = True) -> None:
    """The operands of a triangular solve T X = B (X T = B)."""
    check_matrix(fn, b, "B", floating=False)
    check_square(fn, a)
    n = a.shape[-1]
    if (b.shape[-2] if left else b.shape[-1]) != n:
        raise RuntimeError(
            f"{fn}: Incompatible shapes of A and B for the equation {'AX = B' if left else 'XA = B'} ({n}x{n} and {b.shape[-2]}x{b.shape[-1]})"
        )


_WARNED: set[str] = set()


def warn_once(message: str) -> None:
    """torch's deprecation warning, once per process (TORCH_WARN_ONCE)."""
    if message not in _WARNED:
        _WARNED.add(message)
        warnings.warn(message, UserWarning, stacklevel=4)


def check_int(n, fn: str, arg: str, position: int) -> None:
    """torch's TypeError for an int argument given as anything else."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(
            f"{fn}(): argument '{arg}' (position {position}) must be int, not {type(n).__name__}"
        )
