"""Multiclass losses against torch: cross_entropy, nll_loss and their modules; one_hot."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import (
    LIBS,
    assert_parity,
    assert_same,
    assert_same_error,
    graph_signature,
)

REDUCTIONS = pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
LOGIT = S.Domain(-20.0, 20.0, extremes=(-1e4, 1e4, 0.0))


@st.composite
def class_problem(draw, min_dims=1, max_dims=4, ignore_index=-100):
    """Logits (C,), (N, C) or (N, C, d1, ...) with class-index targets, some of
    them ignore_index, and a weight per class."""
    dtype = draw(st.sampled_from(S.FLOAT_DTYPES))
    ndim = draw(st.integers(min_dims, max_dims))
    # NOTE: at most 24 elements: the second-order check sums in float32
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=ndim, max_size=ndim)))
    classes = shape[0] if ndim == 1 else shape[1]
    target_shape = () if ndim == 1 else (shape[0], *shape[2:])
    x = draw(S.arrays(dtype, shape, LOGIT))
    t = draw(S.int_arrays(target_shape, low=0, high=classes - 1))
    ignored = draw(S.int_arrays(target_shape, low=0, high=3)) == 0
    t = np.where(ignored, ignore_index, t)
    if ignored.all():  # all ignored: tests of their own (test_ignored_targets)
        t.reshape(-1)[0] = 0
    w = draw(S.arrays(dtype, (classes,), S.Domain(0.25, 3.0)))
    return x, t, w


@REDUCTIONS
@pytest.mark.parametrize("use_weight", [False, True])
@pytest.mark.parametrize("label_smoothing", [0.0, 0.25, 1.0])
@given(problem=class_problem())
def test_cross_entropy_class_indices(reduction, use_weight, label_smoothing, problem):
    x, t, w = problem

    def fn(lib, x):
        weight = lib.tensor(w).to(x.dtype) if use_weight else None
        return lib.nn.functional.cross_entropy(
            x,
            lib.tensor(t),
            weight=weight,
            reduction=reduction,
            label_smoothing=label_smoothing,
        )

    assert_parity(fn, x)


@REDUCTIONS
@pytest.mark.parametrize("use_weight", [False, True])
@given(problem=class_problem(ignore_index=1))
def test_cross_entropy_module_with_ignore_index(reduction, use_weight, problem):
    x, t, w = problem

    def fn(lib, x):
        loss = lib.nn.CrossEntropyLoss(
            weight=lib.tensor(w).to(x.dtype) if use_weight else None,
            ignore_index=1,
            reduction=reduction,
        )
        return loss(x, lib.tensor(t))

    assert_parity(fn, x)


@REDUCTIONS
@pytest.mark.parametrize("use_weight", [False, True])
@given(problem=class_problem(), data=st.data())
def test_nll_loss(reduction, use_weight, problem, data):
    x, t, w = problem
    module = data.draw(st.booleans())

    def fn(lib, x):
        weight = lib.tensor(w).to(x.dtype) if use_weight else None
        if module:
            return lib.nn.NLLLoss(weight=weight, reduction=reduction)(x, lib.tensor(t))
        return lib.nn.functional.nll_loss(
            x, lib.tensor(t), weight=weight, reduction=reduction
        )

    assert_parity(fn, x)


@REDUCTIONS
@pytest.mark.parametrize("use_weight", [False, True])
@pytest.mark.parametrize("label_smoothing", [0.0, 0.3])
@given(data=st.data())
def test_cross_entropy_probabilities(reduction, use_weight, label_smoothing, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    shape = data.draw(S.shapes(min_dims=1, max_dims=3, min_side=1, max_side=3))
    classes = shape[0] if len(shape) == 1 else shape[1]
    x = data.draw(S.arrays(dtype, shape, LOGIT))
    p = data.draw(S.arrays(dtype, shape, S.Domain(0.0, 1.0)))
    w = data.draw(S.arrays(dtype, (classes,), S.Domain(0.25, 3.0)))

    def fn(lib, x, p):
        weight = lib.tensor(w).to(x.dtype) if use_weight else None
        return lib.nn.functional.cross_entropy(
            x, p, weight=weight, reduction=reduction, label_smoothing=label_smoothing
        )

    assert_parity(fn, x, p)  # the target requires grad too: its gradient is compared


@pytest.mark.parametrize("dtypes", [("float32", "float64"), ("float64", "float32")])
def test_probabilities_of_another_dtype_promote(dtypes):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 4)).astype(dtypes[0])
    p = rng.dirichlet(np.ones(4), 3).astype(dtypes[1])
    assert_parity(lambda lib, x: lib.nn.functional.cross_entropy(x, lib.tensor(p)), x)


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
def test_extreme_logits_are_finite_and_silent(dtype, label_smoothing):
    inf = np.inf
    x = np.array(
        [[1e4, -1e4, 0.0], [-1e4, 1e4, -1e4], [-inf, 2.0, 1.0], [1e4, 1e4, -inf]], dtype
    )
    t = np.array([0, 0, 1, 1])
    for reduction in ("mean", "sum", "none"):

        def fn(lib, x, reduction=reduction):
            return lib.nn.functional.cross_entropy(
                x, lib.tensor(t), reduction=reduction, label_smoothing=label_smoothing
            )

        assert_parity(fn, x, second_order=False)


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@pytest.mark.parametrize("target", [[-100, -100], [1, -100]])
@REDUCTIONS
@pytest.mark.parametrize("label_smoothing", [0.0, 0.2])
def test_ignored_targets(target, reduction, label_smoothing):
    # NOTE: matches torch: every target ignored gives a mean of 0 / 0 = nan
    x = np.random.default_rng(1).standard_normal((2, 3)).astype(np.float32)

    def fn(lib, x):
        return lib.nn.functional.cross_entropy(
            x, lib.tensor(target), reduction=reduction, label_smoothing=label_smoothing
        )

    # NOTE: not strict: with every target ignored, the second-order pass of a
    # 0 / 0 division gives nan as torch, through NumPy's (filtered) warning
    assert_parity(fn, x, strict=target[0] != -100 or label_smoothing == 0)


def test_weighted_mean_is_normalised_by_the_weights():
    x = np.log(np.array([[0.5, 0.25, 0.25], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6]]))
    t, w = np.array([0, 1, 2]), np.array([1.0, 2.0, 4.0])
    expected = -(1 * np.log(0.5) + 2 * np.log(0.8) + 4 * np.log(0.6)) / 7  # exact math
    out = minigrad.nn.functional.nll_loss(
        minigrad.tensor(x), minigrad.tensor(t), weight=minigrad.tensor(w)
    )
    assert abs(out.item() - expected) < 1e-12
    assert_parity(
        lambda lib, x: lib.nn.functional.nll_loss(
            x, lib.tensor(t), weight=lib.tensor(w)
        ),
        x,
    )


@pytest.mark.parametrize("shape", [(0, 3), (2, 3, 0), (0, 3, 2, 2)])
@REDUCTIONS
def test_empty_batches(shape, reduction):
    x = np.zeros(shape, np.float32)
    t = np.zeros((shape[0], *shape[2:]), np.int64)
    assert_parity(
        lambda lib, x: lib.nn.functional.cross_entropy(
            x, lib.tensor(t), reduction=reduction
        ),
        x,
        graph="root",
    )


def test_byte_targets():
    x = np.random.default_rng(2).standard_normal((3, 4))
    t = np.array([3, 0, 1], np.uint8)
    assert_parity(lambda lib, x: lib.nn.functional.cross_entropy(x, lib.tensor(t)), x)


@pytest.mark.parametrize("target", [np.array(2), np.array([2])])
def test_one_sample_without_batch_dim(target):
    x = np.random.default_rng(3).standard_normal(4).astype(np.float32)
    for reduction in ("mean", "none"):
        # NOTE: torch's backward raises "size mismatch" for a 1-element 1-d
        # target (its forward accepts it); minigrad's gradient is then unchecked
        assert_parity(
            lambda lib, x, reduction=reduction: lib.nn.functional.cross_entropy(
                x, lib.tensor(target), reduction=reduction
            ),
            x,
            grad=target.ndim == 0,
        )


def test_course_pattern_linear_then_loss_with_accuracy():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((8, 2)).astype(np.float32)
    w = rng.standard_normal((3, 2)).astype(np.float32)
    y = rng.integers(0, 3, 8)

    def fn(lib, x, w):
        z = x @ w.T
        return lib.nn.CrossEntropyLoss()(z, lib.tensor(y))

    assert_parity(fn, x, w)
    outputs = {}
    for name, lib in LIBS.items():
        z = lib.tensor(x) @ lib.tensor(w).T
        _, yhat = lib.max(z, 1)
        accuracy = (z.argmax(1) == lib.tensor(y)).float().mean()
        outputs[name] = (yhat, accuracy, (yhat == lib.tensor(y)).sum().item())
    assert_same(outputs["minigrad"][0], outputs["torch"][0], "yhat")
    assert_same(outputs["minigrad"][1], outputs["torch"][1], "accuracy")
    assert outputs["minigrad"][2] == outputs["torch"][2]
    assert repr(outputs["minigrad"][1]) == repr(outputs["torch"][1])


def test_modules_repr_and_state():
    for name, lib in LIBS.items():
        loss = lib.nn.CrossEntropyLoss(
            weight=lib.ones(3), ignore_index=2, label_smoothing=0.1
        )
        assert repr(loss) == "CrossEntropyLoss()", name
        assert (loss.ignore_index, loss.label_smoothing, loss.reduction) == (
            2,
            0.1,
            "mean",
        )
        assert list(loss.state_dict()) == ["weight"]
        nll = lib.nn.NLLLoss()
        assert (
            repr(nll) == "NLLLoss()" and nll.ignore_index == -100 and nll.weight is None
        )


@pytest.mark.parametrize("flags", [dict(size_average=False), dict(reduce=False)])
def test_legacy_flags_warn_as_torch(flags):
    x = np.random.default_rng(5).standard_normal((3, 4)).astype(np.float32)
    t = np.array([0, 3, 1])
    results, messages = {}, {}
    for name, lib in LIBS.items():
        with pytest.warns(UserWarning) as caught:
            results[name] = lib.nn.functional.cross_entropy(
                lib.tensor(x), lib.tensor(t), **flags
            )
        messages[name] = [str(w.message) for w in caught]
    assert messages["minigrad"] == messages["torch"]
    assert_same(results["minigrad"], results["torch"], "legacy flags")


# --- errors -------------------------------------------------------------------------

X = np.zeros((3, 4), np.float32)
T = np.array([0, 2, 1])


def ce(lib, x=X, t=T, **kw):
    x = x if not isinstance(x, np.ndarray) else lib.tensor(x)
    t = t if not isinstance(t, np.ndarray) else lib.tensor(t)
    return lib.nn.functional.cross_entropy(x, t, **kw)


def nll(lib, x=X, t=T, **kw):
    x = x if not isinstance(x, np.ndarray) else lib.tensor(x)
    t = t if not isinstance(t, np.ndarray) else lib.tensor(t)
    return lib.nn.functional.nll_loss(x, t, **kw)


LOSSES = pytest.mark.parametrize("loss", [ce, nll], ids=["cross_entropy", "nll_loss"])


@LOSSES
@pytest.mark.parametrize(
    "target, first, last", [([0, 5, 1], 5, 5), ([0, -1, 1], -1, -1), ([4, 0, 9], 4, 9)]
)
def test_target_out_of_bounds(loss, target, first, last):
    # NOTE: torch's unreduced kernel runs in parallel: with several threads it may
    # name a later bad target; minigrad names the first, as torch on one thread
    t = np.array(target)
    assert_same_error(lambda lib: loss(lib, t=t), f"Target {first} is out of bounds.")
    assert_same_error(
        lambda lib: loss(lib, t=t, reduction="none"),
        (f"Target {first} is out of bounds.", f"Target {last} is out of bounds."),
    )
    assert_same_error(
        lambda lib: loss(lib, t=t, weight=lib.ones(4), reduction="sum"),
        f"Target {first} is out of bounds.",
    )
    if loss is ce:
        assert_same_error(
            lambda lib: loss(lib, t=t, label_smoothing=0.1),
            f"Target {first} is out of bounds.",
        )


def test_target_out_of_bounds_k_dims():
    assert_same_error(
        lambda lib: ce(lib, np.zeros((2, 3, 4, 5), np.float32), np.full((2, 4, 5), 7)),
        "Target 7 is out of bounds.",
    )


@LOSSES
@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.bool_])
def test_target_dtype(loss, dtype):
    name = {np.float32: "Float", np.int32: "Int", np.bool_: "Bool"}[dtype]
    assert_same_error(
        lambda lib: loss(lib, t=T.astype(dtype)),
        f"expected target dtype to be Long or Byte, but got {name}",
    )


@LOSSES
def test_batch_size_mismatch(loss):
    assert_same_error(
        lambda lib: loss(lib, t=np.array([0, 1])),
        "Expected input batch_size (3) to match target batch_size (2).",
    )


@LOSSES
def test_0d_target_for_a_batch(loss):
    assert_same_error(
        lambda lib: loss(lib, t=np.array(1)),
        "Expected input batch_size (3) to match target batch_size (0).",
    )


def test_0d_input():
    assert_same_error(
        lambda lib: nll(lib, np.array(1.0, np.float32), np.array(0)),
        "Expected 1 or more dimensions (got 0)",
    )
    assert_same_error(
        lambda lib: ce(lib, np.array(1.0, np.float32), np.array(0)),
        "Expected floating point type for target with class probabilities, got Long",
    )
    assert_same_error(
        lambda lib: ce(lib, np.array(1.0, np.float32), np.array([0])),
        "Dimension out of range",
    )


@LOSSES
def test_multi_target(loss):
    assert_same_error(
        lambda lib: loss(lib, t=np.zeros((3, 1), np.int64)),
        "0D or 1D target tensor expected, multi-target not supported",
    )


def test_1d_input_with_a_longer_1d_target():
    assert_same_error(
        lambda lib: nll(lib, np.zeros(4, np.float32), np.array([1, 2])),
        "For 1D input, 1D target must have size 1, but got target size: 2",
    )


@pytest.mark.parametrize(
    "x_shape, t_shape, words",
    [
        ((2, 3, 4), (2, 5), "Expected target size [2, 4], got [2, 5]"),
        ((2, 3, 4), (2,), "Expected target size [2, 4], got [2]"),
        (
            (2, 3, 4, 5, 1),
            (2, 4, 4),
            "Expected target size [2, 4, 5, 1], got [2, 4, 4]",
        ),
        (
            (2, 3, 4, 5),
            (2, 4, 4),
            "size mismatch (got input: [2, 3, 4, 5] , target: [2, 4, 4]",
        ),
        (
            (2, 3, 4, 5),
            (2, 20),
            "only batches of spatial targets supported (3D tensors) but got targets of dimension: 2",
        ),
    ],
)
@LOSSES
def test_k_dim_shape_mismatch(x_shape, t_shape, words, loss):
    assert_same_error(
        lambda lib: loss(
            lib, np.zeros(x_shape, np.float32), np.zeros(t_shape, np.int64)
        ),
        words,
    )


@LOSSES
@pytest.mark.parametrize("shape", [(3,), (1, 4), (2, 2)])
def test_weight_size(loss, shape):
    assert_same_error(
        lambda lib: loss(lib, weight=lib.ones(*shape)),
        f"weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: {list(shape)}",
    )


@LOSSES
def test_weight_size_k_dims(loss):
    assert_same_error(
        lambda lib: loss(
            lib,
            np.zeros((2, 3, 4, 5), np.float32),
            np.zeros((2, 4, 5), np.int64),
            weight=lib.ones(2),
        ),
        "weight tensor should be defined either for all or no classes",
    )


@LOSSES
@pytest.mark.parametrize("dtype", ["float64", "int64"])
def test_weight_dtype(loss, dtype):
    name = {"float64": "Double", "int64": "Long"}[dtype]
    assert_same_error(
        lambda lib: loss(lib, weight=lib.ones(4, dtype=getattr(lib, dtype))),
        f"expected scalar type Float but found {name}",
    )


@LOSSES
@pytest.mark.parametrize(
    "x_shape, t_shape, fn",
    [((3, 4), (3,), "nll_loss_forward"), ((2, 4, 3), (2, 3), "nll_loss2d_forward")],
)
def test_weight_requiring_grad(loss, x_shape, t_shape, fn):
    def call(lib):
        return loss(
            lib,
            np.zeros(x_shape, np.float32),
            np.zeros(t_shape, np.int64),
            weight=lib.ones(4, requires_grad=True),
        )

    assert_same_error(
        call,
        f"The function '{fn}' is not differentiable with respect to argument 'weight'. This input cannot have requires_grad True.",
    )
    for lib in LIBS.values():  # allowed without grad mode
        with lib.no_grad():
            call(lib)


def test_weight_requiring_grad_with_probabilities_is_allowed():
    rng = np.random.default_rng(6)
    x, p = rng.standard_normal((3, 4)), rng.dirichlet(np.ones(4), 3)
    w = rng.uniform(0.5, 2, 4)
    assert_parity(
        lambda lib, x, p, w: lib.nn.functional.cross_entropy(x, p, weight=w), x, p, w
    )


@LOSSES
def test_integer_input(loss):
    kernel = (
        '"log_softmax_lastdim_kernel_impl"' if loss is ce else '"nll_loss_out_frame"'
    )
    assert_same_error(
        lambda lib: loss(lib, X.astype(np.int64)),
        f"{kernel} not implemented for 'Long'",
    )
    assert_same_error(
        lambda lib: nll(lib, np.zeros((2, 3, 4), np.int64), np.zeros((2, 4), np.int64)),
        "\"nll_loss2d_forward_out_frame\" not implemented for 'Long'",
    )


@LOSSES
def test_bad_reduction(loss):
    assert_same_error(
        lambda lib: loss(lib, reduction="foo"), "foo is not a valid value for reduction"
    )


@LOSSES
@pytest.mark.parametrize("which", ["input", "target", "weight"])
def test_non_tensor_arguments(loss, which):
    fn = "cross_entropy_loss" if loss is ce else "nll_loss_nd"
    position = {"input": 1, "target": 2, "weight": 3}[which]
    kw = (
        {"x": [[1.0]]}
        if which == "input"
        else {"t": [0]}
        if which == "target"
        else {"weight": [1.0]}
    )
    assert_same_error(
        lambda lib: loss(lib, **kw),
        f"{fn}(): argument '{which}' (position {position}) must be Tensor, not list",
    )


@pytest.mark.parametrize(
    "target", [np.array([0, 2, 1]), np.full((3, 4), 0.25, np.float32)]
)
def test_label_smoothing_above_one(target):
    assert_same_error(
        lambda lib: ce(lib, t=target, label_smoothing=1.5),
        "label_smoothing must be between 0.0 and 1.0. Got: 1.5",
    )


def test_probability_target_errors():
    assert_same_error(
        lambda lib: ce(lib, t=np.zeros((3, 4), np.int64)),
        "Expected floating point type for target with class probabilities, got Long",
    )
    assert_same_error(
        lambda lib: ce(lib, t=np.zeros((3, 4), np.int32)),
        "Expected floating point type for target with class probabilities, got Int",
    )
    assert_same_error(
        lambda lib: ce(lib, t=np.zeros((3, 4), np.float32), ignore_index=1),
        "ignore_index is not supported for floating point target",
    )
    assert_same_error(
        lambda lib: ce(lib, t=np.zeros((3, 4), np.float32), weight=lib.ones(3)),
        "cross_entropy: weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: [3]",
    )
    assert_same_error(
        lambda lib: ce(lib, t=np.zeros((3, 5), np.float32)),
        "0D or 1D target tensor expected, multi-target not supported",
    )
    assert_same_error(
        lambda lib: ce(lib, X.astype(np.int64), np.zeros((3, 4), np.float32)),
        "not implemented for 'Long'",
    )


def test_ignore_index_must_be_int():
    assert_same_error(
        lambda lib: ce(lib, ignore_index=1.5),
        "cross_entropy_loss(): argument 'ignore_index' (position 5) must be int, not float",
    )


# --- one_hot ------------------------------------------------------------------------


@given(data=st.data())
def test_one_hot(data):
    shape = data.draw(S.shapes(max_dims=3, min_side=1))
    t = data.draw(S.int_arrays(shape, low=0, high=4))
    num_classes = data.draw(st.sampled_from([-1, 5, 7]))
    out = {
        name: lib.nn.functional.one_hot(lib.tensor(t), num_classes)
        for name, lib in LIBS.items()
    }
    assert_same(out["minigrad"], out["torch"], "one_hot")
    assert out["minigrad"].requires_grad is False


def test_one_hot_empty_with_classes():
    out = {
        name: lib.nn.functional.one_hot(lib.zeros(0, 2, dtype=lib.long), 3)
        for name, lib in LIBS.items()
    }
    assert_same(out["minigrad"], out["torch"], "one_hot")


def test_one_hot_keyword():
    for lib in LIBS.values():
        assert lib.nn.functional.one_hot(
            input=lib.tensor([1]), num_classes=3
        ).tolist() == [[0, 1, 0]]


@pytest.mark.parametrize(
    "values, dtype, num_classes, words",
    [
        ([0, -2], "int64", -1, "Class values must be non-negative."),
        ([5, -1], "int64", 3, "Class values must be non-negative."),
        ([0, 5], "int64", 3, "Class values must be smaller than num_classes."),
        ([0, 1], "int64", 0, "Class values must be smaller than num_classes."),
        ([0, 1], "int64", -2, "Class values must be smaller than num_classes."),
        (
            [0.0, 1.0],
            "float32",
            -1,
            "one_hot is only applicable to index tensor of type LongTensor.",
        ),
        (
            [0, 1],
            "int32",
            3,
            "one_hot is only applicable to index tensor of type LongTensor.",
        ),
        (
            [True],
            "bool",
            3,
            "one_hot is only applicable to index tensor of type LongTensor.",
        ),
        ([], "int64", -1, "Can not infer total number of classes from empty tensor."),
    ],
)
def test_one_hot_errors(values, dtype, num_classes, words):
    assert_same_error(
        lambda lib: lib.nn.functional.one_hot(
            lib.tensor(values, dtype=getattr(lib, dtype)), num_classes
        ),
        words,
    )


def test_one_hot_argument_types():
    assert_same_error(
        lambda lib: lib.nn.functional.one_hot([1, 2], 3),
        "one_hot(): argument 'input' (position 1) must be Tensor, not list",
    )
    assert_same_error(
        lambda lib: lib.nn.functional.one_hot(lib.tensor([1]), 3.0),
        "one_hot(): argument 'num_classes' (position 2) must be int, not float",
    )


def test_no_numpy_warnings_on_a_course_batch():
    rng = np.random.default_rng(7)
    z = minigrad.tensor(
        rng.standard_normal((64, 10)).astype(np.float32) * 1e3, requires_grad=True
    )
    y = minigrad.tensor(rng.integers(0, 10, 64))
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        minigrad.nn.CrossEntropyLoss()(z, y).backward()
    assert np.isfinite(z.grad.numpy()).all()


@pytest.mark.parametrize(
    "loss",
    [
        lambda lib, x: lib.nn.functional.nll_loss(x, lib.tensor([0, 1, 2])),
        lambda lib, x: lib.nn.functional.cross_entropy(x, lib.tensor([0, 1, 2])),
        lambda lib, x: lib.nn.functional.cross_entropy(
            x, lib.tensor([0, -100, 2]), reduction="sum", weight=lib.ones(4)
        ),
        lambda lib, x: (x.softmax(1) * lib.tensor([[1.0, 2.0, 3.0, 4.0]])).sum(),
        lambda lib, x: (x.log_softmax(0) * lib.tensor([[1.0, 2.0, 3.0, 4.0]])).sum(),
    ],
)
def test_graph_of_the_gradient_under_create_graph(loss):
    """The first derivative's own graph (create_graph=True): torch's nodes
    (NllLossBackwardBackward0, SoftmaxBackwardDataBackward0, ...) and edges."""
    x = np.random.default_rng(8).standard_normal((3, 4)).astype(np.float32)
    signatures = {}
    for name, lib in LIBS.items():
        t = lib.tensor(x, requires_grad=True)
        (g,) = lib.autograd.grad(loss(lib, t), t, create_graph=True)
        signatures[name] = graph_signature(g)
    assert signatures["minigrad"] == signatures["torch"]
