"""nn layers against torch: Linear (init bits, forward, grads), activations,
containers."""

import warnings
from collections import OrderedDict

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import LIBS, assert_parity, assert_same, assert_same_error, node_name

FLOATS = pytest.mark.parametrize("dtype", [np.float32, np.float64])


def lib_dtype(lib, dtype):
    return getattr(lib, np.dtype(dtype).name)


def module_parity(make, *arrays, seed=0):
    """make(lib) under both libraries, minigrad's weights copied into torch's; compare
    the output (value, dtype, node) and, after backward with a random upstream
    gradient, the gradients of the inputs and of every parameter."""
    mg, tc = make(minigrad), make(torch)
    tc.load_state_dict(
        {k: torch.from_numpy(np.array(v.numpy())) for k, v in mg.state_dict().items()}
    )
    runs = {}
    for name, lib, module in (("minigrad", minigrad, mg), ("torch", torch, tc)):
        inputs = [lib.tensor(a, requires_grad=True) for a in arrays]
        runs[name] = (module, inputs, module(*inputs))
    (_, mg_in, mg_out), (_, tc_in, tc_out) = runs["minigrad"], runs["torch"]
    assert_same(mg_out, tc_out, "forward")
    assert node_name(mg_out.grad_fn) == node_name(tc_out.grad_fn)
    upstream = np.random.default_rng(seed).standard_normal(tc_out.shape)
    upstream = upstream.astype(tc_out.detach().numpy().dtype)
    mg_out.backward(minigrad.tensor(upstream))
    tc_out.backward(torch.tensor(upstream))
    for i, (a, e) in enumerate(zip(mg_in, tc_in, strict=True)):
        assert_same(a.grad, e.grad, f"backward input {i}")
    tc_params = dict(tc.named_parameters())
    for name, p in mg.named_parameters():
        assert_same(p.grad, tc_params[name].grad, f"backward {name}")


# --- Linear: initialisation bit for bit ------------------------------------------


def bits(t) -> np.ndarray:
    a = np.array(t.detach().numpy())
    return a.view(np.uint32 if a.dtype == np.float32 else np.uint64)


@pytest.mark.parametrize(
    "shape", [(2, 1), (1, 10), (2, 2), (3, 5), (784, 128), (5, 0), (0, 5), (1, 1)]
)
@pytest.mark.parametrize("bias", [True, False])
@FLOATS
def test_linear_init_bits_equal_torch(shape, bias, dtype):
    made = {}
    for name, lib in LIBS.items():
        lib.manual_seed(1)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            layer = lib.nn.Linear(*shape, bias=bias, dtype=lib_dtype(lib, dtype))
        after = lib.rand(4)  # the generator has advanced by the same draws
        made[name] = (layer, after, [str(w.message) for w in caught])
    (mg, mg_after, mg_warn), (tc, tc_after, tc_warn) = made["minigrad"], made["torch"]
    pairs = zip(mg.named_parameters(), tc.named_parameters(), strict=True)
    for (n, a), (m, e) in pairs:
        assert n == m and a.dtype == lib_dtype(minigrad, dtype)
        assert np.array_equal(bits(a), bits(e)), n
    assert np.array_equal(bits(mg_after), bits(tc_after))
    assert mg_warn == tc_warn
    assert (mg.bias is None) == (not bias)


def test_course_models_start_from_torchs_weights():
    # week03: manual_seed(1), then LR(2, 1) / Sequential(Linear(1, 1), Sigmoid())
    def build(lib):
        lib.manual_seed(1)
        first = lib.nn.Linear(in_features=2, out_features=1)
        second = lib.nn.Sequential(lib.nn.Linear(1, 1), lib.nn.Sigmoid())
        third = lib.nn.Linear(1, 10)
        return first, second, third

    for mg, tc in zip(build(minigrad), build(torch), strict=True):
        for a, e in zip(mg.parameters(), tc.parameters(), strict=True):
            assert np.array_equal(bits(a), bits(e))
            assert repr(a) == repr(e)
    mg, tc = build(minigrad)[0], build(torch)[0]
    assert repr(list(mg.parameters())) == repr(list(tc.parameters()))
    assert repr(mg.state_dict()) == repr(tc.state_dict())
    x = [1.0, 3.0]
    assert repr(mg(minigrad.tensor(x))) == repr(tc(torch.tensor(x)))


