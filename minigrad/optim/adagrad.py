"""Adagrad: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from minigrad._exact.fma import add_scaled
from minigrad.optim._common import (
    check_fused_flags,
    check_hyperparameters,
    first_state,
    group_numbers,
    increment,
    stepped_parameters,
    tensor_type,
    written,
)
from minigrad.optim._pointwise import addcdiv_, addcmul_, scalar, sqrt
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


class Adagrad(Optimizer):
    """Adagrad (Duchi et al.), with torch's lr_decay, weight decay, maximize and
    initial accumulator; state is created for every parameter at construction."""

    _unpickled_group_defaults: ClassVar[dict[str, Any]] = {
        "foreach": None,
        "maximize": False,
        "differentiable": False,
        "fused": None,
    }
    _tensor_step_counters = True

    def __init__(
        self,
        params: Iterable,
        lr: float | Tensor = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        check_hyperparameters(
            lr=lr,
            lr_decay=lr_decay,
            weight_decay=weight_decay,
            initial_accumulator_value=initial_accumulator_value,
            eps=eps,
        )
        defaults = {
            "lr": lr,
            "lr_decay": lr_decay,
            "eps": eps,
            "weight_decay": weight_decay,
            "initial_accumulator_value": initial_accumulator_value,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "fused": fused,
        }
        super().__init__(params, defaults)
        check_fused_flags(fused, foreach, differentiable)
        for group in self.param_groups:
            for p in group["params"]:
                self.state[p].update(_init_state(p, group, initial_accumulator_value))

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One Adagrad step; ``closure`` re-evaluates the model and returns the loss."""
        numbers = group_numbers("Adagrad", "lr", "lr_decay", "eps", "weight_decay")
        initial = self.defaults["initial_accumulator_value"]
        return self._step_each_group(
            closure, lambda g: [*numbers(g), initial], _adagrad
        )


def _init_state(p: Tensor, group: dict[str, Any], value: float) -> dict[str, Tensor]:
    return first_state(p, "sum", fused=bool(group["fused"]), fill=value)


def _adagrad(
    group: dict[str, Any],
    states: dict,
    lr: float,
    lr_decay: float,
    eps: float,
    weight_decay: float,
    initial_accumulator_value: float,
    # NOTE: matches torch: _single_tensor_adagrad, one parameter at a time
) -> None:
    lr_type = tensor_type(group["lr"])  # a tensor lr: clr in its dtype, as torch

    # NOTE: matches torch: a group added by add_param_group gets the defaults' value
    def new_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
        return _init_state(p, group, initial_accumulator_value)

    for p, state, grad in stepped_parameters(group, states, new_state):
        param = p._data
        step = increment(state["step"])
        if weight_decay != 0:
            grad = add_scaled(grad, param, weight_decay)
        clr = lr / (1 + (step - 1) * lr_decay)
        if lr_type is not None:
            clr = float(lr_type(lr) / lr_type(1 + (step - 1) * lr_decay))

        state_sum = state["sum"]._data
        addcmul_(state_sum, grad, grad, 1)
        std = sqrt(state_sum) + scalar(state_sum, eps)
        addcdiv_(param, grad, std, -clr)
        written(p)
