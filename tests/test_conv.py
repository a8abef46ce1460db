"""Convolutions against torch: values, gradients (first and second order), graphs,
errors, module init bits and reprs."""

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests.parity import assert_parity, assert_same_error
from tests.test_nn_layers import bits, module_parity

FLOATS = pytest.mark.parametrize("dtype", [np.float32, np.float64])


def _rng(seed):
    return np.random.default_rng(seed)


@st.composite
def conv_case(draw, nd=2):
    """Shapes and options of a valid convolution (sizes 1-9, channels 1-4)."""
    groups = draw(st.sampled_from([1, 1, 2]))
    cin = groups * draw(st.integers(1, 2 if groups > 1 else 4))
    cout = groups * draw(st.integers(1, 2 if groups > 1 else 4))
    kernel = tuple(draw(st.integers(1, 4)) for _ in range(nd))
    dilation = tuple(draw(st.integers(1, 2)) for _ in range(nd))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    padding = tuple(draw(st.integers(0, 2)) for _ in range(nd))
    size = tuple(
        draw(st.integers(max(1, d * (k - 1) + 1 - 2 * p), 9))
        for k, d, p in zip(kernel, dilation, padding, strict=True)
    )
    batch = draw(st.integers(1, 3))
    bias = draw(st.booleans())
    return {
        "x": (batch, cin, *size),
        "w": (cout, cin // groups, *kernel),
        "bias": bias,
        "stride": stride,
        "padding": padding,
        "dilation": dilation,
        "groups": groups,
    }


def _arrays(case, dtype, seed=0):
    rng = _rng(seed)
    arrays = [rng.standard_normal(case["x"]), rng.standard_normal(case["w"])]
    if case["bias"]:
        arrays.append(rng.standard_normal(case["w"][0]))
    return [a.astype(dtype) for a in arrays]


def _conv_fn(nd, case):
    opts = {k: case[k] for k in ("stride", "padding", "dilation", "groups")}

    def fn(lib, x, w, b=None):
        conv = getattr(lib.nn.functional, f"conv{nd}d")
        return conv(x, w, b, **opts)

    return fn


@FLOATS
@given(case=conv_case(2))
def test_conv2d_matches_torch(case, dtype):
    assert_parity(_conv_fn(2, case), *_arrays(case, dtype))


@FLOATS
@given(case=conv_case(1))
def test_conv1d_matches_torch(case, dtype):
    assert_parity(_conv_fn(1, case), *_arrays(case, dtype))


@FLOATS
@given(case=conv_case(2))
def test_conv2d_unbatched(case, dtype):
    x, *rest = _arrays(case, dtype)
    assert_parity(_conv_fn(2, case), x[0], *rest)


@pytest.mark.parametrize("kernel", [(1, 1), (3, 3), (2, 3), (4, 4)])
@pytest.mark.parametrize("dilation", [1, 2])
def test_padding_same_and_valid(kernel, dilation):
    rng = _rng(1)
    x = rng.standard_normal((2, 3, 9, 8)).astype(np.float32)
    w = rng.standard_normal((4, 3, *kernel)).astype(np.float32)
    b = rng.standard_normal(4).astype(np.float32)
    for padding in ("same", "valid"):

        def fn(lib, x, w, b, padding=padding):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # torch's even-kernel 'same' warning
                return lib.nn.functional.conv2d(
                    x, w, b, padding=padding, dilation=dilation
                )

        assert_parity(fn, x, w, b)


def test_padding_same_warns_as_torch_for_even_kernels():
    x, w = minigrad.randn(1, 1, 5, 5), minigrad.randn(1, 1, 2, 2)
    with pytest.warns(UserWarning, match="even kernel lengths"):
        minigrad.nn.functional.conv2d(x, w, padding="same")


def test_course_shapes_and_large_channels():
    """The course's layer sizes: k=5 padding=2 on 16x16, and 16->32 channels."""
    rng = _rng(2)
    for shape, wshape in (
        ((4, 1, 16, 16), (16, 1, 5, 5)),
        ((3, 16, 8, 8), (32, 16, 5, 5)),
    ):
        x = rng.standard_normal(shape).astype(np.float32)
        w = rng.standard_normal(wshape).astype(np.float32)
        b = rng.standard_normal(wshape[0]).astype(np.float32)
        assert_parity(
            lambda lib, x, w, b: lib.nn.functional.conv2d(x, w, b, padding=2), x, w, b
        )


def test_one_element_lists_expand_as_torch():
    rng = _rng(7)
    x = rng.standard_normal((1, 3, 6, 6)).astype(np.float32)
    w = rng.standard_normal((2, 3, 3, 3)).astype(np.float32)
    assert_parity(
        lambda lib, x, w: lib.nn.functional.conv2d(x, w, stride=(2,), padding=[1]),
        x,
        w,
    )


def test_integer_convolution():
    x = np.arange(2 * 2 * 4 * 4).reshape(2, 2, 4, 4) - 10
    w = np.arange(3 * 2 * 2 * 2).reshape(3, 2, 2, 2) - 5
    assert_parity(lambda lib, x, w: lib.nn.functional.conv2d(x, w, stride=2), x, w)


def test_zero_input_channels_give_torch_shape():
    assert_parity(
        lambda lib, x, w, b: lib.nn.functional.conv2d(x, w, b, padding=1, stride=2),
        np.zeros((2, 0, 5, 5), np.float32),
        np.ones((4, 0, 3, 3), np.float32),
        np.ones(4, np.float32),
        second_order=False,
    )


def test_zero_batch():
    assert_parity(
        lambda lib, x, w: lib.nn.functional.conv2d(x, w),
        np.zeros((0, 3, 5, 5), np.float32),
        np.ones((4, 3, 3, 3), np.float32),
        second_order=False,
    )


# --- errors ---------------------------------------------------------------------

R = np.random.default_rng(3)


def _a(*shape, dtype=np.float32):
    return R.standard_normal(shape).astype(dtype)


ERRORS = [
    (
        lambda F, x, w: F.conv2d(x, w),
        (_a(3, 5), _a(4, 3, 3, 3)),
        ["Expected 3D (unbatched) or 4D (batched) input to conv2d", "[3, 5]"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w),
        (_a(1, 1, 3, 5, 5), _a(4, 3, 3, 3)),
        ["input of size: [1, 1, 3, 5, 5]"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w),
        (_a(2, 1, 5, 5), _a(4, 3, 3, 3)),
        [
            "Given groups=1, weight of size [4, 3, 3, 3], expected input[2, 1, 5, 5] to have 3 channels, but got 1 channels instead"
        ],
    ),
    (
        lambda F, x, w: F.conv2d(x, w),
        (_a(1, 5, 5), _a(4, 3, 3, 3)),
        ["expected input[1, 1, 5, 5] to have 3 channels"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w),
        (_a(1, 3, 2, 2), _a(4, 3, 3, 3)),
        [
            "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size"
        ],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, dilation=2),
        (_a(1, 3, 4, 4), _a(4, 3, 3, 3)),
        ["Kernel size: (5 x 5)"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, padding=1),
        (_a(1, 3, 2, 2), _a(4, 3, 5, 5)),
        ["(4 x 4)"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w),
        (_a(1, 3, 5, 5), _a(4, 3, 3)),
        [
            "expected stride to be a single integer value or a list of 1 values to match the convolution dimensions, but got stride=[1, 1]"
        ],
    ),
    (
        lambda F, x, w, b: F.conv2d(x, w, b),
        (_a(1, 3, 5, 5), _a(4, 3, 3, 3), _a(3)),
        [
            "expected bias to be 1-dimensional with 4 elements, but got bias of size [3] instead"
        ],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, groups=2),
        (_a(1, 4, 5, 5), _a(4, 3, 3, 3)),
        [
            "Given groups=2, weight of size [4, 3, 3, 3], expected input[1, 4, 5, 5] to have 6 channels"
        ],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, groups=2),
        (_a(1, 4, 5, 5), _a(3, 2, 3, 3)),
        [
            "expected weight to be divisible by 2 at dimension 0, but got weight of size [[3, 2, 3, 3]]"
        ],
    ),
    (
        lambda F, x, w: F.conv2d(x, w),
        (_a(1, 3, 5, 5), _a(0, 3, 3, 3)),
        ["expected weight to be at least 1 at dimension 0"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, groups=0),
        (_a(1, 4, 5, 5), _a(4, 4, 3, 3)),
        ["non-positive groups is not supported"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, stride=0),
        (_a(1, 3, 5, 5), _a(4, 3, 3, 3)),
        ["non-positive stride is not supported"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, padding=-1),
        (_a(1, 3, 5, 5), _a(4, 3, 3, 3)),
        ["negative padding is not supported"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, dilation=0),
        (_a(1, 3, 5, 5), _a(4, 3, 3, 3)),
        ["dilation should be greater than zero"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, padding="same", stride=2),
        (_a(1, 3, 5, 5), _a(4, 3, 3, 3)),
        ["padding='same' is not supported for strided convolutions"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, padding="foo"),
        (_a(1, 3, 5, 5), _a(4, 3, 3, 3)),
        ["Invalid padding string: 'foo'"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w, stride=(1, 2, 3)),
        (_a(1, 3, 5, 5), _a(4, 3, 3, 3)),
        ["a list of 2 values", "stride=[1, 2, 3]"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w),
        (_a(1, 3, 5, 5, dtype=np.float64), _a(4, 3, 3, 3)),
        ["expected scalar type Double but found Float"],
    ),
    (
        lambda F, x, w, b: F.conv2d(x, w, b),
        (_a(1, 3, 5, 5), _a(4, 3, 3, 3), _a(4, dtype=np.float64)),
        ["Input type (float) and bias type (double) should be the same"],
    ),
    (
        lambda F, x, w: F.conv1d(x, w),
        (_a(1, 3, 5, 5), _a(4, 3, 3)),
        ["Expected 2D (unbatched) or 3D (batched) input to conv1d"],
    ),
    (
        lambda F, x, w: F.conv1d(x, w),
        (_a(2, 5), _a(4, 3, 3)),
        ["expected input[1, 2, 5] to have 3 channels, but got 2 channels instead"],
    ),
    (
        lambda F, x, w: F.conv2d(x, w),
        (np.ones((1, 3, 5, 5), bool), np.ones((4, 3, 3, 3), bool)),
        ["\"slow_conv2d_cpu\" not implemented for 'Bool'"],
    ),
]


