"""Adadelta: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

from minigrad._exact.fma import add_scaled_
from minigrad.optim._common import stepped, written
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import ema_square_, scalar, sqrt
from minigrad.optim.optimizer import Optimizer


def _adadelta(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_adadelta, one parameter at a time
    lr, rho, eps, weight_decay = numbers
    for p, state, grad, _ in stepped(optimizer, group, lr, weight_decay):
        square_avg = state["square_avg"]._data
        acc_delta = state["acc_delta"]._data
        ema_square_(square_avg, grad, rho)
        std = sqrt(square_avg + scalar(square_avg, eps))
        delta = sqrt(acc_delta + scalar(acc_delta, eps))
        delta = delta / std * grad
        ema_square_(acc_delta, delta, rho)
        add_scaled_(p._data, delta, -lr)
        written(p)


class Adadelta(Optimizer):
    """Adadelta (Zeiler), with torch's rho, eps, weight decay and maximize."""

    _declaration = Declaration("Adadelta", _adadelta)
