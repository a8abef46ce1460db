"""gather, scatter, scatter_add (and in place) against torch; max/min(dim) results."""

import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import LIBS, assert_parity, assert_same, assert_same_error


@st.composite
def indexed(draw, unique_along_dim=False):
    """An input, a dim and an int64 index no larger than the input (but along dim)."""
    dtype = draw(st.sampled_from(S.FLOAT_DTYPES))
    shape, dim = draw(
        S.shape_and_dim(shape=S.shapes(min_dims=1, min_side=1, max_side=3))
    )
    x = draw(S.arrays(dtype, shape))
    d = dim % len(shape)
    index_shape = tuple(
        draw(st.integers(0 if i != d else 1, n if i != d else 4))
        for i, n in enumerate(shape)
    )
    if unique_along_dim:  # scatter: repeated positions have no defined winner
        full = [n if i != d else shape[d] for i, n in enumerate(index_shape)]
        rng = np.random.default_rng(draw(st.integers(0, 2**16)))
        order = np.argsort(rng.random(full), axis=d)
        index = np.take(order, range(min(index_shape[d], shape[d])), axis=d)
    else:
        index = draw(S.int_arrays(index_shape, low=0, high=shape[d] - 1))
    return x, dim, index.astype(np.int64)


@given(problem=indexed())
def test_gather(problem):
    x, dim, index = problem
    assert_parity(lambda lib, x: x.gather(dim, lib.tensor(index)), x)
    assert_parity(lambda lib, x: lib.gather(x, dim, lib.tensor(index)), x)


@given(problem=indexed())
def test_scatter_add(problem):
    x, dim, index = problem
    src = np.random.default_rng(0).standard_normal(index.shape).astype(x.dtype)
    assert_parity(lambda lib, x, s: x.scatter_add(dim, lib.tensor(index), s), x, src)
    assert_parity(
        lambda lib, x, s: lib.scatter_add(x, dim, lib.tensor(index), s), x, src
    )


@given(problem=indexed(unique_along_dim=True))
def test_scatter_src(problem):
    x, dim, index = problem
    src = np.random.default_rng(1).standard_normal(index.shape).astype(x.dtype)
    assert_parity(lambda lib, x, s: x.scatter(dim, lib.tensor(index), s), x, src)
    assert_parity(lambda lib, x, s: lib.scatter(x, dim, lib.tensor(index), s), x, src)


@given(problem=indexed(), value=st.sampled_from([2.5, -1, 0.0]))
def test_scatter_value(problem, value):
    x, dim, index = problem
    assert_parity(lambda lib, x: x.scatter(dim, lib.tensor(index), value), x)
    assert_parity(lambda lib, x: x.scatter(dim, lib.tensor(index), value=value), x)


def test_in_place_versions():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((3, 4))
    src = rng.standard_normal((3, 2))
    index = np.array([[0, 3], [2, 1], [1, 1]])

    def scatter_(lib, x, s):
        y = x * 1
        return y.scatter_(1, lib.tensor(index[:, :1]), s[:, :1])

    def scatter_value_(lib, x):
        y = x.clone()
        return y.scatter_(1, lib.tensor(index), 5.0)

    def scatter_add_(lib, x, s):
        y = x.clone()
        return y.scatter_add_(1, lib.tensor(index), s)

    assert_parity(scatter_, x, src)
    assert_parity(scatter_value_, x)
    assert_parity(scatter_add_, x, src)


def test_in_place_on_a_leaf_is_refused():
    assert_same_error(
        lambda lib: lib.zeros(3, requires_grad=True).scatter_(0, lib.tensor([1]), 1.0),
        "a leaf Variable that requires grad is being used in an in-place operation.",
    )


def test_repeated_indices():
    idx = np.array([1, 1, 3])
    for lib_name, lib in LIBS.items():
        out = lib.zeros(5).scatter_add(0, lib.tensor(idx), lib.tensor([1.0, 2.0, 3.0]))
        assert out.tolist() == [0.0, 3.0, 0.0, 3.0, 0.0], lib_name
    assert_parity(
        lambda lib, x: x.gather(0, lib.tensor([1, 1, 0, 1])), np.array([1.0, 2.0])
    )


def test_int32_index_and_0d():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert_parity(
        lambda lib, x: x.gather(1, lib.tensor([[1], [0]], dtype=lib.int32)), x
    )
    assert_parity(
        lambda lib, x: x.scatter(1, lib.tensor([[1], [0]], dtype=lib.int32), 9.0), x
    )
    assert_parity(lambda lib, x: x.gather(0, lib.tensor(1)), np.array([5.0, 6.0]))
    assert_parity(lambda lib, x: x.gather(0, lib.tensor(0)), np.array(5.0))


