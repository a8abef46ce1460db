"""Adamax: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad.optim._common import stepped, written
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import addcdiv_, lerp_, scalar
from minigrad.optim.optimizer import Optimizer


def _adamax(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_adamax, one parameter at a time
    lr, beta1, beta2, eps, weight_decay = numbers
    for p, state, grad, step in stepped(optimizer, group, lr, weight_decay):
        exp_avg = state["exp_avg"]._data
        exp_inf = state["exp_inf"]._data
        lerp_(exp_avg, grad, 1 - beta1)
        np.multiply(exp_inf, scalar(exp_inf, beta2), out=exp_inf)
        np.maximum(exp_inf, np.abs(grad) + scalar(exp_inf, eps), out=exp_inf)
        clr = lr / (1 - beta1**step)
        addcdiv_(p._data, exp_avg, exp_inf, -clr)
        written(p)


class Adamax(Optimizer):
    """Adamax (Kingma & Ba): Adam with the infinity norm of past gradients."""

    _declaration = Declaration("Adamax", _adamax)
