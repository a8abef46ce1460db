"""Adadelta: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from minigrad._exact.fma import add_scaled_
from minigrad.optim._common import (
    FLAG_DEFAULTS,
    check_hyperparameters,
    first_state,
    group_numbers,
    increment,
    picked,
    stepped_parameters,
    weight_decayed,
    written,
)
from minigrad.optim._pointwise import ema_square_, scalar, sqrt
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


class Adadelta(Optimizer):
    """Adadelta (Zeiler), with torch's rho, eps, weight decay and maximize."""

    _unpickled_group_defaults: ClassVar[dict[str, Any]] = FLAG_DEFAULTS
    _tensor_step_counters = True

    def __init__(
        self,
        params: Iterable,
        lr: float | Tensor = 1.0,
        rho: float = 0.9,
        eps: float = 1e-6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        capturable: bool = False,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_hyperparameters(lr=lr)
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = picked(
            locals(),
            "lr",
            "rho",
            "eps",
            "weight_decay",
            "maximize",
            "capturable",
            "foreach",
            "differentiable",
        )
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One Adadelta step; ``closure`` re-evaluates the model and returns the loss."""
        names = ("lr", "rho", "eps", "weight_decay")
        return self._step_each_group(
            closure, group_numbers("Adadelta", *names), _adadelta
        )


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    return first_state(p, "square_avg", "acc_delta")


def _adadelta(
    group: dict[str, Any],
    states: dict,
    lr: float,
    rho: float,
    eps: float,
    weight_decay: float,
    # NOTE: matches torch: _single_tensor_adadelta, one parameter at a time
) -> None:
    for p, state, grad in stepped_parameters(group, states, _init_state):
        param = p._data
        increment(state["step"])
        grad = weight_decayed(p, grad, lr, weight_decay, False)
        square_avg = state["square_avg"]._data
        acc_delta = state["acc_delta"]._data
        ema_square_(square_avg, grad, rho)
        std = sqrt(square_avg + scalar(square_avg, eps))
        delta = sqrt(acc_delta + scalar(acc_delta, eps))
        delta = delta / std * grad
        ema_square_(acc_delta, delta, rho)
        add_scaled_(param, delta, -lr)
        written(p)