def test_linear_reset_parameters_draws_again():
    for lib in (minigrad, torch):
        lib.manual_seed(0)
    mg, tc = minigrad.nn.Linear(3, 2), torch.nn.Linear(3, 2)
    mg.reset_parameters()
    tc.reset_parameters()
    for a, e in zip(mg.parameters(), tc.parameters(), strict=True):
        assert np.array_equal(bits(a), bits(e))


def test_linear_attributes_and_shapes():
    layer = minigrad.nn.Linear(3, 2)
    assert (layer.in_features, layer.out_features) == (3, 2)
    assert layer.weight.shape == (2, 3) and layer.bias.shape == (2,)
    assert layer.weight.requires_grad and layer.weight.is_leaf
    assert layer.weight.dtype == minigrad.float32
    assert repr(layer) == "Linear(in_features=3, out_features=2, bias=True)"


def test_linear_follows_the_default_dtype():
    minigrad.set_default_dtype(minigrad.float64)
    try:
        assert minigrad.nn.Linear(2, 1).weight.dtype == minigrad.float64
    finally:
        minigrad.set_default_dtype(minigrad.float32)


# --- Linear: forward and backward -----------------------------------------------------


@pytest.mark.filterwarnings("ignore:Initializing zero-element tensors")
@given(
    dtype=st.sampled_from(S.FLOAT_DTYPES),
    sizes=st.tuples(st.integers(0, 4), st.integers(0, 4)),
    batch=S.shapes(max_dims=2),
    bias=st.booleans(),
    data=st.data(),
)
def test_linear_forward_backward(dtype, sizes, batch, bias, data):
    in_f, out_f = sizes
    x = data.draw(S.arrays(dtype, (*batch, in_f), S.UNIT))
    module_parity(
        lambda lib: lib.nn.Linear(in_f, out_f, bias, dtype=lib_dtype(lib, dtype)), x
    )


@FLOATS
@pytest.mark.parametrize("batch", [(), (5,), (2, 3)])
@pytest.mark.parametrize("bias", [True, False])
def test_functional_linear(dtype, batch, bias):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((*batch, 3)).astype(dtype)
    w = rng.standard_normal((2, 3)).astype(dtype)
    b = rng.standard_normal(2).astype(dtype)
    # NOTE: graph="root": F.linear is one node; torch also shows a TBackward0
    # node for the weight (and views around other ranks)
    if bias:
        assert_parity(
            lambda lib, x, w, b: lib.nn.functional.linear(x, w, b),
            x,
            w,
            b,
            graph="root",
        )
    else:
        assert_parity(
            lambda lib, x, w: lib.nn.functional.linear(x, w), x, w, graph="root"
        )


@pytest.mark.parametrize(
    "shapes",
    [
        ((2, 3), (1, 3), (2, 1)),  # a bias that broadcasts to the output
        ((2, 3), (1, 3), ()),
        ((2, 3), (4, 3), (1,)),
        ((2, 3), (4, 3), (2, 4)),
        ((3,), (3,), None),  # a 1-D weight: a dot product
        ((2, 3), (3,), None),  # a matrix-vector product
    ],
)
def test_functional_linear_unusual_operands(shapes):
    rng = np.random.default_rng(2)
    arrays = [rng.standard_normal(s) for s in shapes if s is not None]
    assert_parity(lambda lib, *ts: lib.nn.functional.linear(*ts), *arrays, graph=False)


def test_linear_is_one_addmm_node_on_a_batch():
    layer = minigrad.nn.Linear(2, 1)
    out = layer(minigrad.ones(4, 2))
    assert out.grad_fn.name() == "AddmmBackward0"
    leaves = {id(f) for f, _ in out.grad_fn.next_functions if f is not None}
    assert len(leaves) == 2  # weight and bias, no intermediate node


