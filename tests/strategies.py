"""Hypothesis strategies for the parity tests: shapes, domains and arrays as nouns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT_DTYPES = [np.float32, np.float64]

# --- shapes ---------------------------------------------------------------------------


def shapes(
    min_dims: int = 0, max_dims: int = 3, min_side: int = 0, max_side: int = 4
) -> st.SearchStrategy[tuple[int, ...]]:
    """Any shape: 0-d, size-0 and size-1 dimensions included."""
    return hnp.array_shapes(
        min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side
    )


nonempty_shapes = shapes(min_side=1)
matrix_shapes = shapes(min_dims=2, max_dims=2)


def broadcastable_shapes(
    num_shapes: int = 2, min_side: int = 0, max_side: int = 3
) -> st.SearchStrategy[tuple[tuple[int, ...], ...]]:
    """Shapes that broadcast together, e.g. ((3, 1), (4,)); 0-d and size-0 included."""
    return hnp.mutually_broadcastable_shapes(
        num_shapes=num_shapes,
        min_dims=0,
        max_dims=3,
        min_side=min_side,
        max_side=max_side,
    ).map(lambda result: result.input_shapes)


@st.composite
def shapes_broadcasting_to(draw: st.DrawFn, shape: tuple[int, ...]) -> tuple[int, ...]:
    """A shape that broadcasts to `shape` (fewer leading dims, some sides 1)."""
    kept = shape[len(shape) - draw(st.integers(0, len(shape))) :]
    return tuple(draw(st.sampled_from([side, 1])) for side in kept)


@st.composite
def matmul_shapes(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Shapes valid for matmul: 1-D.1-D, 2-D, 1-D@2-D, 2-D@1-D, batched (broadcast)."""
    side = st.integers(0, 4)
    n, k, m = draw(side), draw(side), draw(side)
    kind = draw(st.sampled_from(["dot", "mm", "vm", "mv", "batched", "bv", "vb"]))
    if kind == "dot":
        return (k,), (k,)
    if kind == "mm":
        return (n, k), (k, m)
    if kind == "vm":
        return (k,), (k, m)
    if kind == "mv":
        return (n, k), (k,)
    batch_a, batch_b = draw(
        hnp.mutually_broadcastable_shapes(
            num_shapes=2, min_dims=0, max_dims=2, min_side=1, max_side=3
        ).map(lambda result: result.input_shapes)
    )
    if kind == "bv":
        return (*batch_a, n, k), (k,)
    if kind == "vb":
        return (k,), (*batch_b, k, m)
    if not batch_a and not batch_b:  # at least one operand is batched
        batch_a = (2,)
    return (*batch_a, n, k), (*batch_b, k, m)


@st.composite
def shape_and_dim(
    draw: st.DrawFn, min_dims: int = 1, shape: st.SearchStrategy | None = None
) -> tuple[tuple[int, ...], int]:
    """A shape and a valid dimension of it, negative dimensions included."""
    s = draw(shape if shape is not None else shapes(min_dims=min_dims))
    return s, draw(st.integers(-len(s), len(s) - 1))


