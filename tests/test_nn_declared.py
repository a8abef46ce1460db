"""Layers, initialisers and make_dot declared once (functional_module, factories):
the same public face as torch's (signatures, attributes, reprs, errors, pickling)."""

from __future__ import annotations

import copy
import inspect
import pickle

import numpy as np
import pytest
import torch
import torchviz

import minigrad
from minigrad.viz import make_dot

# each layer with constructor arguments that exercise its hyperparameters
LAYERS = {
    "ReLU": [(), (True,)],
    "LeakyReLU": [(), (0.2, True)],
    "ELU": [(), (0.5,)],
    "Softplus": [(), (2.0, 5.0)],
    "SiLU": [(), (True,)],
    "Mish": [()],
    "SELU": [(True,)],
    "Softsign": [()],
    "LogSigmoid": [()],
    "Tanhshrink": [()],
    "Hardswish": [(), (True,)],
    "Hardsigmoid": [(True,)],
    "GELU": [(), ("tanh",)],
    "CELU": [(), (0.7, True)],
    "Threshold": [(0.1, 20.0), (0.1, 20.0, True)],
    "GLU": [(), (0,)],
    "Softshrink": [(), (0.3,)],
    "Hardshrink": [(0.2,)],
    "MaxPool2d": [(2,), (3, 1, 1, 1, True, True)],
    "AvgPool2d": [(2,), (3, 2, 1, True, False, 4)],
    "AdaptiveAvgPool2d": [(3,), ((None, 2),)],
    "Unfold": [(2,), ((2, 3), 1, 1, 2)],
    "Fold": [((4, 5), 2), ((4, 5), 2, 1, 0, 1)],
    "Flatten": [(), (0, 1)],
    "Unflatten": [(1, (2, 3))],
    "Embedding": [(5, 3), (5, 3, -1, 1.0, 1.5, True)],
}


def _parameters(obj: object) -> list:
    return [
        (p.name, p.kind, p.default) for p in inspect.signature(obj).parameters.values()
    ]


def _public_state(module: object) -> dict:
    """The hyperparameters a module keeps as plain attributes (torch's names)."""
    skip = {"training", "weight"}  # minigrad also keeps its parameters in __dict__
    return {k: v for k, v in vars(module).items() if k[0] != "_" and k not in skip}


@pytest.mark.parametrize("name", LAYERS)
def test_layer_signatures_as_torch(name: str) -> None:
    mine, theirs = getattr(minigrad.nn, name), getattr(torch.nn, name)
    if _parameters(theirs) != [
        ("args", inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.empty),
        ("kwargs", inspect.Parameter.VAR_KEYWORD, inspect.Parameter.empty),
    ]:
        assert _parameters(mine) == _parameters(theirs)
        assert _parameters(mine.__init__) == _parameters(theirs.__init__)
    assert _parameters(mine.forward) == _parameters(theirs.forward)


@pytest.mark.parametrize("name", LAYERS)
def test_layer_classes_are_plain_named_classes(name: str) -> None:
    cls = getattr(minigrad.nn, name)
    assert cls.__name__ == cls.__qualname__ == name
    assert getattr(__import__(cls.__module__, fromlist=[name]), name) is cls
    assert cls.__doc__ and "\n" not in cls.__doc__.strip()
    for method in ("__init__", "forward", "extra_repr"):
        assert getattr(cls, method).__qualname__ == f"{name}.{method}"
    assert issubclass(cls, minigrad.nn.Module)


@pytest.mark.parametrize(
    ("name", "args"), [(n, a) for n, cases in LAYERS.items() for a in cases]
)
def test_layer_attributes_repr_and_pickle_as_torch(name: str, args: tuple) -> None:
    mine, theirs = getattr(minigrad.nn, name)(*args), getattr(torch.nn, name)(*args)
    assert repr(mine) == repr(theirs)
    assert _public_state(mine) == _public_state(theirs)
    for copied in (pickle.loads(pickle.dumps(mine)), copy.deepcopy(mine)):
        assert type(copied) is type(mine) and repr(copied) == repr(mine)


