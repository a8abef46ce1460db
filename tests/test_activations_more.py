"""The activations beyond ReLU/ELU against torch: values, gradients (1st and 2nd order), graphs, in-place forms, kinks, errors and module reprs."""

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as S
from tests.parity import assert_parity, assert_same_error
from tests.scenarios import leaf, name_of, run_both, upstream

FLOATS = pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)


def _f(m):
    return m.nn.functional


ACTIVATIONS = [
    ("gelu", lambda m, x: _f(m).gelu(x)),
    ("gelu_tanh", lambda m, x: _f(m).gelu(x, approximate="tanh")),
    ("silu", lambda m, x: _f(m).silu(x)),
    ("silu_inplace", lambda m, x: _f(m).silu(x * 1, inplace=True)),
    ("mish", lambda m, x: _f(m).mish(x)),
    ("mish_inplace", lambda m, x: _f(m).mish(x * 1, True)),
    ("relu6", lambda m, x: _f(m).relu6(x)),
    ("relu6_inplace", lambda m, x: _f(m).relu6(x * 1, inplace=True)),
    ("hardtanh", lambda m, x: _f(m).hardtanh(x)),
    ("hardtanh_bounds", lambda m, x: _f(m).hardtanh(x, -2.5, 0.75)),
    ("hardtanh_", lambda m, x: _f(m).hardtanh_(x * 1, -0.5, 2.0)),
    ("softsign", lambda m, x: _f(m).softsign(x)),
    ("logsigmoid", lambda m, x: _f(m).logsigmoid(x)),
    ("selu", lambda m, x: _f(m).selu(x)),
    ("selu_inplace", lambda m, x: _f(m).selu(x * 1, inplace=True)),
    ("celu", lambda m, x: _f(m).celu(x)),
    ("celu_alpha", lambda m, x: _f(m).celu(x, 0.7)),
    ("celu_inplace", lambda m, x: _f(m).celu(x * 1, 2.5, inplace=True)),
    ("hardswish", lambda m, x: _f(m).hardswish(x)),
    ("hardswish_inplace", lambda m, x: _f(m).hardswish(x * 1, inplace=True)),
    ("hardsigmoid", lambda m, x: _f(m).hardsigmoid(x)),
    ("hardsigmoid_inplace", lambda m, x: _f(m).hardsigmoid(x * 1, True)),
    ("threshold", lambda m, x: _f(m).threshold(x, 0.4, -2.0)),
    ("threshold_up", lambda m, x: _f(m).threshold(x, 0.4, 20.0)),
    ("threshold_inplace", lambda m, x: _f(m).threshold(x * 1, 0.4, 20.0, True)),
    ("threshold_", lambda m, x: _f(m).threshold_(x * 1, -1.2, 3.0)),
    ("tanhshrink", lambda m, x: _f(m).tanhshrink(x)),
    ("softshrink", lambda m, x: _f(m).softshrink(x)),
    ("softshrink_lambd", lambda m, x: _f(m).softshrink(x, 1.2)),
    ("hardshrink", lambda m, x: _f(m).hardshrink(x)),
    ("hardshrink_lambd", lambda m, x: _f(m).hardshrink(x, 1.2)),
    ("hardshrink_negative", lambda m, x: _f(m).hardshrink(x, -0.5)),
]
IDS = [c[0] for c in ACTIVATIONS]
# NOTE: torch has no double backward for hardsigmoid (test_hardsigmoid_double_backward)
FIRST_ORDER_ONLY = {"hardsigmoid", "hardsigmoid_inplace"}

# the kinks: 0, +-3 (hard*), +-0.5, +-1.2 (shrinks), 0.4, -1.2 (thresholds), bounds
KINKS = (0.0, 3.0, -3.0, 0.5, -0.5, 1.2, -1.2, 0.4, 1.0, -1.0, 6.0, -2.5, 0.75, 2.0)


@FLOATS
@pytest.mark.parametrize("name,fn", ACTIVATIONS, ids=IDS)
@given(data=st.data())
def test_activation(name, fn, dtype, data):
    domain = S.Domain(-12.0, 12.0, avoid=KINKS, gap=1e-2, extremes=(-1e4, 1e4))
    x = data.draw(S.arrays(dtype, S.shapes(), domain))
    assert_parity(fn, x, second_order=name not in FIRST_ORDER_ONLY)


