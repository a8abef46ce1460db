"""Rprop: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import numpy as np

from minigrad.optim._common import (
    FLAG_DEFAULTS,
    check_hyperparameters,
    first_state,
    group_number,
    increment,
    picked,
    stepped_parameters,
    written,
)
from minigrad.optim._pointwise import addcmul_, scalar
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor, _wrap


class Rprop(Optimizer):
    """Rprop (resilient backpropagation): per-element step sizes grown by
    ``etas[1]`` while the gradient keeps its sign, shrunk by ``etas[0]`` on a flip."""

    _unpickled_group_defaults: ClassVar[dict[str, Any]] = FLAG_DEFAULTS
    _tensor_step_counters = True

    def __init__(
        self,
        params: Iterable,
        lr: float | Tensor = 1e-2,
        etas: tuple[float, float] = (0.5, 1.2),
        step_sizes: tuple[float, float] = (1e-6, 50),
        *,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_hyperparameters(lr=lr)
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        defaults = picked(
            locals(),
            "lr",
            "etas",
            "step_sizes",
            "foreach",
            "maximize",
            "differentiable",
            "capturable",
        )
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One Rprop step; ``closure`` re-evaluates the model and returns the loss."""

        def numbers(group: dict[str, Any]) -> tuple[float, ...]:
            etaminus, etaplus = group["etas"]
            low, high = group["step_sizes"]
            return (group_number(group, "lr", "Rprop"), etaminus, etaplus, low, high)

        return self._step_each_group(closure, numbers, _rprop)


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    lr = group_number(group, "lr", "Rprop")
    state = first_state(p, "prev")
    state["step_size"] = _wrap(np.full_like(p._data, lr))
    return state


def _rprop(
    group: dict[str, Any],
    states: dict,
    lr: float,
    etaminus: float,
    etaplus: float,
    step_size_min: float,
    step_size_max: float,
    # NOTE: matches torch: _single_tensor_rprop, one parameter at a time
) -> None:
    for p, state, grad in stepped_parameters(group, states, _init_state):
        param = p._data
        increment(state["step"])
        prev = state["prev"]._data
        step_size = state["step_size"]._data
        sign = np.sign(grad * prev)
        minus, plus = scalar(sign, etaminus), scalar(sign, etaplus)
        sign = np.where(sign > 0, plus, np.where(sign < 0, minus, sign))
        sign[sign == 0] = 1
        np.multiply(step_size, sign, out=step_size)
        low, high = scalar(step_size, step_size_min), scalar(step_size, step_size_max)
        np.minimum(np.maximum(step_size, low), high, out=step_size)
        grad = np.where(sign == minus, grad.dtype.type(0), grad)
        addcmul_(param, np.sign(grad), step_size, -1)
        prev[...] = grad
        written(p)
