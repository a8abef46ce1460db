"""Second and third derivatives through create_graph=True, against torch."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import assert_as_close_as_torch, assert_same, dtype_name


def nth_grads(lib, fn, arrays, order, seed=0):
    """Gradients of orders 1..order of fn(lib, *leaves), each seeded non-uniformly:
    g1 = J^T v, g_k = d/dx sum(g_{k-1} * w_k). Returns one list per order."""
    rng = np.random.default_rng(seed)
    leaves = [lib.tensor(a, requires_grad=True) for a in arrays]
    out = fn(lib, *leaves)
    seed_grad = lib.tensor(_normal(rng, tuple(out.shape), arrays[0].dtype))
    grads = lib.autograd.grad(
        out, leaves, seed_grad, create_graph=True, allow_unused=True
    )
    result = [list(grads)]
    for _ in range(order - 1):
        total = None
        for g, a in zip(grads, arrays, strict=True):
            w = lib.tensor(_normal(rng, a.shape, a.dtype))
            if g is not None and g.requires_grad:
                total = (g * w).sum() if total is None else total + (g * w).sum()
        if total is None:  # every gradient is constant: higher orders vanish
            grads = [None] * len(leaves)
        else:
            grads = lib.autograd.grad(
                total, leaves, create_graph=True, allow_unused=True
            )
        result.append(list(grads))
    return result


def _normal(rng, shape, dtype):
    """float32 values whatever the dtype, so a float64 rerun sees the same numbers."""
    return rng.standard_normal(shape).astype(np.float32).astype(dtype)


def assert_higher_order_parity(fn, *arrays, order=3):
    actual = nth_grads(minigrad, fn, arrays, order)
    expected = nth_grads(torch, fn, arrays, order)
    truth = []  # torch in float64, computed on a float32 mismatch only
    for k, (gs_a, gs_e) in enumerate(zip(actual, expected, strict=True), start=1):
        for i, (a, e) in enumerate(zip(gs_a, gs_e, strict=True)):
            # NOTE: torch returns None or zeros for a vanishing derivative depending
            # on its formula; both mean zero.
            if (a is None) != (e is None):
                zero = torch.zeros(arrays[i].shape, dtype=_torch_dtype(arrays[i]))
                a, e = (zero if t is None else t for t in (a, e))
            try:
                assert_same(a, e, f"order {k} input {i}")
            except AssertionError:
                if arrays[i].dtype != np.float32 or a is None or e is None:
                    raise
                if tuple(a.shape) != tuple(e.shape) or dtype_name(a) != "float32":
                    raise
                if not truth:
                    truth.extend(
                        nth_grads(
                            torch, fn, [x.astype(np.float64) for x in arrays], order
                        )
                    )
                t = truth[k - 1][i]
                t = (
                    torch.zeros(arrays[i].shape, dtype=torch.float64)
                    if t is None
                    else t
                )
                assert_as_close_as_torch(a, e, t, f"order {k} input {i}", "float32")


def _torch_dtype(array):
    return getattr(torch, array.dtype.name)


def F(m):
    return m.nn.functional


UNARY = [
    ("sigmoid", lambda m, x: x.sigmoid(), S.Domain(-6.0, 6.0)),
    ("tanh", lambda m, x: x.tanh(), S.Domain(-3.0, 3.0)),
    ("cube", lambda m, x: x**3, S.BOUNDED),
    ("pow_2_5", lambda m, x: x**2.5, S.POSITIVE),
    ("rpow", lambda m, x: 2**x, S.BOUNDED),
    ("exp", lambda m, x: x.exp(), S.BOUNDED),
    ("log", lambda m, x: x.log(), S.POSITIVE),
    ("sqrt", lambda m, x: x.sqrt(), S.POSITIVE),
    ("reciprocal", lambda m, x: 1 / x, S.POSITIVE),
    ("softplus", lambda m, x: (1 + x.exp()).log(), S.BOUNDED),
    ("sigmoid_of_tanh", lambda m, x: x.tanh().sigmoid() * x, S.BOUNDED),
    ("relu_times_square", lambda m, x: x.relu() * x * x, S.NONZERO),
    ("abs_cubed", lambda m, x: x.abs() ** 3, S.NONZERO),
    ("sum_of_squares", lambda m, x: (x * x).sum(), S.REAL),
    ("mean_exp", lambda m, x: x.exp().mean(), S.BOUNDED),
    ("max_squared", lambda m, x: x.max() ** 2, S.REAL),
    ("getitem_product", lambda m, x: x[0] * x[-1] * x, S.REAL),
    ("clamp_squared", lambda m, x: x.clamp(-1.0, 1.0) ** 2, S.REAL),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,domain", UNARY, ids=[c[0] for c in UNARY])
@given(data=st.data())
def test_unary_higher_order(name, fn, domain, dtype, data):
    unique = name == "max_squared"
    x = data.draw(S.arrays(dtype, (3,), domain, unique=unique))
    assert_higher_order_parity(fn, x)


BINARY = [
    ("product", lambda m, x, y: x * y),
    ("product_of_three", lambda m, x, y: x * y * (x + y)),
    ("quotient", lambda m, x, y: x / (y * y + 1)),
    ("power", lambda m, x, y: (x * x + 1) ** (y * 0.5 + 1 / 32)),  # exponent != 0
    ("matmul", lambda m, x, y: (x @ y.T).sigmoid()),
    ("matmul_cubed", lambda m, x, y: (x @ y.T) ** 3),
    ("mse_like", lambda m, x, y: ((x - y) ** 2).mean()),
    (
        "bce_like",
        lambda m, x, y: (
            -(
                y.sigmoid() * x.sigmoid().log()
                + (1 - y.sigmoid()) * (1 - x.sigmoid()).log()
            ).mean()
        ),
    ),
    ("maximum", lambda m, x, y: m.maximum(x, y) ** 3),
    ("where", lambda m, x, y: m.where(x > y, x * x, y.exp())),
    ("cat_stack", lambda m, x, y: (m.cat([x, y]) ** 2).sum(0) * m.stack([x, y]).sum()),
    ("broadcast", lambda m, x, y: (x.sum(0, keepdim=True) * y).tanh()),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", BINARY, ids=[c[0] for c in BINARY])
@given(data=st.data())
def test_binary_higher_order(name, fn, dtype, data):
    x = data.draw(S.arrays(dtype, (2, 3), elements=S.grid(1, -8, 8)))
    y = data.draw(S.arrays(dtype, (2, 3), elements=S.grid(0, -8, 8)))
    assert_higher_order_parity(fn, x, y)


# The fused nodes (one per call, as torch): their backward formulas must be
# differentiable too.
LOSSES = [
    ("linear", lambda m, x, w, t: F(m).linear(x, w, t[0]).tanh()),
    ("linear_no_bias", lambda m, x, w, t: F(m).linear(x, w) ** 2),
    ("mse_loss", lambda m, x, w, t: F(m).mse_loss(x @ w.T, t)),
    ("mse_loss_sum", lambda m, x, w, t: F(m).mse_loss(x @ w.T, t, reduction="sum")),
    ("mse_loss_none", lambda m, x, w, t: F(m).mse_loss(x @ w.T, t, reduction="none")),
    (
        "bce",
        lambda m, x, w, t: F(m).binary_cross_entropy((x @ w.T).sigmoid(), t.sigmoid()),
    ),
    (
        "bce_with_logits",
        lambda m, x, w, t: F(m).binary_cross_entropy_with_logits(x @ w.T, t.sigmoid()),
    ),
    (
        "f_sigmoid_relu_tanh",
        lambda m, x, w, t: F(m).sigmoid(x) * F(m).relu(x) + F(m).tanh(x),
    ),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", LOSSES, ids=[c[0] for c in LOSSES])
@given(data=st.data())
def test_fused_nodes_higher_order(name, fn, dtype, data):
    x = data.draw(S.arrays(dtype, (4, 3), elements=S.grid(1, -8, 8)))
    w = data.draw(S.arrays(dtype, (2, 3), S.UNIT))
    t = data.draw(S.arrays(dtype, (4, 2), S.UNIT))
    assert_higher_order_parity(fn, x, w, t)


def test_hessian_vector_product_by_hand():
    """The textbook use: H v of f(x) = sum(sigmoid(x) * x**2), from two grads."""

    def hvp(m):
        x = m.tensor([0.5, -1.0, 2.0], dtype=m.float64, requires_grad=True)
        v = m.tensor([1.0, 0.5, -2.0], dtype=m.float64)
        (g,) = m.autograd.grad((x.sigmoid() * x**2).sum(), x, create_graph=True)
        (hv,) = m.autograd.grad((g * v).sum(), x)
        return hv

    assert_same(hvp(minigrad), hvp(torch), "Hv")


def test_grad_of_grad_through_backward_create_graph():
    def run(m):
        x = m.tensor([1.0, 2.0], dtype=m.float64, requires_grad=True)
        (x.exp() * x).sum().backward(create_graph=True)
        g = x.grad
        x.grad = None
        (g * g).sum().backward()
        return x.grad

    assert_same(run(minigrad), run(torch), "grad of grad")
