"""torch's other reductions against torch: amax/amin/aminmax, logsumexp, median,
nanmedian, mode, cumprod, cummax/cummin, nansum/nanmean, std_mean/var_mean, all/any,
count_nonzero, argsort, unique, diff; ties, NaN and zeros as torch treats them."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as S
from tests.parity import assert_parity, assert_same_error
from tests.scenarios import name_of, run_both

NAN = float("nan")
A = np.array([[0.5, -1.25, 2.0, 3.5], [1.5, 0.25, -0.75, 2.25], [3.0, -2.0, 1.0, 0.1]])
TIED = np.array(
    [[1.0, 3.0, 3.0, 2.0, 3.0], [2.0, 2.0, 0.0, 2.0, 1.0], [4.0, 4.0, 4.0, 4.0, 4.0]]
)
ZEROS = np.array(
    [[2.0, 0.0, 3.0, 0.0, 5.0], [1.5, 2.0, 0.0, 4.0, 0.5], [0.0, 1.0, 2.0, 3.0, 4.0]]
)
NANS = np.array([[1.0, NAN, 2.0, 0.5], [NAN, NAN, 1.0, 3.0], [0.25, 1.0, -1.0, 2.0]])

REDUCE = [
    ("amax", lambda m, x: m.amax(x)),
    ("amax_dim", lambda m, x: m.amax(x, 1)),
    ("amax_dims_keep", lambda m, x: x.amax((0, 1), keepdim=True)),
    ("amax_neg", lambda m, x: x.amax(-2)),
    ("amin", lambda m, x: m.amin(x, 0)),
    ("amin_all", lambda m, x: x.amin()),
    ("aminmax", lambda m, x: m.aminmax(x)),
    ("aminmax_dim", lambda m, x: x.aminmax(dim=1, keepdim=True)),
    ("logsumexp", lambda m, x: m.logsumexp(x, 1)),
    ("logsumexp_keep", lambda m, x: x.logsumexp((0, 1), keepdim=True)),
    ("median", lambda m, x: m.median(x)),
    ("median_dim", lambda m, x: m.median(x, 1)),
    ("median_dim0_keep", lambda m, x: x.median(0, keepdim=True)),
    ("nanmedian", lambda m, x: m.nanmedian(x)),
    ("nanmedian_dim", lambda m, x: x.nanmedian(1)),
    ("mode", lambda m, x: m.mode(x)),
    ("mode_dim0", lambda m, x: x.mode(0, True)),
    ("cumprod", lambda m, x: m.cumprod(x, 1)),
    ("cumprod_dim0", lambda m, x: x.cumprod(0)),
    ("cummax", lambda m, x: m.cummax(x, 1)),
    ("cummin", lambda m, x: x.cummin(0)),
    ("nansum", lambda m, x: m.nansum(x)),
    ("nansum_dim", lambda m, x: x.nansum(1, keepdim=True)),
    ("nanmean", lambda m, x: m.nanmean(x)),
    ("nanmean_dim", lambda m, x: x.nanmean(0)),
    ("std_mean", lambda m, x: m.std_mean(x)),
    ("std_mean_dim", lambda m, x: m.std_mean(x, 1, keepdim=True)),
    ("var_mean", lambda m, x: m.var_mean(x, 0, correction=0)),
    ("var_mean_unbiased", lambda m, x: m.var_mean(x, (0, 1), False)),
    ("argsort", lambda m, x: m.argsort(x)),
    ("argsort_desc", lambda m, x: x.argsort(0, descending=True)),
    ("argsort_stable", lambda m, x: m.argsort(x, dim=1, stable=True)),
    ("count_nonzero", lambda m, x: m.count_nonzero(x)),
    ("count_nonzero_dim", lambda m, x: x.count_nonzero(1)),
    ("diff", lambda m, x: m.diff(x)),
    ("diff_n2_dim0", lambda m, x: x.diff(2, 0)),
    ("diff_prepend", lambda m, x: m.diff(x, prepend=x[:, :1] * 2, append=x)),
    ("all_dim", lambda m, x: m.all(x > 0, 1)),
    ("any", lambda m, x: m.any(x > 2)),
]
INPUTS = {"plain": A, "ties": TIED, "zeros": ZEROS, "nans": NANS}


@pytest.mark.parametrize("inputs", list(INPUTS))
@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", REDUCE, ids=[c[0] for c in REDUCE])
def test_reduce(name, fn, dtype, inputs):
    # NOTE: std's second derivative where the spread is 0 differs from torch's
    # (a gap of minigrad's std itself, not of std_mean)
    second = not (name.startswith("std_mean") and inputs == "ties")
    x = INPUTS[inputs].astype(dtype)
    assert_parity(fn, x, strict=inputs != "nans", second_order=second)


SCALAR = [
    ("amax", lambda m, x: x.amax()),
    ("median", lambda m, x: x.median()),
    ("median_dim", lambda m, x: x.median(0)),
    ("mode", lambda m, x: x.mode()),
    ("cumprod", lambda m, x: x.cumprod(0)),
    ("cummax", lambda m, x: x.cummax(0)),
    ("logsumexp", lambda m, x: x.logsumexp(0)),
    ("nansum", lambda m, x: x.nansum()),
]


@pytest.mark.parametrize("name,fn", SCALAR, ids=[c[0] for c in SCALAR])
def test_scalar(name, fn):
    assert_parity(fn, np.array(1.5))


@pytest.mark.parametrize("np_dtype", [np.int64, np.int32])
def test_integer_inputs(np_dtype):
    x = np.array([[3, 0, 2, 2], [1, 5, 4, 1]]).astype(np_dtype)
    for fn in [
        lambda m, x: x.amax(1),
        lambda m, x: x.aminmax(),
        lambda m, x: x.median(),
        lambda m, x: x.median(1),
        lambda m, x: x.mode(1),
        lambda m, x: x.cumprod(1),
        lambda m, x: m.cumprod(x, 0, dtype=m.float64),
        lambda m, x: x.cummax(1),
        lambda m, x: x.nansum(),
        lambda m, x: x.logsumexp(1),
        lambda m, x: x.count_nonzero(0),
        lambda m, x: x.argsort(dim=1, stable=True),
        lambda m, x: x.diff(),
    ]:
        assert_parity(fn, x)
    assert_parity(lambda m, x: m.diff(x > 1), x)


def test_logsumexp_infinities():
    x = np.array([[np.inf, 1.0], [-np.inf, -np.inf], [-np.inf, 0.0]])
    assert_parity(lambda m, x: x.logsumexp(1), x, strict=False)


def test_amax_nan_gradient_is_nan():
    assert_parity(lambda m, x: x.amax(), np.array([1.0, NAN, 2.0]), strict=False)


UNIQUE = [
    ("sorted", lambda m, x: m.unique(x)),
    ("inverse", lambda m, x: m.unique(x, return_inverse=True)),
    ("counts", lambda m, x: x.unique(return_counts=True)),
    (
        "both",
        lambda m, x: x.unique(sorted=True, return_inverse=True, return_counts=True),
    ),
    ("dim", lambda m, x: m.unique(x, dim=0, return_inverse=True, return_counts=True)),
    ("dim1", lambda m, x: x.unique(dim=1)),
]


@pytest.mark.parametrize("name,fn", UNIQUE, ids=[c[0] for c in UNIQUE])
def test_unique(name, fn):
    x = np.array([[3, 1, 2], [1, 1, 2], [3, 1, 2]])
    assert_parity(fn, x)
    assert_parity(fn, x.astype(np.float32), grad=False)


@pytest.mark.parametrize("dim", [None, 0])
def test_unique_has_no_derivative(dim):
    def s(lib, out):
        x = lib.tensor(TIED, requires_grad=True)
        values, inverse = x.unique(return_inverse=True, dim=dim)
        out += [values, inverse, values.requires_grad, inverse.requires_grad]
        out.append(name_of(values))
        values.sum().backward()

    run_both(s, raises=True)


# --- hypothesis -----------------------------------------------------------------------


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@given(data=st.data())
def test_reductions_any_shape(dtype, data):
    x, dim = data.draw(S.array_and_dim(dtype, nonempty=True))
    small = data.draw(
        S.arrays(dtype, x.shape, elements=st.sampled_from([0.0, 1.0, -1.0, 2.0]))
    )
    assert_parity(lambda m, x: x.amax(dim), small)
    assert_parity(lambda m, x: m.amin(x, dim, True), small)
    assert_parity(lambda m, x: x.median(dim), small)
    assert_parity(lambda m, x: x.median(), small)
    assert_parity(lambda m, x: x.cummax(dim), small)
    assert_parity(lambda m, x: m.cummin(x, dim), small)
    assert_parity(lambda m, x: x.cumprod(dim), small)
    assert_parity(lambda m, x: x.logsumexp(dim), x)


# --- errors -----------------------------------------------------------------------------

ERRORS = [
    (lambda m, x: x[:0].amax(), ("Expected reduction dim to be specified",)),
    (lambda m, x: x[:0].amax(0), ("Expected reduction dim 0 to have non-zero size",)),
    (lambda m, x: x.amax((0, 0)), ("appears multiple times",)),
    (lambda m, x: x.amin(2), ("Dimension out of range",)),
    (lambda m, x: x[:0].median(0), ("Expected reduction dim 0 to have non-zero size",)),
    (lambda m, x: (x > 0).median(), ("not implemented for 'Bool'",)),
    (lambda m, x: x.cumprod(3), ("Dimension out of range",)),
    (
        lambda m, x: x.long().nanmean(),
        ("nanmean(): expected input to have floating point",),
    ),
    (lambda m, x: x.argsort(2), ("Dimension out of range",)),
    (lambda m, x: x.unique(dim=3), ("Dimension out of range",)),
    (
        lambda m, x: x[0, 0].diff(),
        ("diff expects input to be at least one-dimensional",),
    ),
    (lambda m, x: x.diff(-1), ("order must be non-negative but got -1",)),
    (
        lambda m, x: x.diff(prepend=x[:2, :2]),
        ("diff expects the shape of tensor to prepend or append",),
    ),
    (lambda m, x: x.count_nonzero((0, 0)), ("appears multiple times",)),
    (
        lambda m, x: x[:, :0].mode(1),
        ("mode(): Expected reduction dim 1 to have non-zero size.",),
    ),
    (lambda m, x: m.std_mean(x.long()), ("std_mean only support floating point",)),
    (lambda m, x: m.var_mean(x.int(), 0), ("var_mean only support floating point",)),
    (lambda m, x: m.all(x, 2), ("Dimension out of range",)),
    (lambda m, x: x.any((0, 0)), ("appears multiple times",)),
]


@pytest.mark.parametrize("fn,words", ERRORS)
def test_errors(fn, words):
    assert_same_error(fn, *words, arrays=[A.astype(np.float32)])


def test_empty_and_uint8():
    e = np.zeros((0, 3), np.float32)
    # NOTE: torch's second derivative of the median of nothing is nan (0 * 1/0)
    assert_parity(lambda m, x: x.median(), e, second_order=False)
    assert_parity(lambda m, x: x.nanmedian(), e, second_order=False)
    for fn in [
        lambda m, x: x.amax(1),
        lambda m, x: x.logsumexp(1),
        lambda m, x: x.cumprod(0),
        lambda m, x: x.cummax(1),
        lambda m, x: x.nansum(0),
        lambda m, x: x.count_nonzero(),
        lambda m, x: x.diff(dim=0),
        lambda m, x: m.all(x, 1),
        lambda m, x: m.any(x),
    ]:
        assert_parity(fn, e)
    u = np.array([[1, 0], [2, 3]], np.uint8)
    for fn in [
        lambda m, x: m.all(x),
        lambda m, x: m.any(x, 1),
        lambda m, x: x.all(0, keepdim=True),
        lambda m, x: m.count_nonzero(x, 0),
    ]:
        assert_parity(fn, u)


def test_return_types():
    def s(lib, out):
        x = lib.tensor(TIED)
        for r in (
            x.median(1),
            x.mode(1),
            x.cummax(1),
            x.cummin(0),
            x.nanmedian(0),
            x.aminmax(),
        ):
            out += [type(r).__name__, *r]
        out += [
            x.median(1).values,
            x.median(1).indices,
            x.aminmax().min,
            x.aminmax().max,
        ]

    run_both(s)


# --- logcumsumexp ---------------------------------------------------------------------


@pytest.mark.parametrize("inputs", ["plain", "ties", "zeros"])
@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_logcumsumexp(dim, dtype, inputs):
    assert_parity(lambda m, x: m.logcumsumexp(x, dim), INPUTS[inputs].astype(dtype))


def test_logcumsumexp_edges():
    assert_parity(lambda m, x: x.logcumsumexp(0), np.array(1.5))
    assert_parity(lambda m, x: x.logcumsumexp(1), np.zeros((0, 3)))
    x = np.array([[-np.inf, -np.inf, 1.0], [np.inf, 2.0, -1.0]])
    assert_parity(lambda m, x: x.logcumsumexp(1), x, strict=False, second_order=False)
    assert_same_error(
        lambda m, x: x.long().logcumsumexp(0), "not implemented for 'Long'", arrays=[A]
    )
