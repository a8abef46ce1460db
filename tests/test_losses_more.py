"""More losses against torch: L1 .. MultiMargin, functional and modules, every reduction."""

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import LIBS, assert_parity, assert_same_error
from tests.scenarios import run_both
from tests.test_nn_loss import quietly

REDUCTIONS = pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
POSITIVE = S.Domain(0.125, 8.0)
SIGNS = st.sampled_from([-1.0, 1.0])


def _needs(owner: object, name: str):
    """Skip a test whose composite loss needs a function another part adds."""
    return pytest.mark.skipif(
        not hasattr(owner, name), reason=f"needs {name} (added by another part)"
    )


NEEDS_CLAMP_MIN = _needs(minigrad.Tensor, "clamp_min")
NEEDS_XLOGY = _needs(minigrad.Tensor, "xlogy")
# NOTE: the cosine loss needs SubScalar only; hinge, ranking need clamp_min


@st.composite
def untied(draw, dtype=None, shape=None, count=2):
    """Arrays on two disjoint grids (odd / even eighths): differences never 0, and
    never a multiple of 1/4 ... so no kink of |d| is hit exactly."""
    dtype = dtype or draw(st.sampled_from(S.FLOAT_DTYPES))
    shape = draw(S.shapes(max_dims=2)) if shape is None else shape
    grids = [S.grid(i % 2, -24, 24) for i in range(count)]
    return tuple(draw(S.arrays(dtype, shape, elements=g)) for g in grids)


def F(lib):
    return lib.nn.functional


# --- L1, smooth L1, Huber ----------------------------------------------------------


@REDUCTIONS
@given(arrays=untied())
def test_l1_loss(reduction, arrays):
    assert_parity(lambda lib, x, t: F(lib).l1_loss(x, t, reduction=reduction), *arrays)
    assert_parity(lambda lib, x, t: lib.nn.L1Loss(reduction=reduction)(x, t), *arrays)


@REDUCTIONS
@pytest.mark.parametrize("beta", [1.0, 0.5, 2.0, 0.0])
@given(arrays=untied())
def test_smooth_l1_loss(reduction, beta, arrays):
    def fn(lib, x, t):
        return lib.nn.SmoothL1Loss(reduction=reduction, beta=beta)(x, t)

    assert_parity(fn, *arrays)


@REDUCTIONS
@pytest.mark.parametrize("delta", [1.0, 0.5, 2.0])
@given(arrays=untied())
def test_huber_loss(reduction, delta, arrays):
    def fn(lib, x, t):
        return lib.nn.HuberLoss(reduction=reduction, delta=delta)(x, t)

    assert_parity(fn, *arrays)
    assert_parity(lambda lib, x, t: F(lib).huber_loss(x, t, reduction, delta), *arrays)


@REDUCTIONS
@pytest.mark.parametrize("name", ["l1_loss", "huber_loss"])
def test_weighted_l1_and_huber(reduction, name):
    rng = np.random.default_rng(4)
    x, t = rng.standard_normal((2, 3, 4))
    w = rng.uniform(0.5, 2.0, (3, 4))

    def fn(lib, x, t):
        loss = getattr(F(lib), name)
        return loss(x, t, reduction=reduction, weight=lib.tensor(w))

    assert_parity(fn, x, t)


@pytest.mark.parametrize("name", ["l1_loss", "smooth_l1_loss", "huber_loss"])
@pytest.mark.parametrize("shapes", [((4, 1), (4, 3)), ((3,), (2, 3)), ((2, 3), (3,))])
def test_broadcasting_warns_and_matches(name, shapes):
    rng = np.random.default_rng(1)
    x, t = (rng.standard_normal(s).astype(np.float32) for s in shapes)
    assert_parity(quietly(lambda lib, x, t: getattr(F(lib), name)(x, t)), x, t)
    messages = {}
    for lib_name, lib in LIBS.items():
        with pytest.warns(UserWarning) as caught:
            getattr(F(lib), name)(lib.tensor(x), lib.tensor(t))
        messages[lib_name] = [str(w.message) for w in caught]
    assert messages["minigrad"] == [
        m.replace("torch.Size", "minigrad.Size") for m in messages["torch"]
    ]


