"""Full sums and means in torch's order: float32 losses equal torch's to the bit."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad

SIZES = st.one_of(st.integers(0, 300), st.sampled_from([511, 1025, 4097, 32768]))


def _bits(x: float, dtype) -> int:
    return np.array(x, dtype=dtype).view(np.uint64 if dtype == "float64" else np.uint32)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@given(n=SIZES, seed=st.integers(0, 2**31), scale=st.floats(-3, 3))
def test_sum_and_mean_are_bit_identical(dtype, n, seed, scale):
    a = (np.random.default_rng(seed).standard_normal(n) * 10.0**scale).astype(dtype)
    for fn in (
        lambda m, t: t.sum(),
        lambda m, t: t.mean(),
        lambda m, t: t.reshape(-1, 1).sum(0),
    ):
        if n == 0:
            continue
        got = fn(minigrad, minigrad.tensor(a)).numpy()
        want = fn(torch, torch.tensor(a)).numpy()
        assert got.tobytes() == want.tobytes(), (n, got, want)


def test_course_style_loop_prints_torch_losses():
    """The labs' hand-written regression: every printed loss equals torch's."""

    def run(lib):
        lib.manual_seed(1)
        w = lib.tensor(-10.0, requires_grad=True)
        X = lib.arange(-3, 3, 0.1).view(-1, 1)
        Y = -3 * X + 0.1 * lib.randn(X.size())
        losses = []
        for _ in range(6):
            loss = lib.mean((w * X - Y) ** 2)
            loss.backward()
            w.data = w.data - 0.1 * w.grad.data
            w.grad.data.zero_()
            losses.append(loss.item())
        return losses, w.item()

    assert run(minigrad) == run(torch)
