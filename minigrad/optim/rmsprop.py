"""RMSprop: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad._exact.fma import add_scaled_
from minigrad.optim._common import first_state, stepped, written
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import (
    addcdiv_,
    addcmul,
    ema_square_,
    lerp_,
    scalar,
    sqrt,
)
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    buffers = ["square_avg"]
    if group["momentum"] > 0:
        buffers.append("momentum_buffer")
    if group["centered"]:
        buffers.append("grad_avg")
    return first_state(p, *buffers)


def _rmsprop(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_rmsprop, one parameter at a time
    lr, alpha, eps, weight_decay, momentum = numbers
    for p, state, grad, _ in stepped(optimizer, group, lr, weight_decay):
        square_avg = state["square_avg"]._data
        ema_square_(square_avg, grad, alpha)
        if group["centered"]:
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
            add_scaled_(p._data, buf, -lr)
        else:
            addcdiv_(p._data, grad, avg, -lr)
        written(p)


class RMSprop(Optimizer):
    """RMSprop (Hinton), with torch's flags: momentum, centered, maximize, weight
    decay; ``square_avg = alpha * square_avg + (1 - alpha) * g**2``."""

    _declaration = Declaration("RMSprop", _rmsprop, new_state=_init_state)
