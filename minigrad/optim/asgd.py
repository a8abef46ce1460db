"""ASGD: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import numpy as np

from minigrad._exact.fma import add_scaled_
from minigrad.optim._common import (
    FLAG_DEFAULTS,
    check_hyperparameters,
    group_number,
    group_numbers,
    increment,
    picked,
    step_counter,
    stepped_parameters,
    weight_decayed,
    written,
)
from minigrad.optim._pointwise import scalar
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor, _wrap


class ASGD(Optimizer):
    """Averaged SGD (Polyak & Juditsky): ``ax`` holds the running average."""

    _unpickled_group_defaults: ClassVar[dict[str, Any]] = FLAG_DEFAULTS
    _tensor_step_counters = True

    def __init__(
        self,
        params: Iterable,
        lr: float | Tensor = 1e-2,
        lambd: float = 1e-4,
        alpha: float = 0.75,
        t0: float = 1e6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
        capturable: bool = False,
    ) -> None:
        check_hyperparameters(lr=lr)
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = picked(
            locals(),
            "lr",
            "lambd",
            "alpha",
            "t0",
            "weight_decay",
            "foreach",
            "maximize",
            "differentiable",
            "capturable",
        )
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One ASGD step; ``closure`` re-evaluates the model and returns the loss."""
        names = ("lr", "lambd", "alpha", "t0", "weight_decay")
        return self._step_each_group(closure, group_numbers("ASGD", *names), _asgd)


def _counter(value: float) -> Tensor:
    counter = step_counter()
    counter._data[...] = value
    return counter


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    return {
        "step": step_counter(),
        "eta": _counter(group_number(group, "lr", "ASGD")),
        "mu": _counter(1),
        "ax": _wrap(np.zeros_like(p._data)),
    }


def _asgd(
    group: dict[str, Any],
    states: dict,
    lr: float,
    lambd: float,
    alpha: float,
    t0: float,
    weight_decay: float,
    # NOTE: matches torch: _single_tensor_asgd, one parameter at a time
) -> None:
    for p, state, grad in stepped_parameters(group, states, _init_state):
        param = p._data
        step = increment(state["step"])
        grad = weight_decayed(p, grad, lr, weight_decay, False)
        eta = float(state["eta"]._data)
        np.multiply(param, scalar(param, 1 - lambd * eta), out=param)
        add_scaled_(param, grad, -eta)
        written(p, 2)
        ax = state["ax"]._data
        mu = state["mu"]._data
        if mu != 1:
            ax += (param - ax) * mu.astype(ax.dtype)
        else:
            ax[...] = param
        state["eta"]._data[...] = lr / ((1 + lambd * lr * step) ** alpha)
        state["mu"]._data[...] = 1 / max(1, step - t0)
