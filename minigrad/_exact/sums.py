"""Full sums in torch's CPU order, so that float32 losses match torch to the bit."""

from __future__ import annotations

import functools
import math

import numpy as np

# NOTE: matches torch's cascade sum (aten SumKernel.cpp) for a single-threaded
# reduction of every element: SIMD vectors of 32 bytes are summed four at a
# time, in blocks of 16 that are added level by level; the elements left over
# and then the vector's lanes are added one by one. Beyond one thread's grain
# (32768 elements) torch splits the work, and NumPy's order is used instead.
_GRAIN = 32768
_ILP = 4
_BLOCK = 16


def _add_rows(rows: np.ndarray) -> np.ndarray:
    """Add ``rows[0] + rows[1] + ...`` one after another (NumPy's order along a
    non-innermost axis); zeros when there are none."""
    return np.add.reduce(rows, axis=0)


def _cascade(groups: np.ndarray) -> np.ndarray:
    """torch's multi_row_sum over axis 0: blocks of 16, then superblocks of 16."""
    m = len(groups)
    if m < _BLOCK:  # no block completes: one running sum
        return _add_rows(groups)
    nb = m // _BLOCK
    rest = groups.shape[1:]
    blocks = np.add.reduce(groups[: nb * _BLOCK].reshape((nb, _BLOCK) + rest), axis=1)
    nsb = nb // _BLOCK
    supers = np.add.reduce(blocks[: nsb * _BLOCK].reshape((nsb, _BLOCK) + rest), axis=1)
    acc0 = _add_rows(groups[nb * _BLOCK :])
    acc1 = _add_rows(blocks[nsb * _BLOCK :])
    acc2 = _add_rows(supers)  # fewer than 16 superblocks below the grain size
    return (acc0 + acc1) + acc2


def _row_sum(rows: np.ndarray) -> np.ndarray:
    """torch's row_sum: four interleaved partial sums, then added together."""
    n = len(rows)
    k = n // _ILP
    partial = _cascade(rows[: k * _ILP].reshape((k, _ILP) + rows.shape[1:]))
    first = partial[0]
    for row in rows[k * _ILP :]:
        first = first + row
    return ((first + partial[1]) + partial[2]) + partial[3]


_accumulate = np.add.accumulate  # NOTE: np.cumsum without its Python wrapper


def _sequential(values: np.ndarray) -> np.ndarray:
    """values[0] + values[1] + ... one after another (a cumulative sum's last)."""
    return _accumulate(values)[-1]


@functools.lru_cache(maxsize=64)
def _short_order(n: int) -> np.ndarray:
    """The order torch adds fewer elements than one vector in: the four partial
    sums of row_sum (element 0 with the leftovers from 4 on, then 1, 2, 3)."""
    if n < _ILP:
        return np.arange(n)
    return np.array([0, *range(_ILP, n), *range(1, _ILP)])


def full_sum(a: np.ndarray) -> np.ndarray:
    """The sum of every element of a float array, rounded as torch rounds it."""
    n = a.size
    if a.dtype.kind != "f" or n > _GRAIN or not a.flags.c_contiguous or not n:
        return np.add.reduce(a, axis=None)
    flat = a.reshape(-1)
    lanes = 32 // a.itemsize
    if n < lanes:  # too short for one vector: the scalar version of the same
        return np.asarray(_sequential(flat[_short_order(n)]))
    nvec = n // lanes
    vec = _row_sum(flat[: nvec * lanes].reshape(nvec, lanes))
    # the leftover elements one by one, then the vector's lanes one by one
    return np.asarray(_sequential(np.concatenate((flat[nvec * lanes :], vec))))


def sum_leading(a: np.ndarray, k: int) -> np.ndarray:
    """The sum over the first ``k`` axes; in torch's order when that is a sum of
    every element (one column), in NumPy's otherwise."""
    rest = a.shape[k:]
    if a.size and math.prod(rest) == 1:
        return full_sum(a).reshape(rest)
    return np.add.reduce(a, axis=tuple(range(k)))
