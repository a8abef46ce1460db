"""More elementwise math against torch: rounding, logs, trig, erf, //, %, atan2, lerp..."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import assert_parity, assert_same_error
from tests.scenarios import leaf, name_of, run_both

OPEN_UNIT = S.Domain(-0.875, 0.875)
ABOVE_1 = S.Domain(1.25, 10.0)
ABOVE_MINUS_1 = S.Domain(-0.75, 10.0)
TAN = S.Domain(-1.375, 1.375)
DIVISOR = S.Domain(avoid=(0.0,), gap=0.25)
EPS_INSIDE = S.Domain(0.03125, 0.96875, avoid=(0.1, 0.9))
PROBABILITY = S.Domain(0.0625, 0.9375)

# (id, fn(lib, x), domain of x)
UNARY = [
    ("floor", lambda m, x: x.floor() + x, S.REAL),
    ("floor_fn", lambda m, x: m.floor(x) * x, S.REAL),
    ("ceil", lambda m, x: m.ceil(x) * x, S.REAL),
    ("trunc", lambda m, x: x.trunc() * x, S.REAL),
    ("fix_fn", lambda m, x: m.fix(x) * x, S.REAL),
    ("frac", lambda m, x: x.frac(), S.REAL),
    ("frac_fn", lambda m, x: m.frac(x) * x, S.REAL),
    ("round_decimals", lambda m, x: m.round(x, decimals=1) * x, S.REAL),
    ("round_decimals_neg", lambda m, x: (x * 100).round(decimals=-1) + x, S.REAL),
    ("round_decimals_0", lambda m, x: x.round(decimals=0) * x, S.REAL),
    ("sign", lambda m, x: m.sign(x) * x, S.REAL),
    ("sgn", lambda m, x: x.sgn() * x, S.REAL),
    ("log1p", lambda m, x: m.log1p(x), ABOVE_MINUS_1),
    ("expm1", lambda m, x: x.expm1(), S.BOUNDED),
    ("log2", lambda m, x: m.log2(x), S.POSITIVE),
    ("log10", lambda m, x: x.log10(), S.POSITIVE),
    ("exp2", lambda m, x: m.exp2(x), S.BOUNDED),
    ("rsqrt", lambda m, x: x.rsqrt(), S.POSITIVE),
    ("square", lambda m, x: m.square(x), S.REAL),
    ("sinh", lambda m, x: m.sinh(x), S.BOUNDED),
    ("cosh", lambda m, x: x.cosh(), S.BOUNDED),
    ("tan", lambda m, x: m.tan(x), TAN),
    ("asin", lambda m, x: m.asin(x), OPEN_UNIT),
    ("arcsin", lambda m, x: x.arcsin(), OPEN_UNIT),
    ("acos", lambda m, x: x.acos(), OPEN_UNIT),
    ("arccos_fn", lambda m, x: m.arccos(x), OPEN_UNIT),
    ("atan", lambda m, x: m.atan(x), S.REAL),
    ("arctan", lambda m, x: x.arctan(), S.REAL),
    ("asinh", lambda m, x: m.asinh(x), S.REAL),
    ("acosh", lambda m, x: x.acosh(), ABOVE_1),
    ("atanh", lambda m, x: m.atanh(x), OPEN_UNIT),
    ("erf", lambda m, x: m.erf(x), S.BOUNDED),
    ("erfc", lambda m, x: x.erfc(), S.BOUNDED),
    ("erfinv", lambda m, x: m.erfinv(x), OPEN_UNIT),
    ("reciprocal_fn", lambda m, x: m.reciprocal(x), DIVISOR),
    ("nan_to_num", lambda m, x: m.nan_to_num(x), S.REAL),
    ("positive", lambda m, x: m.positive(x) * 2, S.REAL),
    ("negative", lambda m, x: m.negative(x), S.REAL),
    ("absolute", lambda m, x: x.absolute(), S.NONZERO),
    ("sinc", lambda m, x: m.sinc(x), S.Domain(avoid=(0.0,), gap=0.25)),
    ("logit", lambda m, x: m.logit(x), PROBABILITY),
    ("logit_eps", lambda m, x: x.logit(eps=0.1), EPS_INSIDE),
    ("deg2rad", lambda m, x: m.deg2rad(x), S.REAL),
    ("rad2deg", lambda m, x: x.rad2deg(), S.REAL),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,domain", UNARY, ids=[c[0] for c in UNARY])
@given(data=st.data())
def test_unary(name, fn, domain, dtype, data):
    assert_parity(fn, data.draw(S.arrays(dtype, S.shapes(), domain)))


WEIGHT = S.Domain(-0.5, 1.5)
EXPONENT = S.Domain(-2.0, 2.0, avoid=(0.0,))

# (id, fn(lib, x, y), domain of x, domain of y); x and y broadcast together.
BINARY = [
    ("atan2", lambda m, x, y: m.atan2(x, y), S.NONZERO, S.NONZERO),
    ("arctan2", lambda m, x, y: x.arctan2(y), S.NONZERO, S.NONZERO),
    ("hypot", lambda m, x, y: m.hypot(x, y), S.NONZERO, S.NONZERO),
    ("fmod", lambda m, x, y: m.fmod(x, y), S.REAL, DIVISOR),
    ("remainder", lambda m, x, y: m.remainder(x, y), S.REAL, DIVISOR),
    ("mod_operator", lambda m, x, y: x % y, S.REAL, DIVISOR),
    ("logaddexp", lambda m, x, y: m.logaddexp(x, y), S.REAL, S.REAL),
    ("logaddexp2", lambda m, x, y: x.logaddexp2(y), S.REAL, S.REAL),
    ("lerp_low", lambda m, x, y: m.lerp(x, y, 0.3), S.REAL, S.REAL),
    ("lerp_high", lambda m, x, y: x.lerp(y, 0.75), S.REAL, S.REAL),
    ("float_power", lambda m, x, y: m.float_power(x, y), S.POSITIVE, EXPONENT),
    ("copysign", lambda m, x, y: m.copysign(x, y), S.NONZERO, S.NONZERO),
    ("xlogy", lambda m, x, y: m.xlogy(x, y), S.REAL, S.POSITIVE),
    ("multiply", lambda m, x, y: m.multiply(x, y), S.REAL, S.REAL),
    ("subtract", lambda m, x, y: m.subtract(x, y, alpha=2), S.REAL, S.REAL),
    ("divide", lambda m, x, y: x.divide(y), S.REAL, DIVISOR),
    (
        "div_floor",
        lambda m, x, y: m.div(x, y, rounding_mode="floor") + x,
        S.REAL,
        DIVISOR,
    ),
    (
        "divide_trunc",
        lambda m, x, y: x.divide(y, rounding_mode="trunc") * y,
        S.REAL,
        DIVISOR,
    ),
    ("true_divide", lambda m, x, y: m.true_divide(x, y), S.REAL, DIVISOR),
    ("greater", lambda m, x, y: m.greater(x, y), S.REAL, S.REAL),
    ("less_equal", lambda m, x, y: x.less_equal(y), S.REAL, S.REAL),
    ("not_equal", lambda m, x, y: m.not_equal(x, y), S.REAL, S.REAL),
    ("logical_and", lambda m, x, y: m.logical_and(x, y), S.REAL, S.REAL),
    ("logical_xor", lambda m, x, y: x.logical_xor(y), S.REAL, S.REAL),
]


# Operands that never tie (the gradient picks a side there).
UNTIED = [
    ("fmax", lambda m, x, y: m.fmax(x, y)),
    ("fmin", lambda m, x, y: x.fmin(y)),
    ("clamp_min_tensor", lambda m, x, y: m.clamp_min(x, y)),
    ("clamp_max_tensor", lambda m, x, y: x.clamp_max(y)),
]


BINARY += [(name, fn, None, None) for name, fn in UNTIED]


def operands(dtype, dx, dy) -> st.SearchStrategy:
    """Broadcastable operands drawn from the domains; no domains: a pair never tied."""
    if dx is None:
        return S.untied_pair(dtype)
    return S.broadcast_arrays(dtype, (dx, dy))


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,dx,dy", BINARY, ids=[c[0] for c in BINARY])
@given(data=st.data())
def test_binary(name, fn, dx, dy, dtype, data):
    assert_parity(fn, *data.draw(operands(dtype, dx, dy)))


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@given(data=st.data())
def test_lerp_tensor_weight(dtype, data):
    arrays = data.draw(S.broadcast_arrays(dtype, (S.REAL, S.REAL, WEIGHT)))
    assert_parity(lambda m, a, b, w: m.lerp(a, b, w), *arrays)


# A Python number as one operand.
SCALAR = [
    ("fmod_int", lambda m, x: m.fmod(x, 3)),
    ("fmod_float", lambda m, x: x.fmod(-1.5)),
    ("remainder_float", lambda m, x: m.remainder(x, 1.5)),
    ("mod_int", lambda m, x: x % -2),
    ("clamp_min", lambda m, x: m.clamp_min(x, 0.125)),
    ("clamp_max", lambda m, x: x.clamp_max(-0.125)),
    ("clamp_min_int", lambda m, x: x.clamp_min(1)),
    ("copysign_number", lambda m, x: m.copysign(x, -1.0)),
    ("xlogy_number", lambda m, x: m.xlogy(x, 3.0)),
    ("xlogy_number_negative", lambda m, x: x.xlogy(-2.0)),
    ("xlogy_of_number", lambda m, x: m.xlogy(2.5, x.abs() + 0.5)),
    ("float_power_int", lambda m, x: m.float_power(x, 2)),
    ("float_power_float", lambda m, x: x.abs().float_power(0.5)),
    ("float_power_of_number", lambda m, x: m.float_power(2, x)),
    ("multiply_number", lambda m, x: x.multiply(2.5)),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", SCALAR, ids=[c[0] for c in SCALAR])
@given(data=st.data())
def test_scalar_operand(name, fn, dtype, data):
    assert_parity(fn, data.draw(S.arrays(dtype, S.shapes(), elements=S.grid(1))))


# No derivative (torch records NotImplemented nodes) or bool results: values only.
NO_GRAD = [
    ("floor_divide", lambda m, x, y: m.floor_divide(x, y)),
    ("floordiv_operator", lambda m, x, y: x // y),
    ("floordiv_number", lambda m, x, y: x // 0.75),
    ("rfloordiv", lambda m, x, y: 7 // y),
    ("rmod", lambda m, x, y: 7.5 % y),
    ("remainder_of_number", lambda m, x, y: m.remainder(-3, y)),
    ("heaviside", lambda m, x, y: m.heaviside(x, y)),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", NO_GRAD, ids=[c[0] for c in NO_GRAD])
@given(data=st.data())
def test_values_only(name, fn, dtype, data):
    x, y = data.draw(S.broadcast_arrays(dtype, (S.REAL, DIVISOR)))
    if name == "heaviside":
        x = np.round(x)  # zeros, where values shows
    assert_parity(fn, x, y, grad=False)


@pytest.mark.parametrize(
    "fn",
    [
        lambda m, x: x // 2,
        lambda m, x: 3 // x,
        lambda m, x: m.heaviside(x, x),
        lambda m, x: 3 % x,
    ],
    ids=["floordiv", "rfloordiv", "heaviside", "rmod"],
)
def test_not_implemented_derivatives(fn):
    def scenario(lib, out):
        x = leaf(lib, np.array([1.5, -2.5, 3.0]))
        y = fn(lib, x)
        out += [y, name_of(y)]
        y.sum().backward()

    run_both(scenario, words=("derivative for aten::", "is not implemented"))


# Integer and bool inputs: torch's result dtypes (floats for float ops, ints kept).
INT_INPUT = [
    ("floor", lambda m, x: m.floor(x)),
    ("ceil", lambda m, x: x.ceil()),
    ("trunc", lambda m, x: m.trunc(x)),
    ("round", lambda m, x: m.round(x)),
    ("sign", lambda m, x: m.sign(x)),
    ("sgn", lambda m, x: x.sgn()),
    ("square", lambda m, x: m.square(x)),
    ("log1p", lambda m, x: m.log1p(x.abs())),
    ("exp2", lambda m, x: x.exp2()),
    ("sinh", lambda m, x: m.sinh(x)),
    ("atan", lambda m, x: x.atan()),
    ("erf", lambda m, x: m.erf(x)),
    ("deg2rad", lambda m, x: m.deg2rad(x)),
    ("reciprocal", lambda m, x: m.reciprocal(x)),
    ("nan_to_num", lambda m, x: m.nan_to_num(x)),
    ("signbit", lambda m, x: m.signbit(x)),
    ("isnan", lambda m, x: m.isnan(x)),
    ("isfinite", lambda m, x: x.isfinite()),
    ("isposinf", lambda m, x: m.isposinf(x)),
    ("logical_not", lambda m, x: m.logical_not(x)),
    ("negative", lambda m, x: m.negative(x)),
    ("floordiv", lambda m, x: x // 3),
    ("floordiv_negative", lambda m, x: x // -2),
    ("rfloordiv", lambda m, x: 7 // (x.abs() + 1)),
    ("mod", lambda m, x: x % 3),
    ("mod_negative", lambda m, x: x % -3),
    ("rmod", lambda m, x: -7 % (x.abs() + 1)),
    ("fmod", lambda m, x: m.fmod(x, 3)),
    ("fmod_float", lambda m, x: x.fmod(2.5)),
    ("remainder_float", lambda m, x: m.remainder(x, -2.5)),
    ("floor_divide_float", lambda m, x: m.floor_divide(x, 0.5)),
    ("copysign", lambda m, x: m.copysign(x, -1)),
    ("xlogy", lambda m, x: m.xlogy(x, x.abs() + 1)),
    ("atan2", lambda m, x: m.atan2(x, x + 10)),
    ("float_power", lambda m, x: m.float_power(x, 2)),
    ("clamp_min_float", lambda m, x: x.clamp_min(0.5)),
    ("clamp_max", lambda m, x: m.clamp_max(x, 1)),
    ("fmax", lambda m, x: m.fmax(x, 1 - x)),
    ("logical_or", lambda m, x: m.logical_or(x, x - 1)),
    ("heaviside", lambda m, x: m.heaviside(x, x + 1)),
    ("divide", lambda m, x: m.divide(x, 2)),
    ("div_trunc", lambda m, x: x.div(-3, rounding_mode="trunc")),
    ("div_floor", lambda m, x: m.div(x, 3, rounding_mode="floor")),
]


@pytest.mark.parametrize("np_dtype", [np.int64, np.int32])
@pytest.mark.parametrize("name,fn", INT_INPUT, ids=[c[0] for c in INT_INPUT])
@given(data=st.data())
def test_int_input(name, fn, np_dtype, data):
    assert_parity(fn, data.draw(S.int_arrays(S.shapes(min_dims=1), np_dtype)))


@pytest.mark.parametrize("name,fn", INT_INPUT, ids=[c[0] for c in INT_INPUT])
def test_int_pair(name, fn):
    """Integers mixed: int32 with an int64 tensor, with a 0-dim tensor."""
    x = np.array([-7, -3, 0, 2, 5], dtype=np.int32)
    assert_parity(fn, x)
    assert_parity(fn, np.array(4, dtype=np.int64))


def test_floor_division_of_mixed_ints():
    x = np.array([-7, -3, 0, 2, 5], dtype=np.int32)
    y = np.array([2, -2, 3, -5, 1], dtype=np.int64)
    for fn in (lambda m, a, b: a // b, lambda m, a, b: a % b, m_fmod):
        assert_parity(fn, x, y)
        assert_parity(fn, x.astype(np.uint8) % 50, np.abs(y).astype(np.uint8))


def m_fmod(m, a, b):
    return m.fmod(a, b)


# Special values (0, -0, +-inf, nan, negatives): values and first-order gradients.
SPECIAL = np.array([0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 0.5, np.inf, -np.inf, np.nan])
REVERSED = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
AT_SPECIAL = [
    ("floor", lambda m, x: m.floor(x)),
    ("ceil", lambda m, x: m.ceil(x)),
    ("trunc", lambda m, x: x.trunc()),
    ("frac", lambda m, x: m.frac(x)),
    ("round_decimals", lambda m, x: m.round(x, decimals=2)),
    ("sign", lambda m, x: m.sign(x)),
    ("sgn", lambda m, x: m.sgn(x)),
    ("log1p", lambda m, x: m.log1p(x)),
    ("expm1", lambda m, x: m.expm1(x)),
    ("log2", lambda m, x: m.log2(x)),
    ("log10", lambda m, x: m.log10(x)),
    ("exp2", lambda m, x: m.exp2(x)),
    ("rsqrt", lambda m, x: m.rsqrt(x)),
    ("sinh", lambda m, x: m.sinh(x)),
    ("cosh", lambda m, x: m.cosh(x)),
    ("tan", lambda m, x: m.tan(x)),
    ("asin", lambda m, x: m.asin(x)),
    ("acos", lambda m, x: m.acos(x)),
    ("atan", lambda m, x: m.atan(x)),
    ("asinh", lambda m, x: m.asinh(x)),
    ("acosh", lambda m, x: m.acosh(x)),
    ("atanh", lambda m, x: m.atanh(x)),
    ("erf", lambda m, x: m.erf(x)),
    ("erfc", lambda m, x: m.erfc(x)),
    ("erfinv", lambda m, x: m.erfinv(x)),
    ("signbit", lambda m, x: m.signbit(x)),
    ("isnan", lambda m, x: m.isnan(x)),
    ("isinf", lambda m, x: m.isinf(x)),
    ("isfinite", lambda m, x: m.isfinite(x)),
    ("isposinf", lambda m, x: m.isposinf(x)),
    ("isneginf", lambda m, x: m.isneginf(x)),
    ("nan_to_num", lambda m, x: m.nan_to_num(x)),
    (
        "nan_to_num_values",
        lambda m, x: m.nan_to_num(x, nan=1.5, posinf=9.0, neginf=-9.0),
    ),
    ("sinc", lambda m, x: m.sinc(x)),
    ("logit", lambda m, x: m.logit(x)),
    ("logit_eps", lambda m, x: m.logit(x, eps=0.25)),
    ("deg2rad", lambda m, x: m.deg2rad(x)),
    ("square", lambda m, x: m.square(x)),
    ("floordiv", lambda m, x: x.detach() // 2),
    ("mod", lambda m, x: x % 2),
    ("mod_negative", lambda m, x: x % -2),
    ("fmod", lambda m, x: m.fmod(x, 2)),
    ("div_trunc", lambda m, x: m.div(x, x[REVERSED], rounding_mode="trunc")),
    ("div_floor", lambda m, x: m.div(x, x[REVERSED], rounding_mode="floor")),
    ("by_zero_floordiv", lambda m, x: x.detach() // 0),
    ("by_zero_mod", lambda m, x: x % 0.0),
    ("by_zero_fmod", lambda m, x: m.fmod(x, 0)),
    ("mod_by_special", lambda m, x: m.remainder(x * 0 + 3.0, x)),
    ("fmod_by_special", lambda m, x: m.fmod(x * 0 - 3.0, x)),
    ("atan2", lambda m, x: m.atan2(x, x[REVERSED])),
    ("hypot", lambda m, x: m.hypot(x, x[REVERSED])),
    ("logaddexp", lambda m, x: m.logaddexp(x, x[REVERSED])),
    ("logaddexp_self", lambda m, x: m.logaddexp(x, x)),
    ("logaddexp2", lambda m, x: m.logaddexp2(x, x[REVERSED])),
    ("fmax", lambda m, x: m.fmax(x, x[REVERSED])),
    ("fmin", lambda m, x: m.fmin(x, x[REVERSED])),
    ("copysign", lambda m, x: m.copysign(x, x[REVERSED])),
    ("xlogy", lambda m, x: m.xlogy(x, x[REVERSED])),
    ("xlogy_zero", lambda m, x: m.xlogy(x * 0, x)),
    ("xlogy_number", lambda m, x: m.xlogy(x, 0.0)),
    ("lerp", lambda m, x: m.lerp(x, x[REVERSED], 0.25)),
    ("clamp_min", lambda m, x: m.clamp_min(x, 0.0)),
    ("clamp_max_tensor", lambda m, x: m.clamp_max(x, x[REVERSED])),
    ("heaviside", lambda m, x: m.heaviside(x.detach(), x[REVERSED].detach())),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", AT_SPECIAL, ids=[c[0] for c in AT_SPECIAL])
def test_special_values(name, fn, dtype):
    assert_parity(fn, SPECIAL.astype(dtype), strict=False, second_order=False)


# Kinks where torch picks a gradient: ties of fmax/clamp_min, x == 0 of xlogy...
KINKS = [
    ("fmax_tie", lambda m, x: m.fmax(x, x * 0 + 1), [0.0, 1.0, 2.0]),
    ("fmin_tie", lambda m, x: m.fmin(x, x * 0 + 1), [0.0, 1.0, 2.0]),
    ("clamp_min_tie", lambda m, x: m.clamp_min(x, 1.0), [0.0, 1.0, 2.0]),
    ("clamp_max_tie", lambda m, x: x.clamp_max(1.0), [0.0, 1.0, 2.0]),
    ("clamp_min_tensor_tie", lambda m, x: m.clamp_min(x, x * 0 + 1), [0.0, 1.0]),
    ("xlogy_at_0", lambda m, x: m.xlogy(x, x + 1), [0.0, 1.0]),
    ("xlogy_at_0_0", lambda m, x: m.xlogy(x, x), [0.0, 1.0]),
    ("copysign_at_0", lambda m, x: m.copysign(x, x - 1), [0.0, -0.0, 2.0]),
    ("sinc_at_0", lambda m, x: m.sinc(x), [0.0, 1.0]),
    ("logit_at_bounds", lambda m, x: m.logit(x, eps=0.25), [0.25, 0.5, 0.75]),
    ("round_tie", lambda m, x: m.round(x, decimals=1), [0.25, 0.35, -0.45]),
    ("fmod_exact", lambda m, x: m.fmod(x, x * 0 + 2), [4.0, -6.0, 1.0]),
    ("remainder_exact", lambda m, x: m.remainder(x, x * 0 - 2), [4.0, -6.0, 1.0]),
    ("lerp_half", lambda m, x: m.lerp(x, x * 2, 0.5), [1.0, -2.0]),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn,values", KINKS, ids=[c[0] for c in KINKS])
def test_kinks(name, fn, values, dtype):
    assert_parity(fn, np.array(values, dtype=dtype), strict=False)


# In place: the values and the node written into the graph.
INPLACE = [
    ("floor_", lambda m, x: (x * 1).floor_()),
    ("ceil_", lambda m, x: (x * 1).ceil_()),
    ("round_decimals_", lambda m, x: (x * 1).round_(decimals=1)),
    ("frac_", lambda m, x: (x * 1).frac_()),
    ("sign_", lambda m, x: (x * 1).sign_()),
    ("log1p_", lambda m, x: (x.abs() * 1).log1p_()),
    ("expm1_", lambda m, x: (x * 0.1).expm1_()),
    ("tan_", lambda m, x: (x * 0.1).tan_()),
    ("sinh_", lambda m, x: (x * 0.1).sinh_()),
    ("atan_", lambda m, x: (x * 1).atan_()),
    ("erf_", lambda m, x: (x * 1).erf_()),
    ("square_", lambda m, x: (x * 1).square_()),
    ("reciprocal_", lambda m, x: (x * 1).reciprocal_()),
    ("nan_to_num_", lambda m, x: (x * 1).nan_to_num_()),
    ("fmod_", lambda m, x: (x * 1).fmod_(1.5)),
    ("remainder_", lambda m, x: (x * 1).remainder_(x.detach() * 0 + 1.5)),
    ("imod", lambda m, x: _imod(x * 1)),
    ("ifloordiv", lambda m, x: _ifloordiv(x.detach() * 1)),
    ("atan2_", lambda m, x: (x * 1).atan2_(x * 0 + 2)),
    ("lerp_", lambda m, x: (x * 1).lerp_(x * 2, 0.3)),
    ("clamp_min_", lambda m, x: (x * 1).clamp_min_(0.125)),
    ("copysign_", lambda m, x: (x * 1).copysign_(-1.0)),
    ("xlogy_", lambda m, x: (x * 1).xlogy_(2.0)),
    ("logical_not_", lambda m, x: x.detach().clone().logical_not_()),
    ("logical_and_", lambda m, x: x.detach().clone().logical_and_(x.detach() > 0)),
    ("float_power_", lambda m, x: (x.double() * 1).float_power_(2)),
]


def _imod(x):
    x %= 1.5
    return x


def _ifloordiv(x):
    x //= 1.5
    return x


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", INPLACE, ids=[c[0] for c in INPLACE])
def test_inplace(name, fn, dtype):
    assert_parity(fn, np.array([0.375, -1.625, 2.125], dtype=dtype))


# Bad inputs: torch's exception class and message.
ERRORS = [
    (lambda m, x: x // 0, ("ZeroDivisionError",)),
    (lambda m, x: x % 0, ("ZeroDivisionError",)),
    (lambda m, x: m.fmod(x, 0), ("ZeroDivisionError",)),
    (lambda m, x: m.remainder(x, x * 0), ("ZeroDivisionError",)),
    (lambda m, x: m.floor_divide(x, x - x), ("ZeroDivisionError",)),
    (lambda m, x: x.div(0, rounding_mode="trunc"), ("ZeroDivisionError",)),
    (lambda m, x: x.div(2, rounding_mode="bad"), ("rounding_mode", "'bad'")),
    (lambda m, x: m.floor([1.0]), ("floor()", "must be Tensor, not list")),
    (lambda m, x: m.erf(1.0), ("erf()", "must be Tensor, not float")),
    (lambda m, x: m.isnan(1.0), ("isnan()", "must be Tensor")),
    (lambda m, x: m.atan2(x.float(), 2.0), ("atan2()", "'other' (position 2)")),
    (lambda m, x: x.float().atan2(2), ("atan2()", "'other' (position 1)")),
    (lambda m, x: m.hypot(x.float(), 1), ("hypot()", "must be Tensor")),
    (lambda m, x: m.logical_and(x, 1), ("logical_and()", "must be Tensor")),
    (lambda m, x: m.heaviside(x, 1), ("heaviside()", "'values'")),
    (lambda m, x: m.fmax(x, 1.0), ("fmax()", "must be Tensor")),
    (lambda m, x: m.fmod(x, "a"), ("fmod()", "invalid combination")),
    (lambda m, x: m.clamp_min(x, "a"), ("clamp_min()", "invalid combination")),
    (lambda m, x: m.floor(x > 0), ("not implemented for 'Bool'",)),
    (lambda m, x: m.round(x > 0), ("not implemented for 'Bool'",)),
    (lambda m, x: m.round(x, decimals=1), ("round_cpu", "'Long'")),
    (lambda m, x: m.frac(x), ("frac_cpu", "'Long'")),
    (lambda m, x: m.absolute(x > 0), ("abs_cpu", "'Bool'")),
    (lambda m, x: m.positive(x > 0), ("bool tensor is not supported",)),
    (lambda m, x: (x > 0) // (x > 0), ("not implemented for 'Bool'",)),
    (lambda m, x: m.fmod(x > 0, x > 0), ("not implemented for 'Bool'",)),
    (lambda m, x: m.hypot(x, x), ("hypot_cpu", "'Long'")),
    (lambda m, x: m.logaddexp(x, x), ("logaddexp_cpu", "'Long'")),
    (lambda m, x: m.lerp(x, x, 0.5), ("lerp_kernel_scalar", "'Long'")),
    (lambda m, x: m.lerp(x.float(), x.double(), 0.5), ("expected dtype float",)),
    (lambda m, x: m.lerp(x.float(), x.float(), x.double()), ("`weight`",)),
    (lambda m, x: m.heaviside(x.float(), x.double()), ("different dtypes",)),
    (lambda m, x: x.float().float_power_(2), ("float_power_", "Double")),
    (lambda m, x: x.clone().exp2_(), ("can't be cast to the desired output type",)),
    (lambda m, x: x.clone().floor_divide_(2.5), ("can't be cast",)),
    (lambda m, x: m.atan2(x.float(), x[:2].float()), ("must match the size",)),
    (lambda m, x: m.fmod(x, x[:2]), ("must match the size",)),
    (lambda m, x: m.logical_or(x, x[:2]), ("must match the size",)),
    (lambda m, x: m.lerp(x.float(), x[:2].float(), 0.5), ("must match the size",)),
]


@pytest.mark.parametrize("fn,words", ERRORS, ids=[str(i) for i in range(len(ERRORS))])
def test_errors(fn, words):
    assert_same_error(fn, *words, arrays=[np.array([5, -5, 3])])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("weight", ["tensor", 0.3, 0.7, -0.2, 1.25])
def test_lerp_rounds_bit_for_bit_as_torch(dtype, weight):
    # torch's kernel is one multiply-add per element, fused on avx2/avx512 CPUs:
    # the values must be torch's to the last bit, not only within tolerance
    rng = np.random.default_rng(7)
    a, b, w = (rng.uniform(-3, 3, 4096).astype(dtype) for _ in range(3))
    results = []
    for lib in (torch, minigrad):
        ww = lib.tensor(w) if weight == "tensor" else weight
        results.append(lib.lerp(lib.tensor(a), lib.tensor(b), ww).numpy())
    np.testing.assert_array_equal(results[1], results[0])


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
def test_remainder_gradient_where_the_quotient_rounds_to_zero(dtype):
    # torch's db is -g * a.div(b, rounding_mode="floor"): -1 here, not floor(-0.0)
    tiny = np.finfo(dtype).smallest_subnormal
    a, b = np.array([-tiny, tiny, -tiny], dtype), np.array([2.0, -2.0, -2.0], dtype)
    assert_parity(lambda m, x, y: m.remainder(x, y), a, b)
