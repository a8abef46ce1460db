"""Hypothesis strategies for the parity tests: shapes, domains and arrays as nouns."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from minigrad.testing.strategies import (  # noqa: F401  (the public ones, shared)
    BOUNDED,
    NONZERO,
    POSITIVE,
    REAL,
    SATURATING,
    UNIT,
    Domain,
    broadcastable_shapes,
    matmul_shapes,
    shapes,
)

FLOAT_DTYPES = [np.float32, np.float64]

# --- shapes ---------------------------------------------------------------------------


nonempty_shapes = shapes(min_side=1)
matrix_shapes = shapes(min_dims=2, max_dims=2)


@st.composite
def shapes_broadcasting_to(draw: st.DrawFn, shape: tuple[int, ...]) -> tuple[int, ...]:
    """A shape that broadcasts to `shape` (fewer leading dims, some sides 1)."""
    kept = shape[len(shape) - draw(st.integers(0, len(shape))) :]
    return tuple(draw(st.sampled_from([side, 1])) for side in kept)


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
