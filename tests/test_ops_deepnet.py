"""Deep-network ops against torch: activations, var/std, norm, prod, cumsum, repeat,
masked_fill, split/chunk, sort/topk, bmm, einsum (values, gradients, graphs, errors)."""

import math
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import assert_parity, assert_same_error

FLOATS = pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)

# --- activations ------------------------------------------------------------------

ACTIVATIONS = [
    ("leaky_relu", lambda m, x: m.nn.functional.leaky_relu(x)),
    ("leaky_relu_slope", lambda m, x: m.nn.functional.leaky_relu(x, 0.2)),
    ("leaky_relu_neg_slope", lambda m, x: m.nn.functional.leaky_relu(x, -1.5)),
    ("leaky_relu_inplace", lambda m, x: m.nn.functional.leaky_relu(x * 1, 0.3, True)),
    ("elu", lambda m, x: m.nn.functional.elu(x)),
    ("elu_alpha", lambda m, x: m.nn.functional.elu(x, alpha=0.4)),
    ("elu_inplace", lambda m, x: m.nn.functional.elu(x * 1, 1.5, inplace=True)),
    ("softplus", lambda m, x: m.nn.functional.softplus(x)),
    (
        "softplus_beta",
        lambda m, x: m.nn.functional.softplus(x, beta=2.5, threshold=3.0),
    ),
    ("softplus_small_beta", lambda m, x: m.nn.functional.softplus(x, 0.5, 4)),
]


@FLOATS
@pytest.mark.parametrize("name,fn", ACTIVATIONS, ids=[c[0] for c in ACTIVATIONS])
@given(data=st.data())
def test_activation(name, fn, dtype, data):
    # kinks at 0 (and at the threshold of softplus) avoided: one-sided derivatives
    domain = S.Domain(
        -30.0, 30.0, avoid=(0.0, 1.2, 0.4, 8.0), gap=1e-2, extremes=(-1e4, 1e4)
    )
    assert_parity(fn, data.draw(S.arrays(dtype, S.shapes(), domain)))


@FLOATS
@pytest.mark.parametrize("name,fn", ACTIVATIONS, ids=[c[0] for c in ACTIVATIONS])
def test_activation_at_kinks(name, fn, dtype):
    """At x = 0 and at softplus's threshold the libraries pick the same side."""
    x = np.array([0.0, -0.0, 20.0, 1.2, 8.0, -20.0, 1e-30, -1e-30], dtype=dtype)
    assert_parity(fn, x)


def test_leaky_relu_inplace_negative_slope_refuses_backward():
    def fn(m, x):
        y = m.nn.functional.leaky_relu(x.clone(), -0.1, inplace=True)
        y.sum().backward()

    assert_same_error(
        lambda m, x: fn(m, x.requires_grad_()),
        "negative slope",
        arrays=[np.array([1.0, -2.0])],
    )


# --- var and std ------------------------------------------------------------------

SPREAD = [
    ("var", lambda m, x, d: x.var()),
    ("var_dim", lambda m, x, d: x.var(d)),
    ("var_dim_keepdim", lambda m, x, d: x.var(d, keepdim=True)),
    ("var_biased", lambda m, x, d: x.var(d, False)),
    ("var_unbiased_kw", lambda m, x, d: x.var(unbiased=False)),
    ("var_correction", lambda m, x, d: x.var(dim=d, correction=0)),
    ("var_correction2", lambda m, x, d: m.var(x, d, correction=2, keepdim=True)),
    ("var_fn", lambda m, x, d: m.var(x, d)),
    ("var_bool", lambda m, x, d: x.var(True)),
    ("std", lambda m, x, d: x.std()),
    ("std_dim", lambda m, x, d: x.std(d)),
    ("std_dim_keepdim", lambda m, x, d: m.std(x, dim=d, keepdim=True)),
    ("std_biased", lambda m, x, d: x.std(d, unbiased=False)),
    ("std_correction", lambda m, x, d: x.std(correction=0)),
    ("std_list", lambda m, x, d: x.std([d, 0])),
]