@pytest.mark.parametrize(
    "call",
    [
        lambda nn: nn.Threshold(0.1),
        lambda nn: nn.MaxPool2d(),
        lambda nn: nn.LeakyReLU(0.1, False, 3),
        lambda nn: nn.GELU(approx="tanh"),
        lambda nn: nn.Fold((4, 4), 2, kernel_size=2),
        lambda nn: nn.Embedding(3),
        lambda nn: nn.Embedding.from_pretrained(),
    ],
)
def test_bad_constructor_calls_raise_type_error_naming_the_problem(call) -> None:
    with pytest.raises(TypeError) as theirs:
        call(torch.nn)
    with pytest.raises(TypeError) as mine:
        call(minigrad.nn)
    assert str(mine.value) == str(theirs.value)


def test_layers_forward_as_torch() -> None:
    x = np.random.default_rng(0).standard_normal((2, 4, 6, 6)).astype(np.float32)
    for name, cases in LAYERS.items():
        if name in ("Embedding", "Fold", "Unflatten", "GLU"):
            continue
        for args in cases:
            mine = getattr(minigrad.nn, name)(*args)(minigrad.tensor(x))
            theirs = getattr(torch.nn, name)(*args)(torch.tensor(x))
            if isinstance(theirs, tuple):  # return_indices
                mine, theirs = mine[0], theirs[0]
            torch.testing.assert_close(torch.from_numpy(mine.numpy()), theirs)


def test_embedding_from_pretrained_as_torch() -> None:
    mine, theirs = minigrad.nn.Embedding, torch.nn.Embedding
    assert _parameters(mine.from_pretrained) == _parameters(theirs.from_pretrained)
    table = np.arange(12, dtype=np.float32).reshape(4, 3)
    kwargs = {"freeze": False, "padding_idx": -1, "max_norm": 2.0}
    a = mine.from_pretrained(minigrad.tensor(table), **kwargs)
    b = theirs.from_pretrained(torch.tensor(table), **kwargs)
    assert repr(a) == repr(b) and _public_state(a) == _public_state(b)
    assert a.weight.requires_grad == b.weight.requires_grad


@pytest.mark.parametrize(
    "name", ["xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_"]
)
def test_initialisers_as_torch(name: str) -> None:
    mine, theirs = getattr(minigrad.nn.init, name), getattr(torch.nn.init, name)
    assert _parameters(mine) == _parameters(theirs)
    assert mine.__name__ == mine.__qualname__ == name
    assert mine.__module__ == "minigrad.nn.init" and mine.__doc__
    assert pickle.loads(pickle.dumps(mine)) is mine
    minigrad.manual_seed(3)
    torch.manual_seed(3)
    a = mine(minigrad.empty(5, 4))
    b = theirs(torch.empty(5, 4))
    torch.testing.assert_close(torch.from_numpy(a.numpy()), b)


@pytest.mark.parametrize(
    "name",
    ["named_parameters", "parameters", "named_buffers", "buffers"]
    + ["get_parameter", "get_buffer"],
)
def test_module_walkers_as_torch(name: str) -> None:
    mine, theirs = getattr(minigrad.nn.Module, name), getattr(torch.nn.Module, name)
    assert _parameters(mine) == _parameters(theirs)
    assert mine.__name__ == name and mine.__qualname__ == f"Module.{name}"


def test_module_walkers_go_through_an_overridden_named_method() -> None:
    class Only(minigrad.nn.Linear):
        def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
            return iter([("weight", self.weight)])

    layer = Only(2, 3)
    assert list(layer.parameters()) == [layer.weight]


def test_make_dot_signature_as_torchviz() -> None:
    assert _parameters(make_dot) == _parameters(torchviz.make_dot)
    with pytest.raises(TypeError, match="make_dot.*'foo'"):
        make_dot(minigrad.ones(1), foo=1)
