"""The optimisers' constructors, built from one table, against torch's: signature
(annotations too), function metadata, Python's argument errors, defaults order."""

from __future__ import annotations

import inspect
import pickle

import pytest
import torch

import minigrad

NAMES = ["SGD", "Adam", "AdamW", "Adadelta", "Adagrad", "Adamax", "ASGD"]
NAMES += ["NAdam", "RAdam", "RMSprop", "Rprop"]


def _both(name: str) -> tuple[type, type]:
    return getattr(minigrad.optim, name), getattr(torch.optim, name)


def _text(signature: inspect.Signature) -> str:
    """The signature as text, minigrad's Tensor written as torch's."""
    return str(signature).replace("minigrad.tensor.Tensor", "torch.Tensor")


@pytest.mark.parametrize("name", NAMES)
def test_signature_is_torchs_with_its_annotations(name: str) -> None:
    mine, torchs = _both(name)
    assert _text(inspect.signature(mine)) == str(inspect.signature(torchs))
    assert _text(inspect.signature(mine.__init__)) == str(
        inspect.signature(torchs.__init__)
    )


@pytest.mark.parametrize("name", NAMES)
def test_constructor_is_named_as_torchs(name: str) -> None:
    mine, torchs = _both(name)
    init = mine.__init__
    assert (init.__name__, init.__qualname__) == ("__init__", f"{name}.__init__")
    assert init.__module__ == torchs.__module__.replace("torch", "minigrad", 1)
    assert init.__doc__ and "\n" not in init.__doc__
    assert f"{name}.__init__" in repr(init)
    assert pickle.loads(pickle.dumps(mine)) is mine


def _param(lib):
    return lib.nn.Parameter(lib.zeros(2))


# Calls Python itself refuses ("P": a parameter list): torch's messages, word for word.
MANY = ("P", *[0.1] * 11)
BAD_CALLS = [
    ((), {}),
    ((), {"lr": 0.1}),
    (("P", 0.1), {"lr": 0.1}),
    (("P",), {"params": "P"}),
    (("P",), {"bogus": 1, "lr": 0.1}),
    (MANY, {}),
    (MANY, {"maximize": True}),
    (MANY, {"maximize": True, "differentiable": False}),
    (MANY, {"lr": 0.1}),
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("args", "kwargs"), BAD_CALLS)
def test_python_argument_errors_are_torchs(name: str, args, kwargs) -> None:
    messages = []
    for lib, cls in zip((minigrad, torch), _both(name), strict=True):
        params = [_param(lib)]
        given = [params if a == "P" else a for a in args]
        named = {k: params if v == "P" else v for k, v in kwargs.items()}
        with pytest.raises(TypeError) as caught:
            cls(*given, **named)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


@pytest.mark.parametrize("name", NAMES)
def test_defaults_and_groups_keep_torchs_key_order(name: str) -> None:
    made = [cls([_param(lib)]) for lib, cls in zip((minigrad, torch), _both(name))]
    assert list(made[0].defaults) == list(made[1].defaults)
    assert list(made[0].param_groups[0]) == list(made[1].param_groups[0])
    assert made[0].defaults == made[1].defaults


@pytest.mark.parametrize("name", NAMES)
def test_keyword_arguments_reach_the_groups_as_given(name: str) -> None:
    mine, torchs = _both(name)
    flags = {"maximize": True, "differentiable": False, "foreach": False}
    groups = [
        cls([_param(lib)], lr=0.25, **flags).param_groups[0]
        for lib, cls in ((minigrad, mine), (torch, torchs))
    ]
    assert {k: v for k, v in groups[0].items() if k != "params"} == {
        k: v for k, v in groups[1].items() if k != "params"
    }


def test_state_dict_hook_registrars_are_torchs() -> None:
    for kind in ("state_dict", "load_state_dict"):
        for when in ("pre", "post"):
            name = f"register_{kind}_{when}_hook"
            mine = getattr(minigrad.optim.Optimizer, name)
            torchs = getattr(torch.optim.Optimizer, name)
            assert mine.__qualname__ == torchs.__qualname__
            assert list(inspect.signature(mine).parameters) == [
                "self",
                "hook",
                "prepend",
            ]
            assert inspect.signature(mine).parameters["prepend"].default is False
            assert mine.__doc__
