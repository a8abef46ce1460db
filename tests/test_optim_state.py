"""Optimizer state_dict / load_state_dict against torch, across both libraries."""

import copy

import numpy as np
import pytest
import torch

from minigrad.optim import adagrad, adam, rmsprop
from tests.parity import LIBS, assert_same_error, dtype_name, to_numpy

OPTIMIZERS = {
    "SGD": {"lr": 0.05, "momentum": 0.9, "nesterov": True},
    "Adam": {"lr": 0.01, "amsgrad": True, "weight_decay": 0.01},
    "AdamW": {"lr": 0.01, "betas": (0.8, 0.9)},
    "RMSprop": {"lr": 0.01, "momentum": 0.5, "centered": True},
    "Adagrad": {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1},
}
NAMES = pytest.mark.parametrize("name", list(OPTIMIZERS))
SHAPES = [(3, 4), (5,), ()]


@pytest.fixture(autouse=True)
def torch_sqrt(monkeypatch):
    """torch's square root in minigrad's optimizers (see test_optim_adaptive.py):
    resumed runs can then be compared bit for bit."""

    def sqrt(x):
        return torch.from_numpy(np.array(x)).sqrt().numpy()

    for module in (adam, rmsprop, adagrad):
        monkeypatch.setattr(module, "sqrt", sqrt)


