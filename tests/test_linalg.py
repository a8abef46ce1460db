"""torch.linalg against torch: det, slogdet, inv, solve, matrix_power, multi_dot,
vecdot, cross, the decompositions; values, gradients (second order), errors."""

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import assert_parity
from tests.scenarios import raises_as_torch, values_as_torch

RNG = np.random.default_rng(3)
# well-conditioned square matrices: a batch of 2 x 3 x 3 and one 4 x 4
SQ = RNG.standard_normal((2, 3, 3)) + 2 * np.eye(3)
SQ4 = RNG.standard_normal((4, 4)) + 3 * np.eye(4)
RHS = RNG.standard_normal((2, 3, 2))
VEC = RNG.standard_normal(3)
# symmetric positive-definite: for cholesky and eigh
SPD = SQ @ np.swapaxes(SQ, -1, -2) + np.eye(3)
RECT = RNG.standard_normal((2, 4, 3))
SINGULAR = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])

FLOATS = pytest.mark.parametrize("dtype", [np.float32, np.float64])

# fn(m, a, b): a of SQ's shape, b of RHS's shape
SQUARE = [
    ("det", lambda m, a, b: m.linalg.det(a)),
    ("det_4", lambda m, a, b: m.det(a[0] @ a[1])),
    ("det_method", lambda m, a, b: a.det()),
    ("slogdet", lambda m, a, b: m.linalg.slogdet(a).logabsdet),
    ("slogdet_both", lambda m, a, b: tuple(m.slogdet(-a))),
    ("logdet", lambda m, a, b: m.logdet(a)),
    ("logdet_negative", lambda m, a, b: (-a).logdet()),
    ("inv", lambda m, a, b: m.linalg.inv(a)),
    ("inverse", lambda m, a, b: a.inverse()),
    ("inv_ex", lambda m, a, b: m.linalg.inv_ex(a).inverse),
    ("solve", lambda m, a, b: m.linalg.solve(a, b)),
    ("solve_right", lambda m, a, b: m.linalg.solve(a, b.mT, left=False)),
    ("solve_vector", lambda m, a, b: m.linalg.solve(a, b[0, :, 0])),
    ("solve_batch_vector", lambda m, a, b: m.linalg.solve(a, b[..., 0])),
    ("solve_broadcast", lambda m, a, b: m.linalg.solve(a[0], b)),
    ("solve_ex", lambda m, a, b: m.linalg.solve_ex(a, b[1]).result),
    ("matrix_power_0", lambda m, a, b: m.linalg.matrix_power(a, 0)),
    ("matrix_power_1", lambda m, a, b: a.matrix_power(1)),
    ("matrix_power_3", lambda m, a, b: m.matrix_power(a, 3)),
    ("matrix_power_7", lambda m, a, b: m.linalg.matrix_power(a, 7)),
    ("matrix_power_neg", lambda m, a, b: m.linalg.matrix_power(a, -2)),
    ("multi_dot_3", lambda m, a, b: m.linalg.multi_dot([a[0], a[1], b[0]])),
    ("multi_dot_vec", lambda m, a, b: m.linalg.multi_dot([b[0, :, 0], a[0], b[1]])),
    ("multi_dot_vecs", lambda m, a, b: m.linalg.multi_dot([b[0, :, 0], a[1], a[0, 0]])),
    (
        "multi_dot_5",
        lambda m, a, b: m.linalg.multi_dot([b[0].mT, a[0], a[1], b[1], b[0].mT]),
    ),
    ("multi_dot_2", lambda m, a, b: m.linalg.multi_dot((a[0], b[0]))),
    ("vecdot", lambda m, a, b: m.linalg.vecdot(a, b[..., 0, None].mT)),
    ("vecdot_dim", lambda m, a, b: m.linalg.vecdot(a, b[0, :, :1], dim=-2)),
    ("cross", lambda m, a, b: m.linalg.cross(a, a.flip(0))),
    ("cross_dim", lambda m, a, b: m.linalg.cross(a, a.mT.flip(0), dim=1)),
    ("diagonal", lambda m, a, b: m.linalg.diagonal(a, offset=1)),
    ("matmul", lambda m, a, b: m.linalg.matmul(a, b)),
]


@FLOATS
@pytest.mark.parametrize("name, fn", SQUARE, ids=[c[0] for c in SQUARE])
def test_square_matrix_functions(name, fn, dtype):
    assert_parity(fn, SQ.astype(dtype), RHS.astype(dtype), graph="root")