def test_integer_tensors():
    x = np.arange(6).reshape(2, 3)
    for lib_name, lib in LIBS.items():
        t = lib.tensor(x)
        assert t.gather(1, lib.tensor([[2], [0]])).tolist() == [[2], [3]], lib_name
        assert t.scatter(1, lib.tensor([[0], [1]]), 7).tolist() == [
            [7, 1, 2],
            [3, 7, 5],
        ], lib_name


def test_one_hot_by_scatter_course_pattern():
    y = np.array([2, 0, 1, 2])
    out = {}
    for name, lib in LIBS.items():
        out[name] = lib.zeros(4, 3).scatter_(1, lib.tensor(y).view(-1, 1), 1)
    assert_same(out["minigrad"], out["torch"], "one-hot by scatter_")


# --- errors -------------------------------------------------------------------------

X = np.zeros((3, 4), np.float32)
I = np.array([[0], [2], [1]])


@pytest.mark.parametrize(
    "fn, words",
    [
        (
            lambda lib, x, i: x.gather(1, i.float()),
            "gather(): Expected dtype int32/int64 for index",
        ),
        (
            lambda lib, x, i: x.gather(1, i[:, 0]),
            "Index tensor must have the same number of dimensions as input tensor",
        ),
        (
            lambda lib, x, i: x.gather(1, lib.zeros(4, 1, dtype=lib.long)),
            "Size does not match at dimension 0 expected index [4, 1] to be no larger than self [3, 4] apart from dimension 1",
        ),
        (
            lambda lib, x, i: x.gather(1, i + 3),
            "index 5 is out of bounds for dimension 1 with size 4",
        ),
        (
            lambda lib, x, i: x.gather(1, i - 3),
            "index -3 is out of bounds for dimension 1 with size 4",
        ),
        (
            lambda lib, x, i: x.gather(2, i),
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
        ),
        (
            lambda lib, x, i: x.gather(1, [[0]]),
            "gather(): argument 'index' (position 2) must be Tensor, not list",
        ),
        (
            lambda lib, x, i: x.scatter(1, i.float(), 1.0),
            "scatter(): Expected dtype int32/int64 for index",
        ),
        (
            lambda lib, x, i: x.scatter(1, i[:, 0], 1.0),
            "Index tensor must have the same number of dimensions as self tensor",
        ),
        (
            lambda lib, x, i: x.scatter(1, lib.zeros(4, 1, dtype=lib.long), 1.0),
            "Expected index [4, 1] to be no larger than self [3, 4] apart from dimension 1",
        ),
        (
            lambda lib, x, i: x.scatter(
                1, lib.zeros(3, 2, dtype=lib.long), lib.ones(3, 1)
            ),
            "Expected index [3, 2] to be no larger than self [3, 4] apart from dimension 1 and to be no larger size than src [3, 1]",
        ),
        (
            lambda lib, x, i: x.scatter(1, i + 4, 1.0),
            "index 4 is out of bounds for dimension 1 with size 4",
        ),
        (
            lambda lib, x, i: x.scatter(1, i, lib.ones(3, 1, dtype=lib.float64)),
            "scatter(): Expected self.dtype to be equal to src.dtype",
        ),
        (
            lambda lib, x, i: x.scatter(1, i),
            "scatter() received an invalid combination of arguments",
        ),
        (
            lambda lib, x, i: x.scatter(1, i, [1.0]),
            "scatter() received an invalid combination of arguments",
        ),
        (
            lambda lib, x, i: x.scatter_add(1, i, 1.0),
            "scatter_add(): argument 'src' (position 3) must be Tensor, not float",
        ),
        (
            lambda lib, x, i: x.scatter_add(1, i.float(), lib.ones(3, 1)),
            "scatter(): Expected dtype int32/int64 for index",
        ),
        (
            lambda lib, x, i: x.scatter_add(
                1, lib.zeros(4, 1, dtype=lib.long), lib.ones(4, 1)
            ),
            "Expected index [4, 1] to be no larger than self [3, 4] apart from dimension 1 and to be no larger size than src [4, 1]",
        ),
        (
            lambda lib, x, i: x.scatter_add(1, i, lib.ones(3, 1, dtype=lib.float64)),
            "scatter(): Expected self.dtype to be equal to src.dtype",
        ),
        (
            lambda lib, x, i: x.scatter_add(1, i[:, 0], lib.ones(3)),
            "Index tensor must have the same number of dimensions as self tensor",
        ),
    ],
)
def test_errors(fn, words):
    assert_same_error(fn, words, arrays=[X, I])


