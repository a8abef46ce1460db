"""Property tests of your own code against torch, with minigrad.testing.

Run: `pytest examples/property_testing.py`. Each test body is written once; the
toolkit runs it under minigrad and under torch and compares values, gradients
(under a non-uniform upstream gradient), warnings, errors and graphs.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad
from minigrad.testing import assert_matches_torch, assert_trajectories_match
from minigrad.testing import strategies as mst


def softplus(lib, x):
    """Your code, written against torch's API: log(1 + exp(x)), overflow-safe."""
    return lib.relu(x) + lib.log(1 + lib.exp(-lib.abs(x)))


@settings(max_examples=20, deadline=None)
@given(x=mst.tensors(dtype=minigrad.float64, domain="sigmoid"))
def test_softplus_matches_torch(x):
    assert_matches_torch(softplus, x, dtypes=None)


@settings(max_examples=20, deadline=None)
@given(shapes=mst.broadcastable_shapes(), data=st.data())
def test_weighted_difference_broadcasts_like_torch(shapes, data):
    a, b = (data.draw(mst.arrays(shape=s)) for s in shapes)
    assert_matches_torch(lambda lib, u, v: (u - 2 * v) * u, a, b)


def test_the_error_for_mismatched_matrices_is_torchs():
    assert_matches_torch(lambda lib, a, b: a @ b, [[1.0, 2.0]], [[1.0, 2.0]])


@settings(max_examples=5, deadline=None)
@given(build=mst.small_models())
def test_training_follows_torch_step_by_step(build):
    assert_trajectories_match(build, steps=10)


def test_a_test_body_for_both_libraries(lib):
    """`lib` comes from minigrad's pytest plugin: minigrad, then torch."""
    x = lib.tensor([1.0, -2.0], requires_grad=True)
    softplus(lib, x).sum().backward()
    assert lib.allclose(x.grad, lib.sigmoid(x.detach()))
