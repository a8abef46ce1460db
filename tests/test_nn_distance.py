"""normalize, cosine_similarity, pairwise_distance and their modules against torch: values, grads (1st, 2nd order), graphs, errors."""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests import strategies as S
from tests.parity import assert_parity, assert_same_error
from tests.scenarios import name_of, run_both, upstream

FLOATS = pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
# NOTE: no tiny elements: with one-element vectors, the float32 second derivative
# of a norm near 0 is rounding noise amplified by 1 / |x| (in both libraries)
VALUES = S.Domain(-4.0, 4.0, avoid=(0.0,), gap=0.25)
NORMALIZE_GRAPH = "full"


def _f(m):
    return m.nn.functional


@FLOATS
@pytest.mark.parametrize("p", [2.0, 1.0, 3.0, math.inf])
@given(data=st.data())
def test_normalize(dtype, p, data):
    shape, dim = data.draw(S.shape_and_dim(shape=S.shapes(min_dims=1, min_side=1)))
    x = data.draw(S.arrays(dtype, st.just(shape), VALUES))
    assert_parity(lambda m, x: _f(m).normalize(x, p, dim), x, graph=NORMALIZE_GRAPH)


@FLOATS
def test_normalize_clamps_small_norms(dtype):
    """Zero vectors: first order only (minigrad's norm has 0 as second derivative
    at a zero vector, torch nan)."""
    x = np.array([[0.0, 0.0, 0.0], [1e-13, 0.0, -1e-13], [3.0, -4.0, 0.0]], dtype)
    kw = {"graph": NORMALIZE_GRAPH, "second_order": False}
    assert_parity(lambda m, x: _f(m).normalize(x, eps=1e-12), x, **kw)
    assert_parity(lambda m, x: _f(m).normalize(x, 2.0, 0, eps=0.5), x[1:], **kw)


@FLOATS
@given(data=st.data())
def test_cosine_similarity(dtype, data):
    shape, dim = data.draw(S.shape_and_dim(shape=S.shapes(min_dims=1, min_side=1)))
    a = data.draw(S.arrays(dtype, st.just(shape), VALUES))
    b = data.draw(S.arrays(dtype, st.just(shape), VALUES))
    assert_parity(lambda m, a, b: _f(m).cosine_similarity(a, b, dim), a, b)


@FLOATS
@given(data=st.data())
def test_cosine_similarity_broadcasts(dtype, data):
    shape = data.draw(S.shapes(min_dims=2, min_side=1))
    other = data.draw(S.shapes_broadcasting_to(shape))
    a = data.draw(S.arrays(dtype, st.just(shape), VALUES))
    b = data.draw(S.arrays(dtype, st.just(other), VALUES))
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    assert_parity(lambda m, a, b: _f(m).cosine_similarity(a, b, dim), a, b)
    assert_parity(lambda m, a, b: _f(m).cosine_similarity(b, a, dim), a, b)


@FLOATS
def test_cosine_similarity_of_zero_vectors(dtype):
    a = np.array([[0.0, 0.0], [1e-9, 0.0], [1.0, 2.0]], dtype)
    b = np.array([[1.0, 1.0], [0.0, 1e-9], [0.0, 0.0]], dtype)
    fn = lambda m, a, b: _f(m).cosine_similarity(a, b)  # noqa: E731
    assert_parity(fn, a, b, second_order=False)  # as normalize's zero vectors
    fn = lambda m, a, b: _f(m).cosine_similarity(a, b, eps=0.5)  # noqa: E731
    assert_parity(fn, a[1:], b[1:] + 1)


def test_cosine_similarity_mixed_dtypes():
    a = np.arange(6).reshape(2, 3)
    b = upstream((2, 3), seed=4, dtype=np.float64)
    assert_parity(lambda m, a, b: _f(m).cosine_similarity(a, b), a, b)
    c = upstream((2, 3), seed=5)
    assert_parity(lambda m, c, b: _f(m).cosine_similarity(c, b), c, b)


