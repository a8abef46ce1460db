"""torch's CPU topk and sort, element for element, where equal values make the order
matter: libstdc++'s partial_sort (k * 64 <= n) or nth_element then sort for topk,
std::sort for the sort of dtypes x86-simd-sort does not take (bool, uint8, int8,
int16), on (value, index) pairs. The gradient follows these indices."""

from __future__ import annotations

import math

import numpy as np

_THRESHOLD = 16  # libstdc++'s _S_threshold


def topk_indices(row: np.ndarray, k: int, largest: bool, sorted_: bool) -> list[int]:
    """The indices torch's topk returns for one 1-D row."""
    values = row.tolist()
    n = len(values)
    if k == 0:
        return []
    if largest:

        def less(a, b):  # "a comes before b": larger first, NaN largest
            x, y = a[0], b[0]
            return (x != x and y == y) or x > y
    else:

        def less(a, b):
            x, y = a[0], b[0]
            return (x == x and y != y) or x < y

    queue = list(zip(values, range(n)))
    if k * 64 <= n:
        _partial_sort(queue, 0, k, n, less)
    else:
        _nth_element(queue, 0, k - 1, n, less)
        if sorted_:
            _sort(queue, 0, k - 1, less)
    return [i for _, i in queue[:k]]


def _adjust_heap(q, first, hole, length, value, less):
    top = hole
    child = hole
    while child < (length - 1) // 2:
        child = 2 * (child + 1)
        if less(q[first + child], q[first + child - 1]):
            child -= 1
        q[first + hole] = q[first + child]
        hole = child
    if length % 2 == 0 and child == (length - 2) // 2:
        child = 2 * (child + 1)
        q[first + hole] = q[first + child - 1]
        hole = child - 1
    parent = (hole - 1) // 2
    while hole > top and less(q[first + parent], value):
        q[first + hole] = q[first + parent]
        hole = parent
        parent = (hole - 1) // 2
    q[first + hole] = value


def _make_heap(q, first, last, less):
    length = last - first
    if length < 2:
        return
    parent = (length - 2) // 2
    while True:
        _adjust_heap(q, first, parent, length, q[first + parent], less)
        if parent == 0:
            return
        parent -= 1


def _pop_heap(q, first, last, result, less):
    value = q[result]
    q[result] = q[first]
    _adjust_heap(q, first, 0, last - first, value, less)


def _heap_select(q, first, middle, last, less):
    _make_heap(q, first, middle, less)
    for i in range(middle, last):
        if less(q[i], q[first]):
            _pop_heap(q, first, middle, i, less)


def _sort_heap(q, first, last, less):
    while last - first > 1:
        last -= 1
        _pop_heap(q, first, last, last, less)


def _partial_sort(q, first, middle, last, less):
    _heap_select(q, first, middle, last, less)
    _sort_heap(q, first, middle, less)


def _move_median_to_first(q, result, a, b, c, less):
    # the same comparisons, in the same order, as libstdc++'s mirrored branches
    lo, hi = (a, b) if less(q[a], q[b]) else (b, a)
    if less(q[hi], q[c]):
        pick = hi
    elif less(q[lo], q[c]):
        pick = c
    else:
        pick = lo
    q[result], q[pick] = q[pick], q[result]


def _unguarded_partition(q, first, last, pivot, less):
    while True:
        while less(q[first], q[pivot]):
            first += 1
        last -= 1
        while less(q[pivot], q[last]):
            last -= 1
        if not first < last:
            return first
        q[first], q[last] = q[last], q[first]
        first += 1


def _partition_pivot(q, first, last, less):
    mid = first + (last - first) // 2
    _move_median_to_first(q, first, first + 1, mid, last - 1, less)
    return _unguarded_partition(q, first + 1, last, first, less)


def _unguarded_linear_insert(q, last, less):
    value = q[last]
    prev = last - 1
    while less(value, q[prev]):
        q[last] = q[prev]
        last = prev
        prev -= 1
    q[last] = value


