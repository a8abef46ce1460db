"""Adagrad: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

from minigrad.optim._common import first_state, stepped, tensor_type, written
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import addcdiv_, addcmul_, scalar, sqrt
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


def _adagrad(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_adagrad, one parameter at a time
    lr, lr_decay, eps, weight_decay = numbers
    lr_type = tensor_type(group["lr"])  # a tensor lr: clr in its dtype, as torch
    for p, state, grad, step in stepped(optimizer, group, lr, weight_decay):
        clr = lr / (1 + (step - 1) * lr_decay)
        if lr_type is not None:
            clr = float(lr_type(lr) / lr_type(1 + (step - 1) * lr_decay))

        state_sum = state["sum"]._data
        addcmul_(state_sum, grad, grad, 1)
        std = sqrt(state_sum) + scalar(state_sum, eps)
        addcdiv_(p._data, grad, std, -clr)
        written(p)


class Adagrad(Optimizer):
    """Adagrad (Duchi et al.), with torch's lr_decay, weight decay, maximize and
    initial accumulator; state is created for every parameter at construction."""

    _declaration = Declaration("Adagrad", _adagrad)

    def _constructed(self) -> None:
        """torch's Adagrad makes every parameter's state at construction."""
        for group in self.param_groups:
            for p in group["params"]:
                self.state[p].update(self._new_state(p, group))

    def _new_state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
        # NOTE: matches torch: the defaults' initial_accumulator_value, also for a
        # group added by add_param_group
        initial = self.defaults["initial_accumulator_value"]
        return first_state(p, "sum", fused=bool(group["fused"]), fill=initial)
