"""nn layers of deeper networks against torch: LeakyReLU, ELU, Softplus, Flatten,
Unflatten, ModuleDict, ParameterList, ParameterDict (forward, gradients, reprs,
state_dict keys, registration order, errors)."""

from collections import OrderedDict

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import LIBS, assert_parity, assert_same_error

FLOATS = pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)


def text(obj) -> str:
    """A repr with minigrad's dtype names spelled as torch's."""
    return repr(obj).replace("minigrad.", "torch.")


# --- activation and reshaping layers --------------------------------------------

LAYERS = [
    ("LeakyReLU", lambda nn: nn.LeakyReLU()),
    ("LeakyReLU_slope", lambda nn: nn.LeakyReLU(0.2)),
    ("LeakyReLU_inplace", lambda nn: nn.LeakyReLU(negative_slope=0.1, inplace=True)),
    ("ELU", lambda nn: nn.ELU()),
    ("ELU_alpha", lambda nn: nn.ELU(alpha=0.5)),
    ("ELU_inplace", lambda nn: nn.ELU(2.0, True)),
    ("Softplus", lambda nn: nn.Softplus()),
    ("Softplus_int_args", lambda nn: nn.Softplus(2, 10)),
    ("Softplus_kw", lambda nn: nn.Softplus(beta=0.5, threshold=5.0)),
    ("Flatten", lambda nn: nn.Flatten()),
    ("Flatten_dims", lambda nn: nn.Flatten(0, -2)),
    ("Flatten_all", lambda nn: nn.Flatten(start_dim=0)),
    ("Unflatten", lambda nn: nn.Unflatten(1, (2, 2))),
    ("Unflatten_list_infer", lambda nn: nn.Unflatten(-1, [-1, 2])),
]


@pytest.mark.parametrize("name,make", LAYERS, ids=[c[0] for c in LAYERS])
def test_layer_repr(name, make):
    assert text(make(minigrad.nn)) == repr(make(torch.nn))
    assert list(make(minigrad.nn).state_dict()) == []


@FLOATS
@pytest.mark.parametrize("name,make", LAYERS, ids=[c[0] for c in LAYERS])
@given(data=st.data())
def test_layer_forward_backward(name, make, dtype, data):
    domain = S.Domain(-25.0, 25.0, avoid=(0.0, 2.5, 10.0), gap=1e-2)
    x = data.draw(S.arrays(dtype, S.shapes(min_dims=3, max_dims=3, min_side=1), domain))
    if name.startswith("Unflatten"):  # dims 1 and -1 of size 4
        x = np.resize(x, (x.shape[0], 4, 4))
    inplace = "inplace" in name

    def fn(lib, t):
        return make(lib.nn)(t * 1 if inplace else t)

    assert_parity(fn, x)


def test_inplace_layer_returns_its_input():
    for lib in (minigrad, torch):
        x = lib.tensor([-1.0, 2.0])
        for layer in (lib.nn.LeakyReLU(inplace=True), lib.nn.ELU(inplace=True)):
            assert layer(x) is x


