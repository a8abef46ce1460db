"""Layers and functions added to close gaps with torch.nn: padding layers, 1-d and
adaptive max pooling, BatchNorm3d, Softmax2d, relu_ ... compared with torch:
values, gradients (non-uniform upstream), graphs, errors, reprs, signatures."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import assert_parity, assert_same_error
from tests.test_nn_layers import module_parity

LIBS = {"minigrad": minigrad, "torch": torch}
FLOATS = pytest.mark.parametrize("dtype", [np.float32, np.float64])


def _x(shape, dtype=np.float64, seed=0):
    """Distinct values (a unique arg-max in every window)."""
    rng = np.random.default_rng(seed)
    return rng.permutation(np.arange(np.prod(shape))).reshape(shape).astype(dtype) / 7


def same_error(fn, *arrays):
    """fn(lib, *tensors) raises torch's exception class with torch's message."""
    with pytest.raises(Exception) as torch_error:  # noqa: PT011
        fn(torch, *(torch.tensor(a) for a in arrays))
    # NOTE: a size in a message reads minigrad.Size where torch's reads torch.Size
    message = str(torch_error.value).split("\n")[0]
    assert_same_error(
        fn, (message, message.replace("torch.", "minigrad.")), arrays=arrays
    )


def same_call_error(call: str, *arrays):
    """The expression ``call`` (F, nn and x, w, b: tensors of ``arrays``) raises as torch."""

    def run(lib, *tensors):
        names = dict(zip("xwb", tensors))
        return eval(call, {"F": lib.nn.functional, "nn": lib.nn, **names})

    same_error(run, *arrays)


def same_repr(make):
    assert repr(make(minigrad.nn)) == repr(make(torch.nn))


# --- padding layers ----------------------------------------------------------------

PADS = [
    (lambda nn: nn.ZeroPad1d(2), (2, 3, 5)),
    (lambda nn: nn.ZeroPad1d((1, 0)), (3, 5)),
    (lambda nn: nn.ZeroPad2d((1, 2, 0, 3)), (2, 3, 4, 5)),
    (lambda nn: nn.ZeroPad2d(-1), (2, 4, 5)),
    (lambda nn: nn.ZeroPad3d(1), (1, 2, 3, 4, 5)),
    (lambda nn: nn.ConstantPad1d((2, 1), 3.5), (2, 3, 5)),
    (lambda nn: nn.ConstantPad2d(1, -2.0), (3, 4, 5)),
    (lambda nn: nn.ConstantPad3d((1, 0, 2, 0, 0, 1), 1.5), (2, 3, 4, 5)),
    (lambda nn: nn.ReflectionPad1d((2, 3)), (2, 3, 5)),
    (lambda nn: nn.ReflectionPad2d(2), (2, 3, 4, 5)),
    (lambda nn: nn.ReflectionPad2d((1, 0, 3, 2)), (3, 4, 5)),
    (lambda nn: nn.ReflectionPad3d(1), (1, 2, 3, 4, 5)),
    (lambda nn: nn.ReplicationPad1d((0, 4)), (2, 3, 5)),
    (lambda nn: nn.ReplicationPad2d((3, 1, 0, 2)), (2, 3, 4, 5)),
    (lambda nn: nn.ReplicationPad3d(2), (2, 3, 4, 5)),
    (lambda nn: nn.CircularPad1d(2), (2, 3, 5)),
    (lambda nn: nn.CircularPad2d((1, 2, 2, 1)), (3, 4, 5)),
    (lambda nn: nn.CircularPad3d(1), (1, 2, 3, 4, 5)),
]


@FLOATS
@pytest.mark.parametrize(("make", "shape"), PADS)
def test_padding_layers_match_torch(make, shape, dtype):
    # NOTE: F.pad's circular mode is one node, not torch's chain of slice copies
    graph = "root" if "Circular" in repr(make(torch.nn)) else "full"
    assert_parity(lambda lib, x: make(lib.nn)(x), _x(shape, dtype), graph=graph)
    same_repr(make)


def test_padding_layer_errors():
    same_error(lambda lib, x: lib.nn.CircularPad2d(1)(x), _x((5, 5)))
    same_error(lambda lib, x: lib.nn.CircularPad1d(1)(x), _x((1, 2, 3, 5)))
    same_error(lambda lib, x: lib.nn.ReflectionPad1d(5)(x), _x((2, 3, 5)))
    same_error(lambda lib, x: lib.nn.ReflectionPad2d(1)(x), _x((5,)))


# --- 1-d pooling -------------------------------------------------------------------

POOL1D = [
    dict(kernel_size=3),
    dict(kernel_size=2, stride=1),
    dict(kernel_size=3, stride=2, padding=1),
    dict(kernel_size=3, stride=2, padding=1, ceil_mode=True),
    dict(kernel_size=(2,), stride=[3], padding=(1,), ceil_mode=True),
    dict(kernel_size=4, stride=3, padding=2),
]


@FLOATS
@pytest.mark.parametrize("kwargs", POOL1D)
@pytest.mark.parametrize("shape", [(2, 3, 9), (3, 8)])
def test_max_pool1d_matches_torch(kwargs, shape, dtype):
    dil = {"dilation": 2} if kwargs.get("padding", 0) in (0, 1) else {}

    def fn(lib, x):
        f = lib.nn.functional.max_pool1d
        return f(x, **kwargs, **dil), *f(x, **kwargs, return_indices=True)

    assert_parity(fn, _x(shape, dtype))
    for include in (True, False):
        assert_parity(
            lambda lib, x, include=include: lib.nn.functional.avg_pool1d(
                x, **kwargs, count_include_pad=include
            ),
            _x(shape, dtype),
        )


@pytest.mark.parametrize("kwargs", POOL1D)
def test_pool1d_layers_match_torch(kwargs):
    x = _x((2, 3, 9))
    module_parity(lambda lib: lib.nn.MaxPool1d(**kwargs), x)
    module_parity(lambda lib: lib.nn.AvgPool1d(**kwargs), x)
    same_repr(lambda nn: nn.MaxPool1d(**kwargs))
    same_repr(lambda nn: nn.AvgPool1d(**kwargs))
    values = {}
    for name, lib in LIBS.items():
        out = lib.nn.MaxPool1d(**kwargs, return_indices=True)(lib.tensor(x))
        values[name] = [np.asarray(t.numpy()) for t in out]
    for a, e in zip(values["minigrad"], values["torch"], strict=True):
        np.testing.assert_array_equal(a, e)


def test_max_pool1d_without_grad_and_ties():
    x = np.array([[[1.0, 3, 3, 2, 2, 0, np.nan, 1, 5]]])
    for name in ("max_pool1d", "avg_pool1d"):
        out = {
            k: getattr(lib.nn.functional, name)(lib.tensor(x), 3, 2, 1).numpy()
            for k, lib in LIBS.items()
        }
        np.testing.assert_array_equal(out["minigrad"], out["torch"])
    idx = {
        k: lib.nn.functional.max_pool1d(lib.tensor(x), 2, 1, return_indices=True)[1]
        for k, lib in LIBS.items()
    }
    np.testing.assert_array_equal(idx["minigrad"].numpy(), idx["torch"].numpy())


# --- adaptive pooling --------------------------------------------------------------


@FLOATS
@pytest.mark.parametrize("size", [1, 2, 4, 5, 9, 12, (3,), 0])
@pytest.mark.parametrize("shape", [(2, 3, 9), (3, 7)])
def test_adaptive_pool1d_matches_torch(size, shape, dtype):
    x = _x(shape, dtype)
    grad = size != 0  # NOTE: torch's backward refuses an empty output
    F = "nn.functional.adaptive_"
    for name, extra in (("avg", ()), ("max", (True,)), ("max", ())):
        assert_parity(
            lambda lib, x, f=F + name + "_pool1d", e=extra: _get(lib, f)(x, size, *e),
            x,
            grad=grad,
        )


def _get(lib, path):
    for part in path.split("."):
        lib = getattr(lib, part)
    return lib


@FLOATS
@pytest.mark.parametrize("size", [1, 3, (2, 4), (5, 7), (None, 3), (8, None), (0, 2)])
@pytest.mark.parametrize("shape", [(2, 3, 5, 7), (3, 5, 7)])
def test_adaptive_max_pool2d_matches_torch(size, shape, dtype):
    x = _x(shape, dtype)
    grad = size != (0, 2)  # NOTE: torch's backward refuses an empty output
    assert_parity(
        lambda lib, x: lib.nn.functional.adaptive_max_pool2d(x, size, True),
        x,
        grad=grad,
    )
    assert_parity(
        lambda lib, x: lib.nn.functional.adaptive_max_pool2d_with_indices(x, size),
        x,
        grad=grad,
    )


@pytest.mark.parametrize("size", [(2, 3), (4, 4), 1])
def test_adaptive_max_pool2d_ties_and_nan(size):
    x = np.random.default_rng(0).integers(0, 3, (2, 3, 5, 6)).astype(np.float32)
    x[0, 0, 1, 1] = x[0, 0, 2, 3] = x[1, 2, 4, 5] = np.nan
    out = {
        k: lib.nn.functional.adaptive_max_pool2d(lib.tensor(x), size, True)
        for k, lib in LIBS.items()
    }
    for a, e in zip(out["minigrad"], out["torch"], strict=True):
        np.testing.assert_array_equal(a.numpy(), e.numpy())


@pytest.mark.parametrize(
    "make",
    [
        lambda nn: nn.AdaptiveAvgPool1d(3),
        lambda nn: nn.AdaptiveMaxPool1d(4),
        lambda nn: nn.AdaptiveMaxPool2d((3, None)),
        lambda nn: nn.AdaptiveMaxPool2d(2),
    ],
)
def test_adaptive_layers_match_torch(make):
    shape = (2, 3, 9) if "1d" in repr(make(torch.nn)) else (2, 3, 5, 6)
    module_parity(lambda lib: make(lib.nn), _x(shape))
    same_repr(make)


def test_adaptive_max_layer_returns_indices():
    for make, shape in (
        (lambda nn: nn.AdaptiveMaxPool1d(4, return_indices=True), (2, 3, 9)),
        (lambda nn: nn.AdaptiveMaxPool2d((2, 3), True), (2, 3, 5, 6)),
    ):
        x = _x(shape)
        out = {k: make(lib.nn)(lib.tensor(x)) for k, lib in LIBS.items()}
        for a, e in zip(out["minigrad"], out["torch"], strict=True):
            np.testing.assert_array_equal(a.numpy(), e.numpy())


# each F.<call> on x of shape (2, 3, 9); the first ones for both 1-d pools
BOTH_1D = """
x, 0
x, 3, 0
x, 3, 1, 2
x, 20
x[0, 0], 3
x.unsqueeze(0), 3
x, (3, 3)
x, 3, (1, 1)
x, 3, 1, (1, 1)
x, 3, padding=-1
x, 3.0
[1.0], 3
""".strip().splitlines()
POOL_ERRORS = [
    f"F.{f}({args})" for f in ("max_pool1d", "avg_pool1d") for args in BOTH_1D
]
POOL_ERRORS += """
F.max_pool1d(x, 3, 1, 1, (1, 1))
F.max_pool1d(x, 3, dilation=0)
F.max_pool1d(x.long(), 3)
F.max_pool1d(x[:, :0], 3)
F.max_pool1d(x, 0, return_indices=True)
F.max_pool1d(x, 20, return_indices=True)
F.max_pool1d(x[0, 0], 3, return_indices=True)
F.max_pool1d(x, (3, 3), return_indices=True)
F.max_pool1d(x, 3, dilation=0, return_indices=True)
F.adaptive_avg_pool1d(x, -1)
F.adaptive_avg_pool1d(x, (2, 2))
F.adaptive_avg_pool1d(x[0, 0], 2)
F.adaptive_avg_pool1d(x.long(), 2)
F.adaptive_avg_pool1d(x[..., :0], 2)
F.adaptive_avg_pool1d(x, None)
F.adaptive_avg_pool1d(x, (None,))
F.adaptive_max_pool1d(x, -1)
F.adaptive_max_pool1d(x, (2, 2))
F.adaptive_max_pool1d(x[0, 0], 2)
F.adaptive_max_pool1d(x.long(), 2)
F.adaptive_max_pool1d(x.bool(), 2)
F.adaptive_max_pool1d(x[..., :0], 2)
F.adaptive_max_pool1d(x, None)
F.adaptive_max_pool1d(x, 2.0)
F.adaptive_max_pool2d(x.unsqueeze(0), -1)
F.adaptive_max_pool2d(x.unsqueeze(0), (1, 2, 3))
F.adaptive_max_pool2d(x[0], 2)
F.adaptive_max_pool2d(x.long(), 2)
F.adaptive_max_pool2d(x[:, :0], 2)
F.adaptive_max_pool2d(x[0], (None, 2))
F.adaptive_max_pool2d(x, (2.0, 2))
F.adaptive_max_pool2d(x, 2.0)
F.adaptive_max_pool2d(x, None)
""".strip().splitlines()


@pytest.mark.parametrize("call", POOL_ERRORS)
def test_pooling_errors(call):
    same_call_error(call, _x((2, 3, 9)))


# --- BatchNorm3d, Softmax2d, relu_ ---------------------------------------------------


@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("track", [True, False])
def test_batchnorm3d_matches_torch(affine, track):
    x = np.random.default_rng(1).standard_normal((2, 3, 2, 3, 4))
    make = lambda lib: lib.nn.BatchNorm3d(3, affine=affine, track_running_stats=track)  # noqa: E731
    module_parity(make, x.astype(np.float32))
    mods = {k: make(lib).double() for k, lib in LIBS.items()}
    for _ in range(2):
        for k, lib in LIBS.items():
            mods[k](lib.tensor(x))
    for (n, a), (_, e) in zip(
        mods["minigrad"].state_dict().items(), mods["torch"].state_dict().items()
    ):
        np.testing.assert_allclose(np.asarray(a.numpy()), e.numpy(), err_msg=n)
    for m in mods.values():
        m.eval()
    module_parity(lambda lib: mods["minigrad" if lib is minigrad else "torch"], x)
    same_repr(lambda nn: nn.BatchNorm3d(3, affine=affine, track_running_stats=track))
    same_error(lambda lib, x: make(lib)(x), x[0])


@FLOATS
@pytest.mark.parametrize("shape", [(2, 3, 4, 5), (3, 4, 5)])
def test_softmax2d_matches_torch(shape, dtype):
    assert_parity(lambda lib, x: lib.nn.Softmax2d()(x), _x(shape, dtype))
    same_repr(lambda nn: nn.Softmax2d())


def test_softmax2d_errors():
    same_error(lambda lib, x: lib.nn.Softmax2d()(x), _x((4, 5)))
    same_error(lambda lib, x: lib.nn.Softmax2d()(x), _x((1, 2, 3, 4, 5)))


@FLOATS
def test_relu_inplace_matches_torch(dtype):
    def fn(lib, x):
        y = x * 1
        out = lib.nn.functional.relu_(y)
        assert out is y
        return out

    assert_parity(fn, _x((3, 4), dtype) - 0.8)
    same_error(lambda lib: lib.nn.functional.relu_([1.0]))
    same_error(lambda lib, x: lib.nn.functional.relu_(x.requires_grad_()), _x((3,)))


# --- signatures ------------------------------------------------------------------------

NAMES = """Bilinear ConvTranspose1d ConvTranspose2d Upsample UpsamplingNearest2d UpsamplingBilinear2d PixelShuffle PixelUnshuffle GroupNorm InstanceNorm1d InstanceNorm2d InstanceNorm3d RMSNorm ZeroPad1d ZeroPad2d ZeroPad3d ConstantPad1d ConstantPad2d ConstantPad3d
ReflectionPad1d ReflectionPad2d ReflectionPad3d ReplicationPad1d ReplicationPad2d
ReplicationPad3d CircularPad1d CircularPad2d CircularPad3d MaxPool1d AvgPool1d
AdaptiveAvgPool1d AdaptiveMaxPool1d AdaptiveMaxPool2d BatchNorm3d""".split()
FUNCTIONS = """gumbel_softmax interpolate group_norm instance_norm rms_norm max_pool1d_with_indices max_pool2d_with_indices max_pool1d
adaptive_max_pool1d_with_indices adaptive_max_pool2d_with_indices
adaptive_max_pool1d adaptive_max_pool2d""".split()
# torch's C bindings and dispatchers carry no signature: its documented one
DOCUMENTED = {
    "avg_pool1d": "(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)",
    "adaptive_avg_pool1d": "(input, output_size)",
    "relu_": "(input)",
    "scaled_dot_product_attention": "(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False)",
    "bilinear": "(input1, input2, weight, bias=None)",
    "pdist": "(input, p=2)",
    "conv_transpose1d": "(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1)",
    "conv_transpose2d": "(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1)",
    "pixel_shuffle": "(input, upscale_factor)",
    "pixel_unshuffle": "(input, downscale_factor)",
}


def _params(obj):
    return [
        (p.name, p.kind, p.default) for p in inspect.signature(obj).parameters.values()
    ]


@pytest.mark.parametrize("name", NAMES)
def test_layer_signatures(name):
    assert _params(getattr(minigrad.nn, name)) == _params(getattr(torch.nn, name))


@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_signatures(name):
    ours = getattr(minigrad.nn.functional, name)
    assert _params(ours) == _params(getattr(torch.nn.functional, name))


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_documented_signatures(name):
    plain = [
        p.replace(annotation=inspect.Parameter.empty)
        for p in inspect.signature(
            getattr(minigrad.nn.functional, name)
        ).parameters.values()
    ]
    assert str(inspect.Signature(plain)) == DOCUMENTED[name]


# --- group, instance and RMS normalisation ------------------------------------------


def _normal(shape, dtype=np.float64, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


@FLOATS
@pytest.mark.parametrize(
    ("shape", "groups"),
    [((2, 4, 3, 5), 2), ((3, 6, 4), 3), ((2, 4), 4), ((2, 6, 5), 1)],
)
@pytest.mark.parametrize("affine", ["both", "weight", "none"])
def test_group_norm_matches_torch(shape, groups, affine, dtype):
    c = shape[1]
    params = [_normal((c,), dtype, 1), _normal((c,), dtype, 2)]
    params = {"both": params, "weight": params[:1], "none": []}[affine]

    def fn(lib, x, *p):
        return lib.nn.functional.group_norm(x, groups, *p, eps=1e-4)

    assert_parity(fn, _normal(shape, dtype), *params)


@FLOATS
@pytest.mark.parametrize("shape", [(2, 3, 5), (2, 3, 4, 5), (1, 2, 3, 2, 2)])
@pytest.mark.parametrize("affine", [True, False])
def test_instance_norm_matches_torch(shape, affine, dtype):
    c = shape[1]
    params = [_normal((c,), dtype, 1), _normal((c,), dtype, 2)] if affine else []

    def fn(lib, x, *p):
        w, b = p if p else (None, None)
        return lib.nn.functional.instance_norm(x, weight=w, bias=b)

    assert_parity(fn, _normal(shape, dtype), *params)


def test_instance_norm_running_stats_match_torch():
    x = _normal((3, 4, 6))
    stats = {}
    for name, lib in LIBS.items():
        rm, rv = lib.zeros(4, dtype=lib.float64), lib.ones(4, dtype=lib.float64)
        outs = [lib.nn.functional.instance_norm(lib.tensor(x), rm, rv, momentum=0.3)]
        outs.append(
            lib.nn.functional.instance_norm(
                lib.tensor(x), rm, rv, use_input_stats=False
            )
        )
        stats[name] = [np.asarray(t.numpy()) for t in (*outs, rm, rv)]
    for a, e in zip(stats["minigrad"], stats["torch"], strict=True):
        np.testing.assert_allclose(a, e, rtol=1e-7, atol=1e-7)


INSTANCE = [
    (lambda nn: nn.InstanceNorm1d(3), (2, 3, 5)),
    (lambda nn: nn.InstanceNorm1d(3, affine=True), (3, 5)),
    (
        lambda nn: nn.InstanceNorm2d(3, affine=True, track_running_stats=True),
        (2, 3, 4, 5),
    ),
    (lambda nn: nn.InstanceNorm2d(3, track_running_stats=True), (3, 4, 5)),
    (lambda nn: nn.InstanceNorm3d(2, affine=True), (2, 2, 3, 2, 2)),
]


@pytest.mark.parametrize(("make", "shape"), INSTANCE)
def test_instance_norm_layers_match_torch(make, shape):
    x = _normal(shape, np.float32)
    module_parity(lambda lib: make(lib.nn), x)
    same_repr(make)
    mods = {k: make(lib.nn) for k, lib in LIBS.items()}
    for _ in range(2):
        for k, lib in LIBS.items():
            mods[k](lib.tensor(x))
    for k in mods:
        mods[k].eval()
    out = {k: mods[k](lib.tensor(x)).detach().numpy() for k, lib in LIBS.items()}
    np.testing.assert_allclose(out["minigrad"], out["torch"], rtol=1.3e-6, atol=1e-5)
    mine, theirs = mods["minigrad"].state_dict(), mods["torch"].state_dict()
    assert list(mine) == list(theirs)
    for key in mine:
        np.testing.assert_allclose(
            np.asarray(mine[key].numpy()), theirs[key].numpy(), rtol=1.3e-6, atol=1e-5
        )


@pytest.mark.parametrize(
    "make",
    [
        lambda nn: nn.GroupNorm(2, 4),
        lambda nn: nn.GroupNorm(4, 4, eps=1e-3, affine=False),
        lambda nn: nn.GroupNorm(1, 4, bias=False),
    ],
)
def test_group_norm_layers_match_torch(make):
    module_parity(lambda lib: make(lib.nn), _normal((2, 4, 3), np.float32))
    same_repr(make)


@FLOATS
@pytest.mark.parametrize(
    ("shape", "norm"), [((2, 3, 5), (5,)), ((2, 3, 5), (3, 5)), ((4,), [4])]
)
@pytest.mark.parametrize("eps", [None, 1e-3])
@pytest.mark.parametrize("weighted", [True, False])
def test_rms_norm_matches_torch(shape, norm, eps, weighted, dtype):
    params = [_normal(tuple(norm), dtype, 1)] if weighted else []

    def fn(lib, x, *w):
        return lib.nn.functional.rms_norm(x, norm, *w, eps=eps)

    assert_parity(fn, _normal(shape, dtype), *params)


@pytest.mark.parametrize(
    "make",
    [lambda nn: nn.RMSNorm(5), lambda nn: nn.RMSNorm([3, 5], 1e-3, False)],
)
def test_rms_norm_layers_match_torch(make):
    module_parity(lambda lib: make(lib.nn), _normal((2, 3, 5), np.float32))
    same_repr(make)


NORM_ERRORS = """
F.group_norm(x, 3)
F.group_norm(x, 2, x.new_ones(3))
F.group_norm(x[0, 0, 0], 2)
F.group_norm(x[:1, :, :1, :1].reshape(1, 4, 1), 4)
F.group_norm(x.long(), 2)
F.group_norm(x, 2, x.new_ones(4).double())
F.rms_norm(x, (4,))
F.rms_norm(x, (5,), x.new_ones(4))
F.rms_norm(x, ())
F.rms_norm(x.long(), (5,))
F.rms_norm(x, 5)
F.instance_norm(x, use_input_stats=False)
F.instance_norm(x, x.new_zeros(3), x.new_ones(3))
F.instance_norm(x, weight=x.new_ones(3))
F.instance_norm(x.long())
nn.GroupNorm(3, 4)
nn.InstanceNorm1d(4, affine=True)(x[0])
nn.InstanceNorm2d(4)(x[0, 0])
nn.InstanceNorm3d(4)(x[0])
nn.GroupNorm(2, 4)(x[0])
nn.RMSNorm(5)(x[..., :4])
""".strip().splitlines()


@pytest.mark.parametrize("call", NORM_ERRORS)
def test_normalization_errors(call):
    same_call_error(call, _normal((2, 4, 3, 5), np.float32))


def test_instance_norm_spatial_size_error():
    for shape in ((2, 4, 1), (3, 5)):
        same_error(lambda lib, x: lib.nn.functional.instance_norm(x), _normal(shape))


# --- pixel shuffle and interpolation ---------------------------------------------------


@FLOATS
@pytest.mark.parametrize(
    ("shape", "r"), [((2, 8, 3, 4), 2), ((9, 2, 3), 3), ((1, 2, 4, 1, 1), 1)]
)
def test_pixel_shuffle_matches_torch(shape, r, dtype):
    assert_parity(
        lambda lib, x: lib.nn.functional.pixel_shuffle(x, r), _x(shape, dtype)
    )
    small = shape[:-3] + (shape[-3], shape[-2] * r, shape[-1] * r)
    assert_parity(
        lambda lib, x: lib.nn.functional.pixel_unshuffle(x, r), _x(small, dtype)
    )
    module_parity(lambda lib: lib.nn.PixelShuffle(r), _x(shape, np.float32))
    module_parity(lambda lib: lib.nn.PixelUnshuffle(r), _x(small, np.float32))
    same_repr(lambda nn: nn.PixelShuffle(r))
    same_repr(lambda nn: nn.PixelUnshuffle(r))


SHUFFLE_ERRORS = """
F.pixel_shuffle(x, 3)
F.pixel_shuffle(x[0, 0], 2)
F.pixel_shuffle(x, 0)
F.pixel_shuffle(x, -2)
F.pixel_shuffle(x, 2.0)
F.pixel_shuffle([1], 2)
F.pixel_unshuffle(x, 2)
F.pixel_unshuffle(x, 3)
F.pixel_unshuffle(x[0, 0], 2)
F.pixel_unshuffle(x, 0)
F.pixel_unshuffle(x[:, :, :2], (2,))
F.pixel_unshuffle(x[:, :, :2, :3], 2)
""".strip().splitlines()


@pytest.mark.parametrize("call", SHUFFLE_ERRORS)
def test_pixel_shuffle_errors(call):
    same_call_error(call, _x((2, 8, 3, 4), np.float32))


INTERPOLATE = [
    ((2, 3, 5), dict(scale_factor=2)),
    ((2, 3, 5), dict(size=7)),
    ((2, 3, 5), dict(size=3)),
    ((2, 3, 5), dict(scale_factor=1.7)),
    ((2, 3, 5), dict(scale_factor=0.6, recompute_scale_factor=True)),
    ((2, 3, 4, 5), dict(scale_factor=2)),
    ((2, 3, 4, 5), dict(size=(7, 3))),
    ((2, 3, 4, 5), dict(scale_factor=(1.5, 2.3))),
    ((1, 2, 3, 4), dict(size=(5, 5), recompute_scale_factor=None)),
    ((1, 2, 2, 3, 4), dict(scale_factor=2)),
    ((1, 2, 2, 3, 4), dict(size=(3, 5, 2))),
]
LINEAR = {3: "linear", 4: "bilinear", 5: "trilinear"}


@FLOATS
@pytest.mark.parametrize(("shape", "kwargs"), INTERPOLATE)
@pytest.mark.parametrize(
    "mode", ["nearest", "nearest-exact", "linear", "align_corners"]
)
def test_interpolate_matches_torch(shape, kwargs, mode, dtype):
    extra = {}
    if mode in ("linear", "align_corners"):
        extra = {"mode": LINEAR[len(shape)], "align_corners": mode != "linear"}
    else:
        extra = {"mode": mode}

    def fn(lib, x):
        return lib.nn.functional.interpolate(x, **kwargs, **extra)

    assert_parity(fn, _normal(shape, dtype))


@pytest.mark.parametrize("shape", [(2, 3, 7), (2, 3, 6, 5)])
def test_interpolate_area_matches_torch(shape):
    def fn(lib, x):
        return lib.nn.functional.interpolate(x, scale_factor=0.5, mode="area")

    assert_parity(fn, _normal(shape))


def test_interpolate_nearest_uint8():
    x = np.arange(24, dtype=np.uint8).reshape(1, 2, 3, 4)
    out = {
        k: lib.nn.functional.interpolate(lib.tensor(x), scale_factor=1.5).numpy()
        for k, lib in LIBS.items()
    }
    np.testing.assert_array_equal(out["minigrad"], out["torch"])


UPSAMPLE = [
    lambda nn: nn.Upsample(scale_factor=2),
    lambda nn: nn.Upsample(size=(3, 7), mode="bilinear", align_corners=True),
    lambda nn: nn.Upsample(scale_factor=(2, 1.5), mode="bilinear"),
    lambda nn: nn.UpsamplingNearest2d(scale_factor=2),
    lambda nn: nn.UpsamplingBilinear2d(size=6),
]


@pytest.mark.parametrize("make", UPSAMPLE)
def test_upsample_layers_match_torch(make):
    module_parity(lambda lib: make(lib.nn), _normal((2, 3, 4, 5), np.float32))
    same_repr(make)


INTERPOLATE_ERRORS = """
F.interpolate(x)
F.interpolate(x, size=3, scale_factor=2)
F.interpolate(x, size=(3,))
F.interpolate(x, scale_factor=(2,))
F.interpolate(x, size=(3, 2.0))
F.interpolate(x, size=3, align_corners=True)
F.interpolate(x, size=3, recompute_scale_factor=True)
F.interpolate(x, size=3, mode='linear')
F.interpolate(x[0], size=3, mode='bilinear')
F.interpolate(x[0, 0], size=3)
F.interpolate(x, size=3, mode='foo')
F.interpolate(x, size=0)
F.interpolate(x[0], size=0)
F.interpolate(x, scale_factor=0.1)
F.interpolate(x, size=(2, 0), mode='bilinear')
F.interpolate(x, scale_factor=-1.0)
F.interpolate(x.long(), size=3, mode='bilinear')
F.interpolate(x.long(), size=3)
F.interpolate(x[0].long(), size=3)
F.interpolate(x[0].long(), size=3, mode='linear')
F.interpolate(x.unsqueeze(0).long(), size=3, mode='trilinear')
F.interpolate(x.bool(), size=3)
F.interpolate(x, size=3, antialias=True)
F.interpolate(x.unsqueeze(0).unsqueeze(0), size=3)
F.interpolate(x.unsqueeze(0), size=(0, 1, 2))
""".strip().splitlines()


@pytest.mark.parametrize("call", INTERPOLATE_ERRORS)
def test_interpolate_errors(call):
    same_call_error(call, _normal((2, 3, 4, 5), np.float32))


# --- transposed convolutions -------------------------------------------------------------

CONV_T = [
    (1, dict()),
    (1, dict(stride=2, padding=1, output_padding=1)),
    (1, dict(stride=3, dilation=2, output_padding=2, groups=2)),
    (2, dict()),
    (2, dict(stride=2, padding=1, output_padding=1)),
    (2, dict(stride=(2, 1), padding=(0, 1), dilation=(1, 2), groups=2)),
    (2, dict(stride=2, output_padding=(1, 0), dilation=2)),
]


@FLOATS
@pytest.mark.parametrize(("nd", "kwargs"), CONV_T)
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("batched", [True, False])
def test_conv_transpose_matches_torch(nd, kwargs, bias, batched, dtype):
    groups = kwargs.get("groups", 1)
    spatial = (5, 4)[:nd] if nd == 2 else (6,)
    x = _normal(((2,) if batched else ()) + (4, *spatial), dtype)
    w = _normal((4, 6 // groups, *(3, 2)[:nd]), dtype, 1)
    arrays = [x, w] + ([_normal((6,), dtype, 2)] if bias else [])

    def fn(lib, x, w, *b):
        f = getattr(lib.nn.functional, f"conv_transpose{nd}d")
        return f(x, w, *b, **kwargs) if b else f(x, w, **kwargs)

    assert_parity(fn, *arrays)


@pytest.mark.parametrize(("nd", "kwargs"), CONV_T)
def test_conv_transpose_layers_match_torch(nd, kwargs):
    def make(nn):
        cls = getattr(nn, f"ConvTranspose{nd}d")
        return cls(4, 6, (3, 2)[:nd] if nd == 2 else 3, **kwargs)

    same_repr(make)
    made = {}
    for name, lib in LIBS.items():
        lib.manual_seed(0)
        made[name] = make(lib.nn)
    for (n, a), (_, e) in zip(
        made["minigrad"].named_parameters(), made["torch"].named_parameters()
    ):
        np.testing.assert_array_equal(
            np.asarray(a.detach().numpy()), e.detach().numpy(), err_msg=n
        )
    spatial = (5, 4)[:nd] if nd == 2 else (6,)
    module_parity(lambda lib: make(lib.nn), _normal((2, 4, *spatial), np.float32))


def test_conv_transpose_output_size():
    x = _normal((2, 4, 5), np.float32)
    for size in ([11], [12], [2, 3, 12]):
        out = {}
        for name, lib in LIBS.items():
            lib.manual_seed(0)
            layer = lib.nn.ConvTranspose1d(4, 3, 3, stride=2)
            out[name] = layer(lib.tensor(x), output_size=size).detach().numpy()
        np.testing.assert_allclose(
            out["minigrad"], out["torch"], rtol=1.3e-6, atol=1e-5
        )


CONV_T_ERRORS = """
F.conv_transpose1d(x, w, b, stride=2, output_padding=2)
F.conv_transpose1d(x, w, b, output_padding=1)
F.conv_transpose1d(x, w, x.new_ones(4))
F.conv_transpose1d(x, w[:3])
F.conv_transpose1d(x, w, groups=3)
F.conv_transpose1d(x, w, stride=0)
F.conv_transpose1d(x, w, padding=-1)
F.conv_transpose1d(x[0, 0], w)
F.conv_transpose1d(x.double(), w)
F.conv_transpose1d(x, w, stride=(1, 1))
F.conv_transpose1d(x, w, groups=0)
F.conv_transpose1d(x, w, padding='same')
F.conv_transpose1d([1], w)
F.conv_transpose2d(x.unsqueeze(-1), w.unsqueeze(-1), output_padding=(1, 0))
nn.ConvTranspose1d(4, 3, 3, padding_mode='reflect')
nn.ConvTranspose1d(4, 3, 3, groups=3)
nn.ConvTranspose1d(4, 3, 3, stride=2)(x, output_size=[20])
""".strip().splitlines()


@pytest.mark.parametrize("call", CONV_T_ERRORS)
def test_conv_transpose_errors(call):
    arrays = (_normal((2, 4, 5), np.float32), _normal((4, 3, 3), np.float32))
    same_call_error(call, *arrays, _normal((3,), np.float32))


# --- bilinear, pdist, gumbel_softmax ------------------------------------------------------


@FLOATS
@pytest.mark.parametrize("lead", [(4,), (2, 3), ()])
@pytest.mark.parametrize("bias", [True, False])
def test_bilinear_matches_torch(lead, bias, dtype):
    arrays = [_normal((*lead, 3), dtype), _normal((*lead, 5), dtype, 1)]
    arrays += [_normal((2, 3, 5), dtype, 2)] + (
        [_normal((2,), dtype, 3)] if bias else []
    )
    assert_parity(lambda lib, *a: lib.nn.functional.bilinear(*a), *arrays)


def test_bilinear_layer_matches_torch():
    for bias in (True, False):
        made = {}
        for name, lib in LIBS.items():
            lib.manual_seed(0)
            made[name] = lib.nn.Bilinear(3, 5, 2, bias=bias)
        for a, e in zip(made["minigrad"].parameters(), made["torch"].parameters()):
            np.testing.assert_array_equal(
                np.asarray(a.detach().numpy()), e.detach().numpy()
            )
        same_repr(lambda nn, bias=bias: nn.Bilinear(3, 5, 2, bias=bias))
    x1, x2 = _normal((4, 3), np.float32), _normal((4, 5), np.float32, 1)
    module_parity(lambda lib: lib.nn.Bilinear(3, 5, 2), x1, x2)


@FLOATS
@pytest.mark.parametrize("p", [2, 1, 0, 0.5, 1.5, 3, float("inf")])
def test_pdist_matches_torch(p, dtype):
    x = _normal((5, 3), dtype)
    x[3] = x[1]  # a zero distance
    x[4, 0] = x[2, 0]  # a zero difference
    assert_parity(lambda lib, x: lib.nn.functional.pdist(x, p), x, second_order=False)


def test_pdist_double_backward_not_implemented():
    same_error(
        lambda lib, x: lib.autograd.grad(
            lib.autograd.grad(
                lib.nn.functional.pdist(x.requires_grad_()).sum(), x, create_graph=True
            )[0].sum(),
            x,
        ),
        _normal((4, 3)),
    )


BILINEAR_PDIST_ERRORS = """
F.bilinear(x[0, :3], w[:, :5], b)
F.bilinear(x[:, :3], w[None, :, :5], b)
F.bilinear(x[:3, :3], x[:, :5], b)
F.bilinear(x[:, :2], x[:, :5], b)
F.bilinear(x[:, :3], x[:, :4], b)
F.bilinear(x[:, :3], x[:, :5], b, x.new_ones(3))
F.bilinear(x[:, :3].double(), x[:, :5], b)
F.bilinear([1], x, b)
F.pdist(x[0])
F.pdist(x, p=-1)
F.pdist(x.long())
F.pdist(x[None])
F.pdist([1.0])
""".strip().splitlines()


@pytest.mark.parametrize("call", BILINEAR_PDIST_ERRORS)
def test_bilinear_pdist_errors(call):
    arrays = (_normal((4, 5), np.float32), _normal((4, 5), np.float32, 1))
    same_call_error(call, *arrays, _normal((2, 3, 5), np.float32, 2))


@pytest.mark.parametrize("hard", [False, True])
@pytest.mark.parametrize(("tau", "dim"), [(1, -1), (0.5, 0), (2.0, 1)])
def test_gumbel_softmax_matches_torch(hard, tau, dim):
    def fn(lib, x):
        lib.manual_seed(3)
        return lib.nn.functional.gumbel_softmax(x, tau=tau, hard=hard, dim=dim)

    assert_parity(fn, _normal((4, 6), np.float32))


def test_gumbel_softmax_eps_warns():
    for lib in LIBS.values():
        with pytest.warns(UserWarning, match="`eps` parameter is deprecated"):
            lib.nn.functional.gumbel_softmax(lib.ones(2, 3), eps=0.1)


# --- scaled dot-product attention (no dropout) -------------------------------------------

SDPA = [
    dict(),
    dict(is_causal=True),
    dict(scale=0.3),
    dict(mask="bool"),
    dict(mask="float"),
    dict(mask="bool_empty_row"),
]


@FLOATS
@pytest.mark.parametrize("case", SDPA)
@pytest.mark.parametrize("lead", [(2,), (2, 3), ()])
def test_sdpa_matches_torch(case, lead, dtype):
    case = dict(case)
    kind = case.pop("mask", None)
    arrays = [_normal((*lead, 4, 5), dtype), _normal((*lead, 6, 5), dtype, 1)]
    arrays.append(_normal((*lead, 6, 3), dtype, 2))
    mask = None
    if kind == "float":
        arrays.append(_normal((4, 6), dtype, 3))
    elif kind is not None:
        mask = np.random.default_rng(4).random((4, 6)) > 0.4
        mask[:, 0] = True
        if kind == "bool_empty_row":
            mask[2] = False

    def fn(lib, q, k, v, *m):
        if mask is not None:
            m = (lib.tensor(mask),)
        f = lib.nn.functional.scaled_dot_product_attention
        return f(q, k, v, *m, **case)

    # NOTE: torch's graph is its math kernel's (views, bmm, safe softmax); the
    # values and gradients are compared, the graph is not
    assert_parity(fn, *arrays, graph=False, second_order=kind != "bool_empty_row")


SDPA_ERRORS = """
F.scaled_dot_product_attention(x, w.double(), b)
F.scaled_dot_product_attention(x, w, b, is_causal=True, attn_mask=x.new_ones(3, 5).bool())
F.scaled_dot_product_attention(x[0, 0], w[0, 0], b[0, 0])
F.scaled_dot_product_attention(x, w, b, attn_mask=x.new_ones(3, 5).long())
""".strip().splitlines()


@pytest.mark.parametrize("call", SDPA_ERRORS)
def test_sdpa_errors(call):
    arrays = (_normal((2, 3, 4), np.float32), _normal((2, 5, 4), np.float32, 1))
    same_call_error(call, *arrays, _normal((2, 5, 6), np.float32, 2))