@FLOATS
@pytest.mark.parametrize("name,fn", ACTIVATIONS, ids=IDS)
def test_activation_at_kinks(name, fn, dtype):
    """At each kink the libraries pick the same side; inf, large and tiny values."""
    x = np.array([*KINKS, *(-k for k in KINKS), 20.0, -20.0, 90.0, -90.0], dtype)
    x = np.concatenate([x, np.array([1e-30, -1e-30, 800.0, -800.0], dtype)])
    assert_parity(fn, x, second_order=name not in FIRST_ORDER_ONLY)


@FLOATS
@pytest.mark.parametrize("name,fn", ACTIVATIONS, ids=IDS)
def test_activation_special_values(name, fn, dtype):
    x = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0], dtype)
    # NOTE: softsign is torch's composition: minigrad's division warns at inf / inf
    assert_parity(fn, x, grad=False, strict=name != "softsign")


# --- PReLU and GLU: a weight per channel, halves along a dim --------------------


@FLOATS
@given(data=st.data())
def test_prelu_one_weight(dtype, data):
    shape = S.shapes(min_dims=1)
    x = data.draw(S.arrays(dtype, shape, S.Domain(-5.0, 5.0, avoid=(0.0,))))
    w = np.array([data.draw(st.floats(-2, 2))], dtype)
    assert_parity(lambda m, x, w: _f(m).prelu(x, w), x, w)


@FLOATS
@given(data=st.data())
def test_prelu_per_channel(dtype, data):
    shape = data.draw(S.shapes(min_dims=2, min_side=1))
    x = data.draw(S.arrays(dtype, st.just(shape), S.Domain(-5.0, 5.0, avoid=(0.0,))))
    w = data.draw(S.arrays(dtype, st.just((shape[1],)), S.Domain(-2.0, 2.0)))
    assert_parity(lambda m, x, w: _f(m).prelu(x, w), x, w)


@FLOATS
def test_prelu_at_zero_and_1d(dtype):
    x = np.array([0.0, -0.0, 1.0, -2.0], dtype)
    assert_parity(lambda m, x, w: _f(m).prelu(x, w), x, np.array([0.3], dtype))
    assert_parity(lambda m, x, w: _f(m).prelu(x, w), x, np.array(0.3, dtype))


@FLOATS
@given(data=st.data())
def test_glu(dtype, data):
    shape = data.draw(S.shapes(min_dims=1, min_side=1))
    shape = tuple(2 * s for s in shape)
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    x = data.draw(S.arrays(dtype, st.just(shape), S.Domain(-8.0, 8.0)))
    assert_parity(lambda m, x: _f(m).glu(x, dim), x)


@FLOATS
@given(data=st.data())
def test_softmin(dtype, data):
    shape, dim = data.draw(S.shape_and_dim())
    x = data.draw(S.arrays(dtype, st.just(shape), S.Domain(-8.0, 8.0)))
    assert_parity(lambda m, x: _f(m).softmin(x, dim), x)


def test_softmin_implicit_dim_warns_and_dtype():
    x = upstream((2, 3, 4))

    def scenario(m, out):
        with pytest.warns(UserWarning, match="Implicit dimension choice for softmin"):
            out.append(_f(m).softmin(m.tensor(x)))
        out.append(_f(m).softmin(m.tensor(x), 1, dtype=m.float64))

    run_both(scenario)


# --- integer inputs, which some of them take -------------------------------------


@pytest.mark.parametrize(
    "fn",
    [
        lambda m, x: _f(m).relu6(x),
        lambda m, x: _f(m).hardtanh(x, -2, 3),
        lambda m, x: _f(m).threshold(x, 1, 10),
        lambda m, x: _f(m).softsign(x),
        lambda m, x: _f(m).tanhshrink(x),
    ],
    ids=["relu6", "hardtanh", "threshold", "softsign", "tanhshrink"],
)
def test_integer_inputs(fn):
    assert_parity(fn, np.arange(-5, 9, dtype=np.int64))


