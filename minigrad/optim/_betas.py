"""What the Adam-like rules share: their hyperparameters as numbers."""

from __future__ import annotations

from typing import Any

from minigrad.optim._common import group_number


def beta_numbers(group: dict[str, Any], owner: str) -> tuple[float, ...]:
    """lr, beta1, beta2, eps, weight_decay of an Adam-like group, as numbers."""
    beta1, beta2 = group["betas"]
    return (
        group_number(group, "lr", owner),
        group_number({"beta1": beta1}, "beta1", owner),
        group_number({"beta2": beta2}, "beta2", owner),
        group_number(group, "eps", owner),
        group_number(group, "weight_decay", owner),
    )
