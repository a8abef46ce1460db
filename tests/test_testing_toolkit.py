"""minigrad.testing checks itself: right code passes, wrong code fails clearly."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given

import minigrad
from minigrad.testing import (
    assert_close,
    assert_matches_torch,
    assert_trajectories_match,
)
from minigrad.testing import strategies as mst

X = np.array([[0.5, -1.0, 2.0], [1.5, 0.2, -0.3]])
W = np.array([[1.0, 2.0], [0.5, -1.0], [0.3, 0.7]])

# --- assert_close: torch.testing.assert_close's messages ------------------------

CLOSE_CASES = {
    "values": (torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.1, 3.5])),
    "shape": (torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0, 3.0])),
    "dtype": (torch.tensor([1.0]), torch.tensor([1.0], dtype=torch.float64)),
    "scalars": (1.0, 1.1),
    "number types": (1, 1.0),
    "ints": (torch.tensor([1, 2]), torch.tensor([1, 3])),
    "0-d": (torch.tensor(1.0), torch.tensor(2.0)),
    "sequence item": ([1.0, 2.0], [1.0, 2.5]),
    "sequence length": ([1.0, 2.0], [1.0, 2.0, 3.0]),
    "mapping": ({"a": torch.tensor(1.0)}, {"a": torch.tensor(2.0)}),
    "mapping keys": ({"a": 1.0}, {"b": 1.0}),
    "nan": (torch.tensor([float("nan")]), torch.tensor([float("nan")])),
    "inf": (torch.tensor([1.0]), torch.tensor([float("inf")])),
    "matrix": (
        torch.tensor([[1.0, 2.0], [3.0, 4.0]]),
        torch.tensor([[1, 2], [3, 5.0]]),
    ),
    "bool": (torch.tensor([True]), torch.tensor([False])),
    "equal": (torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0])),
}


def _outcome(fn, *args, **kwargs) -> tuple[str, str]:
    try:
        fn(*args, **kwargs)
    except Exception as error:  # noqa: BLE001  (the outcome is compared)
        return type(error).__name__, str(error)
    return "ok", ""


@pytest.mark.parametrize("case", CLOSE_CASES)
def test_assert_close_matches_torch_testing(case):
    actual, expected = CLOSE_CASES[case]
    assert _outcome(assert_close, actual, expected) == _outcome(
        torch.testing.assert_close, actual, expected
    )


def test_assert_close_keywords_match_torch():
    a, e = torch.tensor([1.0]), torch.tensor([2.0])
    for kwargs in (
        {"rtol": 1e-3},
        {"msg": "custom"},
        {"msg": lambda m: "X" + m},
        {"rtol": 1.0, "atol": 0.0},
        {"check_dtype": False},
    ):
        assert _outcome(assert_close, a, e, **kwargs) == _outcome(
            torch.testing.assert_close, a, e, **kwargs
        ), kwargs


def test_assert_close_accepts_every_kind_of_input():
    t = torch.tensor([1.0, 2.0], requires_grad=True)
    m = minigrad.tensor([1.0, 2.0], requires_grad=True)
    for actual, expected in [
        (m, t),
        (t, m),
        (m, np.array([1.0, 2.0], dtype=np.float32)),
        (m, [1.0, 2.0]),
        (minigrad.tensor(3.0), 3.0),
        ([m, m], [t, t]),
    ]:
        assert_close(actual, expected)
    with pytest.raises(AssertionError, match="Tensor-likes are not close"):
        assert_close(m, [1.0, 2.5])
    with pytest.raises(AssertionError, match="minigrad.float32 != torch.float64"):
        assert_close(m, t.double())


def test_assert_close_refuses_a_lone_tolerance():
    with pytest.raises(ValueError, match="got no atol"):
        assert_close(1.0, 1.0, rtol=1e-3)


# --- assert_matches_torch -------------------------------------------------------


@pytest.mark.parametrize(
    "fn, inputs, kwargs",
    [
        (lambda lib, a, b: (a @ b).tanh().sum(1), (X, W), {}),
        (lambda lib, a: lib.nn.functional.mse_loss(a, lib.ones(3)), ([1, 2, 3.0],), {}),
        (lambda lib, a: a.max(dim=1), (X,), {}),
        (lambda lib, a: a.shape, (X,), {}),
        (lambda lib, a: lib.randn(3) * a, ([1.0, 2.0, 3.0],), {}),
        (
            lambda lib, a: a.sigmoid(),
            (X,),
            {"grad_outputs": np.arange(6.0).reshape(2, 3)},
        ),
        (lambda lib, a, i: a[i], (X, np.array([1, 0])), {}),
        (lambda lib, a: a.sum(), (X,), {"dtypes": None}),
    ],
    ids=[
        "matmul-tanh",
        "mse",
        "max-dim",
        "shape",
        "random",
        "grad_outputs",
        "index",
        "own-dtype",
    ],
)
def test_passes_on_correct_functions(fn, inputs, kwargs):
    assert_matches_torch(fn, *inputs, **kwargs)


def test_passes_on_a_matching_warning():
    assert_matches_torch(
        lambda lib, a: lib.nn.functional.mse_loss(a, lib.ones(2, 1)), [1.0, 2.0]
    )


def test_passes_on_the_same_exception():
    assert_matches_torch(lambda lib, a, b: a @ b, X, X)


def _only_minigrad(wrong, right):
    return lambda lib, *xs: (wrong if lib is minigrad else right)(lib, *xs)


WRONG = {
    "gradient": (
        _only_minigrad(lambda lib, a: a * a.detach() * 2, lambda lib, a: a * a * 2),
        {"check_graph": False},
        "gradient of input 0: Tensor-likes are not close",
    ),
    "value": (
        _only_minigrad(lambda lib, a: a * 2.001, lambda lib, a: a * 2),
        {},
        "output: Tensor-likes are not close",
    ),
    "dtype": (
        _only_minigrad(lambda lib, a: a.double(), lambda lib, a: a),
        {},
        "output: dtype float64 != torch's float32",
    ),
    "missing warning": (
        _only_minigrad(
            lambda lib, a: a, lambda lib, a: warnings.warn("careful", stacklevel=1)
        ),
        {},
        "torch warns UserWarning('careful'); minigrad does not",
    ),
    "exception class": (
        _only_minigrad(
            lambda lib, a: (_ for _ in ()).throw(ValueError("bad")),
            lambda lib, a: (_ for _ in ()).throw(RuntimeError("bad")),
        ),
        {},
        "minigrad raises ValueError: bad; torch raises RuntimeError: bad",
    ),
    "exception message": (
        _only_minigrad(
            lambda lib, a: (_ for _ in ()).throw(RuntimeError("bad")),
            lambda lib, a: (_ for _ in ()).throw(RuntimeError("worse")),
        ),
        {},
        "RuntimeError message 'bad' != torch's 'worse'",
    ),
    "no exception": (
        _only_minigrad(
            lambda lib, a: a, lambda lib, a: (_ for _ in ()).throw(IndexError("out"))
        ),
        {},
        "torch raises IndexError: out; minigrad does not",
    ),
    "graph": (
        _only_minigrad(lambda lib, a: a * 2, lambda lib, a: a + a),
        {},
        "output graph: at the output: node MulBackward0 != torch's AddBackward0",
    ),
    "graph inside": (
        _only_minigrad(lambda lib, a: (a * 2).exp(), lambda lib, a: (a + a).exp()),
        {},
        "at ExpBackward0 input 0: node MulBackward0 != torch's AddBackward0",
    ),
    "requires_grad": (
        _only_minigrad(lambda lib, a: a.detach(), lambda lib, a: a),
        {"check_graph": False},
        "output: requires_grad=False != torch's True",
    ),
}


@pytest.mark.parametrize("kind", WRONG)
def test_fails_clearly_on_wrong_functions(kind):
    fn, kwargs, message = WRONG[kind]
    with pytest.raises(AssertionError) as caught:
        assert_matches_torch(fn, X, **kwargs)
    text = str(caught.value)
    assert text.startswith("assert_matches_torch (float32): "), text
    assert message in text, text


def test_a_wrong_gradient_is_found_under_a_non_uniform_upstream_gradient():
    # a and a reversed agree on [1, 1], and so do their gradients under a uniform
    # upstream gradient (what .sum().backward() gives): only a non-uniform one
    # tells them apart.
    fn = _only_minigrad(lambda lib, a: a * 1, lambda lib, a: a[[1, 0]] * 1)
    with pytest.raises(AssertionError, match="gradient of input 0: Tensor-likes"):
        assert_matches_torch(fn, [1.0, 1.0], check_graph=False)


def test_requires_grad_per_input():
    assert_matches_torch(
        lambda lib, p, y: lib.nn.functional.binary_cross_entropy(p, y),
        [0.0, 1.0, 0.5],
        [0.0, 1.0, 1.0],
        requires_grad=[True, False],
    )
    with pytest.raises(ValueError, match="requires_grad has 1 entries for 2 inputs"):
        assert_matches_torch(lambda lib, a, b: a, X, X, requires_grad=[True])


# --- assert_trajectories_match --------------------------------------------------


def _build(lib):
    model = lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.Tanh(), lib.nn.Linear(4, 1))
    x, y = lib.randn(8, 3), lib.randn(8, 1)
    return model, lib.nn.MSELoss(), lib.optim.SGD(model.parameters(), lr=0.1), (x, y)


def test_trajectories_match_for_the_same_training():
    assert_trajectories_match(_build, steps=20)


def test_trajectories_accept_a_step_function():
    def build(lib):
        model, loss_fn, optimizer, (x, y) = _build(lib)

        def step():
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            return loss

        return step

    assert_trajectories_match(build, steps=5)


def test_trajectories_name_the_first_step_that_drifts():
    def build(lib):
        model, loss_fn, _, data = _build(lib)
        lr = 0.1 if lib is minigrad else 0.1001
        return model, loss_fn, lib.optim.SGD(model.parameters(), lr=lr), data

    with pytest.raises(AssertionError, match=r"the loss drifts at step 1 \(of 50\)"):
        assert_trajectories_match(build)


def test_trajectories_refuse_what_build_cannot_return():
    with pytest.raises(TypeError, match="must return"):
        assert_trajectories_match(lambda lib: 3, steps=1)


# --- strategies -----------------------------------------------------------------


@given(x=mst.tensors(domain="log"))
def test_log_on_its_domain(x):
    assert_matches_torch(lambda lib, a: lib.log(a), x)


@given(shapes=mst.broadcastable_shapes(), data=mst.arrays(shape=(2, 3)))
def test_broadcast_mul(shapes, data):
    a, b = (np.ones(s, np.float32) for s in shapes)
    assert_matches_torch(lambda lib, x, y: x * y, a * 1.5, b, dtypes=None)
    assert data.shape == (2, 3) and data.dtype == np.float32


@given(shapes=mst.matmul_shapes())
def test_matmul_shapes_are_valid(shapes):
    a, b = (np.full(s, 0.5) for s in shapes)
    # NOTE: check_graph=False: with a 1-D operand minigrad's graph differs from
    # torch's (SqueezeBackward4 has 2 inputs, torch's 1), which this toolkit found.
    assert_matches_torch(
        lambda lib, x, y: x @ y, a, b, dtypes=[minigrad.float64], check_graph=False
    )


@given(model=mst.small_models())
def test_small_models_train_alike(model):
    assert_trajectories_match(model, steps=3)


def test_extremes_are_drawn():
    domain = mst.domain_for("sigmoid")
    assert 1e4 in domain.extremes and mst.domain_for("unknown") is mst.REAL