@pytest.mark.parametrize("fn, arrays, words", ERRORS)
def test_conv_errors(fn, arrays, words):
    assert_same_error(lambda lib, *t: fn(lib.nn.functional, *t), *words, arrays=arrays)


def test_conv_rejects_a_non_tensor():
    assert_same_error(
        lambda lib, w: lib.nn.functional.conv2d([1.0], w),
        "conv2d()",
        arrays=[_a(4, 3, 3, 3)],
    )


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"groups": 0}, "groups must be a positive integer"),
        ({"groups": 2, "in_channels": 3}, "in_channels must be divisible by groups"),
        ({"groups": 2, "out_channels": 3}, "out_channels must be divisible by groups"),
        ({"padding": "foo"}, "Invalid padding string 'foo'"),
        (
            {"padding": "same", "stride": 2},
            "padding='same' is not supported for strided convolutions",
        ),
        ({"padding_mode": "foo"}, "padding_mode must be one of"),
    ],
)
def test_conv2d_constructor_errors(kwargs, words):
    args = {"in_channels": 4, "out_channels": 4, "kernel_size": 3, **kwargs}
    assert_same_error(lambda lib: lib.nn.Conv2d(**args), words)


# --- modules: init bits, repr, forward and backward -------------------------------


@pytest.mark.parametrize(
    "args",
    [
        dict(in_channels=1, out_channels=16, kernel_size=5, padding=2),
        dict(in_channels=16, out_channels=32, kernel_size=5, stride=1, padding=2),
        dict(in_channels=3, out_channels=2, kernel_size=(3, 2), bias=False),
        dict(in_channels=4, out_channels=6, kernel_size=3, groups=2),
        dict(in_channels=2, out_channels=3, kernel_size=1),
    ],
)
@pytest.mark.parametrize("seed", [0, 7])
def test_conv2d_init_is_bit_exact(args, seed):
    minigrad.manual_seed(seed)
    torch.manual_seed(seed)
    mg, tc = minigrad.nn.Conv2d(**args), torch.nn.Conv2d(**args)
    for (name, p), (_, q) in zip(
        mg.named_parameters(), tc.named_parameters(), strict=True
    ):
        assert p.shape == q.shape, name
        np.testing.assert_array_equal(bits(p), bits(q), err_msg=name)
    # the generator advanced identically: the next draw agrees
    np.testing.assert_array_equal(bits(minigrad.rand(5)), bits(torch.rand(5)))


