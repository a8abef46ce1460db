"""Pooling, padding, unfold and fold against torch: values, indices, gradients
(first and second order), graphs, errors and reprs."""

import numpy as np
import pytest
import torch
from hypothesis import assume, given
from hypothesis import strategies as st

import minigrad
from tests.parity import assert_parity, assert_same_error
from tests.test_nn_layers import module_parity

FLOATS = pytest.mark.parametrize("dtype", [np.float32, np.float64])


@st.composite
def pool_case(draw, dilation=True):
    """A valid 2-d pooling: kernel 1-4, stride 1-3, pad at most half the
    (dilated) kernel, sizes 1-9, batch 1-3 (or unbatched), channels 1-4."""
    kernel = tuple(draw(st.integers(1, 4)) for _ in range(2))
    dil = tuple(draw(st.integers(1, 2)) if dilation else 1 for _ in range(2))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(2))
    padding = tuple(
        draw(st.integers(0, min(k // 2, ((k - 1) * d + 1) // 2)))
        for k, d in zip(kernel, dil)
    )
    size = tuple(
        draw(st.integers(max(1, d * (k - 1) + 1 - 2 * p), 9))
        for k, d, p in zip(kernel, dil, padding)
    )
    lead = draw(st.sampled_from([(1,), (2,), (3,), (1, 2), (2, 3), (3, 4)]))
    return {
        "shape": (*lead, *size),
        "kernel": kernel,
        "stride": stride,
        "padding": padding,
        "dilation": dil,
        "ceil_mode": draw(st.booleans()),
    }


def _x(shape, dtype, seed=0):
    # distinct values: the arg-max is unique, as gradients need
    rng = np.random.default_rng(seed)
    return rng.permutation(np.arange(np.prod(shape))).reshape(shape).astype(dtype) / 7


def _windows_touch_input(case) -> bool:
    """Every window holds an input element (torch's double backward of a window of
    padding only reads out of bounds and raises)."""
    names = ("kernel", "stride", "padding", "dilation")
    for n, k, s, p, d in zip(case["shape"][-2:], *(case[m] for m in names)):
        o = (n + 2 * p - d * (k - 1) - 1 + (s - 1 if case["ceil_mode"] else 0)) // s + 1
        if case["ceil_mode"] and (o - 1) * s >= n + p:
            o -= 1
        for i in range(o):
            if not any(0 <= i * s - p + j * d < n for j in range(k)):
                return False
    return True


@FLOATS
@given(case=pool_case())
def test_max_pool2d_matches_torch(case, dtype):
    assume(_windows_touch_input(case))

    def fn(lib, x):
        return lib.nn.functional.max_pool2d(
            x,
            case["kernel"],
            case["stride"],
            case["padding"],
            case["dilation"],
            ceil_mode=case["ceil_mode"],
            return_indices=True,
        )

    assert_parity(fn, _x(case["shape"], dtype))


def test_max_pool2d_ties_and_infinities_pick_torch_index():
    x = np.array(
        [[[[1.0, 1.0, 0.0], [1.0, -np.inf, 2.0], [2.0, 2.0, 2.0]]]], np.float32
    )
    for k, s in ((2, 1), (3, 1), (2, 2)):
        assert_parity(
            lambda lib, x, k=k, s=s: lib.nn.functional.max_pool2d(
                x, k, s, return_indices=True, ceil_mode=True
            ),
            x,
        )


def test_max_pool2d_window_of_padding_only():
    """torch's index of a window that holds no input (and its first-order gradient)."""
    x = np.arange(1.0, 3.0, dtype=np.float32).reshape(2, 1, 1)
    assert_parity(
        lambda lib, x: lib.nn.functional.max_pool2d(
            x, (1, 2), 1, (0, 1), (1, 2), return_indices=True
        ),
        x,
        second_order=False,
    )


def test_unfold_and_fold_bool():
    x = np.random.default_rng(10).random((1, 2, 4, 4)) > 0.5
    assert_parity(lambda lib, x: lib.nn.functional.unfold(x, 2), x)
    cols = np.random.default_rng(11).random((1, 8, 9)) > 0.5
    assert_parity(lambda lib, c: lib.nn.functional.fold(c, (4, 4), 2), cols)


def test_avg_pool2d_integer_input():
    x = np.arange(-20, 30).reshape(2, 5, 5)
    assert_parity(lambda lib, x: lib.nn.functional.avg_pool2d(x, 2, 1, 1), x)
    assert_parity(
        lambda lib, x: lib.nn.functional.avg_pool2d(
            x, 3, 2, 1, count_include_pad=False
        ),
        x,
    )


def test_max_pool2d_integer_input():
    x = np.arange(2 * 5 * 5).reshape(2, 5, 5) % 7
    assert_parity(
        lambda lib, x: lib.nn.functional.max_pool2d(x, 2, return_indices=True), x
    )


@FLOATS
@given(
    case=pool_case(dilation=False),
    include=st.booleans(),
    override=st.sampled_from([None, 3]),
)
def test_avg_pool2d_matches_torch(case, dtype, include, override):
    def fn(lib, x):
        return lib.nn.functional.avg_pool2d(
            x,
            case["kernel"],
            case["stride"],
            case["padding"],
            case["ceil_mode"],
            include,
            override,
        )

    x = np.random.default_rng(1).standard_normal(case["shape"]).astype(dtype)
    assert_parity(fn, x)


@FLOATS
@given(
    shape=st.sampled_from([(1, 5, 5), (2, 3, 7, 4), (3, 1, 9, 9), (2, 6, 3)]),
    out=st.tuples(
        st.sampled_from([1, 2, 3, 4, 5, None]), st.sampled_from([1, 2, 3, None])
    ),
)
def test_adaptive_avg_pool2d_matches_torch(shape, out, dtype):
    x = np.random.default_rng(2).standard_normal(shape).astype(dtype)
    assert_parity(lambda lib, x: lib.nn.functional.adaptive_avg_pool2d(x, out), x)
    assert_parity(
        lambda lib, x: lib.nn.functional.adaptive_avg_pool2d(x, out[0] or 2), x
    )


@FLOATS
@given(
    shape=st.sampled_from([(5,), (2, 3), (2, 3, 4), (1, 2, 3, 4)]),
    pads=st.lists(st.integers(-1, 3), min_size=2, max_size=6).filter(
        lambda p: len(p) % 2 == 0
    ),
    value=st.sampled_from([0.0, 1.5]),
)
def test_constant_pad_matches_torch(shape, pads, value, dtype):
    pads = pads[: 2 * len(shape)]
    x = np.random.default_rng(3).standard_normal(shape).astype(dtype)
    assert_parity(lambda lib, x: lib.nn.functional.pad(x, pads, value=value), x)


@FLOATS
@pytest.mark.parametrize("mode", ["reflect", "replicate"])
@pytest.mark.parametrize(
    "shape, pads",
    [
        ((2, 5), (1, 2)),
        ((2, 3, 5), (2, 0)),
        ((2, 3, 4), (1, 2, 2, 0)),
        ((1, 2, 4, 5), (1, 1, 2, 3)),
        ((2, 3, 4, 5), (0, -1, 1, 2)),
        ((1, 2, 3, 4, 5), (1, 1, 1, 1, 1, 1)),
    ],
)
def test_reflect_and_replicate_pad_match_torch(shape, pads, mode, dtype):
    x = np.random.default_rng(4).standard_normal(shape).astype(dtype)
    assert_parity(lambda lib, x: lib.nn.functional.pad(x, pads, mode=mode), x)


def test_circular_pad_values_and_gradients():
    """NOTE: torch records circular padding as CopySlices over slices; minigrad's
    one gather has the same values and gradients, so the graph is not compared."""
    x = np.random.default_rng(5).standard_normal((2, 3, 4, 5)).astype(np.float32)
    assert_parity(
        lambda lib, x: lib.nn.functional.pad(x, (1, 2, 3, 1), mode="circular"),
        x,
        graph=False,
    )


@FLOATS
@given(
    shape=st.sampled_from([(2, 3, 6, 5), (1, 2, 4, 4), (3, 5, 7)]),
    kernel=st.sampled_from([1, 2, (2, 3)]),
    dilation=st.sampled_from([1, 2]),
    padding=st.sampled_from([0, 1]),
    stride=st.sampled_from([1, 2]),
)
def test_unfold_and_fold_match_torch(shape, kernel, dilation, padding, stride, dtype):
    k = (kernel, kernel) if isinstance(kernel, int) else kernel
    assume(
        all(n + 2 * padding >= dilation * (q - 1) + 1 for n, q in zip(shape[-2:], k))
    )
    x = np.random.default_rng(6).standard_normal(shape).astype(dtype)
    opts = {"dilation": dilation, "padding": padding, "stride": stride}
    assert_parity(lambda lib, x: lib.nn.functional.unfold(x, kernel, **opts), x)
    cols = torch.nn.functional.unfold(torch.from_numpy(x), kernel, **opts).numpy()
    cols = cols + np.float32(0.5)
    assert_parity(
        lambda lib, c: lib.nn.functional.fold(c, shape[-2:], kernel, **opts), cols
    )


# --- errors ---------------------------------------------------------------------

R = np.random.default_rng(7)


def _a(*shape, dtype=np.float32):
    return R.standard_normal(shape).astype(dtype)


ERRORS = [
    (
        lambda F, x: F.max_pool2d(x, 2),
        _a(5, 5),
        ["non-empty 3D or 4D (batch mode) tensor expected for input"],
    ),
    (lambda F, x: F.max_pool2d(x, 0), _a(1, 5, 5), ["stride should not be zero"]),
    (
        lambda F, x: F.max_pool2d(x, 0, 1),
        _a(1, 5, 5),
        ["kernel size should be greater than zero"],
    ),
    (
        lambda F, x: F.max_pool2d(x, 3),
        _a(1, 1, 2, 2),
        [
            "Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small"
        ],
    ),
    (
        lambda F, x: F.max_pool2d(x, 2, padding=2),
        _a(1, 1, 5, 5),
        [
            "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"
        ],
    ),
    (
        lambda F, x: F.max_pool2d(x, 2, padding=-1),
        _a(1, 1, 5, 5),
        ["pad must be non-negative, but got pad: -1"],
    ),
    (
        lambda F, x: F.max_pool2d(x, 2, stride=0),
        _a(1, 1, 5, 5),
        ["stride should not be zero"],
    ),
    (
        lambda F, x: F.max_pool2d(x, 2, dilation=0),
        _a(1, 1, 5, 5),
        ["dilation should be greater than zero, but got dilationH: 0 dilationW: 0"],
    ),
    (
        lambda F, x: F.max_pool2d(x, (2, 2, 2)),
        _a(1, 1, 5, 5),
        ["max_pool2d: kernel_size must either be a single int, or a tuple of two ints"],
    ),
    (
        lambda F, x: F.max_pool2d(x, 2.0),
        _a(1, 1, 5, 5),
        ["kernel_size", "must be tuple of ints, not float"],
    ),
    (
        lambda F, x: F.max_pool2d(x, 2),
        _a(1, 1, 0, 5),
        [
            "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[1, 1, 0, 5]"
        ],
    ),
    (
        lambda F, x: F.avg_pool2d(x, 2),
        _a(5, 5),
        ["Dimension out of range (expected to be in range of [-2, 1], but got -3)"],
    ),
    (lambda F, x: F.avg_pool2d(x, 3), _a(1, 1, 2, 2), ["Output size is too small"]),
    (
        lambda F, x: F.avg_pool2d(x, 2, padding=2),
        _a(1, 1, 5, 5),
        ["pad should be at most half of effective kernel size"],
    ),
    (
        lambda F, x: F.avg_pool2d(x, 2, divisor_override=0),
        _a(1, 1, 5, 5),
        ["divisor must be not zero"],
    ),
    (
        lambda F, x: F.avg_pool2d(x, 2, stride=0),
        _a(1, 1, 5, 5),
        ["stride should not be zero"],
    ),
    (
        lambda F, x: F.adaptive_avg_pool2d(x, 2),
        _a(5, 5),
        ["adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [5, 5]"],
    ),
    (
        lambda F, x: F.adaptive_avg_pool2d(x, -1),
        _a(1, 5, 5),
        [
            "elements of output_size must be greater than or equal to 0 but received {-1, -1}"
        ],
    ),
    (
        lambda F, x: F.adaptive_avg_pool2d(x, 2),
        _a(1, 0, 5),
        [
            "Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 0, 5] with dimension 1 being empty"
        ],
    ),
    (
        lambda F, x: F.adaptive_avg_pool2d(x, (2, 2, 2)),
        _a(1, 5, 5),
        ["Input dimension should be at least 4"],
    ),
    (
        lambda F, x: F.adaptive_avg_pool2d(x, 2),
        np.ones((1, 1, 5, 5), np.int64),
        ["\"adaptive_avg_pool2d\" not implemented for 'Long'"],
    ),
    (
        lambda F, x: F.pad(x, (1,)),
        _a(1, 5, 5),
        ["Padding length must be divisible by 2"],
    ),
    (
        lambda F, x: F.pad(x, (1, 1, 1, 1)),
        _a(5),
        [
            "Padding length should be less than or equal to two times the input dimension but got padding length 4 and input of dimension 1"
        ],
    ),
    (
        lambda F, x: F.pad(x, (-3, -3)),
        _a(5),
        ["narrow(): length must be non-negative."],
    ),
    (
        lambda F, x: F.pad(x, (1, 1), mode="foo"),
        _a(1, 5, 5),
        ["Unrecognised padding mode foo"],
    ),
    (
        lambda F, x: F.pad(x, (3, 3, 3, 3), mode="reflect"),
        _a(1, 1, 3, 3),
        [
            "Padding size should be less than the corresponding input dimension, but got: padding (3, 3) at dimension 3 of input [1, 1, 3, 3]"
        ],
    ),
    (
        lambda F, x: F.pad(x, (1, 1), mode="reflect"),
        _a(1, 1, 3, 3),
        ["Padding size 2 is not supported for 4D input tensor"],
    ),
    (
        lambda F, x: F.pad(x, (1, 1), mode="reflect", value=1.0),
        _a(1, 3, 3),
        ['Padding mode "reflect" doesn\'t take in value argument'],
    ),
    (lambda F, x: F.unfold(x, 2), _a(3, 5), ["Dimension out of range"]),
    (
        lambda F, x: F.unfold(x, 3),
        _a(1, 3, 2, 2),
        [
            "calculated shape of the array of sliding blocks as (0, 0), but its components must be at least one."
        ],
    ),
    (
        lambda F, x: F.unfold(x, 2, stride=0),
        _a(1, 4, 5, 5),
        [
            "stride should be greater than zero, but got stride_height: 0 stride_width: 0"
        ],
    ),
    (
        lambda F, x: F.unfold(x, (2, 2, 2)),
        _a(1, 4, 5, 5),
        ["It is expected kernel_size equals to 2, but got size 3"],
    ),
    (
        lambda F, x: F.unfold(x, 2),
        _a(1, 0, 5, 5),
        [
            "Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [1, 0, 5, 5]"
        ],
    ),
    (
        lambda F, x: F.fold(x, (4, 4), 2),
        _a(5),
        [
            "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [5]"
        ],
    ),
    (
        lambda F, x: F.fold(x, (4, 4), 2),
        _a(1, 5, 9),
        [
            "Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=5 and kernel_size=(2, 2)."
        ],
    ),
    (
        lambda F, x: F.fold(x, (4, 4), 2),
        _a(1, 4, 8),
        [
            "expected size of input's dimension 2 to match the calculated number of sliding blocks 3 * 3 = 9, but got input.size(2)=8."
        ],
    ),
]


@pytest.mark.parametrize("fn, array, words", ERRORS)
def test_pool_pad_fold_errors(fn, array, words):
    assert_same_error(lambda lib, x: fn(lib.nn.functional, x), *words, arrays=[array])


# --- modules --------------------------------------------------------------------

REPRS = [
    lambda nn: nn.MaxPool2d(2),
    lambda nn: nn.MaxPool2d(2, stride=1),
    lambda nn: nn.MaxPool2d(
        kernel_size=2, stride=1, return_indices=True, ceil_mode=True
    ),
    lambda nn: nn.MaxPool2d((3, 2), (2, 1), 1, 2),
    lambda nn: nn.AvgPool2d(2),
    lambda nn: nn.AvgPool2d(3, 2, 1, True, False, 2),
    lambda nn: nn.AdaptiveAvgPool2d((2, None)),
    lambda nn: nn.AdaptiveAvgPool2d(1),
    lambda nn: nn.Unfold(2),
    lambda nn: nn.Unfold((2, 3), dilation=2, padding=1, stride=2),
    lambda nn: nn.Fold((4, 4), 2),
    lambda nn: nn.Sequential(
        nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2)
    ),
]


@pytest.mark.parametrize("make", REPRS)
def test_pool_reprs(make):
    assert repr(make(minigrad.nn)) == repr(make(torch.nn))


def test_pool_modules_forward_backward():
    x = np.random.default_rng(8).standard_normal((2, 3, 7, 6)).astype(np.float32)
    module_parity(lambda lib: lib.nn.MaxPool2d(2, stride=1), x)
    module_parity(lambda lib: lib.nn.MaxPool2d(3, 2, 1, ceil_mode=True), x)
    module_parity(
        lambda lib: lib.nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False),
        x,
    )
    module_parity(lambda lib: lib.nn.AdaptiveAvgPool2d((2, 3)), x)
    module_parity(lambda lib: lib.nn.AdaptiveAvgPool2d(1), x)
    module_parity(lambda lib: lib.nn.Unfold(2, stride=2), x)


def test_max_pool2d_module_returns_indices():
    x = np.random.default_rng(9).standard_normal((2, 1, 4, 4)).astype(np.float32)
    mv, mi = minigrad.nn.MaxPool2d(2, return_indices=True)(minigrad.tensor(x))
    tv, ti = torch.nn.MaxPool2d(2, return_indices=True)(torch.tensor(x))
    np.testing.assert_array_equal(mv.numpy(), tv.numpy())
    np.testing.assert_array_equal(mi.numpy(), ti.numpy())
    assert mi.dtype == minigrad.int64
