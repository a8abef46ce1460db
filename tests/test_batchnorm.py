"""Batch norm against torch: values, gradients, running statistics, state, errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad
from minigrad._exact.batchnorm import torch_threads
from tests.parity import (
    LIBS,
    assert_parity,
    assert_same,
    assert_same_error,
    node_name,
    to_numpy,
)

DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64])
SHAPES = pytest.mark.parametrize("shape", [(5, 3), (2, 3), (4, 3, 6), (2, 3, 4, 5)])


def data(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    x = (rng.standard_normal(shape) * 2 + 0.5).astype(dtype)
    w = rng.uniform(0.5, 1.5, shape[1]).astype(dtype)
    b = rng.standard_normal(shape[1]).astype(dtype)
    rm = rng.standard_normal(shape[1]).astype(dtype)
    rv = rng.uniform(0.5, 2, shape[1]).astype(dtype)
    return x, w, b, rm, rv


# --- F.batch_norm --------------------------------------------------------------


@DTYPES
@SHAPES
@pytest.mark.parametrize("training", [True, False])
def test_functional_values_and_gradients(shape, dtype, training):
    x, w, b, rm, rv = data(shape, dtype)

    def bn(L, x, w, b):
        return L.nn.functional.batch_norm(
            x,
            L.tensor(rm, dtype=x.dtype),
            L.tensor(rv, dtype=x.dtype),
            w,
            b,
            training,
            0.1,
            1e-5,
        )

    # values, non-uniform upstream grads, double backward (values), node names
    assert_parity(bn, x, w, b, graph="root")


@DTYPES
@pytest.mark.parametrize("training", [True, False])
def test_functional_without_affine_or_stats(dtype, training):
    x, _, _, rm, rv = data((6, 4, 3), dtype, 1)

    def bn(L, x):
        stats = (
            (None, None)
            if training
            else (L.tensor(rm, dtype=x.dtype), L.tensor(rv, dtype=x.dtype))
        )
        return L.nn.functional.batch_norm(x, *stats, training=training, eps=1e-3)

    assert_parity(bn, x)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(2, 5),
    c=st.integers(1, 4),
    rest=st.lists(st.integers(1, 4), max_size=2),
    training=st.booleans(),
)
def test_functional_any_shape(n, c, rest, training):
    x, w, b, rm, rv = data((n, c, *rest), np.float64, n * 7 + c)

    def bn(L, x, w, b):
        return L.nn.functional.batch_norm(
            x,
            L.tensor(rm, dtype=x.dtype),
            L.tensor(rv, dtype=x.dtype),
            w,
            b,
            training,
            0.3,
        )

    assert_parity(bn, x, w, b, second_order=False)


@DTYPES
def test_functional_updates_running_stats_in_place(dtype):
    x, w, b, rm, rv = data((7, 3, 2), dtype, 2)
    out = {}
    for name, lib in LIBS.items():
        m, v = lib.tensor(rm), lib.tensor(rv)
        for momentum in (0.1, 0.5, 1.0, 0.0):
            lib.nn.functional.batch_norm(
                lib.tensor(x), m, v, None, None, True, momentum
            )
        out[name] = (m, v)
    assert_same(out["minigrad"][0], out["torch"][0], "running_mean")
    assert_same(out["minigrad"][1], out["torch"][1], "running_var (unbiased)")


@pytest.mark.parametrize(
    "call",
    [
        lambda L: L.nn.functional.batch_norm(L.randn(1, 3), None, None, training=True),
        lambda L: L.nn.functional.batch_norm(
            L.randn(1, 3, 1), None, None, training=True
        ),
        lambda L: L.nn.functional.batch_norm(
            L.randn(2, 3), L.zeros(4), L.ones(4), training=True
        ),
        lambda L: L.nn.functional.batch_norm(
            L.randn(2, 3), L.zeros(3), L.ones(3), weight=L.ones(4)
        ),
        lambda L: L.nn.functional.batch_norm(
            L.randn(2, 3), L.zeros(3), L.ones(3), training=True, eps=0
        ),
        lambda L: L.nn.functional.batch_norm(
            L.randn(2, 3), L.zeros(3), L.ones(3), eps=-1
        ),
        lambda L: L.nn.functional.batch_norm(L.randn(2, 3), None, None),
        lambda L: L.nn.functional.batch_norm(
            L.randn(2, 3, dtype=L.float64), L.zeros(3), L.ones(3), training=True
        ),
        lambda L: L.nn.functional.batch_norm(
            L.randn(2, 3), L.zeros(3, dtype=L.float64), L.ones(3), training=True
        ),
        lambda L: L.nn.functional.batch_norm(
            L.randn(2, 3), L.zeros(3, requires_grad=True), L.ones(3)
        ),
    ],
)
def test_functional_errors_as_torch(call):
    assert_same_error(call)


def test_batch_of_one_message():
    assert_same_error(
        lambda L: L.nn.BatchNorm1d(3)(L.randn(1, 3)),
        "Expected more than 1 value per channel when training, got input size",
        "[1, 3]",
    )


# --- the modules -----------------------------------------------------------------


def _pair(cls_name, *args, **kwargs):
    return {
        name: getattr(lib.nn, cls_name)(*args, **kwargs) for name, lib in LIBS.items()
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"momentum": None},
        {"momentum": 0.5, "eps": 1e-3},
        {"affine": False},
        {"bias": False},
        {"track_running_stats": False},
    ],
)
def test_repr_and_state_dict(kwargs):
    mods = _pair("BatchNorm1d", 4, **kwargs)
    assert repr(mods["minigrad"]) == repr(mods["torch"])
    sd_m, sd_t = mods["minigrad"].state_dict(), mods["torch"].state_dict()
    assert list(sd_m) == list(sd_t)
    for k in sd_t:
        assert_same(sd_m[k], sd_t[k], k)
    names_m = [n for n, _ in mods["minigrad"].named_parameters()]
    assert names_m == [n for n, _ in mods["torch"].named_parameters()]
    assert repr(minigrad.nn.BatchNorm2d(16)) == repr(torch.nn.BatchNorm2d(16))


@DTYPES
@pytest.mark.parametrize(
    "cls_name, shape",
    [
        ("BatchNorm1d", (8, 4)),
        ("BatchNorm1d", (5, 4, 3)),
        ("BatchNorm2d", (3, 4, 2, 3)),
    ],
)
@pytest.mark.parametrize("momentum", [0.1, None])
@pytest.mark.parametrize("track", [True, False])
def test_training_steps_then_eval(cls_name, shape, dtype, momentum, track):
    """Several training batches (running stats, num_batches_tracked), then eval,
    with the gradients of the input and the parameters each time."""
    mods = {
        name: getattr(lib.nn, cls_name)(
            4,
            momentum=momentum,
            track_running_stats=track,
            dtype=getattr(lib, np.dtype(dtype).name),
        )
        for name, lib in LIBS.items()
    }
    rng = np.random.default_rng(5)
    for step in range(5):
        if step == 4:
            for m in mods.values():
                m.eval()
        x = (rng.standard_normal(shape) * 3 + step).astype(dtype)
        g = rng.standard_normal(shape).astype(dtype)
        res = {}
        for name, lib in LIBS.items():
            m = mods[name]
            m.zero_grad()
            t = lib.tensor(x, requires_grad=True)
            y = m(t)
            y.backward(lib.tensor(g))
            res[name] = (y, t.grad, m.weight.grad, m.bias.grad, node_name(y.grad_fn))
        for label, a, e in zip(
            ["y", "dx", "dw", "db"], res["minigrad"], res["torch"], strict=False
        ):
            assert_same(a, e, f"step {step} {label}")
        assert res["minigrad"][4] == res["torch"][4] == "NativeBatchNormBackward0"
        sd_m, sd_t = mods["minigrad"].state_dict(), mods["torch"].state_dict()
        assert list(sd_m) == list(sd_t)
        for k in sd_t:
            assert_same(sd_m[k], sd_t[k], f"step {step} {k}")


def test_eval_mode_takes_a_batch_of_one():
    mods = _pair("BatchNorm1d", 3)
    x = np.random.default_rng(6).standard_normal((4, 3)).astype(np.float32)
    x1 = x[:1]
    outs = {}
    for name, lib in LIBS.items():
        mods[name](lib.tensor(x))
        mods[name].eval()
        outs[name] = mods[name](lib.tensor(x1))
    assert_same(outs["minigrad"], outs["torch"], "eval, batch of 1")


@pytest.mark.parametrize(
    "call",
    [
        lambda L: L.nn.BatchNorm1d(3)(L.randn(2, 3, 4, 5)),
        lambda L: L.nn.BatchNorm1d(3)(L.randn(3)),
        lambda L: L.nn.BatchNorm2d(3)(L.randn(2, 3, 4)),
        lambda L: L.nn.BatchNorm1d(3)(L.randn(2, 4)),
        lambda L: L.nn.BatchNorm1d(3).eval()(L.randn(2, 4)),
    ],
)
def test_module_errors_as_torch(call):
    assert_same_error(call)


def test_wrong_dims_message():
    assert_same_error(
        lambda L: L.nn.BatchNorm1d(3)(L.randn(2, 3, 4, 5)),
        "expected 2D or 3D input (got 4D input)",
    )


def test_num_batches_tracked_is_int64_and_counts():
    m = minigrad.nn.BatchNorm1d(2)
    for _ in range(3):
        m(minigrad.randn(4, 2))
    assert m.num_batches_tracked.dtype == minigrad.int64
    assert m.num_batches_tracked.item() == 3
    m.eval()
    m(minigrad.randn(4, 2))
    assert m.num_batches_tracked.item() == 3
    m.reset_running_stats()
    assert m.num_batches_tracked.item() == 0


def test_state_dict_round_trip_between_libraries():
    src = torch.nn.BatchNorm1d(3)
    for _ in range(2):
        src(torch.randn(5, 3))
    dst = minigrad.nn.BatchNorm1d(3)
    dst.load_state_dict(
        {k: minigrad.tensor(v.numpy()) for k, v in src.state_dict().items()}
    )
    for k, v in src.state_dict().items():
        assert_same(dst.state_dict()[k], v, k)


# --- bit for bit: torch's CPU kernel, roundings and thread split included ---------

SAME_THREADS = pytest.mark.skipif(
    torch.get_num_threads() != torch_threads(),
    reason="2-D batch statistics depend on torch's thread count (docs/torch_rng.md)",
)


def bits(a) -> np.ndarray:
    a = np.ascontiguousarray(to_numpy(a))
    return a.view(np.uint32 if a.dtype == np.float32 else np.uint64)


@SAME_THREADS
@DTYPES
@pytest.mark.parametrize(
    "shape",
    [
        (2, 3),
        (5, 3),
        (3, 3),
        (64, 10),
        (100, 16),
        (2, 4, 6),
        (7, 4, 6),
        (5, 3, 20),
        (4, 16, 8, 8),
    ],
)
@pytest.mark.parametrize("training", [True, False])
def test_values_and_gradients_bit_for_bit(shape, dtype, training):
    rng = np.random.default_rng(sum(shape))
    for _ in range(3):
        x, w, b, rm, rv = data(shape, dtype, int(rng.integers(1000)))
        g = rng.standard_normal(shape).astype(dtype)
        res = {}
        for name, lib in LIBS.items():
            leaves = [lib.tensor(a, requires_grad=True) for a in (x, w, b)]
            m, v = lib.tensor(rm), lib.tensor(rv)
            y = lib.nn.functional.batch_norm(*leaves[:1], m, v, *leaves[1:], training)
            y.backward(lib.tensor(g))
            res[name] = [y, m, v] + [t.grad for t in leaves]
        labels = ["y", "running_mean", "running_var", "dx", "dw", "db"]
        for label, a, e in zip(labels, res["minigrad"], res["torch"], strict=True):
            np.testing.assert_array_equal(bits(a), bits(e), err_msg=label)


def test_thread_count_is_torchs_default():
    assert torch_threads() == torch.get_num_threads()


def test_loading_a_state_dict_without_num_batches_tracked():
    out = {}
    for name, lib in LIBS.items():
        m = lib.nn.BatchNorm1d(3)
        for _ in range(2):
            m(lib.randn(4, 3))
        sd = {k: v for k, v in m.state_dict().items() if k != "num_batches_tracked"}
        result = m.load_state_dict(sd)
        strict_meta = lib.nn.BatchNorm1d(3).state_dict()  # version 2: then missing
        del strict_meta["num_batches_tracked"]
        with pytest.raises(RuntimeError) as e:
            lib.nn.BatchNorm1d(3).load_state_dict(strict_meta)
        out[name] = (
            list(result.missing_keys),
            int(m.num_batches_tracked),
            "num_batches_tracked" in str(e.value),
        )
    assert out["minigrad"] == out["torch"]