@pytest.mark.parametrize("dtypes", [("float32", "float64"), ("float64", "float32")])
@pytest.mark.parametrize("name", ["l1_loss", "smooth_l1_loss", "huber_loss"])
def test_mixed_dtypes(dtypes, name):
    x = np.array([1.0, 2.0, -4.0], dtype=dtypes[0])
    t = np.array([0.375, 2.5, 1.0], dtype=dtypes[1])
    # NOTE: torch's huber_loss computes in the input's dtype, and its backward then
    # fails on the other one ("Found dtype Float but expected Double")
    grad = name != "huber_loss"
    assert_parity(lambda lib, x, t: getattr(F(lib), name)(x, t), x, t, grad=grad)


# --- soft margin, multi margin --------------------------------------------------------


@REDUCTIONS
@given(data=st.data())
def test_soft_margin_loss(reduction, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    shape = data.draw(S.shapes(max_dims=2))
    x = data.draw(S.arrays(dtype, shape, S.Domain(-10.0, 10.0)))
    y = data.draw(S.arrays(dtype, shape, elements=SIGNS))

    def fn(lib, x):
        return lib.nn.SoftMarginLoss(reduction=reduction)(x, lib.tensor(y))

    assert_parity(fn, x)


@REDUCTIONS
@pytest.mark.parametrize("p", [1, 2])
@given(data=st.data())
def test_multi_margin_loss(reduction, p, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    rows, classes = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    x = data.draw(S.arrays(dtype, (rows, classes), elements=S.grid(1, -16, 16)))
    y = data.draw(S.int_arrays((rows,), low=0, high=classes - 1))
    w = data.draw(st.none() | S.arrays(dtype, (classes,), S.Domain(0.25, 2.0)))

    def fn(lib, x):
        weight = None if w is None else lib.tensor(w)
        loss = lib.nn.MultiMarginLoss(p=p, margin=0.9375, weight=weight)
        loss.reduction = reduction
        return loss(x, lib.tensor(y))

    # NOTE: torch has no double backward for multi_margin_loss (checked below)
    assert_parity(fn, x, second_order=False)


def test_multi_margin_loss_vector_and_no_double_backward():
    x = np.array([0.125, -0.375, 0.875], dtype=np.float32)

    def scenario(lib, out):
        leaf = lib.tensor(x, requires_grad=True)
        for target in (lib.tensor(1), lib.tensor([2])):
            out.append(F(lib).multi_margin_loss(leaf, target, p=2, reduction="none"))
        loss = F(lib).multi_margin_loss(leaf, lib.tensor([0]))
        (g,) = lib.autograd.grad(loss, leaf, create_graph=True)
        out.append(g)
        lib.autograd.grad(g.sum(), leaf)

    run_both(scenario, raises=True)


@st.composite
def label_lists(draw, rows, classes):
    """Multi-label targets: some labels, then -1 and anything (torch stops at -1)."""
    out = []
    for _ in range(rows):
        labels = draw(st.permutations(range(classes)))[: draw(st.integers(0, classes))]
        rest = classes - len(labels)
        tail = (
            [-1]
            + draw(
                st.lists(
                    st.integers(-1, classes - 1), min_size=rest - 1, max_size=rest - 1
                )
            )
            if rest
            else []
        )
        out.append(list(labels) + tail)
    return np.array(out, dtype=np.int64).reshape(rows, classes)


@REDUCTIONS
@given(data=st.data())
def test_multilabel_margin_loss(reduction, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    rows, classes = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    x = data.draw(S.arrays(dtype, (rows, classes), S.Domain(-2.0, 2.0)))
    y = data.draw(label_lists(rows, classes))
    vector = data.draw(st.booleans()) and rows == 1
    x, y = (x[0], y[0]) if vector else (x, y)

    def fn(lib, x):
        loss = lib.nn.MultiLabelMarginLoss(reduction=reduction)
        return loss(x, lib.tensor(y))

    # NOTE: torch has no double backward for multilabel_margin_loss
    assert_parity(fn, x, second_order=False)


def test_multilabel_margin_loss_repeated_labels_and_no_double_backward():
    x = np.array([[0.125, -0.375, 0.875, 0.5]], dtype=np.float32)
    y = np.array([[0, 0, 2, -1]])

    def scenario(lib, out):
        leaf = lib.tensor(x, requires_grad=True)
        loss = F(lib).multilabel_margin_loss(leaf, lib.tensor(y), reduction="sum")
        out.append(loss)
        (g,) = lib.autograd.grad(loss, leaf, create_graph=True)
        out.append(g)
        lib.autograd.grad(g.sum(), leaf)

    run_both(scenario, raises=True)


MULTILABEL_ERRORS = [
    (np.ones((3, 4), np.float32), np.zeros((2, 4), np.int64)),
    (np.ones((3, 4), np.float32), np.full((3, 4), 4)),
    (np.ones((3, 4), np.float32), np.full((3, 4), -2)),
    (np.ones((3, 4), np.float32), np.zeros((3, 4), np.float32)),
    (np.ones((3, 4), np.int64), np.zeros((3, 4), np.int64)),
    (np.ones((2, 3, 4), np.float32), np.zeros((2, 3, 4), np.int64)),
]


@pytest.mark.parametrize("x,y", MULTILABEL_ERRORS)
def test_multilabel_margin_loss_errors(x, y):
    run_both(
        lambda lib, out: F(lib).multilabel_margin_loss(lib.tensor(x), lib.tensor(y)),
        raises=True,
    )


# --- KL divergence, Poisson and Gaussian NLL -------------------------------------------


@NEEDS_XLOGY
@pytest.mark.parametrize("reduction", ["mean", "sum", "none", "batchmean"])
@given(data=st.data())
def test_kl_div(reduction, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    # NOTE: an empty batch with batchmean: g / 0 in the double backward (warns)
    shape = data.draw(S.shapes(max_dims=3, min_side=int(reduction == "batchmean")))
    x = data.draw(S.arrays(dtype, shape, S.Domain(-5.0, 0.0)))
    # NOTE: no target 0: there d/dt (t log t) is -inf, torch's nan
    t = data.draw(S.arrays(dtype, shape, S.Domain(0.0625, 1.0)))

    def fn(lib, x, t):
        return quietly(lib.nn.KLDivLoss(reduction=reduction))(x, t)

    assert_parity(fn, x, t)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none", "batchmean"])
@given(data=st.data())
def test_kl_div_log_target(reduction, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    # NOTE: an empty batch with batchmean: g / 0 in the double backward (warns)
    shape = data.draw(S.shapes(max_dims=3, min_side=int(reduction == "batchmean")))
    x, t = (data.draw(S.arrays(dtype, shape, S.Domain(-5.0, 0.0))) for _ in "xt")

    def fn(lib, x, t):
        kl_div = quietly(lambda x, t: F(lib).kl_div(x, t, reduction, log_target=True))
        return kl_div(x, t)

    assert_parity(fn, x, t)


def test_kl_div_mean_warns_as_torch():
    messages = {}
    for name, lib in LIBS.items():
        with pytest.warns(UserWarning) as caught:
            lib.nn.KLDivLoss(log_target=True)(lib.zeros(2, 3), lib.zeros(2, 3))
        messages[name] = [str(w.message) for w in caught]
    assert messages["minigrad"] == messages["torch"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        minigrad.nn.KLDivLoss(reduction="batchmean", log_target=True)(
            minigrad.zeros(2, 3), minigrad.zeros(2, 3)
        )


@REDUCTIONS
@pytest.mark.parametrize("log_input", [True, False])
@pytest.mark.parametrize("full", [False, True])
@given(data=st.data())
def test_poisson_nll_loss(reduction, log_input, full, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    shape = data.draw(S.shapes(max_dims=2))
    domain = S.Domain(-3.0, 3.0) if log_input else POSITIVE
    x = data.draw(S.arrays(dtype, shape, domain))
    t = data.draw(S.arrays(dtype, shape, S.Domain(0.25, 6.0)))

    def fn(lib, x, t):
        loss = lib.nn.PoissonNLLLoss(log_input=log_input, full=full)
        loss.reduction = reduction
        return loss(x, t)

    assert_parity(fn, x, t)


@pytest.mark.parametrize("full", [False, True])
def test_poisson_nll_loss_zero_counts(full):
    x = np.array([0.5, -1.0, 2.0, 0.0], dtype=np.float32)
    t = np.array([0.0, 1.0, 3.0, 0.0], dtype=np.float32)

    def fn(lib, x):
        return F(lib).poisson_nll_loss(x, lib.tensor(t), full=full, reduction="none")

    assert_parity(fn, x)


@REDUCTIONS
@pytest.mark.parametrize("full", [False, True])
@given(data=st.data())
def test_gaussian_nll_loss(reduction, full, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    shape = data.draw(S.shapes(min_dims=1, max_dims=3, min_side=1))
    x, t = (data.draw(S.arrays(dtype, shape, S.REAL)) for _ in "xt")
    var_shape = data.draw(st.sampled_from([shape, shape[:-1], (*shape[:-1], 1)]))
    var = data.draw(S.arrays(dtype, var_shape, S.Domain(0.0, 4.0)))

    def fn(lib, x, t, v):
        loss = lib.nn.GaussianNLLLoss(full=full, eps=1e-3, reduction=reduction)
        return loss(x, t, v)

    assert_parity(fn, x, t, var)


def test_gaussian_nll_loss_float_var():
    x = np.array([[0.5, -1.0], [2.0, 0.0]])
    t = np.array([[0.0, 1.0], [3.0, 0.25]])
    assert_parity(lambda lib, x, t: F(lib).gaussian_nll_loss(x, t, 0.5), x, t)


# --- margin losses built from clamp_min ------------------------------------------------


@NEEDS_CLAMP_MIN
@REDUCTIONS
@given(data=st.data())
def test_margin_ranking_loss(reduction, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    n = data.draw(st.integers(0, 5))
    x1, x2 = data.draw(untied(dtype, (n,)))
    y = data.draw(S.arrays(dtype, (n,), elements=SIGNS))

    def fn(lib, a, b):
        loss = lib.nn.MarginRankingLoss(margin=0.0625, reduction=reduction)
        return loss(a, b, lib.tensor(y))

    assert_parity(fn, x1, x2)


@NEEDS_CLAMP_MIN
@REDUCTIONS
@given(data=st.data())
def test_hinge_embedding_loss(reduction, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    shape = data.draw(S.shapes(max_dims=2))
    x = data.draw(S.arrays(dtype, shape, elements=S.grid(1, -24, 24)))
    y = data.draw(S.arrays(dtype, shape, elements=SIGNS))

    def fn(lib, x):
        loss = lib.nn.HingeEmbeddingLoss(margin=1.0, reduction=reduction)
        return loss(x, lib.tensor(y))

    assert_parity(fn, x)


@NEEDS_CLAMP_MIN
@REDUCTIONS
@pytest.mark.parametrize("batched", [True, False])
@given(data=st.data())
def test_cosine_embedding_loss(reduction, batched, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    rows, dim = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 4))
    shape = (rows, dim) if batched else (dim,)
    x1, x2 = (data.draw(S.arrays(dtype, shape, S.Domain(0.25, 2.0))) for _ in "ab")
    y = data.draw(S.arrays(dtype, shape[:-1], elements=SIGNS))

    def fn(lib, a, b):
        loss = lib.nn.CosineEmbeddingLoss(margin=-0.5, reduction=reduction)
        return loss(a, b, lib.tensor(y))

    assert_parity(fn, x1, x2)


# --- modules: arguments, legacy flags, repr --------------------------------------------

MODULES = [
    ("L1Loss", {}),
    ("SmoothL1Loss", {"beta": 0.5}),
    ("HuberLoss", {"delta": 2.0}),
    ("KLDivLoss", {"log_target": True}),
    ("SoftMarginLoss", {}),
    ("MarginRankingLoss", {"margin": 0.5}),
    ("HingeEmbeddingLoss", {"margin": 2.0}),
    ("CosineEmbeddingLoss", {"margin": 0.1}),
    ("PoissonNLLLoss", {"log_input": False, "full": True, "eps": 1e-4}),
    ("GaussianNLLLoss", {"full": True, "eps": 1e-3}),
    ("MultiMarginLoss", {"p": 2, "margin": 0.5}),
    ("MultiLabelMarginLoss", {}),
]


def _public_state(module, names) -> dict:
    return {k: getattr(module, k) for k in names}


@pytest.mark.parametrize("name,kwargs", MODULES)
def test_module_attributes_and_repr(name, kwargs):
    ours, theirs = (
        getattr(minigrad.nn, name)(**kwargs),
        getattr(torch.nn, name)(**kwargs),
    )
    assert repr(ours) == repr(theirs)
    names = [k for k in vars(theirs) if not k.startswith("_")] + ["weight"] * hasattr(
        theirs, "weight"
    )
    assert _public_state(ours, names) == _public_state(theirs, names)
    assert name in minigrad.nn.__all__


@pytest.mark.parametrize(
    "name", [n for n, _ in MODULES if n not in ("HuberLoss", "GaussianNLLLoss")]
)
@pytest.mark.parametrize(
    "size_average,reduce", [(False, None), (None, False), (True, True)]
)
def test_legacy_flags(name, size_average, reduce):
    made = {}
    for lib_name, lib in LIBS.items():
        with pytest.warns(UserWarning) as caught:
            module = getattr(lib.nn, name)(size_average=size_average, reduce=reduce)
        made[lib_name] = (module.reduction, [str(w.message) for w in caught])
    assert made["minigrad"] == made["torch"]


def test_weights_are_buffers():
    w = np.array([1.0, 0.5, 2.0], dtype=np.float32)
    for name in ("MultiMarginLoss",):
        ours = getattr(minigrad.nn, name)(weight=minigrad.tensor(w))
        theirs = getattr(torch.nn, name)(weight=torch.tensor(w))
        assert list(ours.state_dict()) == list(theirs.state_dict())


# --- errors -----------------------------------------------------------------------------

X, T = np.ones((2, 3), np.float32), np.zeros((2, 3), np.float32)
BAD_REDUCTION = [
    ("l1_loss", (X, T)),
    ("smooth_l1_loss", (X, T)),
    ("huber_loss", (X, T)),
    ("soft_margin_loss", (X, T)),
    ("poisson_nll_loss", (X, T)),
    ("gaussian_nll_loss", (X, T, X)),
    ("multi_margin_loss", (X, np.array([0, 2]))),
    ("kl_div", (X, T)),
]


@pytest.mark.parametrize("name,arrays", BAD_REDUCTION)
def test_bad_reduction(name, arrays):
    assert_same_error(
        lambda lib, *ts: getattr(F(lib), name)(*ts, reduction="average"),
        "average",
        "not valid" if name == "gaussian_nll_loss" else "reduction",
        arrays=arrays,
    )


ERRORS = [
    ("smooth_l1_loss", lambda lib, x, t: F(lib).smooth_l1_loss(x, t[:1, :2]), ()),
    ("l1_loss", lambda lib, x, t: F(lib).l1_loss(x, t[:1, :2]), ()),
    ("smooth_l1 beta", lambda lib, x, t: F(lib).smooth_l1_loss(x, t, beta=-1.0), ()),
    ("huber delta", lambda lib, x, t: F(lib).huber_loss(x, t, delta=0.0), ()),
    ("smooth_l1 ints", lambda lib, x, t: F(lib).smooth_l1_loss(x.long(), t.long()), ()),
    ("huber ints", lambda lib, x, t: F(lib).huber_loss(x.long(), t.long()), ()),
    ("l1 ints", lambda lib, x, t: F(lib).l1_loss(x.long(), t.long()), ()),
    ("soft margin ints", lambda lib, x, t: F(lib).soft_margin_loss(x.long(), t), ()),
    ("soft margin shape", lambda lib, x, t: F(lib).soft_margin_loss(x, t[:1, :2]), ()),
    (
        "soft margin target grad",
        lambda lib, x, t: F(lib).soft_margin_loss(x, t.requires_grad_()),
        (),
    ),
    ("l1 list", lambda lib, x, t: F(lib).l1_loss(x, [1.0]), ()),
    ("gaussian negative var", lambda lib, x, t: F(lib).gaussian_nll_loss(x, t, -x), ()),
    ("gaussian float var", lambda lib, x, t: F(lib).gaussian_nll_loss(x, t, -1.0), ()),
    (
        "gaussian int var",
        lambda lib, x, t: F(lib).gaussian_nll_loss(x, t, 1),
        ("gaussian_nll_loss(): var must be a Tensor or a float",),
    ),
    (
        "gaussian var size",
        lambda lib, x, t: F(lib).gaussian_nll_loss(x, t, x[:1, :2]),
        (),
    ),
    ("multi margin p", lambda lib, x, t: lib.nn.MultiMarginLoss(p=3), ()),
    (
        "multi margin weight dim",
        lambda lib, x, t: lib.nn.MultiMarginLoss(weight=lib.ones(2, 2)),
        (),
    ),
    (
        "margin ranking dims",
        lambda lib, x, t: F(lib).margin_ranking_loss(x, t, t[0]),
        ("All input tensors should have same dimension", "target: "),
    ),
    (
        "cosine target dims",
        lambda lib, x, t: F(lib).cosine_embedding_loss(x, t, t),
        (),
    ),
    (
        "cosine input dims",
        lambda lib, x, t: F(lib).cosine_embedding_loss(x, t, t[0, 0]),
        (),
    ),
]


@pytest.mark.parametrize("label,fn,words", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_as_torch(label, fn, words):
    def scenario(lib, out):
        fn(lib, lib.tensor(X), lib.tensor(T))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_both(scenario, raises=True, words=words)


MULTI_MARGIN_ERRORS = [
    (np.ones((3, 4), np.float32), np.array([0, 1, 4])),
    (np.ones((3, 4), np.float32), np.array([0, 1, -1])),
    (np.ones((3, 4), np.float32), np.array([0, 1])),
    (np.ones((3, 4), np.float32), np.array([[0], [1], [2]])),
    (np.ones((3, 4), np.float32), np.array([0.0, 1.0, 2.0], np.float32)),
    (np.ones((3, 4), np.float32), np.array([0, 1, 2], np.int32)),
    (np.ones((3, 4), np.int64), np.array([0, 1, 2])),
    (np.ones((2, 3, 4), np.float32), np.array([0, 1])),
]


@pytest.mark.parametrize("x,y", MULTI_MARGIN_ERRORS)
def test_multi_margin_loss_errors(x, y):
    run_both(
        lambda lib, out: F(lib).multi_margin_loss(lib.tensor(x), lib.tensor(y)),
        raises=True,
    )


@pytest.mark.parametrize(
    "weight",
    [np.ones(3, np.float32), np.ones(4, np.float64)],
)
def test_multi_margin_loss_weight_errors(weight):
    x, y = np.ones((3, 4), np.float32), np.array([0, 1, 2])

    def scenario(lib, out):
        w = lib.tensor(weight)
        F(lib).multi_margin_loss(lib.tensor(x), lib.tensor(y), weight=w)

    run_both(scenario, raises=True)


@REDUCTIONS
@given(data=st.data())
def test_multilabel_soft_margin_loss(reduction, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    shape = data.draw(S.shapes(min_dims=1, max_dims=2, min_side=1))
    x = data.draw(S.arrays(dtype, shape, S.Domain(-6.0, 6.0)))
    y = data.draw(S.arrays(dtype, shape, elements=st.sampled_from([0.0, 1.0])))
    w = data.draw(st.none() | S.arrays(dtype, shape[-1:], S.Domain(0.25, 2.0)))

    def fn(lib, x):
        weight = None if w is None else lib.tensor(w)
        loss = lib.nn.MultiLabelSoftMarginLoss(weight=weight, reduction=reduction)
        return loss(x, lib.tensor(y))

    assert_parity(fn, x)


@NEEDS_CLAMP_MIN
@REDUCTIONS
@pytest.mark.parametrize("p,swap", [(2.0, False), (1.0, True), (3.0, False)])
@given(data=st.data())
def test_triplet_margin_loss(reduction, p, swap, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    shape = (data.draw(st.integers(1, 3)), data.draw(st.integers(1, 4)))
    # NOTE: anchors and the others on disjoint grids: no distance is near 0
    a = data.draw(S.arrays(dtype, shape, elements=S.grid(1, -16, 16)))
    pos, neg = (
        data.draw(S.arrays(dtype, shape, elements=S.grid(0, -16, 16))) for _ in "pn"
    )

    def fn(lib, a, pos, neg):
        loss = lib.nn.TripletMarginLoss(
            margin=0.4375, p=p, swap=swap, reduction=reduction
        )
        return loss(a, pos, neg)

    assert_parity(fn, a, pos, neg)
