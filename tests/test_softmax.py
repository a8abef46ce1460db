"""softmax and log_softmax against torch: function, method, F, modules; extremes; errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import LIBS, assert_parity, assert_same, assert_same_error

KINDS = pytest.mark.parametrize("kind", ["softmax", "log_softmax"])
MODULES = {"softmax": "Softmax", "log_softmax": "LogSoftmax"}


def call(kind, how, dim):
    """The four spellings of one call: torch.softmax, x.softmax, F.softmax, nn.Softmax."""

    def fn(lib, x):
        if how == "function":
            return getattr(lib, kind)(x, dim)
        if how == "method":
            return getattr(x, kind)(dim)
        if how == "functional":
            return getattr(lib.nn.functional, kind)(x, dim=dim)
        return getattr(lib.nn, MODULES[kind])(dim=dim)(x)

    return fn


@KINDS
@pytest.mark.parametrize("how", ["function", "method", "functional", "module"])
@given(data=st.data())
def test_values_gradients_and_graph(kind, how, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    # NOTE: at most 3 x 4 x 4 elements: the second-order check sums in float32
    x, dim = data.draw(S.array_and_dim(dtype, S.REAL))
    assert_parity(call(kind, how, dim), x)


@KINDS
@given(data=st.data())
def test_extreme_logits(kind, data):
    dtype = data.draw(st.sampled_from(S.FLOAT_DTYPES))
    x, dim = data.draw(S.array_and_dim(dtype, S.SATURATING, nonempty=True))
    assert_parity(call(kind, "method", dim), x)


@KINDS
@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
def test_large_logits_are_finite_and_silent(kind, dtype):
    x = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4], [88.0, 89.0, 710.0]], dtype)
    assert_parity(call(kind, "method", 1), x)
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        out = getattr(minigrad.tensor(x), kind)(1)
    assert np.isfinite(out.numpy()).all()


@KINDS
@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
def test_infinite_entries_as_torch(kind, dtype):
    inf = np.inf
    # -inf entries get probability 0 (log: -inf); a row of only -inf, or with a
    # +inf, is nan in torch; the gradient of the finite rows stays finite
    x = np.array(
        [[-inf, 1.0, 2.0], [-inf, -inf, 3.0], [-inf, -inf, -inf], [inf, 1.0, 0.0]],
        dtype,
    )
    assert_parity(call(kind, "method", 1), x, second_order=False)


@KINDS
@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
def test_double_backward(kind, dtype):
    x = np.random.default_rng(1).standard_normal((3, 5)).astype(dtype)
    assert_parity(call(kind, "method", 0), x)  # second order: on by default


@KINDS
@pytest.mark.parametrize("shape", [(), (0,), (0, 3), (3, 0), (1,), (2, 1, 3)])
def test_edge_shapes(kind, shape):
    x = np.random.default_rng(2).standard_normal(shape)
    for dim in range(-max(len(shape), 1), max(len(shape), 1)):
        assert_parity(call(kind, "method", dim), x)


@KINDS
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dtype_argument(kind, dtype):
    x = np.random.default_rng(3).standard_normal((2, 3)).astype(np.float32)

    def fn(lib, x):
        return getattr(lib, kind)(x, 1, dtype=getattr(lib, dtype))

    assert_parity(fn, x)  # a cast first: ToCopyBackward0 when the dtype changes

    def fn_f(lib, x):
        return getattr(lib.nn.functional, kind)(x, 1, 3, getattr(lib, dtype))

    assert_parity(fn_f, x)


@KINDS
def test_int_input_with_float_dtype(kind):
    x = np.array([[1, 2, 3], [0, 0, 5]])
    assert_parity(lambda lib, x: getattr(lib, kind)(x, 1, dtype=lib.float32), x)


@KINDS
@pytest.mark.parametrize("ndim", [0, 1, 2, 3, 4])
def test_implicit_dim_warns_as_torch(kind, ndim):
    x = np.random.default_rng(4).standard_normal((2,) * ndim).astype(np.float32)
    results, messages = {}, {}
    for name, lib in LIBS.items():
        with pytest.warns(UserWarning) as caught:
            results[name] = getattr(lib.nn.functional, kind)(lib.tensor(x))
        messages[name] = [str(w.message) for w in caught]
    assert messages["minigrad"] == messages["torch"]
    assert_same(results["minigrad"], results["torch"], "implicit dim")
    with pytest.warns(UserWarning, match="Implicit dimension choice"):
        getattr(minigrad.nn, MODULES[kind])()(minigrad.tensor(x))


@KINDS
def test_module_repr_and_default(kind):
    for name, lib in LIBS.items():
        module = getattr(lib.nn, MODULES[kind])
        assert repr(module(dim=-1)) == f"{MODULES[kind]}(dim=-1)", name
        assert repr(module()) == f"{MODULES[kind]}(dim=None)", name
        assert module().dim is None


@KINDS
def test_course_pattern_softmax_of_linear(kind):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((4, 2)).astype(np.float32)
    w = rng.standard_normal((3, 2)).astype(np.float32)

    def fn(lib, x, w):
        z = x @ w.T
        return getattr(lib.nn, MODULES[kind])(dim=-1)(z).max(1)[0]

    assert_parity(fn, x, w)


# --- errors -----------------------------------------------------------------------


@KINDS
@pytest.mark.parametrize(
    "make, words",
    [
        (
            lambda lib: lib.zeros(3, 4, dtype=lib.long),
            ["_lastdim_kernel_impl", "not implemented for 'Long'"],
        ),
        (lambda lib: lib.tensor(3), ["_lastdim_kernel_impl", "Long"]),
        (lambda lib: lib.tensor([True, False]), ["not implemented for 'Bool'"]),
    ],
)
def test_integer_input_is_not_implemented(kind, make, words):
    assert_same_error(
        lambda lib: getattr(lib, kind)(make(lib), -1),
        *[(kind + w if w.startswith("_") else w) for w in words],
    )


@KINDS
def test_integer_input_along_an_inner_dim(kind):
    assert_same_error(
        lambda lib: getattr(lib.zeros(3, 4, dtype=lib.long), kind)(0),
        f'"{kind}_kernel_impl" not implemented',
    )


@KINDS
def test_integer_empty_input_is_returned(kind):
    for lib in LIBS.values():
        out = getattr(lib.zeros(0, dtype=lib.long), kind)(0)
        assert tuple(out.shape) == (0,) and str(out.dtype).endswith("int64")


@KINDS
def test_integer_dtype_argument(kind):
    assert_same_error(
        lambda lib: getattr(lib, kind)(lib.zeros(3), 0, dtype=lib.long),
        "not implemented for 'Long'",
    )


@KINDS
@pytest.mark.parametrize("dim", [2, -3])
def test_dim_out_of_range(kind, dim):
    assert_same_error(
        lambda lib: getattr(lib.zeros(3, 4), kind)(dim),
        "Dimension out of range",
        "[-2, 1]",
    )


@KINDS
def test_dim_of_a_0d_tensor(kind):
    assert_same_error(
        lambda lib: getattr(lib.tensor(2.0), kind)(1),
        "Dimension out of range",
        "[-1, 0]",
    )


@KINDS
@pytest.mark.parametrize("dim", [None, 0.0, "a"])
def test_dim_must_be_int(kind, dim):
    assert_same_error(
        lambda lib: getattr(lib.zeros(3), kind)(dim),
        f"{kind}(): argument 'dim' (position 1) must be int, not {type(dim).__name__}",
    )
    assert_same_error(
        lambda lib: getattr(lib, kind)(lib.zeros(3), dim),
        f"{kind}(): argument 'dim' (position 2) must be int, not {type(dim).__name__}",
    )


@KINDS
def test_non_tensor_input(kind):
    assert_same_error(
        lambda lib: getattr(lib, kind)([1.0, 2.0], 0),
        f"{kind}(): argument 'input' (position 1) must be Tensor, not list",
    )
    assert_same_error(
        lambda lib: getattr(lib.nn.functional, kind)([1.0, 2.0], 0),
        f"'list' object has no attribute '{kind}'",
    )