def test_conv1d_and_float64_init_are_bit_exact():
    for cls, dtype in (("Conv1d", None), ("Conv2d", "float64")):
        minigrad.manual_seed(3)
        torch.manual_seed(3)
        kw = {} if dtype is None else {"dtype": getattr(minigrad, dtype)}
        kt = {} if dtype is None else {"dtype": getattr(torch, dtype)}
        mg = getattr(minigrad.nn, cls)(3, 5, 3, **kw)
        tc = getattr(torch.nn, cls)(3, 5, 3, **kt)
        for p, q in zip(mg.parameters(), tc.parameters(), strict=True):
            np.testing.assert_array_equal(bits(p), bits(q))


REPRS = [
    lambda nn: nn.Conv2d(3, 4, 3),
    lambda nn: nn.Conv2d(in_channels=1, out_channels=16, kernel_size=5, padding=2),
    lambda nn: nn.Conv2d(
        3,
        4,
        (3, 2),
        stride=2,
        padding=1,
        dilation=2,
        bias=False,
        padding_mode="reflect",
    ),
    lambda nn: nn.Conv2d(4, 4, 3, groups=2, padding="same"),
    lambda nn: nn.Conv1d(2, 4, 3),
    lambda nn: nn.Conv1d(2, 4, 3, padding="valid", stride=(2,)),
    lambda nn: nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Conv2d(2, 4, 3)),
]


