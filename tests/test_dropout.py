"""bernoulli_ and dropout against torch: mask bits, generator state, grads, errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad
from tests.conftest import bernoulli_bits  # noqa: E402
from tests.parity import LIBS, assert_parity, assert_same_error, node_name
from tests.strategies import shapes
from tests.test_random import (
    EDGE_SEEDS,
    RANDOM_SEEDS,
    assert_same,
    assert_same_state,
    seed_both,
)

pytestmark = bernoulli_bits
SEEDS = EDGE_SEEDS[:6] + RANDOM_SEEDS[:3]
PROBS = [0.0, 1e-9, 0.1, 1 / 3, 0.5, 0.9127555772777217, 1.0]
# NOTE: 1/float32(1-p) != float32(1/(1-p)) for this p: it tells how torch scales
P_SCALE = 0.9127555772777217


def both(fn, seed: int = 0):
    """fn(lib) under each library after manual_seed(seed); states must then agree."""
    out = []
    for lib in (minigrad, torch):
        lib.manual_seed(seed)
        out.append(fn(lib))
    assert_same_state()
    return out


# --- bernoulli_(p) with a number: torch's default CPU kernel on this machine -------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("p", PROBS)
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "bool"])
def test_bernoulli_scalar_bits_and_state(seed, p, dtype):
    mine, theirs = both(
        lambda L: L.empty(1000, dtype=getattr(L, dtype)).bernoulli_(p), seed
    )
    assert_same(mine, theirs)


@settings(max_examples=40, deadline=None)
@given(shape=shapes(max_dims=3, max_side=7), seed=st.integers(0, 2**64 - 1))
def test_bernoulli_scalar_any_shape(shape, seed):
    mine, theirs = both(lambda L: L.empty(shape).bernoulli_(0.3), seed)
    assert_same(mine, theirs)


def test_bernoulli_on_a_transposed_view_fills_in_memory_order():
    def fill(L):
        base = L.zeros(5, 7)
        base.t().bernoulli_(0.5)
        return base

    assert_same(*both(fill, 3))


def test_bernoulli_with_a_generator_leaves_the_default_alone():
    seed_both(11)
    g, tg = minigrad.Generator().manual_seed(5), torch.Generator().manual_seed(5)
    assert_same(
        minigrad.empty(50).bernoulli_(0.4, generator=g),
        torch.empty(50).bernoulli_(0.4, generator=tg),
    )
    assert_same_state(g, tg)
    assert_same_state()


def test_bernoulli_default_p_is_half():
    assert_same(*both(lambda L: L.empty(64).bernoulli_(), 2))


# --- bernoulli with a tensor of probabilities ----------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("p_dtype", ["float32", "float64"])
@pytest.mark.parametrize("out_dtype", ["float32", "float64", "int64"])
def test_bernoulli_tensor_p_bits_and_state(seed, p_dtype, out_dtype):
    probs = np.random.default_rng(seed % 2**32).random(300)
    probs[:4] = [0.0, 1.0, 0.5, 1e-7]

    def fill(L):
        p = L.tensor(probs, dtype=getattr(L, p_dtype))
        return L.empty(300, dtype=getattr(L, out_dtype)).bernoulli_(p)

    assert_same(*both(fill, seed))


def test_bernoulli_tensor_p_broadcasts():
    probs = np.array([[0.1], [0.9], [0.5]], np.float32)
    assert_same(
        *both(lambda L: L.empty(3, 4).bernoulli_(L.tensor(probs)), 4),
    )


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_torch_bernoulli_function_and_methods(dtype):
    probs = np.random.default_rng(0).random((4, 5))
    for call in (
        lambda L, p: L.bernoulli(p),
        lambda L, p: p.bernoulli(),
        lambda L, p: p.bernoulli(0.25),
        lambda L, p: L.bernoulli(p, 0.75),
    ):
        mine, theirs = both(
            lambda L, c=call: c(L, L.tensor(probs, dtype=getattr(L, dtype))), 9
        )
        assert_same(mine, theirs)


def test_bernoulli_of_probabilities_has_a_zero_gradient():
    probs = np.array([0.2, 0.7, 0.5], np.float32)
    upstream = np.array([1.0, -2.0, 3.5], np.float32)
    grads, names = [], []
    for lib in (minigrad, torch):
        lib.manual_seed(0)
        p = lib.tensor(probs, requires_grad=True)
        y = lib.bernoulli(p)
        names.append(node_name(y.grad_fn))
        y.backward(lib.tensor(upstream))
        grads.append(p.grad.numpy())
    assert names == ["BernoulliBackward0"] * 2
    np.testing.assert_array_equal(*grads)


def test_bernoulli_with_p_has_no_derivative():
    errors, names = [], []
    for lib in (minigrad, torch):
        y = lib.tensor([0.2, 0.7], requires_grad=True).bernoulli(0.3)
        names.append(node_name(y.grad_fn))
        with pytest.raises(RuntimeError) as e:
            y.sum().backward()
        errors.append(str(e.value))
    assert names == ["NotImplemented"] * 2
    assert errors[0] == errors[1]


@pytest.mark.parametrize(
    "call",
    [
        lambda L: L.empty(3).bernoulli_(1.5),
        lambda L: L.empty(3).bernoulli_(-0.1),
        lambda L: L.empty(3).bernoulli_(float("nan")),
        lambda L: L.bernoulli(L.tensor([0.5, 1.5])),
        lambda L: L.bernoulli(L.tensor([1, 0])),
        lambda L: L.empty(3).bernoulli_(L.tensor([0.1, 0.9])),
        lambda L: L.empty(3).bernoulli_("a"),
        lambda L: L.rand(3, requires_grad=True).bernoulli_(0.5),
        lambda L: L.empty(3).bernoulli_(0.5, generator=3),
    ],
)
def test_bernoulli_errors_as_torch(call):
    assert_same_error(call)


def test_bernoulli_error_messages_name_p():
    assert_same_error(lambda L: L.empty(3).bernoulli_(1.5), "bernoulli_", "p=1.5")
    assert_same_error(lambda L: L.bernoulli(L.tensor([0.5, 1.5])), "p_in >= 0")


def test_failed_bernoulli_draws_nothing():
    seed_both(1)
    for lib in LIBS.values():
        with pytest.raises(RuntimeError):
            lib.empty(3).bernoulli_(2.0)
        with pytest.raises(RuntimeError):
            lib.bernoulli(lib.tensor([0.5, -1.0]))
    assert_same_state()


# --- F.dropout and nn.Dropout -----------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS[:5])
@pytest.mark.parametrize("p", [0.1, 0.25, 0.5, 1 / 3, P_SCALE])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dropout_bits_and_state(seed, p, dtype):
    x = np.random.default_rng(1).standard_normal((16, 33))

    def run(L):
        return L.nn.functional.dropout(L.tensor(x, dtype=getattr(L, dtype)), p)

    assert_same(*both(run, seed))


@pytest.mark.parametrize("p", [0.2, 0.5])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dropout_gradients_match_torch(p, dtype):
    x = np.random.default_rng(2).standard_normal((6, 7)).astype(dtype)

    def run(L, t):
        L.manual_seed(5)
        return L.nn.functional.dropout(t, p)

    assert_parity(run, x)  # non-uniform upstream grads, second order, graph names


@pytest.mark.parametrize(
    "kwargs",
    [
        {"p": 0.0},
        {"p": 0.5, "training": False},
        {"p": 1.0},
        {"p": True},
        {"p": 0.3, "inplace": True},
    ],
)
def test_dropout_edge_cases_as_torch(kwargs):
    x = np.random.default_rng(3).standard_normal((4, 5)).astype(np.float32)
    out = {}
    for name, lib in LIBS.items():
        lib.manual_seed(8)
        t = lib.tensor(x, requires_grad=not kwargs.get("inplace"))
        src = t * 1 if kwargs.get("inplace") else t
        y = lib.nn.functional.dropout(src, **kwargs)
        out[name] = (y, y is src, node_name(y.grad_fn))
    assert_same(out["minigrad"][0], out["torch"][0])
    assert out["minigrad"][1:] == out["torch"][1:]
    assert_same_state()


def test_dropout_of_empty_and_integer_tensors():
    for call in (
        lambda L: L.nn.functional.dropout(L.empty(0, 3), 0.5),
        lambda L: L.nn.functional.dropout(L.tensor([1, 2]), 0.0),
        lambda L: L.nn.functional.dropout(L.tensor([1, 2]), 1.0),
    ):
        assert_same(*both(call, 4))
    assert_same_error(lambda L: L.nn.functional.dropout(L.tensor([1, 2]), 0.5), "Long")


@pytest.mark.parametrize("p", [1.5, -0.1])
def test_dropout_rejects_p_outside_0_1(p):
    msg = f"dropout probability has to be between 0 and 1, but got {p}"
    assert_same_error(lambda L: L.nn.functional.dropout(L.ones(3), p), msg)
    assert_same_error(lambda L: L.nn.Dropout(p), msg)


def test_dropout_module_train_eval_and_repr():
    x = np.random.default_rng(4).standard_normal((8, 10)).astype(np.float32)
    outs = {}
    for name, lib in LIBS.items():
        lib.manual_seed(21)
        m = lib.nn.Dropout(p=0.4)
        train1 = m(lib.tensor(x))
        m.eval()
        evaluated = m(lib.tensor(x))
        m.train()
        train2 = m(lib.tensor(x))
        outs[name] = (
            train1,
            evaluated,
            train2,
            repr(m),
            repr(lib.nn.Dropout(0.2, True)),
        )
    for a, b in zip(outs["minigrad"][:3], outs["torch"][:3], strict=True):
        assert_same(a, b)
    assert outs["minigrad"][3:] == outs["torch"][3:]
    assert_same_state()
    assert minigrad.nn.Dropout().p == 0.5 and not minigrad.nn.Dropout().inplace


def test_dropout_then_other_draws_stay_in_step():
    def run(L):
        a = L.nn.functional.dropout(L.ones(7, 3), 0.5)
        b = L.rand(5)
        c = L.nn.functional.dropout(L.ones(20), 0.2)
        d = L.randn(17)
        return L.cat([a.reshape(-1), b, c, d])

    assert_same(*both(run, 12))
