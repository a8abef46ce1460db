"""RAdam: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

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
from minigrad.optim._pointwise import ema_square_, lerp_, scalar, sqrt
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


class RAdam(Optimizer):
    """RAdam (Liu et al.): Adam with the variance rectification term."""

    _unpickled_group_defaults: ClassVar[dict[str, Any]] = {
        **FLAG_DEFAULTS,
        "decoupled_weight_decay": False,
    }
    _tensor_step_counters = True

    def __init__(
        self,
        params: Iterable,
        lr: float | Tensor = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        decoupled_weight_decay: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        defaults = picked(
            locals(),
            "lr",
            "betas",
            "eps",
            "weight_decay",
            "maximize",
            "foreach",
            "capturable",
            "decoupled_weight_decay",
            "differentiable",
        )
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One RAdam step; ``closure`` re-evaluates the model and returns the loss."""
        return self._step_each_group(
            closure, lambda g: beta_numbers(g, "RAdam"), _radam
        )


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    return first_state(p, "exp_avg", "exp_avg_sq")


def _radam(group: dict[str, Any], states: dict, *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_radam, one parameter at a time
    lr, beta1, beta2, eps, weight_decay = numbers
    decoupled = group["decoupled_weight_decay"]
    for p, state, grad in stepped_parameters(group, states, _init_state):
        param = p._data
        step = increment(state["step"])
        grad = weight_decayed(p, grad, lr, weight_decay, decoupled)
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
