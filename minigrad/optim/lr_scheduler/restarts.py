"""CosineAnnealingWarmRestarts: cosine annealing restarted every T_i epochs."""

from __future__ import annotations

import math
from typing import Any

from minigrad.optim.lr_scheduler.base import LRScheduler, _hyperparameters
from minigrad.optim.lr_scheduler.decays import _on_cosine


@_hyperparameters
class CosineAnnealingWarmRestarts(LRScheduler):
    """SGDR (Loshchilov & Hutter): the cosine from ``initial_lr`` to ``eta_min``
    over ``T_i`` epochs, restarted with ``T_i *= T_mult``."""

    T_0: int
    T_mult: int = 1
    eta_min: float = 0.0

    def _store_hyperparameters(self, values: dict[str, Any], last_epoch: int) -> None:
        """torch's checks; the period ``T_i`` and position ``T_cur`` kept alongside."""
        t_0, t_mult, eta_min = values["T_0"], values["T_mult"], values["eta_min"]
        if t_0 <= 0 or not isinstance(t_0, int):
            raise ValueError(f"Expected positive integer T_0, but got {t_0}")
        if t_mult < 1 or not isinstance(t_mult, int):
            raise ValueError(f"Expected integer T_mult >= 1, but got {t_mult}")
        if not isinstance(eta_min, (float, int)):
            raise ValueError(
                f"Expected float or int eta_min, but got {eta_min} of type {type(eta_min)}"  # noqa: E501
            )
        # NOTE: matches torch: the state_dict's order is T_0, T_i, T_mult, eta_min, T_cur
        periods = {"T_0": t_0, "T_i": t_0, "T_mult": t_mult, "eta_min": eta_min}
        super()._store_hyperparameters({**periods, "T_cur": last_epoch}, last_epoch)

    def get_lr(self) -> list[Any]:
        """The cosine at ``T_cur / T_i`` (a closed form: no chaining)."""
        self._warn_outside_step()
        return _on_cosine(self.base_lrs, self.eta_min, self.T_cur, self.T_i)

    def step(self, epoch: float | None = None) -> None:
        """Advance one epoch, or jump to ``epoch`` (fractions allowed, as torch)."""
        if epoch is None and self.last_epoch < 0:
            epoch = 0
        if epoch is None:
            epoch = self.last_epoch + 1
            self.T_cur = self.T_cur + 1
            if self.T_cur >= self.T_i:
                self.T_cur = self.T_cur % self.T_i
                self.T_i = self.T_i * self.T_mult
        elif epoch < 0:
            raise ValueError(f"Expected non-negative epoch, but got {epoch}")
        elif epoch >= self.T_0:
            if self.T_mult == 1:
                self.T_cur = epoch % self.T_0
            else:
                ratio = epoch / self.T_0 * (self.T_mult - 1) + 1
                n = int(math.log(ratio, self.T_mult))
                self.T_cur = epoch - self.T_0 * (self.T_mult**n - 1) / (self.T_mult - 1)
                self.T_i = self.T_0 * self.T_mult**n
        else:
            self.T_i = self.T_0
            self.T_cur = epoch
        self.last_epoch = math.floor(epoch)
        self._set_lrs(self.get_lr)