@FLOATS
def test_deep_sequential_with_new_layers(dtype):
    """A network of the new layers, its weights copied from minigrad into torch."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 2, 3)).astype(dtype)

    def build(lib):
        nn = lib.nn
        lib.manual_seed(0)
        return nn.Sequential(
            nn.Flatten(),
            nn.Linear(6, 8, dtype=getattr(lib, np.dtype(dtype).name)),
            nn.LeakyReLU(0.1),
            nn.Linear(8, 8, dtype=getattr(lib, np.dtype(dtype).name)),
            nn.ELU(),
            nn.Unflatten(1, (2, 4)),
            nn.Softplus(),
        )

    mg, tc = build(minigrad), build(torch)
    assert text(mg) == repr(tc)
    assert list(mg.state_dict()) == list(tc.state_dict())
    for (_, a), (_, e) in zip(
        mg.state_dict().items(), tc.state_dict().items(), strict=True
    ):
        np.testing.assert_array_equal(a.numpy(), e.numpy())  # same seed: same weights
    assert_parity(lambda lib, t: (mg if lib is minigrad else tc)(t), x)


# --- ModuleDict -------------------------------------------------------------------


def module_dict(lib):
    nn = lib.nn
    return nn.ModuleDict(
        {"lin": nn.Linear(2, 3), "act": nn.LeakyReLU(0.2, inplace=True)}
    )


@pytest.mark.parametrize(
    "edit",
    [
        lambda lib, m: m,
        lambda lib, m: (m.update({"out": lib.nn.Linear(3, 1)}), m)[1],
        lambda lib, m: (m.update([("a", lib.nn.ELU()), ("b", lib.nn.Tanh())]), m)[1],
        lambda lib, m: (m.update(OrderedDict(z=lib.nn.ReLU())), m)[1],
        lambda lib, m: (m.update(lib.nn.ModuleDict({"q": lib.nn.Linear(1, 1)})), m)[1],
        lambda lib, m: (m.__setitem__("lin", lib.nn.Linear(4, 4)), m)[1],
        lambda lib, m: (m.__setitem__("new", lib.nn.Linear(4, 4)), m)[1],
        lambda lib, m: (m.__delitem__("lin"), m)[1],
        lambda lib, m: (m.pop("act"), m)[1],
        lambda lib, m: m.pop("lin"),
        lambda lib, m: (m.clear(), m)[1],
        lambda lib, m: lib.nn.ModuleDict(),
        lambda lib, m: lib.nn.ModuleDict(
            [("x", lib.nn.Linear(1, 2)), ("y", lib.nn.Softplus())]
        ),
    ],
)
def test_module_dict_as_torch(edit):
    results = {}
    for name, lib in LIBS.items():
        out = edit(lib, module_dict(lib))
        results[name] = (
            text(out),
            [n for n, _ in out.named_parameters()],
            list(out.state_dict()),
        )
        if isinstance(out, lib.nn.ModuleDict):
            results[name] += (
                list(out),
                list(out.keys()),
                [text(v) for v in out.values()],
                [k for k, _ in out.items()],
                len(out),
                "lin" in out,
            )
    assert results["minigrad"] == results["torch"]


def test_module_dict_as_an_attribute():
    """Parameters of modules held in a ModuleDict are the model's, with dotted names."""

    def build(lib):
        class Net(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.layers = lib.nn.ModuleDict(
                    {"hidden": lib.nn.Linear(3, 4), "out": lib.nn.Linear(4, 1)}
                )
                self.act = lib.nn.ELU()

            def forward(self, x):
                return self.layers["out"](self.act(self.layers["hidden"](x)))

        return Net()

    mg, tc = build(minigrad), build(torch)
    assert text(mg) == repr(tc)
    assert list(mg.state_dict()) == list(tc.state_dict())
    assert [n for n, _ in mg.named_parameters()] == [
        n for n, _ in tc.named_parameters()
    ]


@pytest.mark.parametrize(
    "bad",
    [
        lambda lib: module_dict(lib)["zz"],
        lambda lib: module_dict(lib)(1),
        lambda lib: module_dict(lib).update(3),
        lambda lib: module_dict(lib).update([("a",)]),
        lambda lib: module_dict(lib).update([3]),
        lambda lib: module_dict(lib).__setitem__("x", 3),
        lambda lib: module_dict(lib).__setitem__("a.b", lib.nn.ReLU()),
        lambda lib: module_dict(lib).__delitem__("zz"),
        lambda lib: module_dict(lib).pop("zz"),
        lambda lib: lib.nn.ModuleDict({"a": 3}),
    ],
)
def test_module_dict_bad_use_raises_as_torch(bad):
    assert_same_error(bad)


# --- ParameterList and ParameterDict ------------------------------------------------


def parameter_list(lib):
    nn = lib.nn
    return nn.ParameterList(
        [nn.Parameter(lib.ones(2, 3)), lib.zeros(4, dtype=lib.float64)]
    )


@pytest.mark.parametrize(
    "edit",
    [
        lambda lib, p: p,
        lambda lib, p: p.append(lib.nn.Parameter(lib.ones(1))),
        lambda lib, p: p.append(3),
        lambda lib, p: p.extend([lib.ones(2), lib.nn.Parameter(lib.zeros(1, 1))]),
        lambda lib, p: p.__iadd__([lib.ones(5)]),
        lambda lib, p: (p.__setitem__(0, lib.zeros(7)), p)[1],
        lambda lib, p: (p.__setitem__(-1, lib.nn.Parameter(lib.zeros(3))), p)[1],
        lambda lib, p: p[1:],
        lambda lib, p: lib.nn.ParameterList(),
        lambda lib, p: lib.nn.ParameterList([lib.ones(2), "word"]),
    ],
)
def test_parameter_list_as_torch(edit):
    results = {}
    for name, lib in LIBS.items():
        out = edit(lib, parameter_list(lib))
        params = [
            (n, tuple(p.shape), p.requires_grad, type(p).__name__)
            for n, p in out.named_parameters()
        ]
        items = [type(p).__name__ for p in out]
        results[name] = (text(out), params, list(out.state_dict()), len(out), items)
    assert results["minigrad"] == results["torch"]


def test_parameter_list_element_is_the_registered_parameter():
    for lib in (minigrad, torch):
        plist = parameter_list(lib)
        assert plist[0] is next(iter(plist.parameters()))
        assert plist[-1] is plist[1] and isinstance(plist[1], lib.nn.Parameter)


def test_parameter_list_in_a_model_trains():
    """The course's pattern: weights in a ParameterList, optimised by SGD."""
    rng = np.random.default_rng(1)
    x, w0, w1 = (
        rng.standard_normal(s).astype(np.float32) for s in ((5, 3), (3, 4), (4, 1))
    )
    losses = {}
    for name, lib in LIBS.items():
        weights = lib.nn.ParameterList([lib.tensor(w0), lib.tensor(w1)])
        opt = lib.optim.SGD(weights.parameters(), lr=0.1, momentum=0.9)
        run = []
        for _ in range(5):
            opt.zero_grad()
            loss = (
                lib.nn.functional.elu(lib.tensor(x) @ weights[0])
                .matmul(weights[1])
                .pow(2)
                .mean()
            )
            loss.backward()
            opt.step()
            run.append(loss.item())
        losses[name] = run
    np.testing.assert_allclose(losses["minigrad"], losses["torch"], rtol=1.3e-6)


def parameter_dict(lib):
    nn = lib.nn
    return nn.ParameterDict({"a": nn.Parameter(lib.ones(2)), "b": lib.zeros(1, 3)})


@pytest.mark.parametrize(
    "edit",
    [
        lambda lib, p: p,
        lambda lib, p: (p.update({"c": lib.ones(1)}), p)[1],
        lambda lib, p: (p.update([("d", lib.nn.Parameter(lib.ones(2, 2)))]), p)[1],
        lambda lib, p: (p.update({"z": lib.ones(1), "c": lib.ones(2)}), p)[1],
        lambda lib, p: (p.update(OrderedDict(z=lib.ones(1), c=lib.ones(2))), p)[1],
        lambda lib, p: (p.__setitem__("a", lib.zeros(5)), p)[1],
        lambda lib, p: (p.__delitem__("a"), p)[1],
        lambda lib, p: (p.pop("b"), p)[1],
        lambda lib, p: (p.clear(), p)[1],
        lambda lib, p: lib.nn.ParameterDict(),
    ],
)
def test_parameter_dict_as_torch(edit):
    results = {}
    for name, lib in LIBS.items():
        out = edit(lib, parameter_dict(lib))
        params = [(n, tuple(p.shape)) for n, p in out.named_parameters()]
        results[name] = (
            text(out),
            params,
            list(out.state_dict()),
            list(out),
            len(out),
            "a" in out,
        )
        results[name] += (
            list(out.keys()),
            [k for k, _ in out.items()],
            [tuple(v.shape) for v in out.values()],
        )
    assert results["minigrad"] == results["torch"]


@pytest.mark.parametrize(
    "bad",
    [
        lambda lib: parameter_list(lib)[5],
        lambda lib: parameter_list(lib)(1),
        lambda lib: parameter_list(lib).extend(3),
        lambda lib: parameter_dict(lib)[1],
        lambda lib: parameter_dict(lib)["zz"],
        lambda lib: parameter_dict(lib)(1),
        lambda lib: parameter_dict(lib).update(3),
        lambda lib: parameter_dict(lib).update([3]),
        lambda lib: parameter_dict(lib).update([("c", lib.ones(1), 2)]),
        lambda lib: parameter_dict(lib).update([iter(("c", lib.ones(1)))]),
        lambda lib: lib.nn.Unflatten(1, 4),
        lambda lib: lib.nn.Unflatten(1, (2, "a")),
        lambda lib: lib.nn.Unflatten(1, (3, 3))(lib.ones(3, 4)),
        lambda lib: lib.nn.Flatten(2, 1)(lib.ones(3, 4)),
        lambda lib: lib.nn.Flatten(1, 0)(lib.ones(3, 4)),
        lambda lib: lib.nn.LeakyReLU()(3.0),
        lambda lib: lib.nn.ELU()(lib.arange(3)),
        lambda lib: lib.nn.Softplus()("x"),
    ],
)
def test_bad_use_raises_as_torch(bad):
    assert_same_error(bad)
