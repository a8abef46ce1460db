"""Unary ops against torch: values, dtypes, graphs, first and second-order grads."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as S
from tests.parity import assert_parity

POSITIVE, BOUNDED, NONZERO = S.POSITIVE, S.BOUNDED, S.NONZERO

# (id, fn(lib, x), domain of x)
UNARY = [
    ("neg", lambda m, x: -x, S.REAL),
    ("neg_method", lambda m, x: x.neg(), S.REAL),
    ("neg_fn", lambda m, x: m.neg(x), S.REAL),
    ("exp", lambda m, x: x.exp(), BOUNDED),
    ("exp_fn", lambda m, x: m.exp(x), BOUNDED),
    ("log", lambda m, x: x.log(), POSITIVE),
    ("log_fn", lambda m, x: m.log(x), POSITIVE),
    ("sqrt", lambda m, x: x.sqrt(), POSITIVE),
    ("sqrt_fn", lambda m, x: m.sqrt(x), POSITIVE),
    ("abs", lambda m, x: x.abs(), NONZERO),
    ("abs_fn", lambda m, x: m.abs(x), NONZERO),
    ("sigmoid", lambda m, x: x.sigmoid(), S.SATURATING),
    ("sigmoid_fn", lambda m, x: m.sigmoid(x), S.SATURATING),
    ("tanh", lambda m, x: x.tanh(), S.SATURATING),
    ("tanh_fn", lambda m, x: m.tanh(x), S.SATURATING),
    ("relu", lambda m, x: x.relu(), NONZERO),
    ("relu_fn", lambda m, x: m.relu(x), NONZERO),
    ("pow_2", lambda m, x: x**2, S.REAL),
    ("pow_3", lambda m, x: x**3, BOUNDED),
    ("pow_int_neg", lambda m, x: x**-2, POSITIVE),
    ("pow_half", lambda m, x: x**0.5, POSITIVE),
    ("pow_float_neg", lambda m, x: x**-1.5, POSITIVE),
    ("pow_0", lambda m, x: x**0, S.REAL),
    ("pow_1", lambda m, x: x**1, S.REAL),
    ("pow_method", lambda m, x: x.pow(2.5), POSITIVE),
    ("pow_fn", lambda m, x: m.pow(x, 3), BOUNDED),
    ("rpow", lambda m, x: 2**x, BOUNDED),
    ("rpow_float", lambda m, x: 0.5**x, BOUNDED),
    ("rpow_fn", lambda m, x: m.pow(3.0, x), BOUNDED),
    ("clamp_both", lambda m, x: x.clamp(-1.0, 1.0), S.REAL),
    ("clamp_min", lambda m, x: x.clamp(min=0.5), S.REAL),
    ("clamp_max", lambda m, x: x.clamp(max=-0.5), S.REAL),
    ("clamp_int_bounds", lambda m, x: x.clamp(-2, 3), S.REAL),
    ("clamp_fn", lambda m, x: m.clamp(x, min=-2.0, max=2.0), S.REAL),
    ("clamp_fn_positional", lambda m, x: m.clamp(x, -2.0, 2.0), S.REAL),
    ("chain", lambda m, x: (x.exp() * 2 - 1).tanh().sigmoid() ** 2, BOUNDED),
    ("sin", lambda m, x: x.sin(), S.REAL),
    ("cos_fn", lambda m, x: m.cos(x), S.REAL),
    ("round", lambda m, x: x.round() + x, S.REAL),
]
# clamp bounds sit on the even 1/8 grid; its inputs on the odd grid: no ties.
ODD_GRID = {
    "clamp_both",
    "clamp_min",
    "clamp_max",
    "clamp_int_bounds",
    "clamp_fn",
    "clamp_fn_positional",
}


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,domain", UNARY, ids=[c[0] for c in UNARY])
@given(data=st.data())
def test_unary(name, fn, domain, dtype, data):
    elements = S.grid(1) if name in ODD_GRID else None
    assert_parity(fn, data.draw(S.arrays(dtype, S.shapes(), domain, elements=elements)))


# Integer and bool inputs: the result dtype follows torch (exp of int64 -> float32).
INT_INPUT = [
    ("neg", lambda m, x: -x),
    ("abs", lambda m, x: x.abs()),
    ("exp", lambda m, x: x.exp()),
    ("sigmoid", lambda m, x: m.sigmoid(x)),
    ("tanh", lambda m, x: x.tanh()),
    ("relu", lambda m, x: x.relu()),
    ("pow_2", lambda m, x: x**2),
    ("pow_half", lambda m, x: x.abs() ** 0.5),
    ("rpow_int", lambda m, x: 2 ** x.abs()),
    ("rpow_float", lambda m, x: 2.0**x),
    ("clamp_int", lambda m, x: x.clamp(-1, 2)),
    ("clamp_float", lambda m, x: x.clamp(-1.5, 2.5)),
    ("sqrt_abs", lambda m, x: x.abs().sqrt()),
    ("log_abs_plus_1", lambda m, x: (x.abs() + 1).log()),
]


@pytest.mark.parametrize("np_dtype", [np.int64, np.int32])
@pytest.mark.parametrize("name,fn", INT_INPUT, ids=[c[0] for c in INT_INPUT])
@given(data=st.data())
def test_unary_int_input(name, fn, np_dtype, data):
    assert_parity(fn, data.draw(S.int_arrays(S.shapes(), np_dtype)))


# Points where a derivative is undefined and torch picks a value. The second
# derivative is singular at the last rows' points (torch gives inf/nan artifacts):
# first order only there.
TIES = [
    ("relu_at_0", lambda m, x: x.relu(), [-1.0, 0.0, 2.0]),
    ("abs_at_0", lambda m, x: x.abs(), [-1.0, 0.0, 2.0]),
    ("clamp_at_bounds", lambda m, x: x.clamp(-1.0, 1.0), [-1.0, 0.0, 1.0, 2.0]),
    ("clamp_min_at_bound", lambda m, x: x.clamp(min=0.0), [-1.0, 0.0, 1.0]),
    ("clamp_max_at_bound", lambda m, x: x.clamp(max=0.0), [-1.0, 0.0, 1.0]),
    ("clamp_min_above_max", lambda m, x: x.clamp(1.0, -1.0), [-2.0, 0.0, 2.0]),
    ("pow_2_at_0", lambda m, x: x**2, [0.0, 1.0]),
    ("pow_0_at_0", lambda m, x: x**0, [0.0, 1.0]),
    ("sigmoid_extremes", lambda m, x: x.sigmoid(), [-1e4, -100.0, 0.0, 100.0, 1e4]),
    ("tanh_extremes", lambda m, x: x.tanh(), [-1e4, -100.0, 0.0, 100.0, 1e4]),
    ("exp_large", lambda m, x: x.exp(), [-1e4, 0.0, 80.0]),
]
FIRST_ORDER_ONLY = {"pow_1_5_at_0", "zero_pow_x", "zero_pow_x_fn"}
TIES += [
    ("pow_1_5_at_0", lambda m, x: x**1.5, [0.0, 1.0]),
    ("zero_pow_x", lambda m, x: 0**x, [0.0, 1.0, 2.0]),
    ("zero_pow_x_fn", lambda m, x: m.pow(0.0, x), [0.0, 1.0, 2.0]),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,values", TIES, ids=[c[0] for c in TIES])
def test_defined_at_kinks(name, fn, values, dtype):
    second_order = name not in FIRST_ORDER_ONLY
    assert_parity(fn, np.array(values, dtype=dtype), second_order=second_order)


# torch gives inf/nan here; minigrad must too (NumPy's warnings are not the point).
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize(
    "fn,values",
    [
        (lambda m, x: x.sqrt(), [0.0, 4.0]),
        (lambda m, x: x.log(), [0.0, 1.0]),
        (lambda m, x: x**0.5, [0.0, 4.0]),
        (lambda m, x: x**-1, [0.0, 2.0]),
        (lambda m, x: 1 / x, [0.0, 2.0]),
    ],
    ids=["sqrt_0", "log_0", "pow_half_0", "pow_neg1_0", "reciprocal_0"],
)
def test_infinite_at_0(fn, values, dtype):
    assert_parity(fn, np.array(values, dtype=dtype), strict=False, second_order=False)
