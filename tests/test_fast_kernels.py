"""Faster kernels (outer products, ReLU backward, NLL sums, SGD momentum) keep torch's bits."""

import numpy as np
import pytest
import torch

import minigrad

SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-30, -1e-30, 3.0e38]


def _bits(a) -> bytes:
    a = a.detach().numpy() if hasattr(a, "detach") else np.asarray(a)
    return a.tobytes()


def _values(rng, shape, dtype, special: bool) -> np.ndarray:
    a = rng.standard_normal(shape).astype(dtype)
    if special and a.size:
        flat = a.reshape(-1)
        picks = rng.integers(0, flat.size, max(1, flat.size // 3))
        flat[picks] = rng.choice(SPECIAL, picks.size)
    return a


def _both(fn, *arrays, grad_seed: int = 0):
    """fn on torch and on minigrad tensors: the outputs and the inputs' gradients
    for a non-uniform upstream gradient."""
    out = []
    for lib in (torch, minigrad):
        inputs = [lib.tensor(a.copy(), requires_grad=True) for a in arrays]
        y = fn(lib, *inputs)
        g = np.random.default_rng(grad_seed).standard_normal(tuple(y.shape))
        y.backward(lib.tensor(g.astype(arrays[0].dtype)))
        out.append([_bits(y)] + [_bits(t.grad) for t in inputs])
    return out


OUTER_SHAPES = [(2, 3), (7, 5), (64, 10), (300, 2), (2, 300), (1, 4), (4, 1), (1, 1)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("special", [False, True])
@pytest.mark.parametrize(("m", "n"), OUTER_SHAPES)
def test_k1_products_match_torch_bits(m, n, special, dtype):
    rng = np.random.default_rng(m * 1000 + n)
    a = _values(rng, (m, 1), dtype, special)
    b = _values(rng, (1, n), dtype, special)
    with np.errstate(all="ignore"):
        for fn in (
            lambda lib, a, b: lib.mm(a, b),
            lambda lib, a, b: lib.matmul(a, b),
            lambda lib, a, b: a @ b,
        ):
            expected, actual = _both(fn, a, b)
            assert actual[0] == expected[0]  # the product itself


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(
    ("batch", "features", "out"), [(64, 1, 10), (5, 7, 1), (300, 16, 1)]
)
def test_linear_outer_product_gradients_match_torch_bits(batch, features, out, dtype):
    """Linear(f, 1)'s input gradient and Linear(1, n)'s product are k = 1 products."""
    rng = np.random.default_rng(batch + features + out)
    x = _values(rng, (batch, features), dtype, False)
    w = _values(rng, (out, features), dtype, False)
    b = _values(rng, (out,), dtype, False)
    expected, actual = _both(
        lambda lib, x, w, b: lib.nn.functional.linear(x, w, b), x, w, b
    )
    if features == 1:  # y = x @ w.T + b: a k = 1 product
        assert actual[0] == expected[0]
    if out == 1:  # dx = g @ w: a k = 1 product
        assert actual[1] == expected[1]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(), (7,), (64, 33), (3, 4, 5)])
def test_relu_backward_matches_torch_bits(shape, dtype):
    rng = np.random.default_rng(len(shape))
    x = _values(rng, shape, dtype, True)
    for seed in range(3):
        with np.errstate(all="ignore"):
            expected, actual = _both(lambda lib, x: lib.relu(x), x, grad_seed=seed)
        # NOTE: the gradient only: relu(-0.0) is +0.0 here and -0.0 in torch
        assert actual[1] == expected[1]


def test_relu_backward_clears_nan_and_keeps_signed_zero_gradients_as_torch():
    x = np.array([-1.0, 2.0, 0.0, np.nan, -0.0, 3.0], np.float32)
    g = np.array([np.nan, -0.0, 5.0, -2.0, np.inf, np.nan], np.float32)
    grads = []
    for lib in (torch, minigrad):
        t = lib.tensor(x, requires_grad=True)
        lib.relu(t).backward(lib.tensor(g))
        grads.append(_bits(t.grad))
    assert grads[1] == grads[0]


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize(
    "batch", [1, 2, 15, 16, 17, 33, 64, 100, 256, 257, 1000, 4097, 65537]
)
def test_nll_sum_order_matches_torch_bits(batch, reduction):
    """cross_entropy's loss is nll_loss's cascaded sum over the batch."""
    rng = np.random.default_rng(batch)
    x = rng.standard_normal((batch, 3)) * 10.0 ** rng.integers(-3, 4, (batch, 1))
    x = x.astype(np.float32)
    t = rng.integers(0, 3, batch)
    out = []
    for lib in (torch, minigrad):
        inp = lib.tensor(x, requires_grad=True)
        loss = lib.nn.functional.nll_loss(inp, lib.tensor(t), reduction=reduction)
        loss.backward(lib.tensor(0.37))
        out.append((_bits(loss), _bits(inp.grad)))
    assert out[1] == out[0]


@pytest.mark.parametrize("ignore_every", [2, 3, 17])
@pytest.mark.parametrize("batch", [5, 64, 300])
def test_nll_with_ignored_targets_matches_torch(batch, ignore_every):
    rng = np.random.default_rng(batch * ignore_every)
    x = rng.standard_normal((batch, 4)).astype(np.float32)
    t = rng.integers(0, 4, batch)
    t[::ignore_every] = -100
    out = []
    for lib in (torch, minigrad):
        inp = lib.tensor(x, requires_grad=True)
        loss = lib.nn.functional.nll_loss(inp, lib.tensor(t))
        loss.backward()
        out.append((loss.detach().numpy(), inp.grad.numpy()))
    assert _bits(out[1][0]) == _bits(out[0][0])
    # NOTE: values only: an ignored row's gradient holds a -0.0 here (+0.0 in torch)
    np.testing.assert_array_equal(out[1][1], out[0][1])


def test_nll_out_of_bounds_target_message_as_torch():
    x = minigrad.zeros(3, 4)
    with pytest.raises(IndexError, match="Target 7 is out of bounds."):
        minigrad.nn.functional.nll_loss(x, minigrad.tensor([0, 7, -100]))


@pytest.mark.parametrize("dampening", [0.0, 0.5])
def test_sgd_momentum_on_a_large_weight_matches_torch_bits(dampening):
    """Momentum's ``buf.add_(grad, alpha=1 - dampening)`` and the blocked update."""
    rng = np.random.default_rng(3)
    w0 = rng.standard_normal((128, 784)).astype(np.float32) * 0.05
    grads = [rng.standard_normal((128, 784)).astype(np.float32) for _ in range(3)]
    final = []
    for lib in (torch, minigrad):
        w = lib.tensor(w0.copy(), requires_grad=True)
        opt = lib.optim.SGD([w], lr=0.01, momentum=0.9, dampening=dampening)
        for g in grads:
            w.grad = lib.tensor(g)
            opt.step()
        final.append((_bits(w), _bits(opt.state[w]["momentum_buffer"])))
    assert final[1] == final[0]