@FLOATS
@pytest.mark.parametrize("name,fn", SPREAD, ids=[c[0] for c in SPREAD])
@given(data=st.data())
def test_var_std(name, fn, dtype, data):
    # at least 3 elements per reduction: dof > 0 for every correction used here
    x, dim = data.draw(S.array_and_dim(dtype, S.Domain(-3.0, 3.0), nonempty=True))
    if x.shape[dim] < 3 or x.shape[0] < 3:
        x = np.concatenate([x] * 3, axis=dim)
        x = np.concatenate([x] * 3, axis=0) if x.shape[0] < 3 else x
    if name == "std_list" and dim % x.ndim == 0:
        dim = -1 if x.ndim > 1 else dim
        if x.ndim == 1:
            return
    # NOTE: a spread of at least 0.7 along every dim: nearly equal values make std's
    # second derivative ill-conditioned in float32 (both libraries lose digits)
    x = x + (np.indices(x.shape).sum(axis=0) % 5 * 0.7).astype(dtype)
    assert_parity(lambda m, t: fn(m, t, dim), x)


@FLOATS
@pytest.mark.parametrize("n", [2, 3, 5, 17, 64, 1000])
def test_var_std_rounding_matches_torch(n, dtype):
    """torch's CPU kernels (one output: two passes in float64; several: Welford in
    float64), reproduced bit for bit."""
    rng = np.random.default_rng(n)
    x = (rng.standard_normal((4, n)) * 3 + 1).astype(dtype)
    for call in (
        lambda t: t.var(),
        lambda t: t.std(),
        lambda t: t.var(1),
        lambda t: t.std(0),
        lambda t: t.var(1, correction=0),
    ):
        a = call(minigrad.tensor(x)).numpy()
        e = call(torch.tensor(x)).numpy()
        np.testing.assert_array_equal(a, e)


def test_var_std_constant_input_gradient():
    """std of equal values: y = 0, gradient 0 (torch masks the division by zero)."""
    assert_parity(lambda m, x: x.std(), np.ones(4), second_order=False)
    assert_parity(lambda m, x: x.std(0), np.ones((3, 2)), second_order=False)


@pytest.mark.parametrize(
    "fn",
    [lambda m, x: x.var(), lambda m, x: x.std(0), lambda m, x: x.var(correction=3)],
    ids=["var_one", "std_dim_one", "var_correction_over"],
)
def test_var_degrees_of_freedom_warn(fn):
    """dof <= 0: torch warns and gives inf/nan; gradients are nan/inf as torch's."""
    x = np.array([[1.5]])
    for lib in (minigrad, torch):
        with pytest.warns(UserWarning, match="degrees of freedom"):
            fn(lib, lib.tensor(x))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_parity(fn, x, second_order=False, strict=False)


# --- norm -------------------------------------------------------------------------

NORMS = [
    ("default", lambda m, x, d: x.norm()),
    ("fro", lambda m, x, d: x.norm(p="fro")),
    ("p1", lambda m, x, d: x.norm(1)),
    ("p2_dim", lambda m, x, d: x.norm(dim=d)),
    ("p2_dim_keepdim", lambda m, x, d: x.norm(2, d, True)),
    ("inf", lambda m, x, d: x.norm(float("inf"))),
    ("inf_dim", lambda m, x, d: x.norm(math.inf, dim=d)),
    ("neg_inf", lambda m, x, d: x.norm(-math.inf, d)),
    ("p3", lambda m, x, d: x.norm(3, dim=d)),
    ("p1_5", lambda m, x, d: x.norm(1.5)),
    ("p0_5", lambda m, x, d: x.norm(0.5, d)),
    ("p0", lambda m, x, d: x.norm(0)),
    ("fn", lambda m, x, d: m.norm(x, dim=d, keepdim=True)),
    ("fn_fro_dim", lambda m, x, d: m.norm(x, "fro", dim=d)),
    ("dtype", lambda m, x, d: x.norm(dim=d, dtype=m.float64)),
]


@FLOATS
@pytest.mark.parametrize("name,fn", NORMS, ids=[c[0] for c in NORMS])
@given(data=st.data())
def test_norm(name, fn, dtype, data):
    # away from 0 (|x| is not differentiable there) and without ties in |x| (inf norms)
    x, dim = data.draw(
        S.array_and_dim(dtype, S.Domain(0.5, 4.0), unique=True, nonempty=True)
    )
    x = x * np.where(np.arange(x.size) % 2, -1, 1).reshape(x.shape).astype(dtype)
    assert_parity(lambda m, t: fn(m, t, dim), x)