# --- max(dim) / min(dim): minigrad.return_types ---------------------------------------


@pytest.mark.parametrize("name", ["max", "min"])
@pytest.mark.parametrize("keepdim", [False, True])
def test_max_min_dim_results(name, keepdim):
    x = np.array([[1.0, 5.0, 2.0], [7.0, 0.0, 7.0]], np.float32)
    results = {}
    for lib_name, lib in LIBS.items():
        t = lib.tensor(x, requires_grad=True)
        results[lib_name] = (
            getattr(t, name)(1, keepdim),
            getattr(lib, name)(t, dim=1, keepdim=keepdim),
        )
    for a, e in zip(results["minigrad"], results["torch"]):
        assert type(a).__name__ == type(e).__name__ == name
        assert isinstance(a, tuple) and len(a) == 2 and a.n_fields == e.n_fields == 2
        values, indices = a
        assert_same(values, e.values, "values")
        assert_same(indices, e[1], "indices")
        assert a.values is a[0] and a.indices is a[1]
        assert repr(a) == repr(e).replace("torch.", "minigrad.")
        assert str(a) == str(e).replace("torch.", "minigrad.")


def test_course_unpacking_of_max():
    z = np.array([[0.1, 0.7, 0.2], [0.9, 0.05, 0.05]], np.float32)
    out = {}
    for name, lib in LIBS.items():
        _, yhat = lib.max(lib.tensor(z).data, 1)
        out[name] = yhat
    assert_same(out["minigrad"], out["torch"], "yhat")


def test_return_types_behave_as_torch_structseq():
    import torch

    for name in ["max", "min", "sort", "topk", "kthvalue", "mode", "median"]:
        mg, tc = getattr(minigrad.return_types, name), getattr(torch.return_types, name)
        a, e = mg((1, 2)), tc((1, 2))
        assert repr(a) == repr(e).replace("torch.", "minigrad.")
        assert a == e == (1, 2) and a.values == 1 and a.indices == 2
        assert (
            pickle.loads(pickle.dumps(a)) == a
            and type(pickle.loads(pickle.dumps(a))) is mg
        )
        for bad in [(1,), (1, 2, 3)]:
            with pytest.raises(TypeError) as mine:
                mg(bad)
            with pytest.raises(TypeError) as theirs:
                tc(bad)
            assert str(mine.value) == str(theirs.value).replace("torch.", "minigrad.")
        with pytest.raises(AttributeError):
            a.values = 3
    assert (
        minigrad.return_types.aminmax((1, 2)).max
        == torch.return_types.aminmax((1, 2)).max
    )


@pytest.mark.parametrize("name", ["argmax", "argmin"])
@given(data=st.data())
def test_argmax_argmin_as_torch(name, data):
    # ties included: torch and minigrad both pick the first
    shape = data.draw(S.shapes(min_dims=0, max_dims=3, min_side=1))
    x = data.draw(
        S.arrays(np.float32, shape, elements=st.sampled_from([0.0, 1.0, -2.0, 3.5]))
    )
    dim = data.draw(
        st.none() | st.integers(-max(len(shape), 1), max(len(shape), 1) - 1)
    )
    keepdim = data.draw(st.booleans())
    out = {}
    for lib_name, lib in LIBS.items():
        t = lib.tensor(x)
        out[lib_name] = (
            getattr(t, name)(dim, keepdim),
            getattr(lib, name)(t, dim=dim, keepdim=keepdim),
        )
    for a, e in zip(out["minigrad"], out["torch"]):
        assert_same(a, e, name)


@pytest.mark.parametrize("name", ["scatter", "scatter_add"])
def test_src_larger_than_index_has_no_gradient_as_torch(name):
    def fn(lib, x, s):
        return getattr(x, name)(1, lib.tensor([[0], [2], [1]]), s).sum().backward()

    x, s = np.zeros((3, 4)), np.ones((3, 4))
    words = f"Function {name.title().replace('_', '')}Backward0 returned an invalid gradient at index 1 - got [3, 1] but expected shape compatible with [3, 4]"
    assert_same_error(
        lambda lib: fn(
            lib, lib.tensor(x, requires_grad=True), lib.tensor(s, requires_grad=True)
        ),
        words,
    )
    for lib in LIBS.values():  # forward alone, or src without grad, is fine
        getattr(lib.tensor(x, requires_grad=True), name)(
            1, lib.tensor([[0], [2], [1]]), lib.tensor(s)
        ).sum().backward()