@pytest.mark.parametrize("make", REPRS)
def test_conv_reprs(make):
    assert repr(make(minigrad.nn)) == repr(make(torch.nn))


@pytest.mark.parametrize("mode", ["zeros", "reflect", "replicate", "circular"])
@pytest.mark.parametrize("padding", [1, (2, 1), "same"])
def test_conv2d_module_padding_modes(mode, padding):
    x = _rng(4).standard_normal((2, 3, 6, 7)).astype(np.float32)
    module_parity(
        lambda lib: lib.nn.Conv2d(3, 4, 3, padding=padding, padding_mode=mode), x
    )


def test_conv1d_module_and_unbatched_input():
    x = _rng(5).standard_normal((3, 8)).astype(np.float32)
    module_parity(lambda lib: lib.nn.Conv1d(3, 2, 3, padding=1), x)
    x = _rng(5).standard_normal((3, 6, 6)).astype(np.float64)
    module_parity(lambda lib: lib.nn.Conv2d(3, 2, 3, dtype=lib.float64), x)


def test_kernels_written_through_state_dict():
    """The course sets kernels in place through state_dict(), as the labs do."""
    outs = {}
    for name, lib in (("minigrad", minigrad), ("torch", torch)):
        conv = lib.nn.Conv2d(in_channels=1, out_channels=1, kernel_size=3)
        conv.state_dict()["weight"][0][0] = lib.tensor(
            [[1.0, 0, -1.0], [2.0, 0, -2.0], [1.0, 0.0, -1.0]]
        )
        conv.state_dict()["bias"][:] = 0.0
        image = lib.zeros(1, 1, 5, 5)
        image[0, 0, :, 2] = 1
        outs[name] = conv(image)
    np.testing.assert_array_equal(
        outs["minigrad"].detach().numpy(), outs["torch"].detach().numpy()
    )
    assert repr(outs["minigrad"]) == repr(outs["torch"])


@FLOATS
def test_conv3d_matches_torch(dtype):
    rng = _rng(6)
    x = rng.standard_normal((2, 2, 4, 5, 3)).astype(dtype)
    w = rng.standard_normal((3, 2, 2, 3, 1)).astype(dtype)
    b = rng.standard_normal(3).astype(dtype)
    assert_parity(
        lambda lib, x, w, b: lib.nn.functional.conv3d(
            x, w, b, stride=(1, 2, 1), padding=1, dilation=(2, 1, 1)
        ),
        x,
        w,
        b,
    )