# --- modules: constructor arguments, reprs, parameters ------------------------------

MODULES = [
    ("GELU", ()),
    ("GELU", ("tanh",)),
    ("SiLU", ()),
    ("SiLU", (True,)),
    ("Mish", (True,)),
    ("ReLU6", ()),
    ("ReLU6", (True,)),
    ("Hardtanh", ()),
    ("Hardtanh", (-2, 3, True)),
    ("Softsign", ()),
    ("LogSigmoid", ()),
    ("SELU", ()),
    ("SELU", (True,)),
    ("CELU", ()),
    ("CELU", (2.0, True)),
    ("Hardswish", (True,)),
    ("Hardsigmoid", ()),
    ("Threshold", (0.1, 20)),
    ("Threshold", (0.1, 20.0, True)),
    ("GLU", ()),
    ("GLU", (0,)),
    ("Softmin", (1,)),
    ("Tanhshrink", ()),
    ("Softshrink", ()),
    ("Softshrink", (1,)),
    ("Hardshrink", (0.3,)),
    ("PReLU", ()),
    ("PReLU", (4, 0.1)),
]


@pytest.mark.parametrize("cls,args", MODULES, ids=[f"{c}{a}" for c, a in MODULES])
def test_module(cls, args):
    x = upstream((3, 4, 2), seed=3)
    g = upstream((3, 4, 1) if cls == "GLU" and not args else (3, 4, 2), seed=5)
    if cls == "GLU" and args:
        g = upstream((1, 4, 2), seed=5)
        x = upstream((2, 4, 2), seed=3)

    def scenario(m, out):
        layer = getattr(m.nn, cls)(*args)
        out.append(repr(layer))
        out.append(sorted(k for k, _ in layer.named_parameters()))
        for _, p in layer.named_parameters():
            out.append(p)
        xt = m.tensor(x, requires_grad=True)
        y = layer(xt * 1)
        out.append(y)
        out.append(name_of(y))
        y.backward(m.tensor(g))
        out.append(xt.grad)
        for _, p in layer.named_parameters():
            out.append(p.grad)

    run_both(scenario)


def test_hardtanh_deprecated_keywords():
    def scenario(m, out):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            layer = m.nn.Hardtanh(min_value=-3.0, max_value=2.0)
        out.extend(f"{w.category.__name__}: {w.message}" for w in caught)
        out.append(repr(layer))

    run_both(scenario)


# --- errors ---------------------------------------------------------------------------