LINALG = [
    ("norm", lambda m, x, d: m.linalg.norm(x)),
    ("norm_dim", lambda m, x, d: m.linalg.norm(x, dim=d)),
    ("norm_ord_dim", lambda m, x, d: m.linalg.norm(x, 3, dim=d, keepdim=True)),
    ("norm_fro", lambda m, x, d: m.linalg.norm(x.reshape(2, -1), "fro")),
    ("vector_norm", lambda m, x, d: m.linalg.vector_norm(x)),
    ("vector_norm_ord", lambda m, x, d: m.linalg.vector_norm(x, 1, d)),
    ("vector_norm_inf", lambda m, x, d: m.linalg.vector_norm(x, float("inf"), dim=d)),
    ("vector_norm_dtype", lambda m, x, d: m.linalg.vector_norm(x, dtype=m.float64)),
]


@FLOATS
@pytest.mark.parametrize("name,fn", LINALG, ids=[c[0] for c in LINALG])
@given(data=st.data())
def test_linalg_norm(name, fn, dtype, data):
    x, dim = data.draw(
        S.array_and_dim(dtype, S.Domain(0.5, 4.0), unique=True, nonempty=True)
    )
    if name == "norm_fro" and x.size % 2:
        x = np.concatenate([x, x], axis=0)
    assert_parity(lambda m, t: fn(m, t, dim), x)


def test_norm_zero_vector_gradient():
    """At the origin the 2-norm's gradient is 0 (torch masks 0 / 0)."""
    assert_parity(lambda m, x: x.norm(), np.zeros(3), second_order=False)
    assert_parity(lambda m, x: x.norm(dim=1), np.zeros((2, 3)), second_order=False)


def test_norm_inf_ties_share_the_gradient():
    assert_parity(lambda m, x: x.norm(float("inf")), np.array([1.0, -3.0, 3.0, 2.0]))


# --- prod and cumsum --------------------------------------------------------------

PRODS = [
    ("all", lambda m, x, d: x.prod()),
    ("dim", lambda m, x, d: x.prod(d)),
    ("dim_keepdim", lambda m, x, d: x.prod(d, keepdim=True)),
    ("fn", lambda m, x, d: m.prod(x, dim=d)),
]


@FLOATS
@pytest.mark.parametrize("name,fn", PRODS, ids=[c[0] for c in PRODS])
@given(data=st.data())
def test_prod(name, fn, dtype, data):
    x, dim = data.draw(
        S.array_and_dim(dtype, S.Domain(-2.0, 2.0, avoid=(0.0,), gap=0.25))
    )
    assert_parity(lambda m, t: fn(m, t, dim), x)


