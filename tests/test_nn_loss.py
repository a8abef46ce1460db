"""Losses against torch: MSELoss, BCELoss, BCEWithLogitsLoss and their functionals."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import LIBS, assert_parity, assert_same, assert_same_error

REDUCTIONS = pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
PROBABILITY = S.Domain(0.03125, 0.96875)  # BCE inputs away from the clamped ends
TARGET = S.Domain(0.0, 1.0)
LOGIT = S.Domain(-20.0, 20.0, extremes=(-100.0, 100.0, 0.0))


@st.composite
def same_shape_arrays(draw, domains, dtype=None, shape=None):
    """One array per domain, all of one (drawn) shape and float dtype."""
    dtype = dtype or draw(st.sampled_from(S.FLOAT_DTYPES))
    # NOTE: at most 16 elements: tests/parity.py's second-order check sums products
    # in float32, whose rounding grows past assert_close's rtol on larger tensors
    shape = draw(S.shapes(max_dims=2)) if shape is None else shape
    return tuple(draw(S.arrays(dtype, shape, d)) for d in domains)


def quietly(fn):
    """fn with warnings silenced (for the size-mismatch warning of mse_loss)."""

    def run(*args):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args)

    return run


# --- MSE --------------------------------------------------------------------------


@REDUCTIONS
@given(arrays=same_shape_arrays((S.REAL, S.REAL)))
def test_mse_loss(reduction, arrays):
    assert_parity(
        lambda lib, x, t: lib.nn.functional.mse_loss(x, t, reduction=reduction), *arrays
    )


@REDUCTIONS
@given(arrays=same_shape_arrays((S.REAL, S.REAL)))
def test_mse_loss_module(reduction, arrays):
    assert_parity(lambda lib, x, t: lib.nn.MSELoss(reduction=reduction)(x, t), *arrays)


@pytest.mark.parametrize(
    "shapes", [((21, 1), (21, 2)), ((3,), (2, 3)), ((2, 1), (1, 3)), ((4, 1), (4,))]
)
@REDUCTIONS
def test_mse_loss_broadcasts_as_torch(shapes, reduction):
    rng = np.random.default_rng(0)
    x, t = (rng.standard_normal(s).astype(np.float32) for s in shapes)
    assert_parity(
        quietly(lambda lib, x, t: lib.nn.MSELoss(reduction=reduction)(x, t)), x, t
    )


def test_mse_loss_size_warning_text():
    messages = {}
    for name, lib in LIBS.items():
        with pytest.warns(UserWarning) as caught:
            lib.nn.functional.mse_loss(lib.zeros(21, 1), lib.zeros(21, 2))
        messages[name] = [str(w.message) for w in caught]
    assert messages["minigrad"] == [
        m.replace("torch.Size", "minigrad.Size") for m in messages["torch"]
    ]
    assert "minigrad.Size([21, 2])" in messages["minigrad"][0]


def test_mse_loss_same_size_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        minigrad.nn.MSELoss()(minigrad.zeros(2, 1), minigrad.ones(2, 1))


@pytest.mark.parametrize("dtypes", [("float32", "float64"), ("float64", "float32")])
def test_mse_loss_mixed_dtypes_promote(dtypes):
    x = np.array([1.0, 2.0, 4.0], dtype=dtypes[0])
    t = np.array([0.5, 2.5, 1.0], dtype=dtypes[1])
    assert_parity(lambda lib, x, t: lib.nn.functional.mse_loss(x, t), x, t)


@REDUCTIONS
def test_mse_loss_weight(reduction):
    rng = np.random.default_rng(2)
    x, t = rng.standard_normal((2, 3, 4))
    w = rng.uniform(0.5, 2.0, (3, 4))

    def fn(lib, x, t):
        weight = lib.tensor(w)
        return lib.nn.functional.mse_loss(x, t, reduction=reduction, weight=weight)

    assert_parity(fn, x, t, graph=False)


# --- BCE --------------------------------------------------------------------------


@REDUCTIONS
@given(arrays=same_shape_arrays((PROBABILITY, TARGET)))
def test_bce(reduction, arrays):
    assert_parity(
        lambda lib, x, t: lib.nn.functional.binary_cross_entropy(
            x, t, reduction=reduction
        ),
        *arrays,
    )


@REDUCTIONS
@given(data=st.data())
def test_bce_module_with_weight(reduction, data):
    x, t = data.draw(same_shape_arrays((PROBABILITY, TARGET)))
    w_shape = data.draw(S.shapes_broadcasting_to(x.shape))  # broadcasts to target
    w = data.draw(S.arrays(x.dtype, w_shape, S.Domain(0.0, 3.0)))

    def fn(lib, x, t):
        return lib.nn.BCELoss(weight=lib.tensor(w), reduction=reduction)(x, t)

    assert_parity(fn, x, t)


@REDUCTIONS
@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
def test_bce_at_exactly_zero_and_one(reduction, dtype):
    # NOTE: matches torch: each log is clamped at -100, so the loss stays finite,
    # and the gradient's denominator is clamped at 1e-12
    x = np.array([0.0, 1.0, 0.0, 1.0, 0.5, 1e-30], dtype=dtype)
    t = np.array([0.0, 1.0, 1.0, 0.0, 0.25, 1.0], dtype=dtype)
    assert_parity(
        lambda lib, x, t: lib.nn.functional.binary_cross_entropy(
            x, t, reduction=reduction
        ),
        x,
        t,
        second_order=False,
    )


def test_bce_course_loop_shapes():
    rng = np.random.default_rng(3)
    x = rng.uniform(0.05, 0.95, (5, 1)).astype(np.float32)
    t = (rng.uniform(size=(5, 1)) > 0.5).astype(np.float32)
    assert_parity(lambda lib, x, t: lib.nn.BCELoss()(lib.nn.Sigmoid()(x), t), x, t)


# --- BCE with logits --------------------------------------------------------------


@REDUCTIONS
@given(arrays=same_shape_arrays((LOGIT, TARGET)))
def test_bce_with_logits(reduction, arrays):
    assert_parity(
        lambda lib, x, t: lib.nn.functional.binary_cross_entropy_with_logits(
            x, t, reduction=reduction
        ),
        *arrays,
    )


@REDUCTIONS
@given(data=st.data())
def test_bce_with_logits_weight_and_pos_weight(reduction, data):
    shape = data.draw(S.shapes(min_dims=1, max_dims=2, min_side=1))
    x, t, w, p = data.draw(
        same_shape_arrays(
            (LOGIT, TARGET, S.Domain(0.0, 3.0), S.Domain(0.125, 5.0)), shape=shape
        )
    )
    pos_weight = p.reshape(-1)[: shape[-1]]  # one per class: the last dim
    use_weight = data.draw(st.booleans())

    def fn(lib, x, t):
        loss = lib.nn.BCEWithLogitsLoss(
            weight=lib.tensor(w) if use_weight else None,
            pos_weight=lib.tensor(pos_weight),
            reduction=reduction,
        )
        return loss(x, t)

    assert_parity(fn, x, t)


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
def test_bce_with_logits_is_stable_at_large_logits(dtype):
    x = np.array([-100.0, 100.0, -100.0, 100.0, -1e4, 1e4, 0.0], dtype=dtype)
    t = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.5], dtype=dtype)
    for reduction in ("mean", "none"):
        assert_parity(
            lambda lib, x, t: lib.nn.functional.binary_cross_entropy_with_logits(
                x,
                t,
                reduction=reduction,  # noqa: B023
            ),
            x,
            t,
        )


# --- reduction arguments ----------------------------------------------------------

LOSSES = [
    ("mse", lambda lib, **kw: lib.nn.MSELoss(**kw), (0.3, 0.8)),
    ("bce", lambda lib, **kw: lib.nn.BCELoss(**kw), (0.3, 0.8)),
    ("bce_logits", lambda lib, **kw: lib.nn.BCEWithLogitsLoss(**kw), (-2.0, 0.8)),
]
FUNCTIONALS = [
    ("mse", lambda lib, *a, **kw: lib.nn.functional.mse_loss(*a, **kw)),
    ("bce", lambda lib, *a, **kw: lib.nn.functional.binary_cross_entropy(*a, **kw)),
    (
        "bce_logits",
        lambda lib, *a, **kw: lib.nn.functional.binary_cross_entropy_with_logits(
            *a, **kw
        ),
    ),
]


def _outcome(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn()
        except Exception as e:  # noqa: BLE001
            result = type(e).__name__, str(e)
    return result, [(w.category.__name__, str(w.message)) for w in caught]


@pytest.mark.parametrize(
    "legacy",
    [
        {"size_average": False},
        {"reduce": False},
        {"size_average": True, "reduce": True},
        {"size_average": False, "reduce": True},
        {"size_average": True, "reduce": False, "reduction": "sum"},
        {"reduction": "elementwise_mean"},
    ],
)
@pytest.mark.parametrize(
    "make", [m for _, m, _ in LOSSES], ids=[n for n, _, _ in LOSSES]
)
def test_legacy_reduction_arguments(make, legacy):
    results = {}
    for name, lib in LIBS.items():
        x = lib.tensor([[0.2, 0.9], [0.5, 0.1]])
        t = lib.tensor([[0.0, 1.0], [1.0, 0.0]])
        module = _outcome(lambda: make(lib, **legacy))[0]  # noqa: B023
        (loss, caught) = _outcome(lambda: make(lib, **legacy)(x, t))  # noqa: B023
        results[name] = (loss, caught, module.reduction)
    (mg_loss, *mg_rest), (tc_loss, *tc_rest) = results["minigrad"], results["torch"]
    assert mg_rest == tc_rest
    assert_same(mg_loss, tc_loss, "loss")


@pytest.mark.parametrize("name,make,values", LOSSES, ids=[n for n, _, _ in LOSSES])
def test_invalid_reduction(name, make, values):
    # the module accepts any string; the call raises
    assert_same_error(
        lambda lib: make(lib, reduction="avg")(lib.tensor(values), lib.tensor(values)),
        "avg is not a valid value for reduction",
    )


@pytest.mark.parametrize(
    "fn", [f for _, f in FUNCTIONALS], ids=[n for n, _ in FUNCTIONALS]
)
def test_invalid_reduction_functional(fn):
    assert_same_error(
        lambda lib: fn(lib, lib.tensor([0.5]), lib.tensor([1.0]), reduction="bad"),
        "bad is not a valid value for reduction",
    )


def test_loss_weights_are_buffers():
    for lib in LIBS.values():
        w, p = lib.tensor([1.0, 2.0]), lib.tensor([3.0, 1.0])
        bce = lib.nn.BCELoss(weight=w)
        logits = lib.nn.BCEWithLogitsLoss(weight=w, pos_weight=p)
        assert bce.weight is w and logits.pos_weight is p
        assert list(bce.state_dict()) == ["weight"]
        assert list(logits.state_dict()) == ["weight", "pos_weight"]
        assert list(lib.nn.BCEWithLogitsLoss().state_dict()) == []
        assert list(lib.nn.MSELoss().parameters()) == []
        assert lib.nn.BCELoss().weight is None


# --- bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad,words",
    [
        (
            lambda lib, t: lib.nn.functional.mse_loss(
                t([1.0, 2.0]), t([1.0, 2.0, 3.0])
            ),
            ["must match the size"],
        ),
        (lambda lib, t: lib.nn.functional.mse_loss(t([1.0, 2.0]), 1.0), ["size"]),
        (lambda lib, t: lib.nn.functional.mse_loss([1.0], t([1.0])), ["size"]),
        (
            lambda lib, t: lib.nn.functional.mse_loss(
                t([1.0]), t([1.0]), weight=t([1.0, 2.0])
            ),
            ["Weights and input"],
        ),
        (
            lambda lib, t: lib.nn.BCELoss()(t([0.5]), t([1.0, 1.0])),
            ["target size", "different to the input size", "Size([2])"],
        ),
        (lambda lib, t: lib.nn.BCELoss()(t([1.5]), t([1.0])), ["input", "between 0"]),
        (lambda lib, t: lib.nn.BCELoss()(t([-0.5]), t([1.0])), ["input", "between 0"]),
        (lambda lib, t: lib.nn.BCELoss()(t([float("nan")]), t([1.0])), ["input"]),
        (
            lambda lib, t: lib.nn.BCELoss(reduction="none")(t([1.5]), t([1.0])),
            ["input", "between 0 and 1"],
        ),
        (lambda lib, t: lib.nn.BCELoss()(t([0.5]), t([2.0])), ["target", "between 0"]),
        (lambda lib, t: lib.nn.BCELoss()(t([0.5]), t([float("nan")])), ["target"]),
        (lambda lib, t: lib.nn.BCELoss()(t([1]), t([1])), ["not implemented", "Long"]),
        (lambda lib, t: lib.nn.BCELoss()(t([0.5]), t([1])), ["dtype", "Long"]),
        (
            lambda lib, t: lib.nn.BCELoss()(t([0.5]), t([1.0], dtype=lib.float64)),
            ["Found dtype Double but expected Float"],
        ),
        (
            lambda lib, t: lib.nn.BCELoss()(t([2.0]), t([2.0], dtype=lib.float64)),
            ["Found dtype Double"],
        ),
        (
            lambda lib, t: lib.nn.BCELoss(weight=t([1.0, 2.0, 3.0]))(
                t([[0.5, 0.2]]), t([[1.0, 0.0]])
            ),
            ["3"],
        ),
        (
            lambda lib, t: lib.nn.BCELoss(weight=t([[1.0, 2.0], [3.0, 4.0]]))(
                t([[0.5, 0.2]]), t([[1.0, 0.0]])
            ),
            ["broadcast shape"],
        ),
        (lambda lib, t: lib.nn.BCELoss()(t([0.5]), 1.0), ["size"]),
        (
            lambda lib, t: lib.nn.BCEWithLogitsLoss()(t([0.5]), t([1.0, 1.0])),
            ["Target size", "must be the same as input size"],
        ),
        (lambda lib, t: lib.nn.BCEWithLogitsLoss()(t([1]), t([1.0])), ["Long"]),
        (
            lambda lib, t: lib.nn.BCEWithLogitsLoss()(t([0.5]), t([1])),
            ["can't be cast", "Long"],
        ),
        (
            lambda lib, t: lib.nn.BCEWithLogitsLoss(pos_weight=t([2.0, 3.0, 4.0]))(
                t([[0.5, 0.2]]), t([[1.0, 0.0]])
            ),
            ["size"],
        ),
        (
            lambda lib, t: lib.nn.BCEWithLogitsLoss(weight=t([2.0, 3.0, 4.0]))(
                t([[0.5, 0.2]]), t([[1.0, 0.0]])
            ),
            ["size"],
        ),
        (lambda lib, t: lib.nn.BCEWithLogitsLoss()([0.5], t([1.0])), ["size"]),
        (lambda lib, t: lib.nn.MSELoss()(t([1, 2]), t([1, 2])), ["not implemented"]),
        (lambda lib, t: lib.nn.BCELoss(weight=[1.0]), ["buffer"]),
        (
            lambda lib, t: lib.nn.BCELoss(weight=t([1.0], requires_grad=True))(
                t([0.5]), t([1.0])
            ),
            ["not differentiable", "'weight'"],
        ),
        (
            lambda lib, t: lib.nn.BCEWithLogitsLoss(
                pos_weight=t([1.0], requires_grad=True)
            )(t([0.5]), t([1.0])),
            ["not differentiable", "'pos_weight'"],
        ),
        (
            lambda lib, t: lib.nn.BCEWithLogitsLoss(
                pos_weight=t([[1.0, 2.0], [3.0, 4.0]])
            )(t([[0.5, 0.2]]), t([[1.0, 0.0]])),
            ["broadcast shape"],
        ),
        (lambda lib, t: lib.nn.MSELoss()(t([True]), t([True])), ["not implemented"]),
        (lambda lib, t: lib.nn.MSELoss(3, 4, 5, 6), []),
    ],
)
@pytest.mark.filterwarnings("ignore:Using a target size")
def test_bad_input_raises_as_torch(bad, words):
    assert_same_error(lambda lib: bad(lib, lib.tensor), *words)


def test_bce_range_is_checked_before_the_loss_is_computed():
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        x, t = minigrad.tensor([-0.0, 1.5]), minigrad.tensor([0.0, 1.0])
        with pytest.raises(RuntimeError, match="between 0 and 1"):
            minigrad.nn.BCELoss()(x, t)
    # -0.0 is inside [0, 1] (the fast bit-pattern check must not reject it)
    probabilities = minigrad.tensor([-0.0, 1.0])
    assert minigrad.nn.BCELoss()(probabilities, probabilities).item() == 0.0
