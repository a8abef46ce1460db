"""nn.init against torch: gains, fans, and the filled bits after the same seed."""

import math
import warnings

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import LIBS, assert_same_error

FLOATS = pytest.mark.parametrize("dtype", ["float32", "float64"])


def bits(t) -> np.ndarray:
    a = np.array(t.detach().numpy())
    return a.view(np.uint32 if a.dtype == np.float32 else np.uint64)


def filled_alike(fill, shape, dtype, seed=7, requires_grad=True):
    """Run fill(lib, t) on a fresh tensor (a leaf that requires grad, as a weight is)
    after manual_seed under both libraries; return both tensors, what fill returned,
    the warnings, and a draw made afterwards (the generators must agree)."""
    out = {}
    for name, lib in LIBS.items():
        lib.manual_seed(seed)
        t = lib.zeros(shape, dtype=getattr(lib, dtype), requires_grad=requires_grad)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            returned = fill(lib, t)
        out[name] = (t, returned, [str(w.message) for w in caught], lib.rand(3))
    return out["minigrad"], out["torch"]


def assert_filled_alike(fill, shape, dtype, **kw):
    (mg, mg_ret, mg_warn, mg_next), (tc, _, tc_warn, tc_next) = filled_alike(
        fill, shape, dtype, **kw
    )
    assert mg_ret is mg, "init functions return the tensor they fill"
    assert mg.requires_grad == tc.requires_grad and mg.is_leaf
    assert np.array_equal(bits(mg), bits(tc)), "the filled values differ from torch's"
    assert mg_warn == tc_warn
    assert np.array_equal(bits(mg_next), bits(tc_next)), "generator states differ"


SHAPES = pytest.mark.parametrize(
    "shape", [(3, 4), (1, 10), (20, 7), (4, 3, 5), (2, 3, 2, 2)]
)

FILLS = {
    "uniform_": lambda lib, t: lib.nn.init.uniform_(t),
    "uniform_ab": lambda lib, t: lib.nn.init.uniform_(t, -0.3, 1.7),
    "normal_": lambda lib, t: lib.nn.init.normal_(t),
    "normal_ms": lambda lib, t: lib.nn.init.normal_(t, mean=0.5, std=0.02),
    "xavier_uniform_": lambda lib, t: lib.nn.init.xavier_uniform_(t),
    "xavier_uniform_gain": lambda lib, t: lib.nn.init.xavier_uniform_(
        t, gain=lib.nn.init.calculate_gain("tanh")
    ),
    "xavier_normal_": lambda lib, t: lib.nn.init.xavier_normal_(t, gain=0.7),
    "kaiming_uniform_": lambda lib, t: lib.nn.init.kaiming_uniform_(t),
    "kaiming_uniform_linear": lambda lib, t: lib.nn.init.kaiming_uniform_(
        t, a=math.sqrt(5)
    ),
    "kaiming_uniform_fan_out_relu": lambda lib, t: lib.nn.init.kaiming_uniform_(
        t, mode="fan_out", nonlinearity="relu"
    ),
    "kaiming_normal_": lambda lib, t: lib.nn.init.kaiming_normal_(t),
    "kaiming_normal_Fan_Out": lambda lib, t: lib.nn.init.kaiming_normal_(
        t, a=0.1, mode="Fan_Out", nonlinearity="leaky_relu"
    ),
    "kaiming_uniform_relu": lambda lib, t: lib.nn.init.kaiming_uniform_(
        t, nonlinearity="relu"
    ),
    "kaiming_uniform_tanh": lambda lib, t: lib.nn.init.kaiming_uniform_(
        t, nonlinearity="tanh"
    ),
    "kaiming_normal_selu_fan_out": lambda lib, t: lib.nn.init.kaiming_normal_(
        t, mode="fan_out", nonlinearity="selu"
    ),
    "kaiming_normal_sigmoid": lambda lib, t: lib.nn.init.kaiming_normal_(
        t, nonlinearity="sigmoid"
    ),
    "kaiming_uniform_linear_gain": lambda lib, t: lib.nn.init.kaiming_uniform_(
        t, nonlinearity="linear"
    ),
    "trunc_normal_": lambda lib, t: lib.nn.init.trunc_normal_(t),
    "trunc_normal_vit": lambda lib, t: lib.nn.init.trunc_normal_(t, std=0.02),
    "trunc_normal_shifted": lambda lib, t: lib.nn.init.trunc_normal_(
        t, 0.5, 0.02, -0.04, 1.0
    ),
    "trunc_normal_tail": lambda lib, t: lib.nn.init.trunc_normal_(t, 0, 1, 2, 3),
    "trunc_normal_far": lambda lib, t: lib.nn.init.trunc_normal_(t, 10, 1, -1, 1),
    "constant_": lambda lib, t: lib.nn.init.constant_(t, 0.3),
    "zeros_": lambda lib, t: lib.nn.init.zeros_(t),
    "ones_": lambda lib, t: lib.nn.init.ones_(t),
}