def convert(value, lib):
    """``value`` (a state_dict or part of one) with every tensor rebuilt by ``lib``."""
    if hasattr(value, "detach"):
        return lib.tensor(np.array(to_numpy(value)))
    if isinstance(value, dict):
        return {k: convert(v, lib) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(convert(v, lib) for v in value)
    return value


def packed(state_dict):
    """A state_dict with tensors as (dtype, array): comparable across libraries."""
    if hasattr(state_dict, "detach"):
        return ("tensor", dtype_name(state_dict), to_numpy(state_dict).tolist())
    if isinstance(state_dict, dict):
        return {k: packed(v) for k, v in state_dict.items()}
    if isinstance(state_dict, (list, tuple)):
        return type(state_dict)(packed(v) for v in state_dict)
    return state_dict


def start_arrays(seed=0):
    rng = np.random.default_rng(seed)
    return [np.asarray(rng.standard_normal(s), np.float32) for s in SHAPES]


def grads_for(step):
    rng = np.random.default_rng(100 + step)
    grads = [np.asarray(rng.standard_normal(s), np.float32) for s in SHAPES]
    if step == 1:
        grads[2] = None
    return grads


def make(lib, name, params):
    optimizer = getattr(lib.optim, name)(params[:2], **OPTIMIZERS[name])
    optimizer.add_param_group({"params": params[2:], "lr": 0.02})
    return optimizer


def train(lib, params, optimizer, steps):
    for step in steps:
        for p, g in zip(params, grads_for(step), strict=True):
            p.grad = None if g is None else lib.tensor(g)
        optimizer.step()


def assert_same_params(mg, tc):
    for i, (m, t) in enumerate(zip(mg, tc, strict=True)):
        a, e = to_numpy(m), to_numpy(t)
        np.testing.assert_array_equal(a.view(np.uint32), e.view(np.uint32), f"p{i}")


@NAMES
def test_state_dict_equals_torchs(name):
    saved = {}
    for lib_name, lib in LIBS.items():
        params = [lib.tensor(a, requires_grad=True) for a in start_arrays()]
        optimizer = make(lib, name, params)
        train(lib, params, optimizer, range(3))
        saved[lib_name] = packed(optimizer.state_dict())
    assert saved["minigrad"] == saved["torch"]
    # dicts compare equal whatever their order; torch's order is kept too
    for group_m, group_t in zip(
        saved["minigrad"]["param_groups"], saved["torch"]["param_groups"], strict=True
    ):
        assert list(group_m) == list(group_t)
    assert list(saved["minigrad"]["state"]) == list(saved["torch"]["state"])


@NAMES
def test_state_dict_of_a_fresh_optimizer_equals_torchs(name):
    saved = {}
    for lib_name, lib in LIBS.items():
        params = [lib.tensor(a, requires_grad=True) for a in start_arrays()]
        saved[lib_name] = packed(make(lib, name, params).state_dict())
    assert saved["minigrad"] == saved["torch"]


@NAMES
@pytest.mark.parametrize(
    "route", ["minigrad", "torch_to_minigrad", "minigrad_to_torch"]
)
def test_resuming_from_a_state_dict_continues_as_torch(name, route):
    """Train 3 steps, save, load into a fresh optimizer (of the other library for
    the cross routes, converted through NumPy), train 3 more; torch does the same
    without any save: the parameters must agree bit for bit."""
    reference = [torch.tensor(a, requires_grad=True) for a in start_arrays()]
    optimizer = make(torch, name, reference)
    train(torch, reference, optimizer, range(6))

    resumed = resumed_parameters(route, name, start_arrays(), make, train)
    assert_same_params(resumed, reference)


def resumed_parameters(route, name, arrays, make, train):
    """Train 3 steps in the route's first library, save, load into a fresh
    optimizer of its second (converted through NumPy), train 3 more: the params."""
    first, second = route.split("_to_") if "_to_" in route else (route, route)
    lib1, lib2 = LIBS[first], LIBS[second]
    params1 = [lib1.tensor(a, requires_grad=True) for a in arrays]
    optimizer1 = make(lib1, name, params1)
    train(lib1, params1, optimizer1, range(3))
    state_dict = copy.deepcopy(optimizer1.state_dict())
    params2 = [lib2.tensor(to_numpy(p), requires_grad=True) for p in params1]
    optimizer2 = getattr(lib2.optim, name)(params2[:2], lr=0.5)
    optimizer2.add_param_group({"params": params2[2:]})
    optimizer2.load_state_dict(convert(state_dict, lib2))
    assert packed(optimizer2.state_dict()) == packed(state_dict)
    train(lib2, params2, optimizer2, range(3, 6))
    return params2


def test_loading_copies_the_groups_and_casts_the_state_as_torch():
    results = {}
    for lib_name, lib in LIBS.items():
        p = lib.ones(3, requires_grad=True)
        optimizer = lib.optim.Adam([p], lr=0.1)
        p.grad = lib.ones(3)
        optimizer.step()
        state_dict = optimizer.state_dict()
        q = lib.ones(3, dtype=lib.float64, requires_grad=True)
        other = lib.optim.Adam([q], lr=0.5)
        other.load_state_dict(state_dict)
        state_dict["param_groups"][0]["lr"] = 7.0  # no effect: groups were copied
        state = other.state[q]
        results[lib_name] = (
            other.param_groups[0]["lr"],
            dtype_name(state["exp_avg"]),
            dtype_name(state["step"]),
            state["step"] is state_dict["state"][0]["step"],
            optimizer.state[p]["exp_avg"] is state_dict["state"][0]["exp_avg"],
        )
    assert results["minigrad"] == results["torch"]


def test_state_dict_tensors_alias_the_live_state_as_torch():
    # torch's state_dict() does not copy: a later step shows in the saved tensors
    seen = {}
    for lib_name, lib in LIBS.items():
        p = lib.ones(2, requires_grad=True)
        optimizer = lib.optim.RMSprop([p], momentum=0.9)
        p.grad = lib.ones(2)
        optimizer.step()
        saved = optimizer.state_dict()
        before = to_numpy(saved["state"][0]["momentum_buffer"]).copy()
        optimizer.step()
        after = to_numpy(saved["state"][0]["momentum_buffer"])
        seen[lib_name] = (
            before.tolist(),
            after.tolist(),
            saved["state"][0]["step"].item(),
        )
    assert seen["minigrad"] == seen["torch"]


def test_numeric_steps_of_old_checkpoints_become_tensors():
    steps = {}
    for lib_name, lib in LIBS.items():
        p = lib.ones(2, requires_grad=True)
        optimizer = lib.optim.Adam([p])
        p.grad = lib.ones(2)
        optimizer.step()
        state_dict = optimizer.state_dict()
        state_dict["state"][0]["step"] = 5
        optimizer.load_state_dict(state_dict)
        step = optimizer.state[p]["step"]
        steps[lib_name] = (dtype_name(step), step.item())
    assert steps["minigrad"] == steps["torch"] == ("float32", 5.0)


@NAMES
def test_zero_grad_sets_to_none_by_default(name):
    grads = {}
    for lib_name, lib in LIBS.items():
        a = lib.ones(2, requires_grad=True)
        optimizer = getattr(lib.optim, name)([a], lr=0.1)
        (a * 2).sum().backward()
        optimizer.zero_grad()
        none = a.grad is None
        (a * 2).sum().backward()
        optimizer.zero_grad(set_to_none=False)
        grads[lib_name] = (none, to_numpy(a.grad).tolist())
    assert grads["minigrad"] == grads["torch"]


def _load(lib, name, saved_groups):
    params = [lib.ones(2, requires_grad=True) for _ in range(3)]
    source = getattr(lib.optim, name)(
        [{"params": params[i:j]} for i, j in saved_groups], lr=0.1
    )
    target = getattr(lib.optim, name)(
        [{"params": params[:1]}, {"params": params[1:]}], lr=0.1
    )
    target.load_state_dict(source.state_dict())


@NAMES
@pytest.mark.parametrize(
    ("saved_groups", "words"),
    [
        ([(0, 3)], ["different number of parameter groups"]),
        ([(0, 2), (2, 3)], ["doesn't match the size"]),
    ],
)
def test_load_state_dict_mismatch_raises_as_torch(name, saved_groups, words):
    assert_same_error(lambda lib: _load(lib, name, saved_groups), *words)


@NAMES
def test_add_param_group_fills_the_defaults_as_torch(name):
    groups = {}
    for lib_name, lib in LIBS.items():
        optimizer = getattr(lib.optim, name)([lib.ones(2, requires_grad=True)], lr=0.1)
        optimizer.add_param_group({"params": lib.ones(3, requires_grad=True)})
        groups[lib_name] = optimizer.state_dict()["param_groups"]
    assert groups["minigrad"] == groups["torch"]


@pytest.mark.parametrize("fused", [False, True])
def test_loaded_steps_of_a_fused_group_become_float32_as_torch(fused):
    results = {}
    for lib_name, lib in LIBS.items():
        lib.set_default_dtype(lib.float64)
        try:
            p = lib.ones(2, requires_grad=True)
            source = lib.optim.Adam([p], fused=fused)
            p.grad = lib.ones(2)
            source.step()
            saved = source.state_dict()
            target = lib.optim.Adam([p], fused=not fused)
            target.load_state_dict(saved)
            results[lib_name] = (
                dtype_name(source.state[p]["step"]),
                dtype_name(target.state[p]["step"]),
            )
        finally:
            lib.set_default_dtype(lib.float32)
    assert results["minigrad"] == results["torch"]