@FLOATS
@pytest.mark.parametrize("p", [2.0, 1.0, 3.0, 0.5, math.inf, 0.0])
@pytest.mark.parametrize("keepdim", [False, True])
@given(data=st.data())
def test_pairwise_distance(dtype, p, keepdim, data):
    shapes = data.draw(S.broadcastable_shapes(min_side=1))
    a = data.draw(S.arrays(dtype, st.just(shapes[0]), VALUES))
    b = data.draw(S.arrays(dtype, st.just(shapes[1]), VALUES))
    # NOTE: a tiny x1 - x2 + eps: float32 second derivatives of norms are noise
    assume(np.all(np.abs(np.subtract(a, b)) > 0.1))
    fn = lambda m, a, b: _f(m).pairwise_distance(a, b, p, keepdim=keepdim)  # noqa: E731
    assert_parity(fn, a, b)


def test_pairwise_distance_of_integers_and_eps():
    a, b = np.arange(6).reshape(2, 3), np.arange(6)[::-1].reshape(2, 3).copy()
    assert_parity(lambda m, a, b: _f(m).pairwise_distance(a, b), a, b)
    x = upstream((3, 4))
    fn = lambda m, x: _f(m).pairwise_distance(x, x, eps=0.0)  # noqa: E731
    assert_parity(fn, x, second_order=False)  # zero vectors, as above
    assert_parity(lambda m, x: _f(m).pairwise_distance(x, x, eps=0.1), x)


def test_modules():
    a, b = upstream((3, 4), seed=1), upstream((3, 4), seed=2)

    def scenario(m, out):
        for layer in (
            m.nn.CosineSimilarity(),
            m.nn.CosineSimilarity(0, 1e-3),
            m.nn.PairwiseDistance(),
            m.nn.PairwiseDistance(1.0, 1e-3, True),
        ):
            out.append(repr(layer))
            ta = m.tensor(a, requires_grad=True)
            y = layer(ta, m.tensor(b))
            out.extend([y, name_of(y)])
            y.backward(m.ones_like(y))
            out.append(ta.grad)
        layer = m.nn.PairwiseDistance(3.0, 0.0, True)
        out.extend([layer.norm, layer.eps, layer.keepdim])

    run_both(scenario)


ERRORS = [
    (
        "cos_int",
        lambda m: _f(m).cosine_similarity(m.arange(3), m.arange(3), 0),
        "common dtype is Long",
    ),
    (
        "cos_shapes",
        lambda m: _f(m).cosine_similarity(m.ones(2, 3), m.ones(2, 4)),
        "must match the size of tensor b (4) at non-singleton dimension 1",
    ),
    (
        "cos_dim",
        lambda m: _f(m).cosine_similarity(m.ones(2, 3), m.ones(2, 3), 3),
        "[-2, 1], but got 3",
    ),
    (
        "cos_not_tensor",
        lambda m: _f(m).cosine_similarity(1.0, m.ones(2)),
        "argument 'x1' (position 1) must be Tensor, not float",
    ),
    (
        "cos_not_tensor_2",
        lambda m: _f(m).cosine_similarity(m.ones(2), [1.0]),
        "argument 'x2' (position 2) must be Tensor, not list",
    ),
    (
        "pdist_shapes",
        lambda m: _f(m).pairwise_distance(m.ones(2, 3), m.ones(2, 4)),
        "must match the size of tensor b (4) at non-singleton dimension 1",
    ),
    (
        "pdist_not_tensor",
        lambda m: _f(m).pairwise_distance(1.0, m.ones(2)),
        "argument 'x1' (position 1) must be Tensor, not float",
    ),
    (
        "normalize_int",
        lambda m: _f(m).normalize(m.arange(3), dim=0),
        "Expected a floating point or complex tensor as input. Got Long",
    ),
    (
        "normalize_dim",
        lambda m: _f(m).normalize(m.ones(3), dim=1),
        "[-1, 0], but got 1",
    ),
    ("normalize_not_tensor", lambda m: _f(m).normalize(1.0), "has no attribute"),
]


@pytest.mark.parametrize("name,fn,words", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(name, fn, words):
    assert_same_error(lambda m: fn(m), words)