def test_det_at_singular_matrices():
    """det's gradient where det = 0: the cofactors (torch's SVD formula)."""
    stack = np.stack([SINGULAR, SQ[0], np.zeros((3, 3))])
    assert_parity(lambda m, a: m.linalg.det(a), stack, second_order=False)
    assert_parity(lambda m, a: m.linalg.det(a), SINGULAR)


def test_slogdet_gradient_at_a_singular_matrix_is_not_finite():
    """torch leaves LAPACK's inf there; minigrad nan: neither raises."""
    for lib in (minigrad, torch):
        a = lib.tensor(SINGULAR, requires_grad=True)
        lib.linalg.slogdet(a).logabsdet.backward()
        assert not np.isfinite(a.grad.numpy()).all()


def test_sign_of_slogdet_has_no_gradient():
    for lib in (minigrad, torch):
        a = lib.tensor(SQ, requires_grad=True)
        lib.linalg.slogdet(a).sign.sum().backward()
        assert a.grad is None


test_singular_and_ex_info = values_as_torch(
    [
        "L.linalg.inv_ex(L.tensor(S)).info",
        "L.linalg.inv_ex(L.tensor(Z)).info",
        "L.linalg.solve_ex(L.tensor(Z), L.ones(2, 3, dtype=L.float64)).info",
        "L.linalg.slogdet(L.tensor(S)).sign",
        "L.linalg.det(L.zeros(0, 0))",
        "L.linalg.matrix_power(L.eye(3, dtype=L.int64) * 2, 3)",
        "L.linalg.multi_dot([L.ones(2, dtype=L.int64), L.ones(2, dtype=L.int64)])",
        "L.linalg.inv_ex(L.tensor(S[None].repeat(2, 0)) + L.eye(3)).info",
    ],
    S=SINGULAR,
    Z=np.stack([np.eye(3), np.zeros((3, 3))]),
)

test_errors = raises_as_torch(
    [
        ("L.linalg.inv(L.zeros(2, 3))", ()),
        ("L.linalg.inv(L.zeros(3))", ()),
        ("L.linalg.inv(L.eye(3, dtype=L.int64))", ()),
        ("L.linalg.det(L.zeros(2, 3))", ()),
        ("L.linalg.det(L.eye(2, dtype=L.int64))", ()),
        ("L.det(L.zeros(3))", ()),
        ("L.linalg.slogdet(L.eye(2, dtype=L.int64))", ()),
        ("L.logdet(L.eye(2, dtype=L.int64))", ()),
        ("L.linalg.solve(L.eye(3), L.ones(4))", ()),
        ("L.linalg.solve(L.eye(3), L.ones(4, 2))", ()),
        ("L.linalg.solve(L.eye(3), L.ones(3), left=False)", ()),
        ("L.linalg.solve(L.eye(3), L.ones(3, 4), left=False)", ()),
        ("L.linalg.solve(L.eye(3).expand(2, 3, 3), L.ones(4, 3, 1))", ()),
        ("L.linalg.solve(L.eye(3), L.ones(3, dtype=L.float64))", ()),
        ("L.linalg.solve(L.eye(3, dtype=L.int64), L.ones(3, dtype=L.int64))", ()),
        ("L.linalg.solve(L.eye(3), L.tensor(1.0))", ()),
        ("L.linalg.solve(L.zeros(2, 3), L.ones(3))", ()),
        ("L.linalg.matrix_power(L.zeros(2, 3), 2)", ()),
        ("L.linalg.matrix_power(L.zeros(3), 2)", ()),
        ("L.linalg.matrix_power(L.eye(2, dtype=L.int64), -1)", ()),
        ("L.linalg.matrix_power(L.eye(2), 2.0)", ()),
        ("L.eye(2).matrix_power(2.0)", ()),
        ("L.matrix_power(L.eye(2), True)", ()),
        ("L.linalg.multi_dot([L.eye(2)])", ()),
        ("L.linalg.multi_dot([])", ()),
        ("L.linalg.multi_dot([L.eye(2), L.eye(3)])", ()),
        ("L.linalg.multi_dot([L.eye(2), L.eye(2, dtype=L.float64)])", ()),
        ("L.linalg.multi_dot([L.eye(2, dtype=L.int64), L.eye(2)])", ()),
        ("L.linalg.multi_dot([L.eye(2), L.ones(2, 2, 2)])", ()),
        ("L.linalg.multi_dot([L.ones(2, 2, 2), L.eye(2)])", ()),
        ("L.linalg.multi_dot([L.eye(2), L.ones(2, 2, 2), L.ones(2)])", ()),
        ("L.linalg.multi_dot([L.eye(2), 3])", ()),
        ("L.linalg.multi_dot(L.eye(2))", ()),
        ("L.linalg.vecdot(L.ones(3), L.ones(3, dtype=L.float64))", ()),
        ("L.linalg.vecdot(L.ones(3, dtype=L.int64), L.ones(3, dtype=L.int64))", ()),
        ("L.linalg.cross(L.ones(2, 3), L.ones(3))", ()),
        ("L.linalg.cross(L.ones(3, 2), L.ones(3, 2))", ()),
        ("L.linalg.diagonal(L.ones(3))", ()),
        ("L.linalg.det([[1.0]])", ()),
        ("L.det([[1.0]])", ()),
        ("L.inverse(3)", ()),
    ],
    S=SINGULAR,
)


