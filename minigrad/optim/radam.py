"""RAdam: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

from minigrad.optim._common import stepped, written
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import ema_square_, lerp_, scalar, sqrt
from minigrad.optim.optimizer import Optimizer


def _radam(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_radam, one parameter at a time
    lr, beta1, beta2, eps, weight_decay = numbers
    for p, state, grad, step in stepped(optimizer, group, lr, weight_decay):
        param = p._data
        exp_avg = state["exp_avg"]._data
        exp_avg_sq = state["exp_avg_sq"]._data
        lerp_(exp_avg, grad, 1 - beta1)
        ema_square_(exp_avg_sq, grad, beta2)

        bias_correction1 = 1 - beta1**step
        bias_correction2 = 1 - beta2**step
        update = (exp_avg / scalar(exp_avg, bias_correction1)) * scalar(param, lr)
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 * step * (beta2**step) / bias_correction2
        if rho_t > 5.0:
            rect = (
                (rho_t - 4)
                * (rho_t - 2)
                * rho_inf
                / ((rho_inf - 4) * (rho_inf - 2) * rho_t)
            ) ** 0.5
            denom = sqrt(exp_avg_sq) + scalar(exp_avg_sq, eps)
            # NOTE: matches torch: number / tensor is tensor.reciprocal() * number
            one = scalar(denom, 1)
            adaptive = (one / denom) * scalar(denom, bias_correction2**0.5)
            update = update * adaptive * scalar(update, rect)
        param -= update
        written(p)


class RAdam(Optimizer):
    """RAdam (Liu et al.): Adam with the variance rectification term."""

    _declaration = Declaration("RAdam", _radam)
