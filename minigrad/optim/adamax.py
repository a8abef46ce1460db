"""Adamax: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import numpy as np

from minigrad.optim._betas import beta_numbers
from minigrad.optim._common import (
    FLAG_DEFAULTS,
    check_hyperparameters,
    first_state,
    increment,
    picked,
    stepped_parameters,
    weight_decayed,
    written,
)
from minigrad.optim._pointwise import addcdiv_, lerp_, scalar
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


class Adamax(Optimizer):
    """Adamax (Kingma & Ba): Adam with the infinity norm of past gradients."""

    _unpickled_group_defaults: ClassVar[dict[str, Any]] = FLAG_DEFAULTS
    _tensor_step_counters = True

    def __init__(
        self,
        params: Iterable,
        lr: float | Tensor = 2e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        capturable: bool = False,
    ) -> None:
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        defaults = picked(
            locals(),
            "lr",
            "betas",
            "eps",
            "weight_decay",
            "foreach",
            "maximize",
            "differentiable",
            "capturable",
        )
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One Adamax step; ``closure`` re-evaluates the model and returns the loss."""
        return self._step_each_group(
            closure, lambda g: beta_numbers(g, "Adamax"), _adamax
        )


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    return first_state(p, "exp_avg", "exp_inf")


def _adamax(group: dict[str, Any], states: dict, *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_adamax, one parameter at a time
    lr, beta1, beta2, eps, weight_decay = numbers
    for p, state, grad in stepped_parameters(group, states, _init_state):
        param = p._data
        step = increment(state["step"])
        grad = weight_decayed(p, grad, lr, weight_decay, False)
        exp_avg = state["exp_avg"]._data
        exp_inf = state["exp_inf"]._data
        lerp_(exp_avg, grad, 1 - beta1)
        np.multiply(exp_inf, scalar(exp_inf, beta2), out=exp_inf)
        np.maximum(exp_inf, np.abs(grad) + scalar(exp_inf, eps), out=exp_inf)
        clr = lr / (1 - beta1**step)
        addcdiv_(param, exp_avg, exp_inf, -clr)
        written(p)
