"""Hooks against torch: tensor hooks, node pre-hooks and hooks, their order,
replacement gradients, handles, retain_grad and post-accumulate hooks."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import LIBS, assert_same

X = np.array([[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]], dtype=np.float32)
W = np.array([[0.3, -0.2], [0.1, 0.4], [-0.5, 0.6]], dtype=np.float32)
G = np.array([[1.0, -2.0], [0.5, 3.0]], dtype=np.float32)  # non-uniform upstream


def _values(x) -> object:
    if isinstance(x, (tuple, list)):
        return tuple(_values(v) for v in x)
    if x is None:
        return None
    return np.asarray(x.detach().numpy()).tolist()


def _run(lib, scenario):
    log: list = []
    out = scenario(lib, log)
    return log, out


def _both(scenario):
    mine = _run(minigrad, scenario)
    theirs = _run(torch, scenario)
    _same_log(mine[0], theirs[0])
    for a, b in zip(mine[1], theirs[1]):
        assert_same(a, b, "result")


def _same_log(mine, theirs) -> None:
    """The hook calls in the same order with the same values (float32 defaults of
    assert_close: the values come out of tanh and matrix products)."""
    if isinstance(theirs, (tuple, list)):
        assert isinstance(mine, (tuple, list)) and len(mine) == len(theirs), (
            mine,
            theirs,
        )
        for a, b in zip(mine, theirs):
            _same_log(a, b)
    elif isinstance(theirs, float):
        torch.testing.assert_close(mine, theirs, rtol=1.3e-6, atol=1e-5)
    else:
        assert mine == theirs


def _leaf(lib, a):
    return lib.tensor(a, requires_grad=True)


def test_tensor_hooks_order_and_replacement():
    def scenario(lib, log):
        x, w = _leaf(lib, X), _leaf(lib, W)
        h = x @ w
        h.register_hook(lambda g: log.append(("h1", _values(g))))
        h.register_hook(lambda g: g * 3)
        h.register_hook(lambda g: log.append(("h3", _values(g))))
        y = h.tanh()
        x.register_hook(lambda g: log.append(("x", _values(g))))
        y.backward(lib.tensor(G))
        return x.grad, w.grad

    _both(scenario)


def test_node_prehook_and_hook_see_and_replace_gradients():
    def scenario(lib, log):
        x, w = _leaf(lib, X), _leaf(lib, W)
        y = (x @ w).sigmoid()
        node = y.grad_fn
        node.register_prehook(lambda go: log.append(("pre", _values(go))))
        node.register_prehook(lambda go: (go[0] * 2,))
        node.register_hook(
            lambda gi, go: log.append(("post", _values(gi), _values(go)))
        )
        mm = node.next_functions[0][0]
        mm.register_hook(lambda gi, go: tuple(None if g is None else g + 1 for g in gi))
        y.backward(lib.tensor(G))
        return x.grad, w.grad

    _both(scenario)


def test_removed_hooks_do_not_run_and_handles_are_context_managers():
    def scenario(lib, log):
        x = _leaf(lib, X)
        handle = x.register_hook(lambda g: log.append("removed"))
        handle.remove()
        with x.register_hook(lambda g: log.append("scoped")):
            (x * 2).sum().backward()
        (x * 3).sum().backward()
        return (x.grad,)

    _both(scenario)


def test_retain_grad_sees_the_hooked_gradient_and_accumulates():
    def scenario(lib, log):
        x = _leaf(lib, X)
        y = x * 2
        y.retain_grad()
        y.register_hook(lambda g: g * 5)
        z = (y * y).sum()
        z.backward(retain_graph=True)
        z.backward()
        log.append(y.retains_grad)
        return x.grad, y.grad

    _both(scenario)


def test_post_accumulate_grad_hook_sees_the_new_grad():
    def scenario(lib, log):
        w = _leaf(lib, W)
        w.register_post_accumulate_grad_hook(lambda p: log.append(_values(p.grad)))
        (w * lib.tensor(W)).sum().backward()
        (w * 2).sum().backward()
        return (w.grad,)

    _both(scenario)


def test_hooks_under_create_graph_are_differentiable():
    def scenario(lib, log):
        x = _leaf(lib, X)
        y = x.pow(3)
        y.register_hook(lambda g: g * x)
        (gx,) = lib.autograd.grad(y.sum(), x, create_graph=True)
        (ggx,) = lib.autograd.grad(gx.sum(), x)
        return gx, ggx

    _both(scenario)


@pytest.mark.parametrize("lib", ["minigrad", "torch"])
def test_hook_on_a_tensor_without_grad_is_refused(lib):
    t = LIBS[lib].ones(2)
    with pytest.raises(RuntimeError, match="doesn't require gradient"):
        t.register_hook(lambda g: g)


@pytest.mark.parametrize("lib", ["minigrad", "torch"])
def test_post_accumulate_hook_on_a_non_leaf_is_refused(lib):
    t = LIBS[lib].ones(2, requires_grad=True) * 2
    with pytest.raises(RuntimeError, match="non-leaf"):
        t.register_post_accumulate_grad_hook(lambda p: None)


def test_node_names_are_torchs_class_names():
    for lib in (minigrad, torch):
        x = lib.ones(3, 2, requires_grad=True)
        y = lib.nn.functional.mse_loss(lib.nn.Linear(2, 1)(x), lib.zeros(3, 1))
        names = [type(y.grad_fn).__name__]
        names.append(type(y.grad_fn.next_functions[0][0]).__name__)
        assert names == ["MseLossBackward0", "AddmmBackward0"], lib.__name__


def test_linear_weight_edge_goes_through_t_backward():
    def names(lib):
        y = lib.nn.Linear(2, 1)(lib.ones(3, 2))
        return [type(f).__name__ for f, _ in y.grad_fn.next_functions]

    assert (
        names(minigrad) == names(torch) == ["AccumulateGrad", "NoneType", "TBackward0"]
    )
