"""AdamW: Adam with decoupled weight decay (default 1e-2), as torch defines it."""

from __future__ import annotations

from typing import Any

from minigrad.optim._declared import Declaration
from minigrad.optim.adam import Adam


class AdamW(Adam):
    """Adam whose weight decay scales the parameters (``p *= 1 - lr * wd``)
    instead of entering the gradient's moments."""

    _declaration = Declaration(
        "AdamW", Adam._declaration.rule, Adam._declaration.new_state
    )

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        for group in self.param_groups:
            group["decoupled_weight_decay"] = True