@st.composite
def shape_and_dims(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A shape and a tuple of distinct dimensions (mixed signs), for sum/mean."""
    s = draw(shapes(min_dims=1))
    picked = draw(st.lists(st.integers(0, len(s) - 1), unique=True, max_size=len(s)))
    signs = draw(st.lists(st.booleans(), min_size=len(picked), max_size=len(picked)))
    return s, tuple(
        d - len(s) if neg else d for d, neg in zip(picked, signs, strict=True)
    )


@st.composite
def permutations_of(draw: st.DrawFn, ndim: int) -> tuple[int, ...]:
    return tuple(draw(st.permutations(range(ndim))))


# --- domains --------------------------------------------------------------------------


@dataclass(frozen=True)
class Domain:
    """Where an op's inputs are drawn: an interval, minus a gap around kinks/ties,
    plus extreme values that must still work (e.g. sigmoid at +-1e4)."""

    low: float = -10.0
    high: float = 10.0
    avoid: tuple[float, ...] = ()
    gap: float = 1e-2
    extremes: tuple[float, ...] = ()

    def elements(self, dtype: type) -> st.SearchStrategy[float]:
        width = np.dtype(dtype).itemsize * 8
        values = st.floats(self.low, self.high, width=width)
        if self.avoid:
            values = values.filter(
                lambda v: all(abs(v - a) > self.gap for a in self.avoid)
            )
        if self.extremes:
            values = st.one_of(values, st.sampled_from(self.extremes))
        return values


REAL = Domain()
BOUNDED = Domain(-4.0, 4.0)  # exp, pow: no overflow, gradients of moderate size
POSITIVE = Domain(0.25, 10.0)  # log, sqrt, divisors, bases of pow
NONZERO = Domain(avoid=(0.0,))  # divisors of either sign, kinks of abs/relu
SATURATING = Domain(-20.0, 20.0, extremes=(-1e4, 1e4, -100.0, 100.0, 0.0))
UNIT = Domain(-1.0, 1.0)


def grid(parity: int, low: int = -40, high: int = 40) -> st.SearchStrategy[float]:
    """Multiples of 1/8 that are odd (parity=1) or even (parity=0): two such grids
    never meet, so maximum/minimum/clamp operands drawn from them never tie."""
    return st.integers(low, high).map(lambda k: (2 * k + parity) / 8)


# --- arrays ---------------------------------------------------------------------------


def arrays(
    dtype: type,
    shape: tuple[int, ...] | st.SearchStrategy = nonempty_shapes,
    domain: Domain = REAL,
    unique: bool = False,
    elements: st.SearchStrategy | None = None,
) -> st.SearchStrategy[np.ndarray]:
    """A float array of `dtype` with values in `domain` (or from `elements`)."""
    if elements is None:
        elements = domain.elements(dtype)
    return hnp.arrays(dtype, shape, elements=elements, unique=unique)


def int_arrays(
    shape: tuple[int, ...] | st.SearchStrategy = nonempty_shapes,
    dtype: type = np.int64,
    low: int = -5,
    high: int = 5,
) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(dtype, shape, elements=st.integers(low, high))


@st.composite
def broadcast_arrays(
    draw: st.DrawFn,
    dtype: type,
    domains: tuple[Domain, ...] = (REAL, REAL),
    min_side: int = 0,
) -> tuple[np.ndarray, ...]:
    """Arrays (one per domain) of mutually broadcastable shapes."""
    shape_list = draw(broadcastable_shapes(len(domains), min_side=min_side))
    return tuple(
        draw(arrays(dtype, s, d)) for s, d in zip(shape_list, domains, strict=True)
    )


@st.composite
def untied_pair(draw: st.DrawFn, dtype: type) -> tuple[np.ndarray, np.ndarray]:
    """Two broadcastable arrays that never hold equal values (for maximum/minimum)."""
    sa, sb = draw(broadcastable_shapes(2))
    return (
        draw(arrays(dtype, sa, elements=grid(1))),
        draw(arrays(dtype, sb, elements=grid(0))),
    )


@st.composite
def matmul_arrays(draw: st.DrawFn, dtype: type) -> tuple[np.ndarray, np.ndarray]:
    sa, sb = draw(matmul_shapes())
    return draw(arrays(dtype, sa, UNIT)), draw(arrays(dtype, sb, UNIT))


@st.composite
def array_and_dim(
    draw: st.DrawFn,
    dtype: type,
    domain: Domain = REAL,
    unique: bool = False,
    nonempty: bool = False,
) -> tuple[np.ndarray, int]:
    shape = shapes(min_dims=1, min_side=1 if nonempty else 0)
    s, dim = draw(shape_and_dim(shape=shape))
    return draw(arrays(dtype, s, domain, unique=unique)), dim
