"""Schedules of fixed shape: step, multi-step, exponential, constant, linear, cosine."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from typing import Any, ClassVar

from minigrad.optim.lr_scheduler.base import LRScheduler, _hyperparameters, _values


def _on_cosine(base_lrs: list[Any], eta_min: Any, t: Any, period: Any) -> list[Any]:
    """``eta_min + (base_lr - eta_min) * (1 + cos(pi * t / period)) / 2`` per group."""
    cosine = 1 + math.cos(math.pi * t / period)
    return [eta_min + (base_lr - eta_min) * cosine / 2 for base_lr in base_lrs]


def _check_factor(factor: Any, message: str, zero_allowed: bool = True) -> None:
    """torch's check that a multiplicative factor is in [0, 1] ((0, 1] if not
    ``zero_allowed``); ``message`` is torch's."""
    if factor > 1.0 or factor < 0 or (factor == 0 and not zero_allowed):
        raise ValueError(message)


@_hyperparameters
class StepLR(LRScheduler):
    """``lr *= gamma`` every ``step_size`` epochs."""

    step_size: int
    gamma: float = 0.1

    def get_lr(self) -> list[Any]:
        """Chainable: the current rates, times gamma on a multiple of step_size."""
        self._warn_outside_step()
        if self.last_epoch == 0 or self.last_epoch % self.step_size != 0:
            return _values(self.optimizer, "lr")
        return self._scaled_lrs(self.gamma)

    def _get_closed_form_lr(self) -> list[Any]:
        return [
            base_lr * self.gamma ** (self.last_epoch // self.step_size)
            for base_lr in self.base_lrs
        ]


@_hyperparameters
class MultiStepLR(LRScheduler):
    """``lr *= gamma`` at each milestone (``gamma**n`` if it is listed n times)."""

    milestones: Iterable[int]
    gamma: float = 0.1

    def _store_hyperparameters(self, values: dict[str, Any], last_epoch: int) -> None:
        """The milestones kept as a Counter (a milestone may be listed twice)."""
        values["milestones"] = Counter(values["milestones"])
        super()._store_hyperparameters(values, last_epoch)

    def get_lr(self) -> list[Any]:
        """Chainable: the current rates, times gamma**count at a milestone."""
        self._warn_outside_step()
        if self.last_epoch not in self.milestones:
            return _values(self.optimizer, "lr")
        factor = self.gamma ** self.milestones[self.last_epoch]
        return self._scaled_lrs(factor)

    def _get_closed_form_lr(self) -> list[Any]:
        milestones = sorted(self.milestones.elements())
        return [
            base_lr * self.gamma ** bisect_right(milestones, self.last_epoch)
            for base_lr in self.base_lrs
        ]


@_hyperparameters
class ExponentialLR(LRScheduler):
    """``lr *= gamma`` every epoch."""

    gamma: float

    def get_lr(self) -> list[Any]:
        """Chainable: the current rates times gamma (unchanged at construction)."""
        self._warn_outside_step()
        if self._is_initial:
            return _values(self.optimizer, "lr")
        return self._scaled_lrs(self.gamma)

    def _get_closed_form_lr(self) -> list[Any]:
        return [base_lr * self.gamma**self.last_epoch for base_lr in self.base_lrs]


class _WarmUpLR(LRScheduler):
    """``initial_lr`` times a factor that starts at ``_first_factor`` and settles
    at epoch ``total_iters`` (ConstantLR, LinearLR)."""

    _first_factor: ClassVar[str]  # the name of the attribute that holds it

    def get_lr(self) -> list[Any]:
        """Chainable: times the first factor at epoch 0, then times ``_ratio()``."""
        self._warn_outside_step()
        if self.last_epoch == 0:
            return self._scaled_lrs(getattr(self, self._first_factor))
        ratio = self._ratio()
        if ratio is None:
            return _values(self.optimizer, "lr")
        return self._scaled_lrs(ratio)

    def _ratio(self) -> Any:
        """This epoch's factor over the last one's; None where they are equal."""
        raise NotImplementedError


@_hyperparameters
class ConstantLR(_WarmUpLR):
    """``lr = initial_lr * factor`` until epoch ``total_iters``, then ``initial_lr``."""

    factor: float = 1.0 / 3
    total_iters: int = 5
    _first_factor = "factor"

    def _store_hyperparameters(self, values: dict[str, Any], last_epoch: int) -> None:
        """torch's check of ``factor`` first."""
        message = "Constant multiplicative factor expected to be between 0 and 1."
        _check_factor(values["factor"], message)
        super()._store_hyperparameters(values, last_epoch)

    def _ratio(self) -> Any:
        """``1 / factor`` at ``total_iters`` (back to ``initial_lr``)."""
        return 1.0 / self.factor if self.last_epoch == self.total_iters else None

    def _get_closed_form_lr(self) -> list[Any]:
        done = self.last_epoch >= self.total_iters
        return [
            base_lr * (self.factor + done * (1 - self.factor))
            for base_lr in self.base_lrs
        ]


@_hyperparameters
class LinearLR(_WarmUpLR):
    """The factor of ``initial_lr`` moves linearly from ``start_factor`` to
    ``end_factor`` over ``total_iters`` epochs."""

    start_factor: float = 1.0 / 3
    end_factor: float = 1.0
    total_iters: int = 5
    _first_factor = "start_factor"

    def _store_hyperparameters(self, values: dict[str, Any], last_epoch: int) -> None:
        """torch's checks of both factors first."""
        start = "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."  # noqa: E501
        _check_factor(values["start_factor"], start, zero_allowed=False)
        end = "Ending multiplicative factor expected to be between 0 and 1."
        _check_factor(values["end_factor"], end)
        super()._store_hyperparameters(values, last_epoch)

    def _ratio(self) -> Any:
        """The ratio of consecutive factors on the line, up to ``total_iters``."""
        if self._is_initial or self.last_epoch > self.total_iters:
            return None
        change = self.end_factor - self.start_factor
        return 1.0 + change / (
            self.total_iters * self.start_factor + (self.last_epoch - 1) * change
        )

    def _get_closed_form_lr(self) -> list[Any]:
        change = self.end_factor - self.start_factor
        return [
            base_lr
            * (
                self.start_factor
                + change * min(self.total_iters, self.last_epoch) / self.total_iters
            )
            for base_lr in self.base_lrs
        ]


@_hyperparameters
class CosineAnnealingLR(LRScheduler):
    """Cosine annealing from ``initial_lr`` to ``eta_min`` over ``T_max`` epochs
    (torch's recursive form, which keeps outside changes to the rates)."""

    T_max: int
    eta_min: float = 0.0

    def get_lr(self) -> list[Any]:
        """Chainable: the current rates moved along the cosine by one epoch."""
        self._warn_outside_step()
        groups = self.optimizer.param_groups
        eta_min, t_max, epoch = self.eta_min, self.T_max, self.last_epoch
        if self._is_initial:
            return _values(self.optimizer, "lr")
        if self._step_count == 1 and epoch > 0:
            return _on_cosine(self.base_lrs, eta_min, epoch, t_max)
        if (epoch - 1 - t_max) % (2 * t_max) == 0:
            return [
                group["lr"] + (base_lr - eta_min) * (1 - math.cos(math.pi / t_max)) / 2
                for base_lr, group in zip(self.base_lrs, groups, strict=True)
            ]
        ratio_num = 1 + math.cos(math.pi * epoch / t_max)
        ratio_den = 1 + math.cos(math.pi * (epoch - 1) / t_max)
        return [
            ratio_num / ratio_den * (group["lr"] - eta_min) + eta_min
            for group in groups
        ]

    def _get_closed_form_lr(self) -> list[Any]:
        return _on_cosine(self.base_lrs, self.eta_min, self.last_epoch, self.T_max)


@_hyperparameters
class PolynomialLR(LRScheduler):
    """``lr = initial_lr * (1 - epoch / total_iters) ** power``, then constant."""

    total_iters: int = 5
    power: float = 1.0

    def get_lr(self) -> list[Any]:
        """Chainable: the current rates times the ratio of two polynomial terms."""
        self._warn_outside_step()
        if self._is_initial or self.last_epoch > self.total_iters:
            return _values(self.optimizer, "lr")
        decay_factor = (
            (1.0 - self.last_epoch / self.total_iters)
            / (1.0 - (self.last_epoch - 1) / self.total_iters)
        ) ** self.power
        return self._scaled_lrs(decay_factor)

    def _get_closed_form_lr(self) -> list[Any]:
        done = min(self.total_iters, self.last_epoch) / self.total_iters
        return [base_lr * (1.0 - done) ** self.power for base_lr in self.base_lrs]
