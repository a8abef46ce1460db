"""repr/str of tensors and Parameters: exactly torch's text, dtypes as minigrad.*."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import minigrad
from minigrad import dtypes
from minigrad._tensor_str import parameter_repr, tensor_repr
from tests.strategies import shapes

# --- the torch side and a stand-in for minigrad's Tensor ---------------------------


class _GradFn:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


class _Stub:
    """What tensor_repr reads from a Tensor, nothing more."""

    def __init__(self, array: np.ndarray, requires_grad: bool = False, grad_fn=None):
        self._data = array
        self.dtype = dtypes.from_numpy_dtype(array.dtype)
        self.requires_grad = requires_grad or grad_fn is not None
        self.grad_fn = None if grad_fn is None else _GradFn(grad_fn)
        self.is_leaf = grad_fn is None


def torch_text(t: torch.Tensor) -> str:
    return repr(t).replace("torch.", "minigrad.")


def expected(array: np.ndarray) -> str:
    return torch_text(torch.from_numpy(array.copy()))


# --- strategies --------------------------------------------------------------------

DTYPES = [np.float32, np.float64, np.int64, np.int32, np.uint8, np.bool_]

SPECIAL = [
    0.0,
    -0.0,
    np.inf,
    -np.inf,
    np.nan,
    1e10,
    -1e10,
    1e8,
    1e-5,
    1e-4,
    1e300,
    5e-324,
    123456.789,
    0.5,
    -3.0,
    999.0,
    1000.0,
    1e3 + 0.5,
    1e-3,
    2.0**60,
]


def elements(dtype: type) -> st.SearchStrategy:
    """Values of every printing regime: ints-as-floats, fixed, scientific, inf/nan."""
    if dtype is np.bool_:
        return st.booleans()
    if np.dtype(dtype).kind in "iu":
        info = np.iinfo(dtype)
        return st.one_of(
            st.integers(-12, 12).filter(lambda v: info.min <= v <= info.max),
            st.integers(int(info.min), int(info.max)),
        )
    width = np.dtype(dtype).itemsize * 8
    with np.errstate(over="ignore"):
        special = sorted({float(dtype(v)) for v in SPECIAL}, key=repr)
    return st.one_of(
        st.integers(-1000, 1000).map(float),
        st.floats(-100, 100, width=width),
        st.floats(allow_nan=True, allow_infinity=True, width=width),
        st.sampled_from(special),
    )


ANY_SHAPE = shapes(max_dims=4)


@st.composite
def print_arrays(draw: st.DrawFn, shape: st.SearchStrategy = ANY_SHAPE):
    dtype = draw(st.sampled_from(DTYPES))
    regime = draw(st.sampled_from(["mixed", "uniform"]))
    values = elements(dtype)
    if regime == "uniform" and np.dtype(dtype).kind == "f":
        # one regime per array, so fixed/int/scientific each get whole arrays
        values = draw(
            st.sampled_from(
                [
                    st.integers(-99, 99).map(float),
                    st.floats(-10, 10).map(dtype).map(float),
                    st.floats(1e-7, 1e-5).map(dtype).map(float),
                ]
            )
        )
    return draw(hnp.arrays(dtype, draw(shape), elements=values))


# More than 1000 elements: summarised. Most elements come from one fill value.
large_shapes = st.sampled_from(
    [
        (1001,),
        (2000,),
        (40, 30),
        (3, 400),
        (400, 3),
        (7, 7, 30),
        (2, 3, 4, 50),
        (11, 10, 10),
        (1, 1001),
        (1001, 1),
    ]
)


@st.composite
def large_arrays(draw: st.DrawFn) -> np.ndarray:
    dtype = draw(st.sampled_from(DTYPES))
    values = elements(dtype)
    return draw(hnp.arrays(dtype, draw(large_shapes), elements=values, fill=values))


# --- property tests ----------------------------------------------------------------


@given(print_arrays())
def test_repr_matches_torch(array):
    assert tensor_repr(_Stub(array)) == expected(array)


@given(large_arrays())
def test_summarised_repr_matches_torch(array):
    assert tensor_repr(_Stub(array)) == expected(array)


@given(print_arrays(shapes(max_dims=3)), st.booleans())
def test_requires_grad_and_grad_fn_suffixes(array, through_op):
    array = array.astype(np.float64 if array.dtype == np.float64 else np.float32)
    leaf = torch.from_numpy(array.copy()).requires_grad_()
    if through_op:
        out = leaf * 2
        stub = _Stub(out.detach().numpy(), grad_fn="MulBackward0")
    else:
        out, stub = leaf, _Stub(array, requires_grad=True)
    assert tensor_repr(stub) == torch_text(out)


@given(print_arrays(shapes(max_dims=2)))
def test_parameter_repr_matches_torch(array):
    array = array.astype(np.float64 if array.dtype == np.float64 else np.float32)
    param = torch.nn.Parameter(torch.from_numpy(array.copy()))
    assert parameter_repr(_Stub(array, requires_grad=True)) == torch_text(param)


@pytest.fixture
def default_float64():
    torch.set_default_dtype(torch.float64)
    dtypes.set_default_dtype(dtypes.float64)
    yield
    torch.set_default_dtype(torch.float32)
    dtypes.set_default_dtype(dtypes.float32)


@pytest.mark.parametrize("shape", [(3,), (0,), (2, 0), ()])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.bool_])
def test_dtype_suffix_follows_default_dtype(default_float64, shape, dtype):
    array = (np.arange(int(np.prod(shape))) % 3).astype(dtype).reshape(shape)
    assert tensor_repr(_Stub(array)) == expected(array)


# --- examples a reader can check by eye (torch's output, spelled out) ---------------


@pytest.mark.parametrize(
    "array",
    [
        np.array(0.5, dtype=np.float32),
        np.array([1.0, 2.0], dtype=np.float32),
        np.array([1e10, 1.0], dtype=np.float32),
        np.array([0.0, -0.0, np.inf, np.nan], dtype=np.float32),
        np.array([True, False]),
        np.array([1, -20, 300]),
        np.zeros((0, 3), dtype=np.float32),
        np.zeros(0, dtype=np.int64),
        np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7,
        np.arange(30, dtype=np.float32) * 1.5,  # wraps at 80 columns
        np.arange(2000, dtype=np.float32).reshape(40, 50),
    ],
    ids=repr,
)
def test_examples_match_torch(array):
    assert tensor_repr(_Stub(array)) == expected(array)


def test_long_suffix_wraps_like_torch():
    leaf = torch.linspace(-1, 1, 14, dtype=torch.float64).requires_grad_()
    out = leaf * 2
    stub = _Stub(out.detach().numpy(), grad_fn="MulBackward0")
    assert tensor_repr(stub) == torch_text(out)
    assert "\n" in torch_text(out)  # the case under test: the suffix wraps


# --- through minigrad's own Tensor and Parameter ----------------------------------


@given(print_arrays())
def test_minigrad_tensor_repr_and_str_match_torch(array):
    t = minigrad.from_numpy(array.copy())
    assert repr(t) == str(t) == expected(array)


@given(large_arrays())
def test_minigrad_summarised_repr_matches_torch(array):
    assert repr(minigrad.from_numpy(array.copy())) == expected(array)


# exact ops only: the printed digits must not depend on last-bit rounding
OPS = {
    "mul": lambda x: x * 2,
    "add": lambda x: x + 1,
    "neg": lambda x: -x,
    "select": lambda x: x[0],
    "double": lambda x: x.double(),
    "leaf": lambda x: x,
}


@pytest.mark.parametrize("op", OPS.values(), ids=OPS.keys())
@given(print_arrays(shapes(min_dims=1, max_dims=3, min_side=1)))
def test_minigrad_grad_suffixes_match_torch(op, array):
    array = array.astype(np.float64 if array.dtype == np.float64 else np.float32)
    mine = op(minigrad.from_numpy(array.copy()).requires_grad_())
    theirs = op(torch.from_numpy(array.copy()).requires_grad_())
    assert repr(mine) == torch_text(theirs)


def test_minigrad_scalar_requires_grad():
    mine = minigrad.tensor(0.5, requires_grad=True)
    assert repr(mine) == torch_text(torch.tensor(0.5, requires_grad=True))


@given(print_arrays(shapes(max_dims=2)))
def test_minigrad_parameter_repr_matches_torch(array):
    array = array.astype(np.float64 if array.dtype == np.float64 else np.float32)
    mine = minigrad.nn.Parameter(minigrad.from_numpy(array.copy()))
    theirs = torch.nn.Parameter(torch.from_numpy(array.copy()))
    assert repr(mine) == str(mine) == torch_text(theirs)
