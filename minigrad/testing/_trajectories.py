"""assert_trajectories_match: train in minigrad and torch from one seed; compare."""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import minigrad
from minigrad.testing._close import assert_close


def _stepper(built: Any) -> tuple[Callable[[], Any], Any]:
    """A step function and the model (None when `build` returned a step function)."""
    if callable(built) and not isinstance(built, tuple):
        return built, None
    try:
        model, loss_fn, optimizer, (x, y) = built
    except (TypeError, ValueError):
        raise TypeError(
            f"build(lib) must return (model, loss_fn, optimizer, (X, Y)) or a step function, not {type(built).__name__}"
        ) from None

    def step() -> Any:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss

    return step, model


def _loss(value: Any) -> Any:
    return value.detach() if hasattr(value, "detach") else value


def _build(lib: types.ModuleType, build: Callable, seed: int):
    lib.manual_seed(seed)
    return _stepper(build(lib))


def assert_trajectories_match(
    build: Callable[[types.ModuleType], Any],
    steps: int = 50,
    seed: int = 0,
    *,
    rtol: float | None = None,
    atol: float | None = None,
) -> None:
    """Train the same thing in minigrad and torch and check they stay together.

    ``build(lib)`` returns ``(model, loss_fn, optimizer, (X, Y))`` (each step is
    one full-batch step: zero_grad, loss, backward, step) or a function that
    runs one step and returns the loss. Both libraries are seeded with ``seed``
    before ``build`` is called, so the initial weights and any random data
    agree. Every step's loss is compared (``assert_close``, default tolerances
    per dtype unless ``rtol`` and ``atol`` are given), then the final
    parameters by name. Raises AssertionError naming the first step that drifts.
    """
    import torch

    mine, model = _build(minigrad, build, seed)
    theirs, reference = _build(torch, build, seed)
    for step in range(steps):
        a, e = _loss(mine()), _loss(theirs())
        try:
            assert_close(a, e, rtol=rtol, atol=atol)
        except AssertionError as error:
            raise AssertionError(
                f"assert_trajectories_match: the loss drifts at step {step} (of {steps}): {error}"
            ) from None
    if model is None or reference is None:
        return
    mine_params = dict(model.named_parameters())
    torch_params = dict(reference.named_parameters())
    if list(mine_params) != list(torch_params):
        raise AssertionError(
            f"assert_trajectories_match: parameter names {list(mine_params)} != torch's {list(torch_params)}"
        )
    for name, value in mine_params.items():
        try:
            assert_close(value, torch_params[name], rtol=rtol, atol=atol)
        except AssertionError as error:
            raise AssertionError(
                f"assert_trajectories_match: parameter {name!r} after {steps} steps: {error}"
            ) from None
