"""torch's other shape functions against torch: flip, roll, rot90, tril/triu,
diagonals, unbind, movedim, stacking, meshgrid, atleast_*; views written through."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as S
from tests.parity import assert_parity, assert_same_error
from tests.scenarios import leaf, name_of, run_both, signature, upstream

A = np.arange(12, dtype=np.float64).reshape(3, 4) * 0.37 - 1.5
B = np.arange(24, dtype=np.float64).reshape(2, 3, 4) * 0.21 - 2.0
V = np.array([0.5, -1.25, 2.0, 3.5])
W = np.array([1.5, -0.5, 0.25])
S0 = np.array(1.75)

ONE = [
    ("flip_fn", lambda m, x: m.flip(x, [0])),
    ("flip_two", lambda m, x: m.flip(x, (0, -1))),
    ("flip_method", lambda m, x: x.flip(1)),
    ("flip_varargs", lambda m, x: x.flip(0, 1)),
    ("fliplr", lambda m, x: m.fliplr(x)),
    ("flipud", lambda m, x: x.flipud()),
    ("roll", lambda m, x: m.roll(x, 1, 0)),
    ("roll_flat", lambda m, x: m.roll(x, -5)),
    ("roll_two", lambda m, x: x.roll((1, -2), (0, 1))),
    ("rot90", lambda m, x: m.rot90(x)),
    ("rot90_k2", lambda m, x: m.rot90(x, 2)),
    ("rot90_k3_dims", lambda m, x: x.rot90(-1, [1, 0])),
    ("rot90_k0", lambda m, x: x.rot90(0)),
    ("tril", lambda m, x: m.tril(x)),
    ("tril_diag", lambda m, x: x.tril(diagonal=1)),
    ("triu", lambda m, x: m.triu(x, -1)),
    ("triu_method", lambda m, x: x.triu()),
    ("diagonal", lambda m, x: m.diagonal(x)),
    ("diagonal_offset", lambda m, x: x.diagonal(1)),
    ("diagonal_neg", lambda m, x: x.diagonal(offset=-1, dim1=1, dim2=0)),
    ("diagonal_far", lambda m, x: x.diagonal(7)),
    ("diag_2d", lambda m, x: m.diag(x)),
    ("diag_2d_k", lambda m, x: x.diag(-1)),
    ("diag_embed", lambda m, x: m.diag_embed(x)),
    ("diag_embed_offset", lambda m, x: x.diag_embed(1, 0, 2)),
    ("trace", lambda m, x: m.trace(x)),
    ("trace_method", lambda m, x: x.trace() * 2),
    ("unbind", lambda m, x: m.unbind(x)),
    ("unbind_dim", lambda m, x: x.unbind(1)),
    ("narrow", lambda m, x: m.narrow(x, 1, 1, 2)),
    ("select", lambda m, x: m.select(x, 1, -1)),
    ("movedim", lambda m, x: m.movedim(x, 0, 1)),
    ("moveaxis", lambda m, x: m.moveaxis(x, -1, 0)),
    ("swapaxes", lambda m, x: m.swapaxes(x, 0, 1)),
    ("swapdims", lambda m, x: x.swapdims(1, 0)),
    ("ravel", lambda m, x: m.ravel(x)),
    ("ravel_t", lambda m, x: x.t().ravel()),
    ("tile", lambda m, x: m.tile(x, (2,))),
    ("tile_more", lambda m, x: x.tile((2, 1, 2))),
    ("broadcast_to", lambda m, x: m.broadcast_to(x, (2, 3, 4))),
    ("broadcast_to_same", lambda m, x: x.broadcast_to((3, 4))),
    ("atleast_1d", lambda m, x: m.atleast_1d(x)),
    ("atleast_2d", lambda m, x: m.atleast_2d(x)),
    ("atleast_3d", lambda m, x: m.atleast_3d(x)),
    ("atleast_many", lambda m, x: m.atleast_3d(x, x[0])),
    ("hstack", lambda m, x: m.hstack([x, x * 2])),
    ("vstack", lambda m, x: m.vstack([x, x[0]])),
    ("row_stack", lambda m, x: m.row_stack((x[0], x[1]))),
    ("dstack", lambda m, x: m.dstack([x, x])),
    ("column_stack", lambda m, x: m.column_stack([x[0], x.t()])),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", ONE, ids=[c[0] for c in ONE])
def test_matrix(name, fn, dtype):
    assert_parity(fn, A.astype(dtype))


VECTOR = [
    ("flip", lambda m, x: m.flip(x, [0])),
    ("roll", lambda m, x: x.roll(2)),
    ("diag", lambda m, x: m.diag(x)),
    ("diag_k", lambda m, x: m.diag(x, 2)),
    ("diag_k_neg", lambda m, x: x.diag(-1)),
    ("diag_embed", lambda m, x: m.diag_embed(x, -1)),
    ("atleast_2d", lambda m, x: m.atleast_2d(x)),
    ("atleast_3d", lambda m, x: m.atleast_3d(x)),
    ("hstack", lambda m, x: m.hstack([x, x])),
    ("column_stack", lambda m, x: m.column_stack([x, x])),
    ("unbind", lambda m, x: x.unbind()),
    ("outer_self", lambda m, x: m.outer(x, x)),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", VECTOR, ids=[c[0] for c in VECTOR])
def test_vector(name, fn, dtype):
    assert_parity(fn, V.astype(dtype))


SCALAR = [
    ("flip", lambda m, x: m.flip(x, [])),
    ("atleast_1d", lambda m, x: m.atleast_1d(x)),
    ("atleast_2d", lambda m, x: m.atleast_2d(x)),
    ("atleast_3d", lambda m, x: m.atleast_3d(x)),
    ("hstack", lambda m, x: m.hstack([x, x])),
    ("ravel", lambda m, x: m.ravel(x)),
]


@pytest.mark.parametrize("name,fn", SCALAR, ids=[c[0] for c in SCALAR])
def test_scalar(name, fn):
    assert_parity(fn, S0)


BATCH = [
    ("flip", lambda m, x: m.flip(x, [0, 2])),
    ("roll", lambda m, x: x.roll(1, -1)),
    ("rot90", lambda m, x: x.rot90(1, (2, 0))),
    ("tril", lambda m, x: x.tril(-1)),
    ("triu", lambda m, x: x.triu(2)),
    ("diagonal", lambda m, x: x.diagonal(0, 2, 1)),
    ("diagonal_offset", lambda m, x: m.diagonal(x, 1, -1, 0)),
    ("diag_embed", lambda m, x: x.diag_embed(0, -1, 1)),
    ("movedim_many", lambda m, x: m.movedim(x, (0, 1), (2, 0))),
    ("movedim_list", lambda m, x: x.movedim([2], [0])),
    ("dstack", lambda m, x: m.dstack([x, x])),
    ("atleast_3d", lambda m, x: m.atleast_3d(x)),
    ("unbind", lambda m, x: m.unbind(x, -1)),
]


@pytest.mark.parametrize("name,fn", BATCH, ids=[c[0] for c in BATCH])
def test_batch(name, fn):
    assert_parity(fn, B.astype(np.float32))


def test_broadcast_tensors_and_meshgrid():
    assert_parity(lambda m, x, v: m.broadcast_tensors(x, v), A, V)
    assert_parity(lambda m, x, v: m.broadcast_tensors(x[:, :1], v), A, V)
    assert_parity(lambda m, v, w: m.meshgrid(v, w, indexing="ij"), V, W)
    assert_parity(lambda m, v, w: m.meshgrid([v, w], indexing="xy"), V, W)
    assert_parity(lambda m, v, w, s: m.meshgrid(v, s, w, indexing="xy"), V, W, S0)


@pytest.mark.filterwarnings("ignore:torch.meshgrid")
def test_meshgrid_warns_without_indexing():
    def s(lib, out):
        with pytest.warns(UserWarning, match="indexing argument"):
            out.extend(lib.meshgrid(lib.tensor(V), lib.tensor(W)))

    run_both(s)


@pytest.mark.parametrize("fn", ["tril_indices", "triu_indices"])
@pytest.mark.parametrize("args", [(3, 3), (4, 3, 1), (3, 5, -1), (0, 2), (3, 3, 5)])
def test_triangle_indices(fn, args):
    def s(lib, out):
        out.append(getattr(lib, fn)(*args))
        out.append(getattr(lib, fn)(*args, dtype=lib.int32))

    run_both(s)


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.bool_])
def test_integer_inputs(dtype):
    x = (np.arange(12).reshape(3, 4) % 3).astype(dtype)
    for fn in [
        lambda m, x: m.flip(x, [0]),
        lambda m, x: x.roll(1),
        lambda m, x: x.rot90(),
        lambda m, x: x.tril(),
        lambda m, x: x.diagonal(),
        lambda m, x: x.diag(),
        lambda m, x: x.diag_embed(),
        lambda m, x: m.hstack([x, x]),
    ]:
        assert_parity(fn, x)
    if dtype is not np.bool_:
        assert_parity(lambda m, x: x.trace(), x)


# --- hypothesis: any shape, any dims ---------------------------------------------------


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@given(data=st.data())
def test_flip_roll_any(dtype, data):
    x, dim = data.draw(S.array_and_dim(dtype))
    shift = data.draw(st.integers(-5, 5))
    assert_parity(lambda m, x: x.flip(dim), x)
    assert_parity(lambda m, x: m.roll(x, shift, dim), x)
    assert_parity(lambda m, x: m.roll(x, shift), x)


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@given(data=st.data())
def test_triangles_and_diagonals_any(dtype, data):
    x = data.draw(S.arrays(dtype, S.shapes(min_dims=2, max_dims=3)))
    k = data.draw(st.integers(-3, 3))
    d1, d2 = data.draw(st.permutations(range(x.ndim)))[:2]
    assert_parity(lambda m, x: x.tril(k), x)
    assert_parity(lambda m, x: m.triu(x, k), x)
    assert_parity(lambda m, x: x.diagonal(k, d1, d2), x)
    assert_parity(lambda m, x: m.diag_embed(x, k, d1, d2), x)


@given(data=st.data())
def test_movedim_any(data):
    x = data.draw(S.arrays(np.float64, S.shapes(min_dims=1)))
    n = data.draw(st.integers(1, x.ndim))
    src = data.draw(st.permutations(range(x.ndim)))[:n]
    dst = data.draw(st.permutations(range(-x.ndim, 0)))[:n]
    assert_parity(lambda m, x: m.movedim(x, tuple(src), tuple(dst)), x)


# --- views: writes through diagonal, movedim, swapaxes, unbind, narrow reach the base ----

VIEWS = [
    ("diagonal", lambda x: x.diagonal()),
    ("diagonal_offset", lambda x: x.diagonal(-1)),
    ("movedim", lambda x: x.movedim(0, 1)),
    ("swapaxes", lambda x: x.swapaxes(0, 1)),
    ("narrow", lambda x: x.narrow(1, 1, 2)),
    ("select", lambda x: x.select(0, 2)),
    ("broadcast_to_row", lambda x: x[0].broadcast_to((1, 4))),
    ("ravel", lambda x: x.ravel()),
]


@pytest.mark.parametrize("name,view", VIEWS, ids=[c[0] for c in VIEWS])
def test_write_through_view(name, view):
    def s(lib, out):
        x = leaf(lib, A.astype(np.float32))
        h = x * 1.5
        v = view(h)
        v.mul_(2.0)
        out += [h, name_of(h), name_of(v), signature(h), v._base is h]
        (h * h).backward(lib.tensor(upstream(A.shape)))
        out.append(x.grad)

    run_both(s)


def test_diagonal_write_without_grad_reaches_base():
    def s(lib, out):
        x = lib.tensor(A.astype(np.float32))
        x.diagonal().fill_(7.0)
        x.movedim(1, 0)[0].zero_()
        out += [x, x._version]

    run_both(s)


def test_unbind_pieces_refuse_inplace():
    def s(lib, out):
        x = leaf(lib, A.astype(np.float32))
        a, b, c = (x * 2).unbind()
        out += [name_of(a), a._base is not None]
        b.add_(1)

    run_both(s, words=("Output 1 of Unbind is a view",), raises=True)


def test_view_base_and_saved():
    def s(lib, out):
        x = leaf(lib, B.astype(np.float32))
        d = x.diagonal(1, 0, 2)
        out += [d._base is x, d.grad_fn._saved_offset, d.grad_fn._saved_dim1]
        out += [d.grad_fn._saved_dim2, list(d.grad_fn._saved_self_sym_sizes)]
        f = x.flip(0, 2)
        out += [list(f.grad_fn._saved_dims), f._base is None]

    run_both(s)


# --- errors -----------------------------------------------------------------------------

ERRORS = [
    (lambda m, x: x.flip(0, 0), ("appears multiple times",)),
    (
        lambda m, x: m.flip(x, 0),
        ("argument 'dims' (position 2) must be tuple of ints, not int",),
    ),
    (lambda m, x: x.flip(2), ("Dimension out of range",)),
    (lambda m, x: m.fliplr(x[0]), ("Input must be >= 2-d.",)),
    (lambda m, x: m.flipud(x[0, 0]), ("Input must be >= 1-d.",)),
    (lambda m, x: x.roll((1, 2), 0), ("shifts and dimensions must align",)),
    (lambda m, x: x.roll(1, 2), ("Dimension out of range",)),
    (lambda m, x: x.rot90(1, [0, 1, 1]), ("expected total rotation dims == 2",)),
    (lambda m, x: x[0].rot90(), ("expected total dims >= 2",)),
    (lambda m, x: x.rot90(1, [0, -2]), ("expected rotation dims to be different",)),
    (lambda m, x: x[0].tril(), ("tril: input tensor must have at least 2 dimensions",)),
    (
        lambda m, x: m.triu(x[0]),
        ("triu: input tensor must have at least 2 dimensions",),
    ),
    (
        lambda m, x: x.unsqueeze(0).diag(),
        ("diag(): Supports 1D or 2D tensors. Got 3D",),
    ),
    (lambda m, x: x.diagonal(0, 1, 1), ("diagonal dimensions cannot be identical",)),
    (lambda m, x: x[0].diagonal(), ("Dimension out of range",)),
    (lambda m, x: x.diag_embed(0, 1, -2), ("diagonal dimensions cannot be identical",)),
    (
        lambda m, x: x[0].trace(),
        ("trace: expected a matrix, but got tensor with dim 1",),
    ),
    (
        lambda m, x: x[0, 0].unbind(),
        ("Dimension specified as 0 but tensor has no dimensions",),
    ),
    (
        lambda m, x: x.movedim((0, 1), (0,)),
        ("movedim: Invalid source or destination dims",),
    ),
    (
        lambda m, x: x.movedim((0, 0), (0, 1)),
        ("movedim: repeated dim in `source` ([0, 0])",),
    ),
    (
        lambda m, x: x.movedim((0, 1), (1, 1)),
        ("movedim: repeated dim in `destination`",),
    ),
    (lambda m, x: x.movedim(2, 0), ("Dimension out of range",)),
    (lambda m, x: x.tile(-1), ("negative dimension",)),
    (
        lambda m, x: x.broadcast_to((2, 4)),
        ("The expanded size of the tensor (2) must match",),
    ),
    (
        lambda m, x: m.broadcast_tensors(x, x[:, :3]),
        ("must match the size of tensor b",),
    ),
    (lambda m, x: m.hstack([]), ("hstack expects a non-empty TensorList",)),
    (lambda m, x: m.meshgrid(x, x[0], indexing="ij"), ("Expected 0D or 1D tensor",)),
    (
        lambda m, x: m.meshgrid(x[0], x[0], indexing="ab"),
        ('indexing must be one of "xy" or "ij"',),
    ),
    (lambda m, x: m.meshgrid(x[0], x[0].long(), indexing="ij"), ("same dtype",)),
    (lambda m, x: m.tril_indices(-1, 2), ("row must be non-negative",)),
    (lambda m, x: m.narrow(x, 2, 0, 1), ("Dimension out of range",)),
    (lambda m, x: m.select(x, 0, 5), ("out of range",)),
]


@pytest.mark.parametrize("fn,words", ERRORS)
def test_errors(fn, words):
    assert_same_error(fn, *words, arrays=[A.astype(np.float32)])