SINGULAR_CODES = [
    "L.linalg.inv(L.tensor(S))",
    "L.linalg.inv(L.zeros(2, 3, 3))",
    "L.linalg.inv_ex(L.zeros(3, 3), check_errors=True)",
    "L.linalg.solve(L.zeros(3, 3), L.ones(3))",
    "L.linalg.solve(L.stack([L.eye(3), L.zeros(3, 3)]), L.ones(3))",
    "L.linalg.matrix_power(L.zeros(3, 3), -1)",
    "L.inverse(L.tensor(S))",
    "L.linalg.eigh(L.full((3, 3), float('nan')))",
    "L.linalg.svd(L.full((3, 3), float('inf')))",
    "L.linalg.svdvals(L.full((2, 3), float('nan')))",
    "L.linalg.pinv(L.full((3, 2), float('nan')))",
    "L.linalg.matrix_rank(L.full((3, 2), float('nan')))",
    "L.linalg.cholesky(L.full((3, 3), float('nan')))",
    "L.linalg.lstsq(L.tensor(S * [1.0, 0.0, 1.0]), L.ones(3, 2, dtype=L.float64), driver='gels')",
    "L.linalg.lstsq(L.tensor(np.stack([np.eye(3), S * [1.0, 1.0, 0.0]])), L.ones(2, 3, 2, dtype=L.float64), driver='gels')",
]


@pytest.mark.parametrize("code", SINGULAR_CODES)
def test_singular_raises_linalg_error(code):
    """torch's LinAlgError (a RuntimeError) with torch's message."""
    errors = []
    for lib in (minigrad, torch):
        with pytest.raises(lib.linalg.LinAlgError) as info:
            eval(code, {"L": lib, "S": SINGULAR, "np": np})
        errors.append(info.value)
    assert str(errors[0]) == str(errors[1])
    assert type(errors[0]).__name__ == type(errors[1]).__name__


def test_linalg_error_is_torchs():
    assert issubclass(minigrad.linalg.LinAlgError, RuntimeError)
    assert minigrad.linalg.LinAlgError.__name__ == torch.linalg.LinAlgError.__name__
    with pytest.raises(minigrad.linalg.LinAlgError):
        minigrad.linalg.inv(minigrad.zeros(2, 2))


def test_linalg_all_is_torchs_names():
    names = {}
    exec("from minigrad.linalg import *", names)
    assert {"Tensor", "apply", "math"}.isdisjoint(names)
    assert set(minigrad.linalg.__all__) <= set(dir(torch.linalg))


# --- decompositions: sign-invariant quantities where the signs are not unique ----


def _pair(u, vh):
    """u_i vh_i summed with weights: invariant to flipping a pair's signs."""
    return u[..., :, :2] @ vh[..., :2, :]


