"""ASGD: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad._exact.fma import add_scaled_
from minigrad.optim._common import group_number, step_counter, stepped, written
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import scalar
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor, _wrap


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    return {
        "step": step_counter(),
        "eta": step_counter(value=group_number(group, "lr", "ASGD")),
        "mu": step_counter(value=1),
        "ax": _wrap(np.zeros_like(p._data)),
    }


def _asgd(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_asgd, one parameter at a time
    lr, lambd, alpha, t0, weight_decay = numbers
    for p, state, grad, step in stepped(optimizer, group, lr, weight_decay):
        param = p._data
        eta = float(state["eta"]._data)
        np.multiply(param, scalar(param, 1 - lambd * eta), out=param)
        add_scaled_(param, grad, -eta)
        written(p, 2)
        ax = state["ax"]._data
        mu = state["mu"]._data
        if mu != 1:
            ax += (param - ax) * mu.astype(ax.dtype)
        else:
            ax[...] = param
        state["eta"]._data[...] = lr / ((1 + lambd * lr * step) ** alpha)
        state["mu"]._data[...] = 1 / max(1, step - t0)


class ASGD(Optimizer):
    """Averaged SGD (Polyak & Juditsky): ``ax`` holds the running average."""

    _declaration = Declaration("ASGD", _asgd, new_state=_init_state)
