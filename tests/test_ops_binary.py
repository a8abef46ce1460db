"""Binary ops against torch: broadcasting, scalars on either side, type promotion."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as S
from tests.parity import assert_parity

DIVISOR = S.Domain(avoid=(0.0,), gap=0.25)
EXPONENT = S.Domain(-2.0, 2.0, avoid=(0.0,))  # torch masks the grad at y == 0

# (id, fn(lib, x, y), domain of x, domain of y); x and y broadcast together.
BINARY = [
    ("add", lambda m, x, y: x + y, S.REAL, S.REAL),
    ("add_fn", lambda m, x, y: m.add(x, y), S.REAL, S.REAL),
    ("add_method", lambda m, x, y: x.add(y), S.REAL, S.REAL),
    ("sub", lambda m, x, y: x - y, S.REAL, S.REAL),
    ("sub_fn", lambda m, x, y: m.sub(x, y), S.REAL, S.REAL),
    ("sub_method", lambda m, x, y: x.sub(y), S.REAL, S.REAL),
    ("mul", lambda m, x, y: x * y, S.REAL, S.REAL),
    ("mul_fn", lambda m, x, y: m.mul(x, y), S.REAL, S.REAL),
    ("mul_method", lambda m, x, y: x.mul(y), S.REAL, S.REAL),
    ("div", lambda m, x, y: x / y, S.REAL, DIVISOR),
    ("div_fn", lambda m, x, y: m.div(x, y), S.REAL, DIVISOR),
    ("div_method", lambda m, x, y: x.div(y), S.REAL, DIVISOR),
    ("pow", lambda m, x, y: x**y, S.POSITIVE, EXPONENT),
    ("pow_fn", lambda m, x, y: m.pow(x, y), S.POSITIVE, EXPONENT),
    ("pow_method", lambda m, x, y: x.pow(y), S.POSITIVE, EXPONENT),
    ("same_tensor_twice", lambda m, x, y: x * x + y, S.REAL, S.REAL),
    ("expression", lambda m, x, y: (x - y) ** 2 / 2 + x * y.sigmoid(), S.REAL, S.REAL),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,dx,dy", BINARY, ids=[c[0] for c in BINARY])
@given(data=st.data())
def test_binary(name, fn, dx, dy, dtype, data):
    assert_parity(fn, *data.draw(S.broadcast_arrays(dtype, (dx, dy))))


# A Python scalar on either side: torch wraps it as a constant (None in the graph).
SCALAR = [
    ("add_int", lambda m, x: x + 2, S.REAL),
    ("radd_int", lambda m, x: 2 + x, S.REAL),
    ("add_float", lambda m, x: x + 2.5, S.REAL),
    ("sub_float", lambda m, x: x - 2.5, S.REAL),
    ("rsub_int", lambda m, x: 2 - x, S.REAL),
    ("rsub_float", lambda m, x: 2.5 - x, S.REAL),
    ("mul_float", lambda m, x: x * 1.5, S.REAL),
    ("rmul_int", lambda m, x: 3 * x, S.REAL),
    ("div_float", lambda m, x: x / 4.0, S.REAL),
    ("div_int", lambda m, x: x / 3, S.REAL),
    ("rdiv_int", lambda m, x: 2 / x, DIVISOR),
    ("rdiv_float", lambda m, x: 0.5 / x, DIVISOR),
    ("add_fn_scalar", lambda m, x: m.add(x, 1.5), S.REAL),
    ("mul_fn_scalar", lambda m, x: m.mul(x, 2), S.REAL),
    ("div_fn_scalar", lambda m, x: m.div(x, 2), S.REAL),
    ("sub_method_scalar", lambda m, x: x.sub(2), S.REAL),
    ("add_bool", lambda m, x: x + True, S.REAL),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,domain", SCALAR, ids=[c[0] for c in SCALAR])
@given(data=st.data())
def test_scalar_operand(name, fn, domain, dtype, data):
    assert_parity(fn, data.draw(S.arrays(dtype, S.shapes(), domain)))


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize(
    "fn",
    [
        lambda m, x, y: m.maximum(x, y),
        lambda m, x, y: m.minimum(x, y),
        lambda m, x, y: x.maximum(y),
        lambda m, x, y: x.minimum(y),
        lambda m, x, y: m.max(x, y),
        lambda m, x, y: m.min(x, y),
    ],
    ids=[
        "maximum",
        "minimum",
        "maximum_method",
        "minimum_method",
        "max_binary",
        "min_binary",
    ],
)
@given(data=st.data())
def test_maximum_minimum(fn, dtype, data):
    assert_parity(fn, *data.draw(S.untied_pair(dtype)))


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize(
    "fn",
    [lambda m, x, y: m.maximum(x, y), lambda m, x, y: m.minimum(x, y)],
    ids=["maximum", "minimum"],
)
def test_maximum_minimum_ties_split_gradient(fn, dtype):
    x = np.array([1.0, 2.0, 3.0], dtype)
    assert_parity(fn, x, np.array([1.0, 0.0, 3.0], dtype))


@st.composite
def clamp_tensor_bounds(draw, dtype):
    """x, and bounds whose shapes broadcast to x's (torch keeps x's shape)."""
    sx = draw(S.shapes())
    lo, hi = draw(S.shapes_broadcasting_to(sx)), draw(S.shapes_broadcasting_to(sx))
    return (
        draw(S.arrays(dtype, sx, elements=S.grid(1))),
        draw(S.arrays(dtype, lo, elements=S.grid(0, -40, -1))),
        draw(S.arrays(dtype, hi, elements=S.grid(0, 0, 40))),
    )


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize(
    "fn",
    [
        lambda m, x, lo, hi: x.clamp(lo, hi),
        lambda m, x, lo, hi: m.clamp(x, min=lo, max=hi),
        lambda m, x, lo, hi: x.clamp(min=lo),
        lambda m, x, lo, hi: x.clamp(max=hi),
    ],
    ids=["both", "fn", "min", "max"],
)
@given(data=st.data())
def test_clamp_tensor_bounds(fn, dtype, data):
    assert_parity(fn, *data.draw(clamp_tensor_bounds(dtype)))


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize(
    "fn",
    [
        lambda m, c, x, y: m.where(c > 0, x, y),
        lambda m, c, x, y: m.where(c > 0, x, 0.0),
        lambda m, c, x, y: m.where(c > 0, 1.5, y),
        lambda m, c, x, y: (x * y).where(c > 0, x),
    ],
    ids=["tensors", "scalar_other", "scalar_input", "method"],
)
@given(data=st.data())
def test_where(fn, dtype, data):
    c, x, y = data.draw(S.broadcast_arrays(dtype, (S.REAL, S.REAL, S.REAL)))
    assert_parity(lambda m, x, y: fn(m, m.tensor(c), x, y), x, y)


@given(data=st.data())
def test_where_bool_condition_array(data):
    c, x, y = data.draw(S.broadcast_arrays(np.float32, (S.REAL, S.REAL, S.REAL)))
    assert_parity(lambda m, c, x, y: m.where(c, x, y), c > 0, x, y)


# Type promotion: result dtype as torch, gradient only into floating inputs.
F32, F64, I64, I32, U8, B = (
    np.float32,
    np.float64,
    np.int64,
    np.int32,
    np.uint8,
    np.bool_,
)
PROMOTION = [
    ("i64+i64", lambda m, x, y: x + y, I64, I64),
    ("i64*i32", lambda m, x, y: x * y, I64, I32),
    ("i32+u8", lambda m, x, y: x + y, I32, U8),
    ("u8+bool", lambda m, x, y: x + y, U8, B),
    ("bool*bool", lambda m, x, y: x * y, B, B),
    ("i64/i64", lambda m, x, y: x / (y.abs() + 1), I64, I64),
    ("i64+f32", lambda m, x, y: x + y, I64, F32),
    ("f32*i64", lambda m, x, y: x * y, F32, I64),
    ("i32-f64", lambda m, x, y: x - y, I32, F64),
    ("f32+f64", lambda m, x, y: x + y, F32, F64),
    ("f64*f32", lambda m, x, y: x * y, F64, F32),
    ("f32/u8", lambda m, x, y: x / (y + 1), F32, U8),
    ("bool*f32", lambda m, x, y: x * y, B, F32),
    ("maximum_i64_f32", lambda m, x, y: m.maximum(x, y), I64, F32),
    ("where_i64_f64", lambda m, x, y: m.where(x > 0, x, y), I64, F64),
]


def _promotion_arrays(dtype, shape):
    if dtype is B:
        return S.hnp.arrays(dtype, shape)
    if np.dtype(dtype).kind == "f":
        return S.arrays(dtype, shape, elements=S.grid(1))  # never equal to an int
    return S.int_arrays(shape, dtype, 0 if dtype is U8 else -5, 5)


@pytest.mark.parametrize("name,fn,dx,dy", PROMOTION, ids=[c[0] for c in PROMOTION])
@given(data=st.data())
def test_type_promotion(name, fn, dx, dy, data):
    sx, sy = data.draw(S.broadcastable_shapes(2))
    x = data.draw(_promotion_arrays(dx, sx))
    y = data.draw(_promotion_arrays(dy, sy))
    assert_parity(fn, x, y)


# 0-d tensors rank below dimensioned ones, Python scalars below both (torch's rule).
ZERO_DIM = [
    ("f32+f64_0d", lambda m, x: x + m.tensor(2.0, dtype=m.float64)),
    ("f64_0d*f32", lambda m, x: m.tensor(2.0, dtype=m.float64) * x),
    ("i64+f64_0d", lambda m, x: x.long() + m.tensor(1.5, dtype=m.float64)),
    ("i64+f32_0d", lambda m, x: x.long() + m.tensor(1.5)),
    ("i64+float", lambda m, x: x.long() + 1.5),
    ("i64*int", lambda m, x: x.long() * 3),
    ("i64/int", lambda m, x: x.long() / 2),
    ("bool+int", lambda m, x: (x > 0) + 1),
    ("bool*float", lambda m, x: (x > 0) * 1.5),
    ("f32_0d+f64_0d", lambda m, x: x.sum() + m.tensor(1.0, dtype=m.float64)),
    ("u8+int", lambda m, x: x.abs().to(m.uint8) + 3),
    ("i64**float", lambda m, x: x.long().abs() ** 0.5),
    ("float**i64", lambda m, x: 2.0 ** x.long()),
]


@pytest.mark.parametrize("name,fn", ZERO_DIM, ids=[c[0] for c in ZERO_DIM])
@given(data=st.data())
def test_zero_dim_and_scalar_promotion(name, fn, data):
    assert_parity(fn, data.draw(S.arrays(np.float32, S.shapes(), elements=S.grid(1))))