# fn(m, s, r): s symmetric positive-definite (SPD's shape), r of RECT's shape
DECOMPOSITIONS = [
    ("cholesky", lambda m, s, r: m.linalg.cholesky(s)),
    ("cholesky_upper", lambda m, s, r: m.linalg.cholesky(s, upper=True)),
    ("cholesky_ex", lambda m, s, r: tuple(m.linalg.cholesky_ex(s))),
    ("torch_cholesky", lambda m, s, r: m.cholesky(s[0], True)),
    ("eigvalsh", lambda m, s, r: m.linalg.eigvalsh(s)),
    ("eigvalsh_upper", lambda m, s, r: m.linalg.eigvalsh(s.triu(), UPLO="U")),
    ("eigh_values", lambda m, s, r: m.linalg.eigh(s).eigenvalues),
    ("eigh_vectors_squared", lambda m, s, r: m.linalg.eigh(s)[1] ** 2),
    (
        "eigh_both",
        lambda m, s, r: (lambda w, v: (v * w[..., None, :]) @ v.mT)(*m.linalg.eigh(s)),
    ),
    ("svdvals", lambda m, s, r: m.linalg.svdvals(r)),
    ("svdvals_wide", lambda m, s, r: m.linalg.svdvals(r.mT)),
    ("svd_s", lambda m, s, r: m.linalg.svd(r, full_matrices=False).S),
    ("svd_u_squared", lambda m, s, r: m.linalg.svd(r, full_matrices=False).U ** 2),
    ("svd_vh_squared", lambda m, s, r: m.linalg.svd(r)[2] ** 2),
    ("svd_pairs_tall", lambda m, s, r: _pair(*m.linalg.svd(r, False)[::2])),
    ("svd_pairs_wide", lambda m, s, r: _pair(*m.linalg.svd(r.mT, False)[::2])),
    (
        "svd_full_tall",
        lambda m, s, r: (lambda u, v: u[..., :3] ** 2 + (v**2).sum())(
            *m.linalg.svd(r)[::2]
        ),
    ),
    (
        "svd_all",
        lambda m, s, r: (lambda u, s_, vh: (u * s_[..., None, :]) @ vh)(
            *m.linalg.svd(r, False)
        ),
    ),
    ("torch_svd", lambda m, s, r: (lambda u, s_, v: (u**2, s_, v**2))(*m.svd(r))),
    ("torch_svd_no_uv", lambda m, s, r: m.svd(r, compute_uv=False)[1]),
    ("qr", lambda m, s, r: tuple(m.linalg.qr(r))),
    ("qr_q", lambda m, s, r: m.linalg.qr(r).Q),
    ("qr_r", lambda m, s, r: m.linalg.qr(r).R),
    ("qr_square_complete", lambda m, s, r: tuple(m.linalg.qr(s, mode="complete"))),
    ("qr_wide", lambda m, s, r: tuple(m.linalg.qr(r.mT))),
    ("qr_wide_r", lambda m, s, r: m.linalg.qr(r.mT, mode="complete").R),
    ("qr_r_mode_value", lambda m, s, r: m.linalg.qr(r.detach(), mode="r").R),
    (
        "solve_triangular",
        lambda m, s, r: m.linalg.solve_triangular(s, r.mT, upper=True),
    ),
    (
        "solve_triangular_lower",
        lambda m, s, r: m.linalg.solve_triangular(s, r.mT, upper=False),
    ),
    (
        "solve_triangular_right_unit",
        lambda m, s, r: m.linalg.solve_triangular(
            s, r, upper=False, left=False, unitriangular=True
        ),
    ),
    ("triangular_solve", lambda m, s, r: tuple(m.triangular_solve(r.mT, s))),
    (
        "solve_triangular_broadcast",
        lambda m, s, r: m.linalg.solve_triangular(s[0], r.mT, upper=True),
    ),
    ("cholesky_solve_broadcast", lambda m, s, r: m.cholesky_solve(r[0].mT, s.tril())),
    ("lstsq_broadcast", lambda m, s, r: m.linalg.lstsq(r, r[:1, :, :2] ** 2).solution),
    ("pinv_atol", lambda m, s, r: m.linalg.pinv(r, atol=0.5)),
    (
        "triangular_solve_t",
        lambda m, s, r: m.triangular_solve(r.mT, s, False, True).solution,
    ),
    ("cholesky_solve", lambda m, s, r: m.cholesky_solve(r.mT, s.tril())),
    (
        "cholesky_solve_upper",
        lambda m, s, r: m.cholesky_solve(r.mT, s.triu(), upper=True),
    ),
    ("cholesky_inverse", lambda m, s, r: m.cholesky_inverse(s.tril())),
    ("cholesky_inverse_upper", lambda m, s, r: m.cholesky_inverse(s[0].triu(), True)),
    ("pinv", lambda m, s, r: m.linalg.pinv(r)),
    ("pinv_wide", lambda m, s, r: m.linalg.pinv(r.mT)),
    ("pinv_hermitian", lambda m, s, r: m.linalg.pinv(s, hermitian=True)),
    ("pinverse", lambda m, s, r: m.pinverse(r[0])),
    ("pinverse_method", lambda m, s, r: r.pinverse(rcond=0.3)),
    ("cholesky_method", lambda m, s, r: s.cholesky()),
    ("cholesky_solve_method", lambda m, s, r: r.mT.cholesky_solve(s.tril(), False)),
    ("cholesky_inverse_method", lambda m, s, r: s.triu().cholesky_inverse(upper=True)),
    ("triangular_solve_method", lambda m, s, r: r.mT.triangular_solve(s).solution),
    (
        "svd_method",
        lambda m, s, r: (lambda u, s_, v: (u**2, s_, v**2))(*r.svd(some=False)),
    ),
    ("torch_qr", lambda m, s, r: tuple(m.qr(r))),
    ("qr_method_complete", lambda m, s, r: tuple(s.qr(some=False))),
    ("lstsq", lambda m, s, r: m.linalg.lstsq(r, r[..., :2] * 2 - 1).solution),
    ("lstsq_vector", lambda m, s, r: m.linalg.lstsq(r, r[..., 0] ** 2).solution),
    ("lstsq_square", lambda m, s, r: m.linalg.lstsq(s, r.mT).solution),
    (
        "lstsq_gelsd",
        lambda m, s, r: m.linalg.lstsq(r, r[..., :2] ** 3, driver="gelsd")[:2],
    ),
    (
        "lstsq_gels_vector",
        lambda m, s, r: m.linalg.lstsq(r, r[..., 1] ** 2, driver="gels")[:2],
    ),
]


