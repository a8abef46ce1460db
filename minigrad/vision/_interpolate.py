"""torch's CPU ``F.interpolate`` (bilinear, nearest) on image arrays, in NumPy."""

from __future__ import annotations

import numpy as np

from minigrad._exact import fma as _fma


def _aa_weights(in_size: int, out_size: int, dtype: np.dtype, antialias: bool):
    """ATen's HelperInterpLinear::_compute_weights_aa (align_corners=False): first
    index, count and weights (out_size x max_size) of each output pixel, in
    ``dtype`` arithmetic as the kernel computes them."""
    f = dtype.type
    scale = f(in_size) / f(out_size)
    support = f(scale if antialias and scale >= 1.0 else 1.0)  # interp_size 2 / 2
    max_size = int(np.ceil(support)) * 2 + 1 if antialias else 2
    invscale = f(1.0 / float(scale)) if antialias and scale >= 1.0 else f(1.0)
    first = np.zeros(out_size, np.int64)
    count = np.zeros(out_size, np.int64)
    weights = np.zeros((out_size, max_size), dtype)
    for i in range(out_size):
        center = f(float(scale) * (i + 0.5))
        xmin = max(int(float(center - support) + 0.5), 0)
        xsize = min(int(float(center + support) + 0.5), in_size) - xmin
        xsize = min(max(xsize, 0), max_size)
        w = [
            f(abs(f((float(f(j + xmin) - center) + 0.5) * float(invscale))))
            for j in range(xsize)
        ]
        w = [f(1.0 - float(x)) if x < 1.0 else f(0.0) for x in w]
        total = f(0.0)
        for x in w:
            total = f(total + x)
        if total != 0.0:
            w = [f(x / total) for x in w]
        weights[i, :xsize] = w
        first[i], count[i] = xmin, xsize
    return first, count, weights


def _linear_pass(x: np.ndarray, axis: int, out_size: int, antialias: bool):
    """One separable pass of ATen's (anti-aliased) linear upsampling along ``axis``."""
    first, count, weights = _aa_weights(x.shape[axis], out_size, x.dtype, antialias)
    src = np.moveaxis(x, axis, 0)
    shape = (-1,) + (1,) * (src.ndim - 1)
    out = src[first] * weights[:, 0].reshape(shape)
    for j in range(1, weights.shape[1]):
        rows = np.minimum(first + j, src.shape[0] - 1)
        w = np.where(j < count, weights[:, j], 0).astype(x.dtype).reshape(shape)
        # NOTE: matches torch: `output += t * w`, fused into one rounding by the
        # AVX2/AVX512 builds of the kernel
        if _fma.fused():
            out = _muladd(src[rows], w, out)
        else:
            out = out + src[rows] * w
    return np.moveaxis(out, 0, axis)


def _muladd(a: np.ndarray, w: np.ndarray, c: np.ndarray) -> np.ndarray:
    """a * w + c rounded once, with w varying along the first axis."""
    out = np.empty(np.broadcast_shapes(a.shape, c.shape), a.dtype)
    fma = _fma.fma32 if a.dtype == np.float32 else _fma.fma64
    for i in range(w.shape[0]):
        out[i] = fma(a[i], float(w.reshape(-1)[i]), c[i])
    return out


def linear(x: np.ndarray, size: tuple[int, int], antialias: bool) -> np.ndarray:
    """``F.interpolate(x, size, mode='bilinear', align_corners=False, antialias=...)``
    for a float array (..., H, W): torch's weights and order of passes; the sums
    may differ from torch's in the last bit."""
    out = x
    # NOTE: matches torch's separable kernel: width first, then height; a
    # dimension whose size does not change is not resampled
    for axis, n in ((x.ndim - 1, size[1]), (x.ndim - 2, size[0])):
        if out.shape[axis] != n:
            out = _linear_pass(out, axis, n, antialias)
    if antialias and size[1] == 1 and x.shape[-2] != size[0]:
        # NOTE: matches torch 2.13's CPU kernel: with an output width of 1 the
        # anti-aliased vertical pass repeats its first output row
        out = np.broadcast_to(out[..., :1, :], out.shape)
    return np.array(out)


def nearest(x: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``F.interpolate(x, size, mode='nearest')`` for an array (..., H, W)."""
    rows = _nearest_index(x.shape[-2], size[0])
    cols = _nearest_index(x.shape[-1], size[1])
    return x[..., rows, :][..., cols]


def _nearest_index(in_size: int, out_size: int) -> np.ndarray:
    # NOTE: matches torch: floor(i * scale) with scale = in / out in float32
    scale = np.float32(in_size) / np.float32(out_size)
    index = np.floor(np.arange(out_size, dtype=np.float32) * scale).astype(np.int64)
    return np.minimum(index, in_size - 1)
