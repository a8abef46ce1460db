"""normal, multinomial, randint_like and exponential draws: torch's bits from the
same seed, torch's dtypes, graphs and errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad
from tests.scenarios import raises_as_torch, run_both

DRAWS = [
    "L.normal(L.zeros(3), L.ones(3))",
    "L.normal(L.zeros(2, 1), L.arange(1.0, 4.0))",
    "L.normal(L.arange(20.0), 2.5)",
    "L.normal(1.0, L.arange(20.0) / 3)",
    "L.normal(L.arange(17.0), L.arange(17.0, dtype=L.float64) / 7)",
    "L.normal(L.arange(17.0, dtype=L.float64), L.arange(17.0) / 7)",
    "L.normal(1.0, 2.0, (20,))",
    "L.normal(1.0, 2.0, size=(3, 7), dtype=L.float64)",
    "L.normal(mean=L.zeros(2), std=L.ones(2), generator=L.Generator().manual_seed(3))",
    "L.normal(0.0, 1.0, size=(2,), requires_grad=True)",
    "L.multinomial(L.tensor([0.2, 0.0, 0.8]), 3)",
    "L.multinomial(L.tensor([0.2, 0.0, 0.8]), 2)",
    "L.multinomial(L.tensor([0.2, 0.0, 0.8]), 1)",
    "L.multinomial(L.tensor([0.2, 0.0, 0.8]), 30, True)",
    "L.multinomial(L.tensor([0.2, 0.0, 0.8]), 30, replacement=True)",
    "L.multinomial(L.rand(4, 7), 5, True)",
    "L.multinomial(L.rand(4, 7, dtype=L.float64), 5)",
    "L.multinomial(L.rand(4, 7), 7)",
    "L.multinomial(L.rand(3, 5).t(), 2, True)",
    "L.multinomial(L.zeros(0, 3), 2)",
    "L.multinomial(L.ones(2, 3), 5, True, generator=L.Generator().manual_seed(9))",
    "L.randint_like(L.ones(3), 10)",
    "L.randint_like(L.ones(3), 2, 10)",
    "L.randint_like(L.ones(3, dtype=L.int32), high=5)",
    "L.empty(40).exponential_()",
    "L.empty(5, 4, dtype=L.float64).t().exponential_(0.3)",
    "L.empty(3).exponential_(float('inf'))",
]


@pytest.mark.parametrize("code", DRAWS)
def test_draws_are_torch_bits(code):
    def s(L, out):  # noqa: N803
        L.manual_seed(7)
        out.append(eval(code, {"L": L}))
        out.append(L.rand(2))  # the stream is left where torch leaves it

    run_both(s)


ERRORS = [
    ("L.normal(1.0, 2.0)", ("normal() received an invalid combination of arguments",)),
    ("L.normal(L.zeros(3), -1.0)", ()),
    ("L.normal(L.zeros(3), -L.ones(3))", ()),
    ("L.normal(L.zeros(3, dtype=L.int64), L.ones(3))", ()),
    ("L.normal(L.zeros(3), L.ones(4))", ()),
    ("L.normal(1.0, -2.0, (3,))", ()),
    ("L.multinomial(L.tensor([1, 2]), 1)", ()),
    ("L.multinomial(L.ones(3), 0)", ()),
    ("L.multinomial(L.ones(3), 4)", ()),
    ("L.multinomial(L.ones(2, 2, 2), 1)", ()),
    ("L.multinomial(L.tensor([-1.0, 2.0]), 1)", ()),
    ("L.multinomial(L.tensor([0.0, 0.0]), 1)", ()),
    ("L.multinomial(L.tensor([0.0, 0.0]), 2, True)", ()),
    ("L.multinomial(L.tensor([float('inf'), 1.0]), 1)", ()),
    ("L.multinomial(L.tensor([float('nan'), 1.0]), 3, True)", ()),
    ("L.multinomial(L.tensor([1.0, float('inf')]), 3, True)", ()),
    ("L.multinomial(L.tensor([-1.0, 1.0]), 3, True)", ()),
    ("L.empty(3).exponential_(-1)", ()),
    ("L.empty(3).exponential_(0)", ()),
    ("L.empty(3, dtype=L.int64).exponential_()", ()),
    ("L.ones(3, requires_grad=True).exponential_()", ()),
]


test_bad_arguments_raise_as_torch = raises_as_torch(ERRORS)


def test_graphs_and_zero_gradients_as_torch():
    def s(L, out):  # noqa: N803
        L.manual_seed(1)
        mean = L.zeros(3, requires_grad=True)
        std = L.ones(3, requires_grad=True)
        for y in (L.normal(mean, std), L.normal(mean, 2.0), L.normal(0.5, std)):
            out.append(type(y.grad_fn).__name__)
            y.backward(L.tensor([1.0, -2.0, 3.0]))
        out += [mean.grad, std.grad]
        x = L.ones(3, requires_grad=True).clone()
        out.append(type(x.exponential_().grad_fn).__name__)

    run_both(s)


@settings(max_examples=30, deadline=None)
@given(
    rows=st.integers(1, 4),
    cols=st.integers(1, 40),
    samples=st.integers(1, 50),
    replacement=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
    double=st.booleans(),
)
def test_multinomial_matches_torch_bit_for_bit(
    rows, cols, samples, replacement, seed, double
):
    samples = samples if replacement else min(samples, cols)
    probs = np.random.default_rng(seed).random((rows, cols)) ** 3
    probs[:, 0] += 1e-3  # no all-zero row
    probs = probs.astype(np.float64 if double else np.float32)
    torch.manual_seed(seed)
    expected = torch.multinomial(torch.from_numpy(probs), samples, replacement)
    minigrad.manual_seed(seed)
    actual = minigrad.multinomial(minigrad.from_numpy(probs), samples, replacement)
    np.testing.assert_array_equal(actual.numpy(), expected.numpy())
    assert minigrad.rand(1).item() == torch.rand(1).item()