@FLOATS
@pytest.mark.parametrize("name,fn", PRODS, ids=[c[0] for c in PRODS])
@pytest.mark.parametrize(
    "x",
    [
        [[0.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
        [[0.0, 2.0, 0.0], [4.0, 0.0, 6.0]],
        [[1.0, 0.0, 3.0], [0.0, 5.0, 6.0]],
    ],
    ids=["one_zero", "two_zeros_in_a_row", "zeros_apart"],
)
def test_prod_with_zeros(name, fn, x, dtype):
    """torch's exclusive products: the gradient at a single zero is the product of
    the others, 0 where a slice has two zeros; second derivatives as torch's."""
    assert_parity(lambda m, t: fn(m, t, 1), np.array(x, dtype=dtype))


@FLOATS
@pytest.mark.parametrize("name,fn", PRODS, ids=[c[0] for c in PRODS])
@given(data=st.data())
def test_prod_with_drawn_zeros(name, fn, dtype, data):
    values = st.sampled_from([0.0, 0.0, -1.5, 0.5, 2.0, 3.0])
    shape, dim = data.draw(S.shape_and_dim())
    x = data.draw(S.arrays(dtype, shape, elements=values))
    assert_parity(lambda m, t: fn(m, t, dim), x)


def test_prod_integer_and_0d():
    assert_parity(lambda m, x: x.prod(), np.array([[1, 2], [3, 4]]), grad=False)
    assert_parity(lambda m, x: x.prod(0), np.array([True, False]), grad=False)
    assert_parity(lambda m, x: x.prod(), np.array(3.0))
    assert_parity(lambda m, x: x.prod(0, keepdim=True), np.array(3.0))


CUMSUMS = [
    ("method", lambda m, x, d: x.cumsum(d)),
    ("kw", lambda m, x, d: x.cumsum(dim=d)),
    ("fn", lambda m, x, d: m.cumsum(x, d)),
    ("fn_dtype", lambda m, x, d: m.cumsum(x, d, dtype=m.float64)),
]


@FLOATS
@pytest.mark.parametrize("name,fn", CUMSUMS, ids=[c[0] for c in CUMSUMS])
@given(data=st.data())
def test_cumsum(name, fn, dtype, data):
    x, dim = data.draw(S.array_and_dim(dtype))
    assert_parity(lambda m, t: fn(m, t, dim), x)


def test_cumsum_integer_and_0d():
    assert_parity(
        lambda m, x: x.cumsum(1), np.arange(6, dtype=np.int32).reshape(2, 3), grad=False
    )
    assert_parity(lambda m, x: x.cumsum(0), np.array(2.5))


def test_cumsum_float32_accumulates_in_float64():
    x = np.full(100_000, 0.1, dtype=np.float32)
    a = minigrad.tensor(x).cumsum(0).numpy()
    np.testing.assert_array_equal(a, torch.tensor(x).cumsum(0).numpy())


# --- repeat and masked_fill -------------------------------------------------------


@st.composite
def shape_and_reps(draw):
    shape = draw(S.shapes(max_dims=3, max_side=3))
    extra = draw(st.integers(0, 2))
    n = max(1, len(shape) + extra)
    reps = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    return shape, tuple(reps)


@FLOATS
@given(data=st.data())
def test_repeat(dtype, data):
    shape, reps = data.draw(shape_and_reps())
    x = data.draw(S.arrays(dtype, shape))
    assert_parity(lambda m, t: t.repeat(*reps), x)
    assert_parity(lambda m, t: t.repeat(reps), x, graph=False, second_order=False)


@FLOATS
@given(data=st.data())
def test_masked_fill(dtype, data):
    x_shape, m_shape = data.draw(S.broadcastable_shapes(2))
    x = data.draw(S.arrays(dtype, x_shape))
    mask = np.asarray(
        data.draw(
            st.lists(
                st.booleans(), min_size=math.prod(m_shape), max_size=math.prod(m_shape)
            )
        ),
        dtype=bool,
    ).reshape(m_shape)
    value = data.draw(st.sampled_from([0.0, -1.5, float("-inf"), 7]))
    assert_parity(lambda m, t: t.masked_fill(m.tensor(mask), value), x)
    assert_parity(lambda m, t: m.masked_fill(t, m.tensor(mask), value), x, graph="root")


@FLOATS
def test_masked_fill_tensor_value(dtype):
    x = np.arange(6, dtype=dtype).reshape(2, 3) - 2
    mask = np.array([[True, False, True], [False, False, True]])
    assert_parity(
        lambda m, t, v: t.masked_fill(m.tensor(mask), v), x, np.array(0.5, dtype)
    )
    assert_parity(lambda m, t, v: t.masked_fill(m.tensor(mask), v), x, np.array(0.5))


def test_masked_fill_in_place():
    def fn(m, x):
        y = x * 2
        y.masked_fill_(y > 1, -1.0)
        return y

    assert_parity(fn, np.array([[0.1, 0.9], [0.3, 2.0]]))
    assert_parity(lambda m, x: x.masked_fill(x > 2, 2.7), np.arange(5), grad=False)


# --- split and chunk --------------------------------------------------------------


@FLOATS
@given(data=st.data(), size=st.integers(0, 4))
def test_split_int(dtype, data, size):
    x, dim = data.draw(S.array_and_dim(dtype))
    if size == 0 and x.shape[dim]:
        size = 1
    assert_parity(lambda m, t: t.split(size, dim), x)
    assert_parity(lambda m, t: m.split(t, size, dim=dim), x, graph="root")


@FLOATS
@given(data=st.data())
def test_split_sizes(dtype, data):
    x, dim = data.draw(S.array_and_dim(dtype))
    n = x.shape[dim]
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=3)))
    sizes = [b - a for a, b in zip([0] + cuts, cuts + [n])]
    assert_parity(lambda m, t: t.split(sizes, dim), x)


@FLOATS
@given(data=st.data(), chunks=st.integers(1, 5))
def test_chunk(dtype, data, chunks):
    x, dim = data.draw(S.array_and_dim(dtype))
    assert_parity(lambda m, t: t.chunk(chunks, dim), x)
    assert_parity(lambda m, t: m.chunk(t, chunks, dim), x, graph="root")


def test_split_pieces_used_together():
    assert_parity(
        lambda m, x: (lambda a, b: a * 2 + b)(*x.chunk(2, 1)),
        np.arange(12.0).reshape(3, 4),
    )


# --- sort and topk ----------------------------------------------------------------