@pytest.mark.parametrize(
    "bad",
    [
        lambda lib: lib.nn.Linear(2, 1)(lib.zeros(3)),
        lambda lib: lib.nn.Linear(2, 1)(lib.zeros(3, 3)),
        lambda lib: lib.nn.Linear(2, 1)(lib.zeros(3, 2, dtype=lib.float64)),
        lambda lib: lib.nn.Linear(2, 1)(lib.zeros(3, 2, dtype=lib.int64)),
        lambda lib: lib.nn.Linear(2, 1)([[1.0, 2.0]]),
        lambda lib: lib.nn.functional.linear([1.0], lib.zeros(1, 1)),
        lambda lib: lib.nn.functional.linear(
            lib.zeros(2), lib.zeros(1, 2), lib.zeros(2)
        ),
        lambda lib: lib.nn.functional.linear(
            lib.zeros(2, 3), lib.zeros(1, 3), lib.zeros(3, 1)
        ),
        lambda lib: lib.nn.functional.linear(
            lib.zeros(2, 3), lib.zeros(1, 3), lib.zeros(1, dtype=lib.float64)
        ),
        lambda lib: lib.nn.functional.linear(lib.zeros(2, 3), [[1.0, 2.0, 3.0]]),
        lambda lib: lib.nn.functional.linear(lib.zeros(2, 3), lib.zeros(1, 3), 1.0),
        lambda lib: lib.nn.functional.linear(lib.zeros(()), lib.zeros(1, 1)),
        lambda lib: lib.nn.functional.linear(lib.zeros(2, 3), lib.zeros(())),
        lambda lib: lib.nn.functional.linear(lib.zeros(2, 3), lib.zeros(2, 3, 1)),
        lambda lib: lib.nn.Linear(-1, 1),
        lambda lib: lib.nn.Linear(2.0, 1),
        lambda lib: lib.nn.Linear(2, 1, dtype=lib.int64),
    ],
)
def test_linear_bad_input_raises_as_torch(bad):
    assert_same_error(bad)


# --- activations -----------------------------------------------------------------


ACTIVATIONS = [
    ("Sigmoid", lambda lib, x: lib.nn.Sigmoid()(x)),
    ("Tanh", lambda lib, x: lib.nn.Tanh()(x)),
    ("ReLU", lambda lib, x: lib.nn.ReLU()(x)),
    ("Identity", lambda lib, x: lib.nn.Identity(3, unused=True)(x) * 1),
    ("F.sigmoid", lambda lib, x: lib.nn.functional.sigmoid(x)),
    ("F.tanh", lambda lib, x: lib.nn.functional.tanh(x)),
    ("F.relu", lambda lib, x: lib.nn.functional.relu(x)),
    ("ReLU_inplace", lambda lib, x: lib.nn.ReLU(inplace=True)(x * 1)),
    ("F.relu_inplace", lambda lib, x: lib.nn.functional.relu(x * 2, inplace=True)),
]


@pytest.mark.parametrize(
    "fn", [f for _, f in ACTIVATIONS], ids=[n for n, _ in ACTIVATIONS]
)
@given(data=st.data(), dtype=st.sampled_from(S.FLOAT_DTYPES))
def test_activation_parity(fn, data, dtype):
    x = data.draw(S.arrays(dtype, S.shapes(), S.Domain(-20.0, 20.0, avoid=(0.0,))))
    assert_parity(fn, x)


@pytest.mark.parametrize(
    "fn", [f for _, f in ACTIVATIONS[:3]], ids=["sig", "tanh", "relu"]
)
@FLOATS
def test_activation_extremes(fn, dtype):
    x = np.array([-1e4, -100.0, -20.0, -1.0, 0.5, 20.0, 100.0, 1e4], dtype=dtype)
    assert_parity(fn, x)


def test_relu_inplace_returns_its_input():
    for lib in (minigrad, torch):
        x = lib.tensor([-1.0, 2.0])
        assert lib.nn.ReLU(inplace=True)(x) is x
        assert x.tolist() == [0.0, 2.0]