def _insertion_sort(q, first, last, less):
    if first == last:
        return
    for i in range(first + 1, last):
        if less(q[i], q[first]):
            value = q[i]
            q[first + 1 : i + 1] = q[first:i]
            q[first] = value
        else:
            _unguarded_linear_insert(q, i, less)


def _lg(n: int) -> int:
    return int(math.floor(math.log2(n)))


def _introsort_loop(q, first, last, depth, less):
    while last - first > _THRESHOLD:
        if depth == 0:
            _partial_sort(q, first, last, last, less)
            return
        depth -= 1
        cut = _partition_pivot(q, first, last, less)
        _introsort_loop(q, cut, last, depth, less)
        last = cut


def _sort(q, first, last, less):
    """std::sort: introsort, then one insertion sort over the whole range."""
    if last - first < 2:
        return
    _introsort_loop(q, first, last, _lg(last - first) * 2, less)
    if last - first > _THRESHOLD:
        _insertion_sort(q, first, first + _THRESHOLD, less)
        for i in range(first + _THRESHOLD, last):
            _unguarded_linear_insert(q, i, less)
    else:
        _insertion_sort(q, first, last, less)


def _nth_element(q, first, nth, last, less):
    """std::nth_element: introselect, then an insertion sort of the last few."""
    if first == last or nth == last:
        return
    depth = _lg(last - first) * 2
    while last - first > 3:
        if depth == 0:
            _heap_select(q, first, nth + 1, last, less)
            q[first], q[nth] = q[nth], q[first]
            return
        depth -= 1
        cut = _partition_pivot(q, first, last, less)
        if cut <= nth:
            first = cut
        else:
            last = cut
    _insertion_sort(q, first, last, less)


def topk_along(
    x: np.ndarray, k: int, dim: int, largest: bool, sorted_: bool, ranked: np.ndarray
) -> np.ndarray:
    """topk's indices along dim. ``ranked`` is a stable sort's order (largest first
    when ``largest``): it is torch's answer for rows without equal values whenever
    the result comes out sorted; other rows replay libstdc++'s algorithms."""
    picked = np.take(ranked, np.arange(k), axis=dim)
    n = x.shape[dim]
    if k == 0 or x.size == 0:
        return picked
    rows = np.moveaxis(x, dim, -1).reshape(-1, n)
    out = np.moveaxis(picked, dim, -1)
    kept_shape = out.shape
    out = out.reshape(-1, k).copy()
    if sorted_ or k * 64 <= n:
        ordered = np.sort(rows, axis=-1)
        ties = (ordered[:, 1:] == ordered[:, :-1]).any(axis=-1)
        if rows.dtype.kind == "f":
            ties |= np.isnan(rows).sum(axis=-1) > 1
        replay = np.flatnonzero(ties)
    else:  # NOTE: nth_element leaves the k values in its own order
        replay = range(len(rows))
    for r in replay:
        out[r] = topk_indices(rows[r], k, largest, sorted_)
    return np.moveaxis(out.reshape(kept_shape), -1, dim)


def sort_along(
    x: np.ndarray, dim: int, descending: bool, ranked: np.ndarray
) -> np.ndarray:
    """std::sort's indices along dim (torch's unstable sort of bool and small
    integers); ``ranked`` is a stable sort's, the same for rows of up to 16
    elements (an insertion sort) or without equal values."""
    n = x.shape[dim]
    if n <= _THRESHOLD or x.size == 0:
        return ranked
    rows = np.moveaxis(x, dim, -1).reshape(-1, n)
    out = np.moveaxis(ranked, dim, -1)
    kept_shape = out.shape
    out = out.reshape(-1, n).copy()
    ordered = np.sort(rows, axis=-1)
    if descending:

        def less(a, b):
            return a[0] > b[0]
    else:

        def less(a, b):
            return a[0] < b[0]

    for r in np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=-1)):
        queue = list(zip(rows[r].tolist(), range(n)))
        _sort(queue, 0, n, less)
        out[r] = [i for _, i in queue]
    return np.moveaxis(out.reshape(kept_shape), -1, dim)
