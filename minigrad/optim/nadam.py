"""NAdam: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad.optim._common import first_state, step_counter, stepped, written
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import addcdiv_, ema_square_, lerp_, scalar, sqrt
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    state = first_state(p, "exp_avg", "exp_avg_sq")
    # NOTE: matches torch's order of the state's keys
    return {"step": state.pop("step"), "mu_product": step_counter(value=1), **state}


def _nadam(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_nadam, one parameter at a time
    lr, beta1, beta2, eps, weight_decay, momentum_decay = numbers
    for p, state, grad, step in stepped(optimizer, group, lr, weight_decay):
        bias_correction2 = 1 - beta2**step
        mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * momentum_decay)))
        mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
        product = state["mu_product"]._data
        np.multiply(product, scalar(product, mu), out=product)
        written(state["mu_product"])
        mu_product = float(product)

        exp_avg = state["exp_avg"]._data
        exp_avg_sq = state["exp_avg_sq"]._data
        lerp_(exp_avg, grad, 1 - beta1)
        ema_square_(exp_avg_sq, grad, beta2)
        denom = sqrt(exp_avg_sq / scalar(exp_avg_sq, bias_correction2))
        denom += scalar(denom, eps)
        addcdiv_(p._data, grad, denom, -lr * (1.0 - mu) / (1.0 - mu_product))
        mu_product_next = mu_product * mu_next
        addcdiv_(p._data, exp_avg, denom, (-lr * mu_next) / (1.0 - mu_product_next))
        written(p, 2)


class NAdam(Optimizer):
    """NAdam (Dozat): Adam with Nesterov momentum and torch's momentum decay."""

    _declaration = Declaration("NAdam", _nadam, new_state=_init_state)
