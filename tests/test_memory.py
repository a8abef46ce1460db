"""Memory: no reference cycle between a tensor and its node, activations freed by
reference counting alone, a training loop's peak memory flat across steps."""

from __future__ import annotations

import gc
import tracemalloc
import weakref
from contextlib import contextmanager

import numpy as np
import pytest

import minigrad
from minigrad import nn


@contextmanager
def no_cycle_collection():
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _graph(retain: bool, view_inplace: bool = False):
    x = minigrad.tensor(np.ones((3, 4), np.float32), requires_grad=True)
    h = (x * 2).sin()
    if retain:
        h.retain_grad()
    if view_inplace:
        h[1:].mul_(3)
        h.t()[0].zero_()
    y = (h * h).sum()
    return x, h, y


@pytest.mark.parametrize("retain", [False, True])
@pytest.mark.parametrize("view_inplace", [False, True])
@pytest.mark.parametrize("backward", [False, True])
def test_activations_freed_by_reference_counting(retain, view_inplace, backward):
    with no_cycle_collection():
        x, h, y = _graph(retain, view_inplace)
        if backward:
            y.backward()
        refs = [weakref.ref(t) for t in (h, y)] + [weakref.ref(y.grad_fn)]
        del h, y
        assert all(r() is None for r in refs), (
            "an activation outlived its last reference"
        )
        assert x.grad is not None or not backward


def test_retained_grad_kept_and_freed():
    with no_cycle_collection():
        x, h, y = _graph(retain=True)
        y.backward()
        g = weakref.ref(h.grad)
        assert h.grad is not None
        del h, y
        assert g() is None


def test_view_and_base_freed():
    with no_cycle_collection():
        x = minigrad.tensor(np.ones((4, 4), np.float32), requires_grad=True)
        base = x * 1.0
        view = base[1:, ::2]
        view.add_(1)
        out = view.sum() + base.sum()
        refs = [weakref.ref(t) for t in (base, view, out)]
        del base, view, out
        assert all(r() is None for r in refs)


def _peaks(steps: int) -> list[int]:
    minigrad.manual_seed(0)
    model = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 1))
    opt = minigrad.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = minigrad.randn(256, 32)
    t = minigrad.randn(256, 1)
    peaks = [0] * steps
    for i in range(steps):
        tracemalloc.reset_peak()
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), t)
        loss.backward()
        opt.step()
        peaks[i] = tracemalloc.get_traced_memory()[1]
    return peaks


def test_training_loop_memory_flat_without_cycle_collection():
    with no_cycle_collection():
        tracemalloc.start()
        try:
            peaks = _peaks(12)
        finally:
            tracemalloc.stop()
    # NOTE: one step's activations take over 64 KiB (256 x 64 float32): a leak of
    # any of them over ten steps would show; the margin allows for interpreter
    # caches (a few hundred bytes a step, not freed memory of minigrad's).
    assert max(peaks[2:]) - peaks[2] < 16384, peaks
