"""PIL's resampling (Resample.c) for 8-bit images, to the same pixel values."""

from __future__ import annotations

import functools
import math

import numpy as np

# PIL's resampling filter numbers (PIL.Image.Resampling)
NEAREST, LANCZOS, BILINEAR, BICUBIC, BOX, HAMMING = 0, 1, 2, 3, 4, 5
_PRECISION_BITS = 32 - 8 - 2  # PIL's fixed-point coefficients for 8-bit images
# NOTE: matches PIL: its Hamming window uses the C float constants 0.54f, 0.46f
_F054, _F046 = float(np.float32(0.54)), float(np.float32(0.46))


def _box(x: float) -> float:
    return 1.0 if -0.5 < x <= 0.5 else 0.0


def _triangle(x: float) -> float:
    x = abs(x)
    return 1.0 - x if x < 1.0 else 0.0


def _hamming(x: float) -> float:
    x = abs(x)
    if x == 0.0:
        return 1.0
    if x >= 1.0:
        return 0.0
    x *= math.pi
    return math.sin(x) / x * (_F054 + _F046 * math.cos(x))


def _bicubic(x: float) -> float:
    a = -0.5
    x = abs(x)
    if x < 1.0:
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1
    if x < 2.0:
        return (((x - 5) * x + 8) * x - 4) * a
    return 0.0


def _sinc(x: float) -> float:
    if x == 0.0:
        return 1.0
    x *= math.pi
    return math.sin(x) / x


def _lanczos(x: float) -> float:
    return _sinc(x) * _sinc(x / 3) if -3.0 <= x < 3.0 else 0.0


_FILTERS = {
    BOX: (_box, 0.5),
    BILINEAR: (_triangle, 1.0),
    HAMMING: (_hamming, 1.0),
    BICUBIC: (_bicubic, 2.0),
    LANCZOS: (_lanczos, 3.0),
}


@functools.lru_cache(maxsize=64)
def _coefficients(in_size: int, out_size: int, resample: int):
    """PIL's precompute_coeffs + normalize_coeffs_8bpc: first index, count, and
    the fixed-point weights (out_size x ksize int64) of each output pixel."""
    fn, support = _FILTERS[resample]
    scale = filterscale = in_size / out_size
    filterscale = max(filterscale, 1.0)
    support *= filterscale
    ksize = int(math.ceil(support)) * 2 + 1
    first = np.zeros(out_size, np.int64)
    count = np.zeros(out_size, np.int64)
    weights = np.zeros((out_size, ksize), np.int64)
    for xx in range(out_size):
        center = (xx + 0.5) * scale
        ss = 1.0 / filterscale
        xmin = max(int(center - support + 0.5), 0)
        xmax = min(int(center + support + 0.5), in_size) - xmin
        k = [fn((x + xmin - center + 0.5) * ss) for x in range(xmax)]
        ww = sum(k)  # NOTE: matches PIL: summed left to right in double
        if ww != 0.0:
            k = [w / ww for w in k]
        one = 1 << _PRECISION_BITS
        # NOTE: matches PIL: C's (int) cast truncates toward zero
        weights[xx, :xmax] = [int(w * one - 0.5 if w < 0 else w * one + 0.5) for w in k]
        first[xx], count[xx] = xmin, xmax
    for a in (first, count, weights):
        a.flags.writeable = False  # shared by the cache
    return first, count, weights


@functools.lru_cache(maxsize=64)
def _matrix(in_size: int, out_size: int, resample: int) -> np.ndarray:
    """The fixed-point coefficients as a dense out_size x in_size matrix."""
    first, count, weights = _coefficients(in_size, out_size, resample)
    matrix = np.zeros((out_size, in_size), np.int64)
    for i in range(out_size):
        matrix[i, first[i] : first[i] + count[i]] = weights[i, : count[i]]
    matrix.flags.writeable = False  # shared by the cache
    return matrix


def _pass(pixels: np.ndarray, axis: int, out_size: int, resample: int) -> np.ndarray:
    """One 1-D pass of PIL's two-pass resampling, along ``axis`` (0 rows, 1 cols)."""
    matrix = _matrix(pixels.shape[axis], out_size, resample)
    src = np.moveaxis(pixels, axis, 0).astype(np.int64)
    # NOTE: exact integer sums, as PIL's (its int32 never overflows for 8-bit input)
    acc = np.tensordot(matrix, src, axes=(1, 0)) + (1 << (_PRECISION_BITS - 1))
    # NOTE: matches PIL's clip8: >> PRECISION_BITS, saturated to 0..255
    out = np.clip(acc >> _PRECISION_BITS, 0, 255).astype(np.uint8)
    return np.moveaxis(out, 0, axis)


def resample_uint8(pixels: np.ndarray, height: int, width: int, resample: int):
    """``pixels`` (H x W x C uint8) resized to height x width as PIL resizes."""
    if resample == NEAREST:
        return _nearest(pixels, height, width)
    if resample not in _FILTERS:
        raise ValueError(f"unknown resampling filter ({resample})")
    h, w = pixels.shape[:2]
    # NOTE: matches Pillow >= 13: the vertical pass goes first when the height
    # shrinks by more than twice what the width does (older Pillow: never);
    # each pass rounds to uint8.
    axes = (0, 1) if 0 < h - height and h - height > (w - width) * 2 else (1, 0)
    out = pixels
    for axis in axes:
        size = (height, width)[axis]
        if size != pixels.shape[axis]:
            out = _pass(out, axis, size, resample)
    return np.array(out)


def _nearest(pixels: np.ndarray, height: int, width: int) -> np.ndarray:
    rows = _nearest_index(pixels.shape[0], height)
    cols = _nearest_index(pixels.shape[1], width)
    return pixels[rows][:, cols]


def _nearest_index(in_size: int, out_size: int) -> list[int]:
    # NOTE: matches PIL's ImagingScaleAffine: the source coordinate is a running
    # sum (x0 + step/2, then += step), truncated
    step = in_size / out_size
    pos, index = step * 0.5, []
    for _ in range(out_size):
        index.append(min(int(pos), in_size - 1))
        pos += step
    return index
