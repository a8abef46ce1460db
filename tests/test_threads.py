"""Grad mode is per thread (as torch's), and two threads training two models at
once get exactly the results of training them one after the other."""

from __future__ import annotations

import threading

import numpy as np
import torch

import minigrad


def test_no_grad_in_one_thread_leaves_the_other_recording():
    inside, outside = threading.Event(), threading.Event()
    seen = {}

    def quiet():
        with minigrad.no_grad():
            inside.set()
            outside.wait(5)
            seen["quiet"] = minigrad.is_grad_enabled()

    worker = threading.Thread(target=quiet)
    worker.start()
    inside.wait(5)
    x = minigrad.ones(2, requires_grad=True)
    seen["main"] = (x * 2).requires_grad
    outside.set()
    worker.join()
    assert seen == {"main": True, "quiet": False}


def test_a_new_thread_starts_with_grad_enabled_as_torch():
    for lib in (minigrad, torch):
        seen: list = []
        with lib.no_grad():
            t = threading.Thread(target=_record_grad_mode, args=(lib, seen))
            t.start()
            t.join()
        assert seen == [True], lib.__name__


def _record_grad_mode(lib, seen: list) -> None:
    seen.append(lib.is_grad_enabled())


def _train(lib, seed: int, steps: int = 30) -> list[float]:
    rng = np.random.default_rng(seed)
    x = lib.tensor(rng.normal(size=(16, 3)).astype(np.float32))
    y = lib.tensor(rng.normal(size=(16, 1)).astype(np.float32))
    w = lib.tensor(rng.normal(size=(3, 1)).astype(np.float32), requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((x @ w - y) ** 2).mean()
        loss.backward()
        with lib.no_grad():
            w -= 0.1 * w.grad
            w.grad.zero_()
        losses.append(loss.item())
    return losses


def test_two_threads_train_as_if_one_after_the_other():
    alone = [_train(minigrad, s) for s in (1, 2)]
    together: dict = {}
    threads = [
        threading.Thread(
            target=lambda s=s: together.__setitem__(s, _train(minigrad, s))
        )
        for s in (1, 2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [together[1], together[2]] == alone
    # and the numbers torch gives (float32 defaults: NumPy's and MKL's matmuls)
    torch.testing.assert_close(alone[0], _train(torch, 1), rtol=1.3e-6, atol=1e-5)