@FLOATS
@given(data=st.data(), descending=st.booleans())
def test_sort(dtype, data, descending):
    x, dim = data.draw(S.array_and_dim(dtype, unique=True))
    assert_parity(lambda m, t: t.sort(dim, descending), x)
    assert_parity(
        lambda m, t: m.sort(t, dim=dim, descending=descending, stable=True), x
    )


@FLOATS
@given(data=st.data(), largest=st.booleans())
def test_topk(dtype, data, largest):
    x, dim = data.draw(S.array_and_dim(dtype, unique=True))
    k = data.draw(st.integers(0, x.shape[dim]))
    assert_parity(lambda m, t: t.topk(k, dim, largest), x)
    assert_parity(lambda m, t: m.topk(t, k, dim=dim, largest=largest, sorted=True), x)


@FLOATS
@given(data=st.data(), descending=st.booleans())
def test_sort_ties_and_nan_order(dtype, data, descending):
    """stable=True keeps ties in input order, NaN sorts as the largest (as torch); so
    does torch's default sort for up to 16 elements along the dim (README)."""
    values = st.sampled_from([0.0, 1.0, -1.0, 2.0, float("nan"), float("inf")])
    shape = S.shapes(min_dims=1, max_dims=2, max_side=16)
    x = data.draw(S.arrays(dtype, shape, elements=values))
    assert_parity(lambda m, t: t.sort(dim=-1, descending=descending, stable=True), x)
    assert_parity(lambda m, t: t.sort(0, descending), x)


@FLOATS
@given(data=st.data(), largest=st.booleans(), sorted_=st.booleans())
def test_topk_ties_and_nan_order(dtype, data, largest, sorted_):
    """Equal values (and NaNs) come out in torch's order, sorted or not: the same
    indices, so the gradient reaches the same elements."""
    values = st.sampled_from([0.0, 1.0, -1.0, 2.0, float("nan")])
    x, dim = data.draw(S.array_and_dim(dtype, nonempty=True))
    x = data.draw(S.arrays(dtype, x.shape, elements=values))
    k = data.draw(st.integers(0, x.shape[dim]))
    assert_parity(lambda m, t: t.topk(k, dim, largest, sorted_), x)


@pytest.mark.parametrize("n,k", [(64, 1), (130, 2), (100, 7), (40, 40), (300, 4)])
def test_topk_ties_long_rows(n, k):
    """Both of torch's paths: partial_sort (k * 64 <= n) and nth_element."""
    x = np.random.default_rng(n).integers(0, 4, size=(3, n)).astype(np.float32)
    for largest in (True, False):
        for sorted_ in (True, False):
            assert_parity(lambda m, t, lg=largest, so=sorted_: t.topk(k, 1, lg, so), x)


@pytest.mark.parametrize("np_dtype", [np.bool_, np.uint8])
@given(data=st.data(), descending=st.booleans())
def test_sort_of_bool_and_bytes_orders_ties_as_torch(np_dtype, data, descending):
    """torch sorts these dtypes with std::sort (not stable beyond 16 elements)."""
    shape = S.shapes(min_dims=1, max_dims=2, min_side=1, max_side=40)
    x = data.draw(
        S.int_arrays(
            shape, dtype=np_dtype, low=0, high=1 if np_dtype is np.bool_ else 3
        )
    )
    dim = data.draw(st.integers(-x.ndim, x.ndim - 1))
    assert_parity(lambda m, t: t.sort(dim, descending), x, grad=False)


def test_return_types():
    x = np.array([3.0, 1.0, 2.0])
    for name in ("sort", "topk"):
        args = () if name == "sort" else (2,)
        a = getattr(minigrad.tensor(x), name)(*args)
        e = getattr(torch.tensor(x), name)(*args)
        assert type(a).__name__ == type(e).__name__ == name
        assert repr(a).replace("minigrad.", "torch.") == repr(e)
        values, indices = a
        assert values is a.values and indices is a.indices and a[1] is a.indices
        assert a.indices.dtype == minigrad.int64


def test_sort_topk_0d():
    assert_parity(lambda m, x: x.sort(), np.array(2.0))
    assert_parity(lambda m, x: x.topk(1), np.array(2.0))
    assert_parity(lambda m, x: x.topk(0), np.array(2.0))


# --- bmm and einsum ---------------------------------------------------------------


