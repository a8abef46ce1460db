"""Sliding windows on (N, C, *spatial) arrays: padding, im2col and its adjoint col2im."""

from __future__ import annotations

import itertools

import numpy as np
from numpy.lib.stride_tricks import as_strided


def out_size(size: int, k: int, s: int, lo: int, hi: int, d: int) -> int:
    """The number of window positions along one dimension (floor mode)."""
    return (size + lo + hi - d * (k - 1) - 1) // s + 1


def pad(x: np.ndarray, pads, value=0) -> np.ndarray:
    """x with (lo, hi) pads on its trailing dims, filled with ``value``."""
    if not any(lo or hi for lo, hi in pads):
        return x
    lead = x.ndim - len(pads)
    shape = x.shape[:lead] + tuple(
        n + lo + hi for n, (lo, hi) in zip(x.shape[lead:], pads, strict=True)
    )
    out = np.full(shape, value, dtype=x.dtype)
    inner = tuple(slice(lo, lo + n) for n, (lo, _) in zip(x.shape[lead:], pads))
    out[(Ellipsis, *inner)] = x
    return out


def windows(xp: np.ndarray, kernel, stride, dilation, out) -> np.ndarray:
    """A read-only view (N, C, *kernel, *out) of the windows of a padded array."""
    nd = len(kernel)
    lead, sp = xp.strides[:-nd], xp.strides[-nd:]
    shape = xp.shape[:-nd] + tuple(kernel) + tuple(out)
    strides = (
        lead
        + tuple(s * d for s, d in zip(sp, dilation, strict=True))
        + tuple(s * t for s, t in zip(sp, stride, strict=True))
    )
    return as_strided(xp, shape, strides, writeable=False)


def im2col(x: np.ndarray, kernel, stride, pads, dilation, out) -> np.ndarray:
    """The windows of x (zero padded) as a contiguous (N, C, *kernel, *out) array."""
    return np.ascontiguousarray(windows(pad(x, pads), kernel, stride, dilation, out))


def col2im(cols: np.ndarray, shape, kernel, stride, pads, dilation) -> np.ndarray:
    """The adjoint of im2col: each window's values added back where they came from.

    One vectorised addition per kernel offset (kh * kw of them), never a loop
    over output positions.
    """
    nd = len(kernel)
    out = cols.shape[-nd:]
    padded = shape[:-nd] + tuple(
        n + lo + hi for n, (lo, hi) in zip(shape[-nd:], pads, strict=True)
    )
    acc = np.zeros(padded, dtype=cols.dtype)
    for offset in itertools.product(*(range(k) for k in kernel)):
        target = tuple(
            slice(o * d, o * d + s * (n - 1) + 1, s)
            for o, d, s, n in zip(offset, dilation, stride, out, strict=True)
        )
        acc[(Ellipsis, *target)] += cols[(Ellipsis, *offset, *([slice(None)] * nd))]
    if not any(lo or hi for lo, hi in pads):
        return acc
    inner = tuple(slice(lo, lo + n) for n, (lo, _) in zip(shape[-nd:], pads))
    return np.ascontiguousarray(acc[(Ellipsis, *inner)])
