"""LambdaLR and MultiplicativeLR: learning rates from the user's functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from minigrad.optim.lr_scheduler.base import LRScheduler, _callable_state, _values
from minigrad.optim.optimizer import Optimizer


def _lambdas(optimizer: Optimizer, lr_lambda: Any) -> list[Callable[[int], float]]:
    if not isinstance(lr_lambda, (list, tuple)):
        return [lr_lambda] * len(optimizer.param_groups)
    if len(lr_lambda) != len(optimizer.param_groups):
        raise ValueError(
            f"Expected {len(optimizer.param_groups)} lr_lambdas, but got {len(lr_lambda)}"  # noqa: E501
        )
    return list(lr_lambda)


class _LambdaScheduler(LRScheduler):
    """A scheduler driven by the user's functions, one per parameter group; its
    state_dict keeps the attributes of callable objects (functions are saved as None)."""

    lr_lambdas: list[Callable[[int], float]]
    # NOTE: matches torch: MultiplicativeLR refuses a non-callable, LambdaLR does not
    _callables_only: ClassVar[bool] = False
    _saved_apart = "lr_lambdas"

    def __init__(
        self,
        optimizer: Optimizer,
        lr_lambda: Callable[[int], float] | list[Callable[[int], float]],
        last_epoch: int = -1,
    ) -> None:
        self.optimizer = optimizer
        self.lr_lambdas = _lambdas(optimizer, lr_lambda)
        if self._callables_only:
            for fn in self.lr_lambdas:
                if not callable(fn):
                    raise TypeError(
                        f"lr_lambda should be a function, but got {type(fn).__name__}"
                    )
        super().__init__(optimizer, last_epoch)

    def _save_apart(self) -> list[dict[str, Any] | None]:
        return [_callable_state(fn) for fn in self.lr_lambdas]

    def _load_apart(self, saved: list[dict[str, Any] | None]) -> None:
        for fn, attributes in zip(self.lr_lambdas, saved, strict=False):
            if attributes is not None:
                fn.__dict__.update(attributes)


class LambdaLR(_LambdaScheduler):
    """``lr = initial_lr * lr_lambda(epoch)``, per group."""

    def get_lr(self) -> list[Any]:
        """``base_lr * lmbda(last_epoch)`` for every group."""
        self._warn_outside_step()
        return [
            base_lr * lmbda(self.last_epoch)
            for lmbda, base_lr in zip(self.lr_lambdas, self.base_lrs, strict=True)
        ]


class MultiplicativeLR(_LambdaScheduler):
    """``lr *= lr_lambda(epoch)`` every epoch after the first, per group."""

    _callables_only = True

    def get_lr(self) -> list[Any]:
        """The current rates times ``lmbda(last_epoch)`` (unchanged at first)."""
        self._warn_outside_step()
        if self._is_initial:
            return _values(self.optimizer, "lr")
        return [
            group["lr"] * lmbda(self.last_epoch)
            for lmbda, group in zip(
                self.lr_lambdas, self.optimizer.param_groups, strict=True
            )
        ]