def test_relu_inplace_on_a_leaf_that_requires_grad():
    assert_same_error(
        lambda lib: lib.nn.ReLU(inplace=True)(lib.ones(2, requires_grad=True)),
        "leaf",
        "in-place",
    )


@pytest.mark.parametrize(
    "bad",
    [
        lambda lib: lib.nn.Sigmoid()([1.0]),
        lambda lib: lib.nn.Tanh()([1.0]),
        lambda lib: lib.nn.ReLU()([1.0]),
        lambda lib: lib.nn.functional.sigmoid([1.0]),
        lambda lib: lib.nn.functional.tanh([1.0]),
        lambda lib: lib.nn.functional.relu([1.0]),
        lambda lib: lib.nn.Sigmoid(1),
    ],
)
def test_activation_bad_input_raises_as_torch(bad):
    assert_same_error(bad)


# --- Sequential ---------------------------------------------------------------------


def layers(lib):
    return [lib.nn.Linear(2, 3), lib.nn.Tanh(), lib.nn.Linear(3, 1), lib.nn.Sigmoid()]


def structure(seq):
    return [(name, type(m).__name__) for name, m in seq.named_children()]


@pytest.mark.parametrize(
    "edit",
    [
        lambda lib, s, ls: s[1:3],
        lambda lib, s, ls: s[::-1],
        lambda lib, s, ls: s[-2:],
        lambda lib, s, ls: s.append(lib.nn.ReLU()),
        lambda lib, s, ls: s.extend([lib.nn.ReLU(), lib.nn.Tanh()]),
        lambda lib, s, ls: s.insert(1, lib.nn.ReLU()),
        lambda lib, s, ls: s.insert(-1, lib.nn.ReLU()),
        lambda lib, s, ls: s.insert(4, lib.nn.ReLU()),
        lambda lib, s, ls: (s.pop(1), s)[1],
        lambda lib, s, ls: (s.pop(-1), s)[1],
        lambda lib, s, ls: (s.__delitem__(0), s)[1],
        lambda lib, s, ls: (s.__delitem__(slice(1, 3)), s)[1],
        lambda lib, s, ls: (s.__setitem__(-1, lib.nn.ReLU()), s)[1],
        lambda lib, s, ls: s + lib.nn.Sequential(lib.nn.ReLU()),
        lambda lib, s, ls: s * 2,
        lambda lib, s, ls: 2 * s,
        lambda lib, s, ls: s.__iadd__(lib.nn.Sequential(lib.nn.ReLU())),
        lambda lib, s, ls: s.__imul__(2),
        lambda lib, s, ls: s.__imul__(1),
        lambda lib, s, ls: lib.nn.Sequential(
            OrderedDict([("fc", ls[0]), ("act", ls[1])])
        )[-1:],
    ],
)
def test_sequential_editing_as_torch(edit):
    results = {}
    for name, lib in LIBS.items():
        ls = layers(lib)
        seq = lib.nn.Sequential(*ls)
        out = edit(lib, seq, ls)
        kinds = [ls.index(m) if m in ls else type(m).__name__ for m in out]
        results[name] = (type(out).__name__, structure(out), kinds, len(out), repr(out))
    assert results["minigrad"] == results["torch"]


def test_sequential_indexing_returns_the_layers():
    ls = layers(minigrad)
    seq = minigrad.nn.Sequential(*ls)
    assert seq[0] is ls[0] and seq[-1] is ls[-1] and seq[-4] is ls[0]
    assert list(seq) == ls and len(seq) == 4
    assert [n for n, _ in seq.named_children()] == ["0", "1", "2", "3"]
    assert seq[1:3][0] is ls[1]
    assert seq.append(minigrad.nn.ReLU()) is seq


def test_sequential_from_ordered_dict():
    for lib in (minigrad, torch):
        seq = lib.nn.Sequential(
            OrderedDict([("linear", lib.nn.Linear(1, 1)), ("act", lib.nn.Sigmoid())])
        )
        names = [n for n, _ in seq.named_parameters()]
        assert names == ["linear.weight", "linear.bias"]
        assert seq[0] is seq.linear and seq[-1] is seq.act


