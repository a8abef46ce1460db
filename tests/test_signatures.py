"""Public signatures: every minigrad callable that torch defines in Python takes
the same parameters (names, order, kinds, defaults) as torch's."""

from __future__ import annotations

import importlib
import inspect

import pytest
import torch

import minigrad

NAMESPACES = [
    "",
    ".nn",
    ".nn.functional",
    ".nn.init",
    ".nn.utils",
    ".optim",
    ".optim.lr_scheduler",
    ".utils.data",
    ".autograd",
    ".testing",
]
CLASSES = ["nn.Module", "nn.Parameter", "optim.Optimizer", "Tensor"]
CLASSES += ["optim.lr_scheduler.LRScheduler", "utils.data.DataLoader"]

# Differences a user cannot call into, each with its reason.
KNOWN = {
    # NOTE: `out=` arguments are not supported (README, Known differences).
    "tensordot": "out= is not supported",
    # torch.dtype is a C type whose constructor users never call.
    "dtype": "torch.dtype cannot be constructed",
    # torch's grad-mode classes take their argument in __new__ (decorator use
    # without parentheses); minigrad's accept the same calls through *args.
    "no_grad": "decorator form handled in __init__",
    "enable_grad": "decorator form handled in __init__",
    "Function": "torch's Function.__init__ is a deprecation shim",
}


def _parameters(obj: object) -> list[tuple[str, object, object]] | None:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    return [
        (p.name, p.kind, _default(p.default)) for p in signature.parameters.values()
    ]


def _default(value: object) -> object:
    if isinstance(value, (torch.Generator, minigrad.Generator)):
        return "<default generator>"
    return value


def _wrapped_by_torch(parameters: list) -> bool:
    """torch's C bindings and dispatch wrappers show ``(*args, **kwargs)``."""
    kinds = {kind for _, kind, _ in parameters}
    return bool(
        kinds & {inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD}
    )


def _pairs() -> list[tuple[str, object, object]]:
    pairs = []
    for suffix in NAMESPACES:
        ours = importlib.import_module("minigrad" + suffix)
        theirs = importlib.import_module("torch" + suffix)
        names = getattr(ours, "__all__", None) or dir(ours)
        for name in names:
            mine, torchs = getattr(ours, name, None), getattr(theirs, name, None)
            if name.startswith("_") or not callable(mine) or not callable(torchs):
                continue
            pairs.append((f"torch{suffix}.{name}", mine, torchs))
    for path in CLASSES:
        mine, torchs = minigrad, torch
        for part in path.split("."):
            mine, torchs = getattr(mine, part), getattr(torchs, part)
        for name in dir(mine):
            method, torch_method = getattr(mine, name), getattr(torchs, name, None)
            if name.startswith("_") or not callable(torch_method):
                continue
            pairs.append((f"torch.{path}.{name}", method, torch_method))
    return pairs


PAIRS = [
    (label, mine, torchs)
    for label, mine, torchs in _pairs()
    if (theirs := _parameters(torchs)) is not None and not _wrapped_by_torch(theirs)
]


def test_enough_signatures_are_compared() -> None:
    assert len(PAIRS) > 250


@pytest.mark.parametrize(
    ("mine", "torchs"), [p[1:] for p in PAIRS], ids=[p[0] for p in PAIRS]
)
def test_signature_as_torch(mine: object, torchs: object) -> None:
    name = getattr(torchs, "__name__", "")
    if name in KNOWN:
        pytest.skip(KNOWN[name])
    assert _parameters(mine) == _parameters(torchs)