ERRORS = [
    ("gelu_int", lambda m: _f(m).gelu(m.arange(3)), "not implemented"),
    (
        "gelu_approximate",
        lambda m: _f(m).gelu(m.ones(2), approximate="x"),
        "none or tanh",
    ),
    ("gelu_not_tensor", lambda m: _f(m).gelu(1.0), "must be Tensor"),
    ("silu_int", lambda m: _f(m).silu(m.arange(3)), "silu_cpu"),
    ("mish_int", lambda m: _f(m).mish(m.arange(3)), "mish_cpu"),
    ("mish_not_tensor", lambda m: _f(m).mish(1.0), "must be Tensor"),
    ("hardtanh_bounds", lambda m: _f(m).hardtanh(m.ones(2), 2.0, 1.0), "min_val"),
    ("Hardtanh_bounds", lambda m: m.nn.Hardtanh(2, 1), "must be greater than"),
    ("hardtanh_not_tensor", lambda m: _f(m).hardtanh(1.0), "must be Tensor"),
    ("softsign_not_tensor", lambda m: _f(m).softsign(1.0), "has no attribute"),
    ("logsigmoid_int", lambda m: _f(m).logsigmoid(m.arange(3)), "log_sigmoid_cpu"),
    ("logsigmoid_not_tensor", lambda m: _f(m).logsigmoid(2), "log_sigmoid()"),
    ("selu_int", lambda m: _f(m).selu(m.arange(3)), "elu_cpu"),
    ("celu_int", lambda m: _f(m).celu(m.arange(3)), "elu_cpu"),
    ("celu_zero_alpha", lambda m: _f(m).celu(m.ones(2), 0.0), "alpha cannot be 0"),
    ("hardswish_int", lambda m: _f(m).hardswish(m.arange(3)), "hardswish_cpu"),
    ("hardsigmoid_int", lambda m: _f(m).hardsigmoid(m.arange(3)), "hardsigmoid_cpu"),
    ("threshold_not_tensor", lambda m: _f(m).threshold(1.0, 0, 1), "must be Tensor"),
    ("glu_odd", lambda m: _f(m).glu(m.ones(2, 3)), "dimension 1 is size 3"),
    ("glu_odd_dim0", lambda m: _f(m).glu(m.ones(3, 2), 0), "dimension 0 is size 3"),
    ("glu_scalar", lambda m: _f(m).glu(m.tensor(1.0)), "does not support scalars"),
    ("glu_dim", lambda m: _f(m).glu(m.ones(2, 2), 5), "out of range"),
    ("glu_int", lambda m: _f(m).glu(m.arange(4)), "glu_cpu"),
    ("glu_not_tensor", lambda m: _f(m).glu(1.0), "has no attribute"),
    ("softmin_int", lambda m: _f(m).softmin(m.arange(4), 0), "not implemented"),
    ("softshrink_negative", lambda m: _f(m).softshrink(m.ones(2), -1.0), "found -1"),
    (
        "softshrink_negative_double",
        lambda m: _f(m).softshrink(m.ones(2, dtype=m.float64), -0.25),
        "[0, 1.79769e+308] for input dtype Double, but found -0.25",
    ),
    ("softshrink_int", lambda m: _f(m).softshrink(m.arange(2)), "softshrink_check"),
    ("hardshrink_int", lambda m: _f(m).hardshrink(m.arange(2)), "hardshrink_cpu"),
    (
        "prelu_mismatch",
        lambda m: _f(m).prelu(m.ones(2, 3), m.ones(2)),
        "= 2 and channel size = 3",
    ),
    ("prelu_1d", lambda m: _f(m).prelu(m.ones(3), m.ones(3)), "channel size = 1"),
    ("prelu_weight_2d", lambda m: _f(m).prelu(m.ones(2, 3), m.ones(3, 1)), "ndim = 2"),
    ("prelu_scalar", lambda m: _f(m).prelu(m.tensor(2.0), m.ones(3)), "zero-dim"),
    (
        "prelu_dtypes",
        lambda m: _f(m).prelu(m.ones(2), m.ones(1, dtype=m.float64)),
        "Got Float and Double",
    ),
    ("prelu_int", lambda m: _f(m).prelu(m.arange(3), m.ones(1)), "Got Long and Float"),
    ("prelu_not_tensor", lambda m: _f(m).prelu(1.0, m.ones(1)), "must be Tensor"),
    (
        "silu_leaf_inplace",
        lambda m: _f(m).silu(m.ones(2, requires_grad=True), True),
        "leaf Variable",
    ),
]


@pytest.mark.parametrize("name,fn,words", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(name, fn, words):
    assert_same_error(lambda m: fn(m), words)


def test_inplace_keeps_the_input_object_and_version():
    x = upstream((5,))

    def scenario(m, out):
        a = leaf(m, x)
        b = a * 2
        for f in ("silu", "mish", "hardswish", "hardsigmoid", "relu6", "selu"):
            c = getattr(_f(m), f)(b, inplace=True)
            out.append(c is b)
        out.append(b._version)
        out.append(name_of(b))
        b.backward(m.tensor(upstream((5,), seed=2)))
        out.append(a.grad)

    run_both(scenario)


def test_hardsigmoid_double_backward():
    def fn(m, x):
        g = m.autograd.grad(_f(m).hardsigmoid(x), x, m.ones(2), create_graph=True)[0]
        g.sum().backward()

    assert_same_error(
        lambda m, x: fn(m, x.requires_grad_()),
        "derivative for aten::hardsigmoid_backward is not implemented",
        arrays=[np.array([1.0, -5.0])],
    )


def test_torch_reference_names():
    """The node names this file relies on are torch's (a guard on the test itself)."""
    x = torch.ones(2, requires_grad=True)
    assert type(torch.nn.functional.selu(x).grad_fn).__name__ == "EluBackward0"