@pytest.mark.parametrize("fill", list(FILLS.values()), ids=list(FILLS))
@SHAPES
@FLOATS
def test_fill_bits_equal_torch(fill, shape, dtype):
    assert_filled_alike(fill, shape, dtype)


@pytest.mark.parametrize(
    "fill", [FILLS["uniform_ab"], FILLS["normal_ms"]], ids=["uniform_", "normal_"]
)
@pytest.mark.parametrize("shape", [(), (5,), (0,), (33,)])
@FLOATS
def test_plain_fills_on_any_rank(fill, shape, dtype):
    assert_filled_alike(fill, shape, dtype)


@pytest.mark.parametrize(
    "fill",
    [
        lambda lib, t: lib.nn.init.uniform_(
            t, generator=lib.Generator().manual_seed(3)
        ),
        lambda lib, t: lib.nn.init.normal_(t, generator=lib.Generator().manual_seed(3)),
        lambda lib, t: lib.nn.init.xavier_uniform_(
            t, generator=lib.Generator().manual_seed(3)
        ),
        lambda lib, t: lib.nn.init.kaiming_normal_(
            t, generator=lib.Generator().manual_seed(3)
        ),
    ],
)
def test_fills_with_a_generator_leave_the_global_one_alone(fill):
    assert_filled_alike(fill, (4, 20), "float32")


def test_eye_():
    assert_filled_alike(lambda lib, t: lib.nn.init.eye_(t), (3, 5), "float32")


@pytest.mark.parametrize(
    "fill",
    [FILLS["kaiming_uniform_"], FILLS["kaiming_normal_"]],
    ids=["kaiming_uniform_", "kaiming_normal_"],
)
@pytest.mark.parametrize("shape", [(0, 3), (3, 0), (2, 0, 4)])
def test_kaiming_on_zero_elements_warns_and_draws_nothing(fill, shape):
    assert_filled_alike(fill, shape, "float32")


def test_fills_need_no_no_grad():
    p = minigrad.nn.Parameter(minigrad.zeros(2, 3))
    minigrad.nn.init.kaiming_uniform_(p)
    minigrad.nn.init.zeros_(p)
    assert p.requires_grad and p.is_leaf and p.grad_fn is None


def test_constant_takes_a_0d_tensor():
    for lib in LIBS.values():
        t = lib.nn.init.constant_(lib.zeros(2), lib.tensor(1.5))
        assert t.tolist() == [1.5, 1.5]


# --- gains and fans ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("linear",),
        ("conv1d",),
        ("conv2d",),
        ("conv3d",),
        ("conv_transpose1d",),
        ("conv_transpose2d",),
        ("conv_transpose3d",),
        ("sigmoid",),
        ("tanh",),
        ("relu",),
        ("leaky_relu",),
        ("leaky_relu", 0.2),
        ("leaky_relu", 1),
        ("leaky_relu", math.sqrt(5)),
        ("selu",),
        ("tanh", 3.0),
    ],
)
def test_calculate_gain(args):
    mg, tc = (lib.nn.init.calculate_gain(*args) for lib in LIBS.values())
    assert mg == tc and type(mg) is type(tc)


@pytest.mark.parametrize(
    "args", [("softmax",), ("leaky_relu", True), ("leaky_relu", "0.1"), ("Relu",)]
)
def test_calculate_gain_rejects_as_torch(args):
    assert_same_error(lambda lib: lib.nn.init.calculate_gain(*args), str(args[-1]))


@pytest.mark.parametrize("shape", [(2, 3), (4, 3, 5), (2, 3, 4, 5), (0, 3), (3, 0, 2)])
def test_fan_in_and_fan_out(shape):
    mg, tc = (
        lib.nn.init._calculate_fan_in_and_fan_out(lib.zeros(shape))
        for lib in LIBS.values()
    )
    assert mg == tc


