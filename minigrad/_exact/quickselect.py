"""torch's CPU kthvalue, index for index: its quickselect (median-of-three pivot,
NaN greater than everything) replayed, for which of equal values it picks."""

from __future__ import annotations

import math

import numpy as np


def _gt_or_nan(a, b) -> bool:
    return (a != a and b == b) or a > b


def _select(values: list, index: list, k: int) -> None:
    """Partially order values (and index alongside) so that position k holds the
    k-th smallest, as torch's quick_select_template does."""

    def swap(i: int, j: int) -> None:
        values[i], values[j] = values[j], values[i]
        index[i], index[j] = index[j], index[i]

    lo, hi = 0, len(values) - 1
    while hi > lo:
        if hi == lo + 1:
            if _gt_or_nan(values[lo], values[hi]):
                swap(lo, hi)
            return
        swap(lo + (hi - lo) // 2, lo + 1)
        if _gt_or_nan(values[lo + 1], values[hi]):
            swap(lo + 1, hi)
        if _gt_or_nan(values[lo], values[hi]):
            swap(lo, hi)
        if _gt_or_nan(values[lo + 1], values[lo]):
            swap(lo + 1, lo)
        i, j, pivot = lo + 1, hi, values[lo]
        while True:
            i += 1
            while _gt_or_nan(pivot, values[i]):
                i += 1
            j -= 1
            while _gt_or_nan(values[j], pivot):
                j -= 1
            if j < i:
                break
            swap(i, j)
        swap(lo, j)
        if j <= k:
            lo = i
        if j >= k:
            hi = j - 1


def kth_indices(x: np.ndarray, k: int, dim: int) -> np.ndarray:
    """The index torch's kthvalue picks (k counted from 1) along dim, with x's rank
    (size 1 along dim)."""
    n = x.shape[dim]
    moved = np.moveaxis(x, dim, -1)
    rows = moved.reshape(-1, n)
    picks = np.empty(len(rows), np.int64)
    for r, row in enumerate(rows):
        values = [v if v == v else math.nan for v in row.tolist()]
        index = list(range(n))
        _select(values, index, k - 1)
        picks[r] = index[k - 1]
    return np.moveaxis(picks.reshape(moved.shape[:-1] + (1,)), -1, dim)