@pytest.fixture(scope="module", autouse=True)
def _deprecations_warned():
    """torch warns of torch.cholesky and triangular_solve once per process: both
    libraries warn here, before the tests (whose warnings would be errors)."""
    for lib in (minigrad, torch):
        with pytest.warns(UserWarning, match="deprecated"):
            lib.cholesky(lib.eye(2))
        with pytest.warns(UserWarning, match="deprecated"):
            lib.triangular_solve(lib.eye(2), lib.eye(2))
        with pytest.warns(UserWarning, match="deprecated"):
            lib.qr(lib.eye(2))


@FLOATS
@pytest.mark.parametrize("name, fn", DECOMPOSITIONS, ids=[c[0] for c in DECOMPOSITIONS])
def test_decompositions(name, fn, dtype):
    assert_parity(fn, SPD.astype(dtype), RECT.astype(dtype), graph="root")


NORMS = [
    ("fro", lambda m, r: m.linalg.matrix_norm(r)),
    ("nuc", lambda m, r: m.linalg.matrix_norm(r, "nuc")),
    ("nuc_keepdim", lambda m, r: m.linalg.matrix_norm(r, "nuc", keepdim=True)),
    ("two", lambda m, r: m.linalg.matrix_norm(r, 2)),
    ("minus_two_dims", lambda m, r: m.linalg.matrix_norm(r, -2, dim=(0, 2))),
    ("one", lambda m, r: m.linalg.matrix_norm(r, 1)),
    ("minus_one", lambda m, r: m.linalg.matrix_norm(r, -1, keepdim=True)),
    ("inf", lambda m, r: m.linalg.matrix_norm(r, float("inf"))),
    ("minus_inf_dims", lambda m, r: m.linalg.matrix_norm(r, -float("inf"), dim=(2, 0))),
    ("one_dtype", lambda m, r: m.linalg.matrix_norm(r, 1, dtype=m.float64)),
    ("norm_two", lambda m, r: m.linalg.norm(r[0], 2)),
    ("norm_nuc_dims", lambda m, r: m.linalg.norm(r, "nuc", dim=(1, 2))),
    ("torch_norm_nuc", lambda m, r: m.norm(r[0], "nuc")),
    ("tensor_norm_nuc_dims", lambda m, r: r.norm(p="nuc", dim=(0, 2), keepdim=True)),
    ("tensor_norm_nuc_dtype", lambda m, r: r[1].norm("nuc", dtype=m.float64)),
    ("cond", lambda m, r: m.linalg.cond(r)),
    ("cond_minus_two", lambda m, r: m.linalg.cond(r, -2)),
    ("cond_fro", lambda m, r: m.linalg.cond(r[..., :3, :])),
    ("cond_nuc", lambda m, r: m.linalg.cond(r[..., 1:, :], "nuc")),
    ("cond_one", lambda m, r: m.linalg.cond(r[..., :3, :].detach(), 1)),
    ("cond_inf", lambda m, r: m.linalg.cond(r[..., :3, :].detach(), -float("inf"))),
]


