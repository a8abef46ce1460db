"""torch's argument rules and errors for var/std, norm, split/chunk and topk (on shapes)."""

from __future__ import annotations

import math
import warnings

import numpy as np

from minigrad import dtypes


def correction_of(name: str, unbiased, correction) -> float:
    """The correction var/std subtract from the count (unbiased=True is 1)."""
    if unbiased is not None and correction is not None:
        raise TypeError(
            f"{name}() received an invalid combination of arguments - got both unbiased and correction"
        )
    if correction is not None:
        return correction
    return 1 if unbiased is None or unbiased else 0


def check_var_input(dtype: np.dtype) -> None:
    if dtype.kind != "f":
        raise RuntimeError("std and var only support floating point and complex dtypes")


def warn_dof(name: str, shape: tuple, dims, correction: float) -> None:
    count = math.prod(shape[d] for d in (range(len(shape)) if dims is None else dims))
    if count - correction <= 0:
        warnings.warn(
            f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor (input numel divided by output numel).",
            UserWarning,
            stacklevel=4,
        )


def norm_order(p) -> float:
    """torch.norm's p as a vector norm's order ('fro' is 2)."""
    if p is None or p == "fro":
        return 2.0
    if isinstance(p, str):
        if p == "nuc":
            raise NotImplementedError(
                "minigrad: the nuclear norm (p='nuc') is not supported"
            )
        raise RuntimeError(f"linalg.matrix_norm: Order {p} not supported.")
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise TypeError(
            f"norm(): argument 'p' must be Number or str, not {type(p).__name__}"
        )
    return float(p)


def check_norm_input(
    dtype: np.dtype, p: float, size: int, out_dtype: np.dtype | None = None
) -> None:
    if dtype.kind != "f":
        raise RuntimeError(
            f"linalg.vector_norm: Expected a floating point or complex tensor as input. Got {dtypes.scalar_type_name(dtype)}"
        )
    if out_dtype is not None and (
        out_dtype.kind != "f" or out_dtype.itemsize < dtype.itemsize
    ):
        raise RuntimeError(
            f"linalg.vector_norm: the dtype of the input ({dtypes.scalar_type_name(dtype)}) should be convertible without narrowing to the specified dtype ({dtypes.scalar_type_name(out_dtype)})"
        )
    if size == 0 and p < 0:
        raise RuntimeError(
            "linalg.vector_norm of negative order cannot be performed on an empty tensor"
        )
    if size == 0 and math.isinf(p):
        raise RuntimeError(
            "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity"
        )


def split_bounds(size: int, split_size, dim: int = 0) -> list[tuple[int, int]]:
    """The (start, stop) of each piece of split(split_size) along a dim of ``size``
    (``dim``: that dim as the caller gave it, for the message)."""
    if isinstance(split_size, (list, tuple)):
        sizes = [int(s) for s in split_size]
        if any(s < 0 for s in sizes):
            raise RuntimeError(
                f"split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes={sizes}"
            )
        if sum(sizes) != size:
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's size at dimension {dim}), but got split_sizes={sizes}"
            )
        starts = np.cumsum([0] + sizes)
        return [(int(a), int(b)) for a, b in zip(starts[:-1], starts[1:])]
    if isinstance(split_size, bool) or not isinstance(split_size, (int, np.integer)):
        raise TypeError(
            f"split(): argument 'split_size' must be int or list of ints, not {type(split_size).__name__}"
        )
    if split_size < 0:
        raise RuntimeError(
            f"split expects split_size be non-negative, but got split_size={split_size}"
        )
    if split_size == 0:
        if size:
            raise RuntimeError(
                f"split_size can only be 0 if dimension size is 0, but got dimension size of {size}"
            )
        return [(0, 0)]
    count = max(1, -(-size // split_size))
    return [(i * split_size, min(size, (i + 1) * split_size)) for i in range(count)]


def chunk_size(size: int, chunks) -> int:
    if isinstance(chunks, bool) or not isinstance(chunks, (int, np.integer)):
        raise TypeError(
            f"chunk(): argument 'chunks' (position 1) must be int, not {type(chunks).__name__}"
        )
    if chunks <= 0:
        raise RuntimeError(
            f"chunk expects `chunks` to be greater than 0, got: {chunks}"
        )
    return -(-size // chunks)


def check_topk(k, size: int) -> None:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(
            f"topk(): argument 'k' (position 1) must be int, not {type(k).__name__}"
        )
    if not 0 <= k <= size:
        raise RuntimeError("selected index k out of range")


def check_bmm(a: np.ndarray, b: np.ndarray) -> None:
    if a.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if b.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    if b.shape[:2] != (a.shape[0], a.shape[2]):
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: [{a.shape[0]}, {a.shape[2]}] but got: [{b.shape[0]}, {b.shape[1]}]."
        )
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"expected scalar type {dtypes.scalar_type_name(a.dtype)} but found {dtypes.scalar_type_name(b.dtype)}"
        )


def sort_indices(x: np.ndarray, dim: int, descending: bool) -> np.ndarray:
    """Stable sorting indices along dim; NaN counts as the largest value (as torch)."""
    if not descending:
        return np.argsort(x, axis=dim, kind="stable")
    if x.dtype.kind == "f":
        key = np.where(np.isnan(x), -np.inf, -x)
        order = np.argsort(key, axis=dim, kind="stable")
        # NaNs first (largest), in their own order, ahead of any -inf key of -x = -inf
        nan_first = np.argsort(
            ~np.isnan(np.take_along_axis(x, order, dim)), axis=dim, kind="stable"
        )
        return np.take_along_axis(order, nan_first, dim)
    if x.dtype.kind == "b":
        return np.argsort(~x, axis=dim, kind="stable")
    return np.argsort(
        -x.astype(np.float64) if x.dtype.kind == "u" else -x, axis=dim, kind="stable"
    )
