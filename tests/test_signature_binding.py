"""minigrad._signature.bind: the TypeError of every bad call is the one Python
raises for a real ``def`` of that signature; declared constructors raise torch's."""

from __future__ import annotations

import inspect

import pytest
import torch

import minigrad
from minigrad._signature import bind


def one(a): ...
def two(a, b): ...
def method(self, params, lr=0.001, momentum=0): ...
def scheduler(self, optimizer, step_size, gamma=0.1, last_epoch=-1): ...
def optional(a=1, b=2): ...
def keywords(self, a, *, k, j=2): ...
def many_keywords(a, *, k, j, m): ...
def three(a, b, c, d=4): ...
def only(a, b=1, /, c=2, *, d, e=3): ...
def star(a, *rest, k=1): ...
def stars(a, /, b=2, **extra): ...
def nothing(): ...
def just_self(self): ...


FUNCTIONS = [
    one, two, method, scheduler, optional, keywords, many_keywords, three,
    only, star, stars, nothing, just_self,
]  # fmt: skip
CALLS = [
    ((), {}),
    ((1,), {}),
    ((1, 2), {}),
    ((1, 2, 3), {}),
    ((1, 2, 3, 4, 5), {}),
    ((1, 2, 3, 4, 5), {"k": 1}),
    ((1, 2, 3, 4, 5), {"k": 1, "j": 2}),
    ((1,), {"x": 1}),
    ((1, 2), {"a": 1}),
    ((1, 2, 3), {"lr": 1, "x": 2}),
    ((1,), {"lr": 1, "params": 2}),
    ((1,), {"k": 1}),
    ((), {"a": 1, "b": 2}),
    ((), {"k": 1, "j": 2, "m": 3}),
    ((1,), {"j": 2}),
    ((), {"d": 1}),
    ((1, 2, 3), {"d": 1}),
    ((1, 2, 3, 4), {"d": 1, "e": 5}),
    ((1,), {"d": 1, "a": 2, "b": 3}),
    ((1,), {"rest": 2}),
    ((1,), {"extra": 2, "a": 3}),
    ((1,), {"self": 2}),
    ((1, 2, 3, 4), {"x": 1}),
    ((1, 2, 3, 4), {"a": 1}),
]


def _python(function, args, kwargs):
    try:
        function(*args, **kwargs)
    except TypeError as error:
        return str(error)
    return None


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_errors_are_pythons(function, args, kwargs) -> None:
    signature = inspect.signature(function)
    expected = _python(function, args, kwargs)
    if expected is None:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        assert bind(signature, function.__qualname__, args, kwargs) == dict(
            bound.arguments
        )
    else:
        with pytest.raises(TypeError) as caught:
            bind(signature, function.__qualname__, args, kwargs)
        assert str(caught.value) == expected


def test_every_kind_of_error_is_covered() -> None:
    """The table reaches each of CPython's messages."""
    messages = {_python(f, args, kwargs) for f in FUNCTIONS for args, kwargs in CALLS}
    kinds = [
        "missing 1 required positional argument",
        "missing 2 required positional arguments: 'a' and 'b'",
        "missing 3 required positional arguments: 'a', 'b', and 'c'",
        "missing 1 required keyword-only argument",
        "missing 2 required keyword-only arguments",
        "got an unexpected keyword argument",
        "got multiple values for argument",
        "positional-only arguments passed as keyword arguments",
        "takes from 2 to 4 positional arguments but 5 were given",
        "takes 2 positional arguments but 3 were given",
        "takes 1 positional argument but 2 were given",
        "takes 0 positional arguments but 1 was given",
        "positional arguments (and 1 keyword-only argument) were given",
        "positional arguments (and 2 keyword-only arguments) were given",
    ]
    for kind in kinds:
        assert any(m and kind in m for m in messages), kind


P = "[lib.ones(2, requires_grad=True)]"
SGD = f"lib.optim.SGD({P}, lr=0.1)"
CONSTRUCTORS = [
    f"lib.optim.lr_scheduler.StepLR({SGD})",
    f"lib.optim.lr_scheduler.StepLR({SGD}, 2, 0.1, -1, 5)",
    f"lib.optim.lr_scheduler.StepLR({SGD}, 2, step_size=3)",
    f"lib.optim.lr_scheduler.StepLR({SGD}, 2, foo=1)",
    "lib.optim.lr_scheduler.StepLR(step_size=2)",
    "lib.nn.LeakyReLU(0.1, False, 3)",
    "lib.nn.LeakyReLU(slope=0.1)",
    "lib.nn.LeakyReLU(0.1, negative_slope=0.2)",
    "lib.nn.MaxPool2d()",
    "lib.nn.MaxPool2d(2, 2, 0, 1, False, False, 7)",
    "lib.nn.MaxPool2d(stride=2)",
    "lib.nn.AdaptiveAvgPool2d()",
    "lib.nn.Embedding(3)",
    "lib.nn.Embedding(3, 2, None, None, 2.0, False, False, None, False, None, None, 1)",
    "lib.nn.Embedding.from_pretrained()",
    "lib.nn.Embedding.from_pretrained(lib.ones(2, 2), padding=0)",
    "lib.nn.L1Loss(None, None, 'mean', 1)",
    "lib.nn.BCELoss(None, weight=None)",
    "lib.nn.GaussianNLLLoss(True)",
    "lib.nn.MarginRankingLoss(0.0, None, None, 'mean', 1)",
    "lib.nn.MarginRankingLoss(margin=0.0, weight=None)",
    "lib.nn.MarginRankingLoss(0.0, margin=1.0)",
    "lib.nn.MSELoss(weight=None)",
    "lib.nn.TripletMarginLoss(1.0, 2.0, 1e-6, False, None, None, 'mean', 1)",
    "lib.optim.SGD()",
    f"lib.optim.SGD({P}, 0.1, 0, 0, 0, False, maximize=True, foo=1)",
    f"lib.optim.SGD({P}, 0.1, 0, 0, 0, False, 1, maximize=True)",
    f"lib.optim.SGD({P}, 0.1, lr=0.2)",
    f"lib.optim.Adam({P}, 0.1, (0.9, 0.99), 1e-8, 0, False, 1)",
    f"lib.optim.Adam({P}, 0.1, (0.9, 0.99), 1e-8, 0, False, 1, foreach=None, fused=None)",
    f"lib.optim.Adam({P}, betas=(0.9, 0.99), beta=1)",
    "lib.optim.Adam(lr=0.1)",
]  # fmt: skip


@pytest.mark.parametrize("call", CONSTRUCTORS)
def test_constructor_errors_are_torchs(call: str) -> None:
    messages = []
    for lib in (minigrad, torch):
        with pytest.raises(TypeError) as caught:
            eval(call, {"lib": lib})
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
