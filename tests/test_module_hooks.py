"""Module hooks against torch: forward pre-hooks and hooks (also with kwargs),
full backward pre-hooks and hooks, their order, replacements and handles."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import assert_same

X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], dtype=np.float32)
G = np.array([[1.0, -1.0], [2.0, 0.5]], dtype=np.float32)


def _r(t):
    return (
        None
        if t is None
        else np.round(t.detach().numpy().astype(np.float64), 4).tolist()
    )


def _model(lib):
    lib.manual_seed(0)
    return lib.nn.Sequential(lib.nn.Linear(3, 2), lib.nn.Sigmoid())


def _scenario(lib, x_requires_grad=True, replace=False):
    log: list = []
    m = _model(lib)
    lin = m[0]
    lin.register_forward_pre_hook(lambda mod, a: log.append(("pre", tuple(a[0].shape))))
    lin.register_forward_pre_hook(lambda mod, a: (a[0] * 2,))
    lin.register_forward_hook(lambda mod, a, o: log.append(("fwd", _r(o))))
    lin.register_full_backward_pre_hook(
        lambda mod, go: log.append(("bpre", [_r(g) for g in go]))
    )
    lin.register_full_backward_hook(
        lambda mod, gi, go: log.append(
            ("bwd", [_r(g) for g in gi], [_r(g) for g in go])
        )
    )
    if replace:
        lin.register_full_backward_hook(
            lambda mod, gi, go: tuple(None if g is None else g * 3 for g in gi)
        )
    x = lib.tensor(X, requires_grad=x_requires_grad)
    y = m(x)
    y.backward(lib.tensor(G))
    graph = [type(f).__name__ for f, _ in y.grad_fn.next_functions]
    return log, graph, x.grad, lin.weight.grad


@pytest.mark.parametrize("x_requires_grad", [True, False])
@pytest.mark.parametrize("replace", [False, True])
def test_module_hooks_as_torch(x_requires_grad, replace):
    mine = _scenario(minigrad, x_requires_grad, replace)
    theirs = _scenario(torch, x_requires_grad, replace)
    assert mine[0] == theirs[0]
    assert mine[1] == theirs[1]
    assert_same(mine[2], theirs[2], "x.grad")
    assert_same(mine[3], theirs[3], "weight.grad")


def test_forward_hooks_with_kwargs_and_prepend():
    def run(lib):
        log: list = []
        m = _model(lib)[0]
        m.register_forward_hook(lambda mod, a, o: log.append("second"))
        m.register_forward_hook(lambda mod, a, o: log.append("first"), prepend=True)
        m.register_forward_pre_hook(
            lambda mod, a, kw: log.append(sorted(kw)) or (a, kw), with_kwargs=True
        )
        m.register_forward_hook(lambda mod, a, kw, o: o * 0, with_kwargs=True)
        out = m(lib.tensor(X))
        return log, out

    mine, theirs = run(minigrad), run(torch)
    assert mine[0] == theirs[0]
    assert_same(mine[1], theirs[1], "output")


def test_removed_module_hooks_do_not_run():
    for lib in (minigrad, torch):
        calls: list = []
        m = _model(lib)
        handle = m.register_forward_hook(calls.append)
        handle.remove()
        m(lib.tensor(X))
        assert calls == [], lib.__name__
