"""torch's index functions against torch: index_select, masked_select, nonzero,
argwhere, take, take_along_dim, index_add / index_copy / index_fill (and in place),
where(condition); products: outer, mv, addmm, addmv, baddbmm, addbmm, inner,
tensordot, kron, vdot."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as S
from tests.parity import assert_parity, assert_same_error
from tests.scenarios import leaf, name_of, run_both, signature, upstream

A = np.array([[0.5, -1.25, 2.0, 3.5], [1.5, 0.25, -0.75, 2.25], [3.0, -2.0, 1.0, 0.1]])
V = np.array([0.5, -1.25, 2.0, 3.5])
W = np.array([1.5, -0.5, 0.25])
SRC = np.array([[1.0, 2.0, 3.0, 4.0], [-1.0, -2.0, -3.0, -4.0]])


def _i(m, *values):
    return m.tensor(list(values))


INDEX = [
    ("index_select", lambda m, x: m.index_select(x, 0, _i(m, 2, 0, 2))),
    ("index_select_dim1", lambda m, x: x.index_select(1, _i(m, 3, 1))),
    ("index_select_0d", lambda m, x: x.index_select(-1, m.tensor(2))),
    ("index_select_int32", lambda m, x: x.index_select(0, _i(m, 1).int())),
    ("masked_select", lambda m, x: m.masked_select(x, x > 0.4)),
    (
        "masked_select_bcast",
        lambda m, x: x.masked_select(m.tensor([True, False, True, True])),
    ),
    ("nonzero", lambda m, x: m.nonzero(x > 0.4)),
    ("nonzero_tuple", lambda m, x: (x > 0.4).nonzero(as_tuple=True)),
    ("argwhere", lambda m, x: m.argwhere(x < 0)),
    ("where_one_arg", lambda m, x: m.where(x > 1)),
    ("take", lambda m, x: m.take(x, _i(m, 0, 5, -1, 5))),
    ("take_2d", lambda m, x: x.take(m.tensor([[1, 2], [11, 0]]))),
    ("take_along_dim", lambda m, x: m.take_along_dim(x, x.argsort(1), 1)),
    ("take_along_dim_bcast", lambda m, x: x.take_along_dim(m.tensor([[0, 2]]), dim=1)),
    ("take_along_dim_flat", lambda m, x: m.take_along_dim(x, _i(m, 0, 11, 3))),
    ("index_fill", lambda m, x: m.index_fill(x, 1, _i(m, 0, 2), -1.5)),
    ("index_fill_0d", lambda m, x: x.index_fill(0, m.tensor(1), 2)),
    ("index_fill_neg", lambda m, x: x.index_fill(0, _i(m, -1, -3), 2)),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", INDEX, ids=[c[0] for c in INDEX])
def test_index(name, fn, dtype):
    assert_parity(fn, A.astype(dtype))


WRITES = [
    ("index_add", lambda m, x, s: m.index_add(x, 0, _i(m, 2, 0), s)),
    ("index_add_repeat", lambda m, x, s: x.index_add(0, _i(m, 1, 1), s)),
    ("index_add_alpha", lambda m, x, s: x.index_add(0, _i(m, 0, 2), s, alpha=2.5)),
    (
        "index_add_dim1",
        lambda m, x, s: x.index_add(1, _i(m, 3, 0, 1), s.t()[:, :3].t().t()),
    ),
    ("index_copy", lambda m, x, s: m.index_copy(x, 0, _i(m, 2, 0), s)),
    ("index_copy_twice", lambda m, x, s: x.index_copy(0, _i(m, 1, 2), s * 2)),
    ("index_add_inplace", lambda m, x, s: (x * 1).index_add_(0, _i(m, 2, 1), s)),
    ("index_copy_inplace", lambda m, x, s: (x + 0).index_copy_(0, _i(m, 1, 0), s)),
    (
        "index_fill_inplace",
        lambda m, x, s: (x + 0).index_fill_(1, _i(m, 1), 4.0) * s.sum(),
    ),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", WRITES, ids=[c[0] for c in WRITES])
def test_index_writes(name, fn, dtype):
    s = SRC.astype(dtype) if "dim1" not in name else A[:, :3].T.astype(dtype)
    if "dim1" in name:
        assert_parity(
            lambda m, x, s: x.index_add(1, _i(m, 3, 0, 1), s.t()), A.astype(dtype), s
        )
        return
    assert_parity(fn, A.astype(dtype), s)


def test_index_add_through_view():
    def s(lib, out):
        x, src = (
            leaf(lib, A.astype(np.float32)),
            leaf(lib, SRC[:, :3].astype(np.float32)),
        )
        h = x * 2
        h[:2, 1:].index_add_(0, lib.tensor([1, 1]), src)
        out += [h, name_of(h), signature(h)]
        (h * h).backward(lib.tensor(upstream(A.shape)))
        out += [x.grad, src.grad]

    run_both(s)


@pytest.mark.parametrize("np_dtype", [np.int64, np.bool_])
def test_integer_inputs(np_dtype):
    x = (np.arange(12).reshape(3, 4) % 3).astype(np_dtype)
    for fn in [
        lambda m, x: x.index_select(1, _i(m, 0, 0)),
        lambda m, x: x.masked_select(x > 0),
        lambda m, x: x.nonzero(),
        lambda m, x: x.take(_i(m, 3)),
        lambda m, x: x.index_fill(0, _i(m, 1), 1),
    ]:
        assert_parity(fn, x)


@given(data=st.data())
def test_index_select_any(data):
    x, dim = data.draw(S.array_and_dim(np.float64, nonempty=True))
    n = x.shape[dim]
    idx = data.draw(st.lists(st.integers(0, n - 1), max_size=5))
    assert_parity(lambda m, x: x.index_select(dim, m.tensor(idx, dtype=m.int64)), x)
    mask = data.draw(S.arrays(np.bool_, x.shape, elements=st.booleans()))
    assert_parity(lambda m, x, k: x.masked_select(k), x, mask)


# --- products ----------------------------------------------------------------------------

M = np.array([[0.5, -1.0, 2.0], [1.5, 0.5, -0.5], [2.0, 1.0, 0.25], [-1.0, 0.75, 1.0]])
B1 = np.arange(24, dtype=np.float64).reshape(2, 3, 4) * 0.1 - 1.0
B2 = np.arange(24, dtype=np.float64).reshape(2, 4, 3) * -0.07 + 0.5

PRODUCTS = [
    ("outer", lambda m, a, v, w, b1, b2, mm: m.outer(v, w), "full"),
    ("ger", lambda m, a, v, w, b1, b2, mm: m.ger(w, v), "full"),
    ("outer_method", lambda m, a, v, w, b1, b2, mm: v.outer(w), "full"),
    ("mv", lambda m, a, v, w, b1, b2, mm: m.mv(a, v), "full"),
    ("mv_method", lambda m, a, v, w, b1, b2, mm: a.t().mv(w), "full"),
    ("addmm", lambda m, a, v, w, b1, b2, mm: m.addmm(a, a, mm @ a), "root"),
    (
        "addmm_scaled",
        lambda m, a, v, w, b1, b2, mm: a.addmm(a @ mm, mm.t(), beta=0.5, alpha=2),
        "root",
    ),
    ("addmm_bcast", lambda m, a, v, w, b1, b2, mm: m.addmm(v, a @ mm, a), "root"),
    ("addmv", lambda m, a, v, w, b1, b2, mm: m.addmv(w, a, v), "full"),
    (
        "addmv_scaled",
        lambda m, a, v, w, b1, b2, mm: w.addmv(a, v, beta=2, alpha=-1),
        "full",
    ),
    ("baddbmm", lambda m, a, v, w, b1, b2, mm: m.baddbmm(a[:, :3], b1, b2), "full"),
    (
        "baddbmm_scaled",
        lambda m, a, v, w, b1, b2, mm: w.baddbmm(b1, b2, beta=0.5, alpha=3),
        "full",
    ),
    ("addbmm", lambda m, a, v, w, b1, b2, mm: m.addbmm(a[:, :3], b1, b2), "full"),
    (
        "addbmm_scaled",
        lambda m, a, v, w, b1, b2, mm: w.addbmm(b1, b2, alpha=0.5),
        "full",
    ),
    ("inner_vec", lambda m, a, v, w, b1, b2, mm: m.inner(v, v * 2), "full"),
    ("inner_mat", lambda m, a, v, w, b1, b2, mm: m.inner(a, b1), "root"),
    ("inner_scalar", lambda m, a, v, w, b1, b2, mm: m.inner(v[0], a), "full"),
    ("tensordot_int", lambda m, a, v, w, b1, b2, mm: m.tensordot(a, mm, 1), "root"),
    (
        "tensordot_two",
        lambda m, a, v, w, b1, b2, mm: m.tensordot(b1, a, ([1, 2], [0, 1])),
        "root",
    ),
    ("tensordot_zero", lambda m, a, v, w, b1, b2, mm: m.tensordot(v, w, 0), "root"),
    ("kron", lambda m, a, v, w, b1, b2, mm: m.kron(a, mm), "full"),
    ("kron_vec", lambda m, a, v, w, b1, b2, mm: v.kron(w), "full"),
    ("kron_mixed", lambda m, a, v, w, b1, b2, mm: m.kron(w, b1), "full"),
    ("vdot", lambda m, a, v, w, b1, b2, mm: m.vdot(v, v * 3), "full"),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,graph", PRODUCTS, ids=[c[0] for c in PRODUCTS])
def test_products(name, fn, graph, dtype):
    arrays = [a.astype(dtype) for a in (A, V, W, B1, B2, M)]
    assert_parity(fn, *arrays, graph=graph)


def test_integer_products():
    a, v = (np.arange(12).reshape(3, 4) - 4), np.arange(4) - 1
    for fn in [
        lambda m, a, v: m.mv(a, v),
        lambda m, a, v: m.outer(v, v),
        lambda m, a, v: m.addmm(a[:, :3], a, a.t()),
        lambda m, a, v: m.kron(a, v),
        lambda m, a, v: m.vdot(v, v),
        lambda m, a, v: m.inner(a, a),
    ]:
        assert_parity(fn, a, v)


# --- errors -------------------------------------------------------------------------------

ERRORS = [
    (
        lambda m, x: x.index_add(0, m.tensor([-1]), x[:1]),
        ("index -1 is out of bounds for dimension 0",),
    ),
    (
        lambda m, x: x.index_copy(0, m.tensor([-1]), x[:1]),
        ("index_copy_(): index -1 is out of bounds",),
    ),
    (
        lambda m, x: x.index_fill(0, m.tensor([-4]), 1.0),
        ("index -4 is out of bounds for dimension 0 with size 3",),
    ),
    (
        lambda m, x: x.index_select(0, m.tensor([0.0])),
        ("Expected dtype int32 or int64 for index",),
    ),
    (
        lambda m, x: x.index_select(0, m.tensor([[0]])),
        ("Index is supposed to be a vector",),
    ),
    (lambda m, x: x.index_select(0, m.tensor([5])), ("index out of range in self",)),
    (lambda m, x: x.index_select(0, m.tensor([-1])), ("index out of range in self",)),
    (lambda m, x: x.index_select(2, m.tensor([0])), ("Dimension out of range",)),
    (lambda m, x: x.masked_select(x), ("expected BoolTensor for mask",)),
    (lambda m, x: x.masked_select(m.zeros(2, dtype=m.bool)), ("must match the size",)),
    (
        lambda m, x: x.take(m.tensor([0], dtype=m.int32)),
        ("Expected a long tensor for index, but got Int",),
    ),
    (
        lambda m, x: x.take(m.tensor([12])),
        ("out of range: tried to access index 12 on a tensor of 12 elements",),
    ),
    (lambda m, x: x.take(m.tensor([-13])), ("tried to access index -13",)),
    (
        lambda m, x: x.take_along_dim(m.tensor([[0.0]]), 1),
        ("dtype of indices should be Long but got Float",),
    ),
    (
        lambda m, x: x.take_along_dim(m.tensor([0]), 1),
        ("input and indices should have the same number of dimensions",),
    ),
    (
        lambda m, x: x.index_add(0, m.tensor([0, 2]), m.zeros(3, 4)),
        ("Number of indices (2) should be equal to source.size(dim): (3), for dim: 0",),
    ),
    (
        lambda m, x: x.index_add(0, m.tensor([0, 2]), m.zeros(2, 4, dtype=m.float64)),
        ("self (Float) and source (Double) must have the same scalar type",),
    ),
    (
        lambda m, x: x.index_add(0, m.tensor([0, 5]), m.zeros(2, 4)),
        ("index 5 is out of bounds for dimension 0 with size 3",),
    ),
    (
        lambda m, x: x.index_copy(0, m.tensor([0, 2]), m.zeros(3, 4)),
        ("Number of indices (2) should be equal to source.size(dim) (3)",),
    ),
    (
        lambda m, x: x.index_fill(0, m.tensor([[0]]), 1.0),
        ("Index has to be a vector/scalar",),
    ),
    (
        lambda m, x: x.index_fill(0, m.tensor([7]), 1.0),
        ("index 7 is out of bounds for dimension 0 with size 3",),
    ),
    (
        lambda m, x: x.mv(m.zeros(3)),
        ("size mismatch, got input (3), mat (3x4), vec (3)",),
    ),
    (lambda m, x: x[0].mv(x[0]), ("vector + matrix @ vector expected, got 1, 1, 1",)),
    (
        lambda m, x: x.mv(x[0].double()),
        (
            "addmv input tensors must have the same dtype, but got Double, Float, and Double",
        ),
    ),
    (
        lambda m, x: m.addmm(m.zeros(3, 3), x, x),
        ("mat1 and mat2 shapes cannot be multiplied (3x4 and 3x4)",),
    ),
    (
        lambda m, x: m.addmm(m.zeros(2, 2), x, x.t()),
        ("The expanded size of the tensor",),
    ),
    (
        lambda m, x: m.addmm(m.zeros(3, 3), x[0], x),
        ("mat1 must be a matrix, got 1-D tensor",),
    ),
    (
        lambda m, x: m.addmm(m.zeros(3, 3), x, x.t().double()),
        ("self and mat2 must have the same dtype, but got Float and Double",),
    ),
    (
        lambda m, x: m.addmv(m.zeros(2), x, x[0]),
        ("size mismatch, got input (2), mat (3x4), vec (4)",),
    ),
    (lambda m, x: m.baddbmm(m.zeros(2, 3, 3), x, x), ("Dimension out of range",)),
    (
        lambda m, x: m.baddbmm(m.zeros(2, 3, 3), m.zeros(2, 3, 4), m.zeros(3, 4, 3)),
        (
            "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].",
        ),
    ),
    (
        lambda m, x: m.addbmm(m.zeros(3, 3), m.zeros(2, 3, 4), m.zeros(3, 4, 3)),
        ("batch1 and batch2 must have same number of batches, got 2 and 3",),
    ),
    (
        lambda m, x: m.addbmm(m.zeros(3, 3), m.zeros(2, 3, 4), m.zeros(2, 5, 3)),
        ("Incompatible matrix sizes for bmm (3x4 and 5x3)",),
    ),
    (
        lambda m, x: m.outer(x, x[0]),
        ("outer: Expected 1-D argument self, but got 2-D",),
    ),
    (
        lambda m, x: m.inner(x, m.zeros(3)),
        (
            "inner() the last dimension must match on both input tensors but got shapes [3, 4] and [3]",
        ),
    ),
    (
        lambda m, x: m.tensordot(x, x, 1),
        (
            "contracted dimensions need to match, but first has size 4 in dim -1 and second has size 3 in dim 0",
        ),
    ),
    (lambda m, x: m.vdot(x[0], x), ("1D tensors expected, but got 1D and 2D tensors",)),
    (lambda m, x: m.vdot(x[0], m.zeros(3)), ("inconsistent tensor size",)),
    (
        lambda m, x: m.vdot(x[0], x[0].double()),
        ("dot : expected both vectors to have same dtype, but found Float and Double",),
    ),
]


@pytest.mark.parametrize("fn,words", ERRORS)
def test_errors(fn, words):
    assert_same_error(fn, *words, arrays=[A.astype(np.float32)])


# --- cross --------------------------------------------------------------------------------

C1 = np.array([[0.5, -1.0, 2.0], [1.5, 0.5, -0.5], [2.0, 1.0, 0.25]])
C2 = np.array([[1.0, 0.25, -0.5], [-2.0, 1.5, 0.5], [0.5, 0.5, 3.0]])


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize(
    "fn",
    [
        lambda m, a, b: m.cross(a, b, dim=1),
        lambda m, a, b: a.cross(b, 0),
        lambda m, a, b: m.cross(a[:1], b, dim=-1),
        lambda m, a, b: m.cross(a[0], b[1], 0),
    ],
    ids=["dim1", "dim0", "broadcast", "vectors"],
)
def test_cross(fn, dtype):
    assert_parity(fn, C1.astype(dtype), C2.astype(dtype))


@pytest.mark.filterwarnings("ignore:Using torch.cross")
def test_cross_default_dim_warns():
    def s(lib, out):
        with pytest.warns(UserWarning, match="without specifying the dim"):
            out.append(lib.cross(lib.tensor(C1[:, :2].T), lib.tensor(C2[:, :2].T)))

    run_both(s)


@pytest.mark.parametrize(
    "fn,words",
    [
        (
            lambda m, x: m.cross(x, x, dim=1),
            ("inputs dimension 1 must have length 3. Got 4 and 4",),
        ),
        (
            lambda m, x: m.cross(x[:, :3], x[0, :3], dim=1),
            ("inputs must have the same number of dimensions",),
        ),
        (
            lambda m, x: m.cross(x[:, :3], x[:, :3].double(), dim=1),
            ("expected scalar type Float but found Double",),
        ),
    ],
)
def test_cross_errors(fn, words):
    assert_same_error(fn, *words, arrays=[A.astype(np.float32)])