def test_sequential_deletion_renumbers_attributes():
    ls = layers(minigrad)
    seq = minigrad.nn.Sequential(*ls)
    del seq[0]
    assert getattr(seq, "0") is ls[1] and getattr(seq, "2") is ls[3]
    assert not hasattr(seq, "3")
    seq.insert(0, ls[0])
    assert getattr(seq, "0") is ls[0] and getattr(seq, "3") is ls[3]


@given(dtype=st.sampled_from(S.FLOAT_DTYPES), data=st.data())
def test_sequential_forward_chains(dtype, data):
    x = data.draw(S.arrays(dtype, (data.draw(st.integers(0, 5)), 2), S.UNIT))
    module_parity(
        lambda lib: lib.nn.Sequential(
            lib.nn.Linear(2, 3, dtype=lib_dtype(lib, dtype)),
            lib.nn.ReLU(),
            lib.nn.Linear(3, 1, dtype=lib_dtype(lib, dtype)),
            lib.nn.Sigmoid(),
        ),
        x,
    )


def test_empty_sequential_is_identity():
    x = minigrad.tensor([1.0])
    assert minigrad.nn.Sequential()(x) is x


@pytest.mark.parametrize(
    "bad",
    [
        lambda lib: lib.nn.Sequential(lib.nn.ReLU())[1],
        lambda lib: lib.nn.Sequential(lib.nn.ReLU())[-2],
        lambda lib: lib.nn.Sequential(lib.nn.ReLU())["0"],
        lambda lib: lib.nn.Sequential(lib.nn.ReLU()).__delitem__(3),
        lambda lib: lib.nn.Sequential(lib.nn.ReLU()).__setitem__(0, 3),
        lambda lib: lib.nn.Sequential(lib.nn.ReLU()).insert(3, lib.nn.ReLU()),
        lambda lib: lib.nn.Sequential(lib.nn.ReLU()).insert(0, 3),
        lambda lib: lib.nn.Sequential(lib.nn.ReLU()) + [lib.nn.ReLU()],
        lambda lib: lib.nn.Sequential(lib.nn.ReLU()) * 0,
        lambda lib: lib.nn.Sequential(lib.nn.ReLU()) * 1.5,
        lambda lib: lib.nn.Sequential(3),
        lambda lib: lib.nn.Sequential(lib.nn.ReLU()).append(3),
    ],
)
def test_sequential_bad_use_raises_as_torch(bad):
    assert_same_error(bad)


# --- ModuleList ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        lambda lib, m: m[1:],
        lambda lib, m: m[-1],
        lambda lib, m: m + [lib.nn.ReLU()],
        lambda lib, m: m.__iadd__([lib.nn.ReLU()]),
        lambda lib, m: m.append(lib.nn.Tanh()),
        lambda lib, m: m.extend([lib.nn.Tanh()]),
        lambda lib, m: (m.insert(1, lib.nn.ReLU()), m)[1],
        lambda lib, m: (m.pop(0), m)[1],
        lambda lib, m: (m.__delitem__(slice(0, 2)), m)[1],
        lambda lib, m: (m.__setitem__(-1, lib.nn.ReLU()), m)[1],
    ],
)
def test_module_list_as_torch(edit):
    results = {}
    for name, lib in LIBS.items():
        mods = lib.nn.ModuleList([lib.nn.Linear(1, 1), lib.nn.Tanh(), lib.nn.Sigmoid()])
        out = edit(lib, mods)
        results[name] = repr(out), [n for n, _ in out.named_parameters()]
    assert results["minigrad"] == results["torch"]


@pytest.mark.parametrize(
    "bad",
    [
        lambda lib: lib.nn.ModuleList([lib.nn.ReLU()])[2],
        lambda lib: lib.nn.ModuleList([3]),
        lambda lib: lib.nn.ModuleList(3),
        lambda lib: lib.nn.ModuleList()(1),
    ],
)
def test_module_list_bad_use_raises_as_torch(bad):
    assert_same_error(bad)
