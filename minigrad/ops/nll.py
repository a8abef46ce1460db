"""Negative log-likelihood of class indices: one node (NllLossBackward0 / NllLoss2DBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.binary import Div, where
from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op

_LEVELS = 8  # torch's cascade_sum_num_levels


def _sequential(values: np.ndarray, zero):
    """0 + v[0] + v[1] + ... one after another, in the values' dtype."""
    return np.add.accumulate(values)[-1] if values.size else zero


def _segment_sums(values: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The sequential sum of each run values[previous end + 1 : end + 1]."""
    starts = np.concatenate(([0], ends[:-1] + 1))
    widths = ends - starts + 1
    grid = np.zeros((len(ends), int(widths.max())), values.dtype)
    row = np.repeat(np.arange(len(ends)), widths)
    grid[row, np.arange(row.size) - starts[row]] = values[: ends[-1] + 1]
    return np.add.accumulate(grid, axis=1)[:, -1]  # zero padding adds exactly


def cascade_sum(values: np.ndarray, kept: np.ndarray):
    """torch's NLL accumulation, bit for bit: kept values go one by one into
    level 0; after element i, each level j with i % 2^(p (j+1)) == 0 empties
    into level j + 1 (p = max(4, ceil(log2 n) // 8)); the levels are added last."""
    zero = values.dtype.type(0)
    n = values.size
    power = max(4, (max(n - 1, 0)).bit_length() // _LEVELS)
    if n and kept.all():
        return _cascade_all_kept(values, power)
    times = np.flatnonzero(kept)
    events = values[times]
    levels = []
    for j in range(_LEVELS - 1):
        flush = (
            np.flatnonzero(times % (1 << (power * (j + 1))) == 0)
            if events.size
            else events[:0]
        )
        if not flush.size:
            levels.append(_sequential(events, zero))
            break
        levels.append(_sequential(events[flush[-1] + 1 :], zero))
        events, times = _segment_sums(events, flush), times[flush]
        if events.size == 1:
            # NOTE: one value left: it ends in one level, every level above and
            # between holds +0, and adding +0 to the total (never -0) is exact
            levels.append(events[0])
            break
    else:
        levels.append(_sequential(events, zero))
    total = zero
    for level in levels:
        total = total + level
    return total


def _cascade_all_kept(values: np.ndarray, power: int):
    """cascade_sum when every value is kept: value i's time is i, so each level's
    runs are rows of a reshape (the first value alone, then 2^p values each)."""
    step = 1 << power
    levels = []
    events = values
    for _ in range(_LEVELS - 1):
        runs = (events.size - 1) // step
        levels.append(_sequential(events[runs * step + 1 :], values.dtype.type(0)))
        if not runs:  # NOTE: as in cascade_sum: the last value alone, +0 above
            levels.append(events[0])
            break
        rows = events[1 : runs * step + 1].reshape(runs, step)
        events = np.concatenate((events[:1], np.add.accumulate(rows, axis=1)[:, -1]))
    else:
        levels.append(_sequential(events, values.dtype.type(0)))
    total = values.dtype.type(0)
    for level in levels:
        total = total + level
    return total


class NllLoss(Op):
    """l_i = -w[t_i] x[i, t_i] (0 where t_i is ignored); mean divides by sum_i w[t_i];
    dx = -w[t_i] g_i (/ that sum) at the target class, 0 elsewhere"""

    save = (0,)

    def forward(
        self, x, target, weight, reduction, ignore_index, name="NllLossBackward0"
    ):
        self.node_name, self.reduction = name, reduction
        if x.ndim == 2 and weight is None:
            return self._forward_rows(x, target, reduction, ignore_index)
        cdim = 0 if x.ndim == 1 else 1
        self.kept = tuple(1 if i == cdim else n for i, n in enumerate(x.shape))
        xs = np.moveaxis(x, cdim, -1) if x.ndim > 1 else x.reshape(1, -1)
        t = target.reshape(xs.shape[:-1]).astype(np.int64, copy=False)
        ignored = t == ignore_index
        bad = ~ignored & ((t < 0) | (t >= xs.shape[-1]))
        if bad.any():
            raise IndexError(f"Target {t[bad][0]} is out of bounds.")
        t = np.where(ignored, 0, t)[..., None]
        picked = np.take_along_axis(xs, t, -1)[..., 0]
        w = np.ones((), x.dtype) if weight is None else weight[t[..., 0]]
        w = np.where(ignored, x.dtype.type(0), w)
        loss = np.where(ignored, x.dtype.type(0), -(picked * w))
        raw = np.zeros(xs.shape, x.dtype)  # -w at each target class, 0 elsewhere
        np.put_along_axis(raw, t, np.broadcast_to(-w, t.shape[:-1])[..., None], -1)
        total = x.dtype.type(1)
        kept = ~ignored.reshape(-1)
        if reduction == "none":
            out = loss.reshape(target.shape if x.ndim > 1 else ())
        else:
            out = cascade_sum(loss.reshape(-1), kept)
        if reduction == "mean":
            if weight is None:
                total = x.dtype.type(kept.sum())
            else:
                total = cascade_sum(np.broadcast_to(w, ignored.shape).reshape(-1), kept)
            with np.errstate(divide="ignore", invalid="ignore"):
                out = out / total  # NOTE: matches torch: all ignored gives 0 / 0
        raw = np.moveaxis(raw, -1, cdim) if x.ndim > 1 else raw.reshape(x.shape)
        self.grad_params = dict(
            raw=raw, total=total, kept=self.kept, reduction=reduction, cdim=cdim
        )
        return np.asarray(out, dtype=x.dtype)

    def _forward_rows(self, x, target, reduction, ignore_index):
        """forward's path for (N, C) input without class weights, in fewer steps."""
        n = x.shape[0]
        self.kept = (n, 1)
        t = target.reshape(n).astype(np.int64, copy=False)
        ignored = t == ignore_index
        some_ignored = ignored.any()
        bad = (t < 0) | (t >= x.shape[1])
        if some_ignored:
            bad &= ~ignored
        if bad.any():
            raise IndexError(f"Target {t[bad][0]} is out of bounds.")
        if some_ignored:
            t = np.where(ignored, 0, t)
        rows = np.arange(n)
        loss = -x[rows, t]
        minus_w = np.full(n, -1, x.dtype)
        if some_ignored:
            loss[ignored] = 0
            minus_w[ignored] = -0.0  # NOTE: as forward's -w with w = 0
        raw = np.zeros(x.shape, x.dtype)  # -w at each target class, 0 elsewhere
        raw[rows, t] = minus_w
        kept = ~ignored
        total = x.dtype.type(1)
        if reduction == "none":
            out = loss.reshape(target.shape)
        else:
            out = cascade_sum(loss, kept)
        if reduction == "mean":
            total = x.dtype.type(n - np.count_nonzero(ignored))
            with np.errstate(divide="ignore", invalid="ignore"):
                out = out / total  # NOTE: matches torch: all ignored gives 0 / 0
        self.grad_params = dict(
            raw=raw, total=total, kept=self.kept, reduction=reduction, cdim=1
        )
        return np.asarray(out, dtype=x.dtype)

    def backward(self, g, x):
        if not is_array(g):  # NOTE: as torch, the node depends on x too (by zero)
            return (record(NllLossGrad, g, x, **self.grad_params),)
        return (NllLossGrad.scale(g, **self.grad_params),)


class NllLossGrad(Op):
    """y = dx of NllLoss for an upstream g (linear in g, constant in x);
    dg = NllLoss of gg,  dx = None (zero)"""

    node_name = "NllLossBackwardBackward0"

    @staticmethod
    def scale(g, raw, total, kept, reduction, cdim=None):
        if reduction == "none":
            g = g.reshape(kept)
        if not total:  # NOTE: all ignored: zeros, as torch
            return raw * 0 * g
        # NOTE: matches torch: -w times (g / total), rounded in that order
        return raw * (g / total)

    def forward(self, g, x, raw, total, kept, reduction, cdim):
        self.raw, self.total, self.shape = raw, total, g.shape
        self.reduction, self.cdim = reduction, cdim
        return self.scale(g, raw, total, kept, reduction)

    def backward(self, gg):
        terms = gg * self.raw
        if self.reduction == "none":
            summed = (
                np.sum(terms, axis=self.cdim)
                if is_array(terms)
                else terms.sum(self.cdim)
            )
            return summed.reshape(self.shape), None
        summed = np.sum(terms) if is_array(terms) else terms.sum()
        if self.reduction == "sum":
            return summed, None
        with np.errstate(divide="ignore", invalid="ignore"):
            return summed / self.total, None


class AddScalar(Op):
    """y = x + s for a number s;  dx = g  (torch's AddBackward1)"""

    node_name = "AddBackward1"

    def forward(self, x, s):
        return x + s

    def backward(self, g):
        return (g,)


class MulScalar(Op):
    """y = x * s for a number s;  dx = g * s  (torch's MulBackward1)"""

    node_name = "MulBackward1"

    def forward(self, x, s):
        self.s = s
        return x * s

    def backward(self, g):
        return (g * self.s,)


class DivScalar(Op):
    """y = x / s for a number s;  dx = g / s  (torch's DivBackward1)"""

    node_name = "DivBackward1"

    def forward(self, x, s):
        self.s = s
        return x / s

    def backward(self, g):
        return (g / self.s,)


class MaskedFillScalar(Op):
    """y = x with value where mask;  dx = g with 0 where mask"""

    node_name = "MaskedFillBackward0"

    def forward(self, x, mask, value):
        self.mask = mask
        return np.where(mask, x.dtype.type(value), x)

    def backward(self, g):
        return (where(self.mask, 0, g),)


class DivCount(Div):
    """y = a / b (b a count or a sum of weights: 0 / 0 gives nan silently, as torch)."""

    node_name = "DivBackward0"

    def forward(self, a, b, dtype=None):
        with np.errstate(divide="ignore", invalid="ignore"):
            return super().forward(a, b, dtype)

    def backward(self, g, a, b):
        with np.errstate(divide="ignore", invalid="ignore"):
            return super().backward(g, a, b)
