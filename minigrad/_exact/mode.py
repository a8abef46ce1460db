"""torch's CPU mode, index for index: std::sort of (value, index) pairs by value, then
the first longest run of equal values (NaN equal to nothing), at the run's last pair."""

from __future__ import annotations

import numpy as np

from minigrad._exact.ordering import _sort


def _less(a, b) -> bool:
    return a[0] < b[0]


def mode_indices(x: np.ndarray, dim: int) -> np.ndarray:
    """The index torch's mode picks along dim, with x's rank (size 1 along dim)."""
    n = x.shape[dim]
    moved = np.moveaxis(x, dim, -1)
    rows = moved.reshape(-1, n)
    picks = np.empty(len(rows), np.int64)
    for r, row in enumerate(rows):
        pairs = list(zip(row.tolist(), range(n)))
        _sort(pairs, 0, n, _less)
        best, run, pick = 0, 0, 0
        for i, (v, j) in enumerate(pairs):
            run += 1
            if i == n - 1 or v != pairs[i + 1][0]:
                if run > best:
                    best, pick = run, j
                run = 0
        picks[r] = pick
    return np.moveaxis(picks.reshape(moved.shape[:-1] + (1,)), -1, dim)
