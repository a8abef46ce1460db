"""Rprop: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad.optim._common import first_state, group_number, stepped, written
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import addcmul_, scalar
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor, _wrap


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    lr = group_number(group, "lr", "Rprop")
    state = first_state(p, "prev")
    state["step_size"] = _wrap(np.full_like(p._data, lr))
    return state


def _rprop(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_rprop, one parameter at a time
    lr, etaminus, etaplus, step_size_min, step_size_max = numbers
    for p, state, grad, _ in stepped(optimizer, group):
        prev = state["prev"]._data
        step_size = state["step_size"]._data
        sign = np.sign(grad * prev)
        minus, plus = scalar(sign, etaminus), scalar(sign, etaplus)
        sign = np.where(sign > 0, plus, np.where(sign < 0, minus, sign))
        sign[sign == 0] = 1
        np.multiply(step_size, sign, out=step_size)
        low, high = scalar(step_size, step_size_min), scalar(step_size, step_size_max)
        np.minimum(np.maximum(step_size, low), high, out=step_size)
        grad = np.where(sign == minus, grad.dtype.type(0), grad)
        addcmul_(p._data, np.sign(grad), step_size, -1)
        prev[...] = grad
        written(p)


class Rprop(Optimizer):
    """Rprop (resilient backpropagation): per-element step sizes grown by
    ``etas[1]`` while the gradient keeps its sign, shrunk by ``etas[0]`` on a flip."""

    _declaration = Declaration("Rprop", _rprop, new_state=_init_state)