@pytest.mark.parametrize(
    "bad",
    [
        lambda lib: lib.nn.init._calculate_fan_in_and_fan_out(lib.zeros(3)),
        lambda lib: lib.nn.init._calculate_fan_in_and_fan_out(lib.zeros(())),
        lambda lib: lib.nn.init.xavier_uniform_(lib.zeros(3)),
        lambda lib: lib.nn.init.xavier_normal_(lib.zeros(3)),
        lambda lib: lib.nn.init.kaiming_uniform_(lib.zeros(3)),
        lambda lib: lib.nn.init.kaiming_normal_(lib.zeros(())),
        lambda lib: lib.nn.init.kaiming_uniform_(lib.zeros(2, 2), mode="fan_avg"),
        lambda lib: lib.nn.init.kaiming_normal_(lib.zeros(2, 2), nonlinearity="gelu"),
        lambda lib: lib.nn.init.eye_(lib.zeros(2, 2, 2)),
        lambda lib: lib.nn.init.uniform_(lib.zeros(2), 1.0, 0.0),
        lambda lib: lib.nn.init.normal_(lib.zeros(2), 0.0, -1.0),
        lambda lib: lib.nn.init.orthogonal_(lib.zeros(3)),
        lambda lib: lib.nn.init.trunc_normal_(lib.zeros(3), a=2.0, b=-2.0),
    ],
)
def test_bad_input_raises_as_torch(bad):
    assert_same_error(bad)


@pytest.mark.parametrize(
    "name", ["uniform", "normal", "xavier_uniform", "kaiming_normal", "constant"]
)
def test_deprecated_names_warn_as_torch(name):
    messages = {}
    for lib_name, lib in LIBS.items():
        args = (0.5,) if name == "constant" else ()
        with pytest.warns(FutureWarning) as caught:
            getattr(lib.nn.init, name)(lib.zeros(2, 2), *args)
        messages[lib_name] = [str(w.message) for w in caught]
    assert messages["minigrad"] == messages["torch"]


# --- orthogonal_: torch's algorithm, NumPy's LAPACK -----------------------------


@pytest.mark.parametrize("shape", [(3, 4), (5, 2), (20, 7), (4, 3, 5), (64, 64)])
@pytest.mark.parametrize("gain", [1, 2.0])
@FLOATS
def test_orthogonal_close_to_torch_and_same_draws(shape, gain, dtype):
    """The normal draws are torch's bit for bit (same state afterwards); the QR is
    NumPy's LAPACK, not torch's MKL, so Q agrees to assert_close's tolerances only
    (in float32 NumPy even factors in double): bits equal for about 10-75 %."""
    fill = lambda lib, t: lib.nn.init.orthogonal_(t, gain=gain)  # noqa: E731
    (mg, mg_ret, _, mg_next), (tc, _, _, tc_next) = filled_alike(fill, shape, dtype)
    assert mg_ret is mg
    assert np.array_equal(bits(mg_next), bits(tc_next)), "generator states differ"
    torch.testing.assert_close(torch.from_numpy(mg.detach().numpy()), tc.detach())
    flat = mg.detach().numpy().reshape(shape[0], -1).astype(np.float64)
    small = min(flat.shape)
    gram = flat @ flat.T if flat.shape[0] == small else flat.T @ flat
    np.testing.assert_allclose(gram, gain**2 * np.eye(small), atol=1e-5 * gain**2)


def test_orthogonal_of_an_empty_tensor_draws_nothing():
    assert_filled_alike(lambda lib, t: lib.nn.init.orthogonal_(t), (0, 3), "float32")


def test_trunc_normal_warns_as_torch_far_from_the_interval():
    (_, _, mg_warn, _), (_, _, tc_warn, _) = filled_alike(
        FILLS["trunc_normal_far"], (3, 4), "float32"
    )
    assert mg_warn == tc_warn and len(tc_warn) == 1


@pytest.mark.parametrize("shape", [(), (7,), (0,), (33,)])
@FLOATS
def test_trunc_normal_on_any_rank(shape, dtype):
    assert_filled_alike(FILLS["trunc_normal_"], shape, dtype)
    assert_filled_alike(FILLS["trunc_normal_tail"], shape, dtype)
