"""RMSprop: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import numpy as np

from minigrad._exact.fma import add_scaled, add_scaled_
from minigrad.optim._common import (
    check_hyperparameters,
    first_state,
    group_numbers,
    increment,
    stepped_parameters,
    written,
)
from minigrad.optim._pointwise import (
    addcdiv_,
    addcmul,
    addcmul_,
    lerp_,
    scalar,
    sqrt,
)
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


class RMSprop(Optimizer):
    """RMSprop (Hinton), with torch's flags: momentum, centered, maximize, weight
    decay; ``square_avg = alpha * square_avg + (1 - alpha) * g**2``."""

    _unpickled_group_defaults: ClassVar[dict[str, Any]] = {
        "momentum": 0,
        "centered": False,
        "foreach": None,
        "maximize": False,
        "differentiable": False,
        "capturable": False,
    }
    _tensor_step_counters = True

    def __init__(
        self,
        params: Iterable,
        lr: float | Tensor = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_hyperparameters(
            lr=lr, eps=eps, momentum=momentum, weight_decay=weight_decay, alpha=alpha
        )
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "alpha": alpha,
            "eps": eps,
            "centered": centered,
            "weight_decay": weight_decay,
            "capturable": capturable,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One RMSprop step; ``closure`` re-evaluates the model and returns the loss."""
        names = ("lr", "alpha", "eps", "weight_decay", "momentum")
        return self._step_each_group(
            closure, group_numbers("RMSprop", *names), _rmsprop
        )


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    buffers = ["square_avg"]
    if group["momentum"] > 0:
        buffers.append("momentum_buffer")
    if group["centered"]:
        buffers.append("grad_avg")
    return first_state(p, *buffers)


def _rmsprop(
    group: dict[str, Any],
    states: dict,
    lr: float,
    alpha: float,
    eps: float,
    weight_decay: float,
    momentum: float,
    # NOTE: matches torch: _single_tensor_rmsprop, one parameter at a time
) -> None:
    centered = group["centered"]
    for p, state, grad in stepped_parameters(group, states, _init_state):
        param = p._data
        increment(state["step"])
        if weight_decay != 0:
            grad = add_scaled(grad, param, weight_decay)

        square_avg = state["square_avg"]._data
        np.multiply(square_avg, scalar(square_avg, alpha), out=square_avg)
        addcmul_(square_avg, grad, grad, 1 - alpha)
        if centered:
            grad_avg = state["grad_avg"]._data
            lerp_(grad_avg, grad, 1 - alpha)
            avg = sqrt(addcmul(square_avg, grad_avg, grad_avg, -1))
        else:
            avg = sqrt(square_avg)
        avg = avg + scalar(square_avg, eps)

        if momentum > 0:
            buf = state["momentum_buffer"]._data
            np.multiply(buf, scalar(buf, momentum), out=buf)
            addcdiv_(buf, grad, avg)
            add_scaled_(param, buf, -lr)
        else:
            addcdiv_(param, grad, avg, -lr)
        written(p)