@FLOATS
@given(data=st.data())
def test_bmm(dtype, data):
    b, n, k, m = (data.draw(st.integers(0, 4)) for _ in range(4))
    a = data.draw(S.arrays(dtype, (b, n, k), S.UNIT))
    c = data.draw(S.arrays(dtype, (b, k, m), S.UNIT))
    assert_parity(lambda lib, x, y: lib.bmm(x, y), a, c)
    assert_parity(lambda lib, x, y: x.bmm(y), a, c)


EINSUMS = [
    ("ij,jk->ik", [(3, 4), (4, 2)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("i,i->", [(5,), (5,)]),
    ("ij->ji", [(3, 4)]),
    ("ij,j->i", [(3, 4), (4,)]),
    ("i,j->ij", [(3,), (4,)]),
    ("bi,bi->b", [(3, 4), (3, 4)]),
    ("ij->", [(3, 4)]),
    ("ij->j", [(3, 4)]),
    ("ij,kj->ik", [(3, 4), (2, 4)]),
    ("ik,kj", [(3, 4), (4, 2)]),
    ("ba,ca", [(2, 3), (4, 3)]),
    ("...ij,...jk->...ik", [(2, 3, 4), (4, 5)]),
    ("bhqd,bhkd->bhqk", [(2, 2, 3, 4), (2, 2, 5, 4)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
    ("i,ij->j", [(1,), (3, 4)]),
    (" ij , jk -> ik ", [(3, 4), (4, 2)]),
]


@FLOATS
@pytest.mark.parametrize("equation,shapes", EINSUMS, ids=[e for e, _ in EINSUMS])
@given(data=st.data())
def test_einsum(equation, shapes, dtype, data):
    # NOTE: graph=False: torch records einsum as permute/view/bmm nodes, minigrad as
    # one EinsumBackward0 node (README, known differences)
    if equation == "i,ij->j":  # a size-1 dim broadcast against 3
        shapes = [(1,), (1, 4)] if data.draw(st.booleans()) else [(3,), (3, 4)]
    arrays = [data.draw(S.arrays(dtype, s, S.UNIT)) for s in shapes]
    assert_parity(lambda m, *xs: m.einsum(equation, *xs), *arrays, graph=False)
    assert_parity(
        lambda m, *xs: m.einsum(equation, list(xs)),
        *arrays,
        graph=False,
        second_order=False,
    )


def test_einsum_integer_and_diagonal_forward():
    a = np.arange(6).reshape(2, 3)
    assert_parity(lambda m, x, y: m.einsum("ij,kj->ik", x, y), a, a, grad=False)
    assert_parity(
        lambda m, x: m.einsum("ii->i", x), np.arange(9.0).reshape(3, 3), grad=False
    )


# --- errors -----------------------------------------------------------------------

ERRORS = [
    ("var_int", lambda m: m.arange(4).var(), "floating point"),
    ("std_int", lambda m: m.std(m.arange(4)), "floating point"),
    (
        "var_both_corrections",
        lambda m: m.ones(3, 4).var(0, unbiased=True, correction=1),
        "invalid combination",
    ),
    ("var_bad_dim", lambda m: m.ones(3, 4).var(5), "Dimension out of range"),
    ("norm_int", lambda m: m.arange(3).norm(), "floating point"),
    ("norm_bad_p", lambda m: m.ones(3).norm(p="abc"), "not supported"),
    ("norm_inf_empty", lambda m: m.ones(0).norm(float("inf")), "empty tensor"),
    (
        "norm_fro_three_dims",
        lambda m: m.ones(2, 2, 2).norm(p="fro", dim=(0, 1, 2)),
        "2-tuple",
    ),
    (
        "norm_int_with_dtype",
        lambda m: m.arange(3).norm(dtype=m.float32),
        "floating point",
    ),
    (
        "norm_narrowing_dtype",
        lambda m: m.ones(2, dtype=m.float64).norm(dtype=m.float32),
        "without narrowing",
    ),
    ("norm_negative_order_empty", lambda m: m.ones(0).norm(-1), "empty tensor"),
    (
        "linalg_norm_3d_ord",
        lambda m: m.linalg.norm(m.ones(2, 2, 2), 3),
        "must be 1D or 2D",
    ),
    (
        "linalg_norm_matrix_order",
        lambda m: m.linalg.norm(m.ones(2, 2), 3),
        "Order 3 not supported",
    ),
    (
        "linalg_norm_fro_one_dim",
        lambda m: m.linalg.norm(m.ones(2, 2), "fro", dim=1),
        "2-tuple",
    ),
    (
        "linalg_vector_norm_str",
        lambda m: m.linalg.vector_norm(m.ones(2), "fro"),
        "must be Number",
    ),
    (
        "linalg_vector_norm_int",
        lambda m: m.linalg.vector_norm(m.arange(2)),
        "floating point",
    ),
    ("prod_bad_dim", lambda m: m.ones(3).prod(1), "Dimension out of range"),
    ("cumsum_no_dim", lambda m: m.ones(3).cumsum(), "dim"),
    ("cumsum_bad_dim", lambda m: m.ones(3).cumsum(2), "Dimension out of range"),
    ("repeat_too_few", lambda m: m.ones(3, 4).repeat(2), "can not be smaller"),
    ("repeat_negative", lambda m: m.ones(3, 4).repeat(-1, 2), "negative dimension"),
    (
        "masked_fill_float_mask",
        lambda m: m.ones(3).masked_fill(m.ones(3), 0.0),
        "boolean masks",
    ),
    (
        "masked_fill_1d_value",
        lambda m: m.ones(3).masked_fill(m.ones(3) > 0, m.ones(2)),
        "0-dimensional",
    ),
    (
        "masked_fill_shape",
        lambda m: m.ones(3, 4).masked_fill(m.ones(5) > 0, 2.0),
        "must match",
    ),
    (
        "masked_fill_inplace_broadcast",
        lambda m: m.ones(4).masked_fill_(m.ones(3, 4) > 0, 2.0),
        "doesn't match the broadcast shape",
    ),
    ("chunk_zero", lambda m: m.ones(3).chunk(0), "greater than 0"),
    ("chunk_0d", lambda m: m.tensor(1.0).chunk(2), "1-dimensional"),
    ("split_zero", lambda m: m.ones(3).split(0), "split_size can only be 0"),
    ("split_negative", lambda m: m.ones(3).split(-1), "non-negative"),
    ("split_sizes_sum", lambda m: m.ones(3).split([1, 1]), "sum exactly to 3"),
    (
        "split_sizes_negative",
        lambda m: m.ones(3).split([4, -1]),
        "non-negative entries",
    ),
    ("split_bad_dim", lambda m: m.ones(3).split(1, 1), "Dimension out of range"),
    ("topk_too_big", lambda m: m.ones(3, 4).topk(5), "out of range"),
    ("topk_negative", lambda m: m.ones(3, 4).topk(-1), "out of range"),
    ("sort_bad_dim", lambda m: m.ones(3).sort(2), "Dimension out of range"),
    (
        "bmm_2d_first",
        lambda m: m.bmm(m.ones(3, 4), m.ones(2, 4, 5)),
        "batch1 must be a 3D",
    ),
    (
        "bmm_2d_second",
        lambda m: m.bmm(m.ones(2, 3, 4), m.ones(4, 5)),
        "batch2 must be a 3D",
    ),
    (
        "bmm_batch",
        lambda m: m.bmm(m.ones(2, 3, 4), m.ones(3, 4, 5)),
        "[2, 4] but got: [3, 4]",
    ),
    (
        "bmm_inner",
        lambda m: m.bmm(m.ones(2, 3, 4), m.ones(2, 5, 5)),
        "[2, 4] but got: [2, 5]",
    ),
    (
        "bmm_dtype",
        lambda m: m.bmm(m.ones(2, 3, 4), m.ones(2, 4, 5, dtype=m.float64)),
        "expected scalar type Float but found Double",
    ),
    ("bmm_not_tensor", lambda m: m.bmm(m.ones(2, 3, 4), 3), "must be Tensor"),
    (
        "einsum_subscripts",
        lambda m: m.einsum("ij,jk->ik", m.ones(2, 3, 4), m.ones(4, 5)),
        "number of subscripts",
    ),
    (
        "einsum_fewer_operands",
        lambda m: m.einsum("ij,jk->ik", m.ones(2, 3)),
        "fewer operands",
    ),
    (
        "einsum_more_operands",
        lambda m: m.einsum("ij->ij", m.ones(2, 3), m.ones(2, 3)),
        "more operands",
    ),
    (
        "einsum_sizes",
        lambda m: m.einsum("ij,jk->ik", m.ones(2, 3), m.ones(4, 5)),
        "subscript j has size 4",
    ),
    (
        "einsum_unknown_output",
        lambda m: m.einsum("ij,jk->iz", m.ones(2, 3), m.ones(3, 5)),
        "output subscript z",
    ),
    (
        "einsum_repeated_output",
        lambda m: m.einsum("ij,jk->ii", m.ones(2, 3), m.ones(3, 5)),
        "more than once",
    ),
    (
        "einsum_bad_character",
        lambda m: m.einsum("i1,jk->ik", m.ones(2, 3), m.ones(3, 5)),
        "invalid subscript",
    ),
    (
        "einsum_dtype",
        lambda m: m.einsum("ij,jk->ik", m.ones(2, 3), m.ones(3, 5, dtype=m.float64)),
        "expected scalar type",
    ),
    (
        "leaky_relu_int",
        lambda m: m.nn.functional.leaky_relu(m.arange(3)),
        "not implemented for 'Long'",
    ),
    ("elu_int", lambda m: m.nn.functional.elu(m.arange(3)), "not implemented"),
    (
        "softplus_int",
        lambda m: m.nn.functional.softplus(m.arange(3)),
        "not implemented",
    ),
    (
        "leaky_relu_not_tensor",
        lambda m: m.nn.functional.leaky_relu(3.0),
        "must be Tensor",
    ),
    ("elu_not_tensor", lambda m: m.nn.functional.elu(3.0), "must be Tensor"),
    ("softplus_not_tensor", lambda m: m.nn.functional.softplus(3.0), "must be Tensor"),
    (
        "unflatten_sizes",
        lambda m: m.ones(3, 4).unflatten(1, (3, 3)),
        "don't multiply up",
    ),
    (
        "unflatten_two_inferred",
        lambda m: m.ones(3, 4).unflatten(1, (-1, -1)),
        "only one dimension can be inferred",
    ),
]


@pytest.mark.parametrize("name,fn,words", ERRORS, ids=[c[0] for c in ERRORS])
def test_error(name, fn, words):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_same_error(lambda m: fn(m), words)


def test_node_classes_carry_torchs_names():
    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -3.0]])
    calls = [
        lambda m, t: m.nn.functional.leaky_relu(t),
        lambda m, t: m.nn.functional.elu(t),
        lambda m, t: m.nn.functional.softplus(t),
        lambda m, t: t.var(0),
        lambda m, t: t.std(),
        lambda m, t: t.norm(),
        lambda m, t: t.prod(1),
        lambda m, t: t.cumsum(1),
        lambda m, t: t.repeat(2, 1),
        lambda m, t: t.masked_fill(t > 0, 1.0),
        lambda m, t: t.split([1, 2], 1)[1],
        lambda m, t: t.sort().values,
        lambda m, t: t.topk(1).values,
        lambda m, t: m.bmm(t[None], t.T[None]),
    ]
    for call in calls:
        a = call(minigrad, minigrad.tensor(x, requires_grad=True)).grad_fn
        e = call(torch, torch.tensor(x, requires_grad=True)).grad_fn
        assert type(a).__name__ == type(e).__name__ == a.name()


@pytest.mark.parametrize(
    "words,fn",
    [
        ("Output 0 of Split is a view", lambda m, x: (x * 2).split(2, 1)[0].mul_(2)),
        (
            "Output 1 of SplitWithSizes is a view",
            lambda m, x: (x * 2).split([1, 3], 1)[1].masked_fill_(x[:, :3] > 0, 1.0),
        ),
        (
            "Output 1 of Split is a view",
            lambda m, x: m.nn.functional.leaky_relu(
                (x * 2).chunk(2, 1)[1], inplace=True
            ),
        ),
        ("Output 0 of Split is a view", lambda m, x: x.split(2)[0].mul_(2)),
    ],
    ids=["split", "split_sizes", "chunk", "split_of_a_leaf"],
)
def test_split_pieces_refuse_in_place_writes(words, fn):
    assert_same_error(
        lambda m, x: fn(m, x.requires_grad_()), words, arrays=[np.ones((3, 4))]
    )


def test_split_pieces_in_place_without_grad():
    def fn(m, x):
        with m.no_grad():
            a, _ = x.split(2, 1)
            a.mul_(2)
        return x * 1

    assert_parity(fn, np.arange(-6.0, 6.0).reshape(3, 4), grad=False)


@pytest.mark.parametrize("act", ["elu", "leaky_relu"])
def test_in_place_activations_through_views(act):
    def fn(m, x):
        y = x * 2
        y[0].masked_fill_(y[0] > 0.5, 0.25)
        getattr(m.nn.functional, act)(y.unflatten(1, (2, 2))[1:], inplace=True)
        return y

    assert_parity(fn, np.arange(-6.0, 6.0).reshape(3, 4) / 5)