# NOTE: torch's backward of cond with p = +-1, +-inf fails (its inverse is
# modified in place); minigrad differentiates it: values alone are compared there
@FLOATS
@pytest.mark.parametrize("name, fn", NORMS, ids=[c[0] for c in NORMS])
def test_matrix_norms(name, fn, dtype):
    assert_parity(fn, RECT.astype(dtype), graph="root")


test_decomposition_values = values_as_torch(
    [
        "L.linalg.matrix_rank(L.tensor(R))",
        "L.linalg.matrix_rank(L.tensor(S))",
        "L.linalg.matrix_rank(L.tensor(S), hermitian=True)",
        "L.linalg.matrix_rank(L.tensor(R), atol=1.0, rtol=0.1)",
        "L.linalg.matrix_rank(L.tensor(R), atol=L.tensor(0.5))",
        "L.linalg.cholesky_ex(L.tensor(-S)).info",
        "L.linalg.cholesky_ex(L.tensor(P)).info",
        "L.linalg.cond(L.tensor(S))",
        "L.linalg.cond(L.tensor(S), 'fro')",
        "L.linalg.cond(L.tensor(S), 1)",
        "L.linalg.cond(L.eye(3), 'nuc')",
        "L.linalg.lstsq(L.tensor(R), L.tensor(R)).rank",
        "L.linalg.lstsq(L.tensor(R), L.tensor(R)).residuals",
        "L.linalg.lstsq(L.tensor(R), L.tensor(R)).singular_values",
        "L.linalg.lstsq(L.tensor(R), L.tensor(R), driver='gelss').rank",
        "L.linalg.lstsq(L.tensor(R), L.tensor(R), driver='gelss').singular_values",
        "L.linalg.lstsq(L.tensor(R), L.tensor(R), driver='gelss').residuals",
        "L.linalg.lstsq(L.tensor(R[:, :2]), L.tensor(R), driver='gels').rank",
        "L.linalg.lstsq(L.tensor(R[:, :2]), L.tensor(R), driver='gels').residuals",
        "L.linalg.lstsq(L.tensor(R[:, :2]), L.tensor(R), driver='gelsd').residuals",
        "L.linalg.lstsq(L.tensor(R[:, :2]), L.tensor(R), driver='gelsd').singular_values",
        "L.linalg.qr(L.tensor(R), mode='r').Q",
        "L.svd(L.tensor(R), compute_uv=False).U",
        "L.svd(L.tensor(R), some=False).U.shape",
        "L.linalg.svd(L.tensor(R)).U.shape",
        "L.linalg.solve_triangular(L.zeros(3, 3), L.ones(3, 2), upper=True)",
        "L.linalg.pinv(L.tensor(R), atol=1.0)",
        "L.linalg.pinv(L.tensor(R), rtol=0.5)",
        "L.linalg.matrix_norm(L.tensor(S), 2)",
        "L.linalg.inv(L.zeros(0, 3, 3))",
        "L.linalg.det(L.zeros(0, 3, 3))",
        "L.linalg.eigh(L.zeros(0, 3, 3)).eigenvectors",
        "L.linalg.svd(L.zeros(2, 0, 3)).U",
        "L.linalg.qr(L.zeros(2, 0, 3)).R",
        "L.linalg.cholesky(L.zeros(0, 0))",
        "L.linalg.solve(L.zeros(0, 0), L.zeros(0))",
        "L.linalg.pinv(L.zeros(0, 3))",
        "L.linalg.matrix_rank(L.tensor(np.stack([S, np.eye(3)])), atol=L.tensor([0.5, 3.0]))",
    ],
    np=np,
    R=RECT[0] @ np.diag([1.0, 1.0, 0.0]),
    S=SINGULAR,
    P=np.stack([np.eye(3), np.diag([1.0, -1.0, 1.0])]),
)

