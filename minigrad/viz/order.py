"""torch's engine order: which node runs next, as its ready queue decides.

torch keeps ready nodes in a ``std::priority_queue`` ordered by sequence
number, with AccumulateGrad above everything (its sequence number is the
largest possible), so a leaf's accumulation runs as soon as every producer
of its gradient has run. Ties between two AccumulateGrads are broken by the
heap's own moves, so this follows libstdc++'s push_heap/pop_heap step by step.
"""

from __future__ import annotations

import math


def _push(heap: list, key) -> None:
    """std::push_heap on a max-heap of (priority, item) by priority."""
    heap.append(key)
    hole = len(heap) - 1
    _sift_up(heap, hole, 0, key)


def _sift_up(heap: list, hole: int, top: int, value) -> None:
    parent = (hole - 1) // 2
    while hole > top and heap[parent][0] < value[0]:
        heap[hole] = heap[parent]
        hole = parent
        parent = (hole - 1) // 2
    heap[hole] = value


def _pop(heap: list):
    """std::pop_heap then pop_back: the largest; equal ones as libstdc++ moves them."""
    top = heap[0]
    value = heap.pop()
    n = len(heap)
    if n:
        hole, child = 0, 0
        while child < (n - 1) // 2:
            child = 2 * (child + 1)
            if heap[child][0] < heap[child - 1][0]:
                child -= 1
            heap[hole] = heap[child]
            hole = child
        if n % 2 == 0 and child == (n - 2) // 2:
            child = 2 * (child + 1)
            heap[hole] = heap[child - 1]
            hole = child - 1
        _sift_up(heap, hole, 0, value)
    return top[1]


def priority(fn) -> float:
    return math.inf if hasattr(fn, "variable") else fn.seq


def engine_order(root) -> list:
    """The nodes reachable from ``root`` in the order torch's engine runs them."""
    deps: dict = {}
    stack, seen = [root], {root}
    while stack:
        fn = stack.pop()
        for u, _ in fn.next_functions:
            if u is None:
                continue
            deps[u] = deps.get(u, 0) + 1
            if u not in seen:
                seen.add(u)
                stack.append(u)
    heap: list = []
    _push(heap, (priority(root), root))
    order = []
    while heap:
        fn = _pop(heap)
        order.append(fn)
        for u, _ in fn.next_functions:
            if u is None:
                continue
            deps[u] -= 1
            if deps[u] == 0:
                _push(heap, (priority(u), u))
    return order
