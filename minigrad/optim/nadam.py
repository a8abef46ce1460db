"""NAdam: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import numpy as np

from minigrad.optim._betas import beta_numbers
from minigrad.optim._common import (
    FLAG_DEFAULTS,
    check_hyperparameters,
    first_state,
    group_number,
    increment,
    picked,
    step_counter,
    stepped_parameters,
    weight_decayed,
    written,
)
from minigrad.optim._pointwise import (
    addcdiv_,
    ema_square_,
    lerp_,
    scalar,
    sqrt,
)
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


class NAdam(Optimizer):
    """NAdam (Dozat): Adam with Nesterov momentum and torch's momentum decay."""

    _unpickled_group_defaults: ClassVar[dict[str, Any]] = {
        **FLAG_DEFAULTS,
        "decoupled_weight_decay": False,
    }
    _tensor_step_counters = True

    def __init__(
        self,
        params: Iterable,
        lr: float | Tensor = 2e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum_decay: float = 4e-3,
        decoupled_weight_decay: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        if not 0.0 <= momentum_decay:
            raise ValueError(f"Invalid momentum_decay value: {momentum_decay}")
        defaults = picked(
            locals(),
            "lr",
            "betas",
            "eps",
            "weight_decay",
            "momentum_decay",
            "decoupled_weight_decay",
            "maximize",
            "foreach",
            "capturable",
            "differentiable",
        )
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One NAdam step; ``closure`` re-evaluates the model and returns the loss."""

        def numbers(group: dict[str, Any]) -> tuple[float, ...]:
            decay = group_number(group, "momentum_decay", "NAdam")
            return (*beta_numbers(group, "NAdam"), decay)

        return self._step_each_group(closure, numbers, _nadam)


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    state = first_state(p, "exp_avg", "exp_avg_sq")
    state["mu_product"] = step_counter()
    state["mu_product"]._data[...] = 1
    # NOTE: matches torch's order of the state's keys
    return {key: state[key] for key in ("step", "mu_product", "exp_avg", "exp_avg_sq")}


def _nadam(group: dict[str, Any], states: dict, *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_nadam, one parameter at a time
    lr, beta1, beta2, eps, weight_decay, momentum_decay = numbers
    decoupled = group["decoupled_weight_decay"]
    for p, state, grad in stepped_parameters(group, states, _init_state):
        param = p._data
        step = increment(state["step"])
        bias_correction2 = 1 - beta2**step
        grad = weight_decayed(p, grad, lr, weight_decay, decoupled)
        mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * momentum_decay)))
        mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
        product = state["mu_product"]._data
        np.multiply(product, scalar(product, mu), out=product)
        state["mu_product"]._vc[0] += 1
        mu_product = float(product)

        exp_avg = state["exp_avg"]._data
        exp_avg_sq = state["exp_avg_sq"]._data
        lerp_(exp_avg, grad, 1 - beta1)
        ema_square_(exp_avg_sq, grad, beta2)
        denom = sqrt(exp_avg_sq / scalar(exp_avg_sq, bias_correction2))
        denom += scalar(denom, eps)
        addcdiv_(param, grad, denom, -lr * (1.0 - mu) / (1.0 - mu_product))
        mu_product_next = mu_product * mu_next
        addcdiv_(param, exp_avg, denom, (-lr * mu_next) / (1.0 - mu_product_next))
        written(p, 2)