test_decomposition_errors = raises_as_torch(
    [
        ("L.linalg.cholesky(L.ones(2, 3))", ()),
        ("L.linalg.cholesky(L.ones(3))", ()),
        ("L.linalg.cholesky(L.eye(3, dtype=L.int64))", ()),
        ("L.linalg.eigh(L.ones(2, 3))", ()),
        ("L.linalg.eigh(L.eye(3, dtype=L.int64))", ()),
        ("L.linalg.eigh(L.eye(3), UPLO='X')", ()),
        ("L.linalg.eigvalsh(L.ones(2, 3))", ()),
        ("L.linalg.svd(L.ones(3))", ()),
        ("L.linalg.svd(L.ones(3, 3, dtype=L.int64))", ()),
        ("L.linalg.svdvals(L.ones(3))", ()),
        ("L.linalg.qr(L.ones(3))", ()),
        ("L.linalg.qr(L.ones(3, 3), mode='x')", ()),
        ("L.linalg.qr(L.ones(3, 3, dtype=L.int64))", ()),
        ("L.linalg.solve_triangular(L.eye(3), L.ones(3), upper=True)", ()),
        ("L.linalg.solve_triangular(L.eye(3), L.ones(4, 2), upper=True)", ()),
        (
            "L.linalg.solve_triangular(L.eye(3), L.ones(2, 4), upper=True, left=False)",
            (),
        ),
        ("L.linalg.solve_triangular(L.ones(2, 3), L.ones(3, 2), upper=True)", ()),
        (
            "L.linalg.solve_triangular(L.eye(2, dtype=L.int64), L.eye(2), upper=True)",
            (),
        ),
        ("L.linalg.matrix_norm(L.ones(3))", ()),
        ("L.linalg.matrix_norm(L.ones(3, 3, dtype=L.int64))", ()),
        ("L.linalg.matrix_norm(L.ones(3, 3), 3)", ()),
        ("L.linalg.matrix_norm(L.ones(3, 3), 'abc')", ()),
        ("L.linalg.matrix_norm(L.ones(3, 3), dim=(0, 0))", ()),
        ("L.linalg.matrix_norm(L.ones(3, 3), dim=(0,))", ()),
        ("L.linalg.matrix_norm(L.ones(3, 3), dim=(0, 2))", ()),
        ("L.linalg.matrix_rank(L.ones(3))", ()),
        ("L.linalg.cond(L.ones(2, 3), 'fro')", ()),
        ("L.linalg.cond(L.ones(3, 3), 3)", ()),
        ("L.linalg.norm(L.ones(3, 3), 3)", ()),
        ("L.norm(L.ones(2, 3, 3), 'nuc')", ()),
        ("L.norm(L.ones(3, 3), 'nuc', dim=0)", ()),
        ("L.ones(3, 3).norm('nuc', dim=(1, 1))", ()),
        ("L.linalg.lstsq(L.ones(3, 2), L.ones(4, 2))", ()),
        ("L.linalg.lstsq(L.ones(3, 2), L.ones(3, 2, dtype=L.float64))", ()),
        ("L.cholesky_solve(L.ones(4, 2), L.eye(3))", ()),
        ("L.linalg.lstsq(L.ones(3, 2), L.ones(3, 2), driver='x')", ()),
        ("L.linalg.svd(L.ones(3, 2), driver='gesvd')", ()),
        ("L.linalg.svdvals(L.ones(3, 2), driver='gesvd')", ()),
        ("L.cholesky_inverse(L.ones(2, 3))", ()),
        (
            "L.linalg.qr(L.ones(4, 3, requires_grad=True), mode='r').R.sum().backward()",
            (),
        ),
        (
            "L.linalg.qr(L.ones(4, 3, requires_grad=True), mode='complete').Q.sum().backward()",
            (),
        ),
    ]
)


def test_cholesky_not_positive_definite_raises_linalg_error():
    for code in [
        "L.linalg.cholesky(-L.eye(3))",
        "L.linalg.cholesky(L.tensor(P))",
        "L.linalg.cholesky_ex(-L.eye(3), check_errors=True)",
    ]:
        errors = []
        for lib in (minigrad, torch):
            with pytest.raises(lib.linalg.LinAlgError) as info:
                eval(
                    code,
                    {"L": lib, "P": np.stack([np.eye(3), np.diag([1.0, -1.0, 1.0])])},
                )
            errors.append(str(info.value))
        assert errors[0] == errors[1]
