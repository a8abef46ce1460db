"""Optimizer hooks against torch: step, state_dict and load_state_dict hooks."""

import importlib

import pytest

from tests.parity import LIBS, assert_same_error, to_numpy

NAMES = pytest.mark.parametrize("name", ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"])


def _optimizer(lib, name):
    p = lib.ones(2, requires_grad=True)
    p.grad = lib.tensor([0.5, -1.0])
    return p, getattr(lib.optim, name)([p], lr=0.1)


def _args(args, kwargs):
    """Hook arguments as comparable values: the optimizer itself as its class name."""
    return [type(a).__name__ if hasattr(a, "param_groups") else a for a in args], kwargs


@NAMES
def test_step_hooks_run_in_torchs_order(name):
    calls = {}
    for lib_name, lib in LIBS.items():
        p, optimizer = _optimizer(lib, name)
        log = []
        optimizer_module = importlib.import_module(f"{lib.__name__}.optim.optimizer")
        handles = [
            optimizer_module.register_optimizer_step_pre_hook(
                lambda o, a, k, log=log: log.append(("global pre", *_args(a, k)))
            ),
            optimizer_module.register_optimizer_step_post_hook(
                lambda o, a, k, log=log: log.append(("global post", *_args(a, k)))
            ),
            optimizer.register_step_pre_hook(
                lambda o, a, k, log=log: log.append(("pre", *_args(a, k)))
            ),
            optimizer.register_step_post_hook(
                lambda o, a, k, log=log: log.append(("post", *_args(a, k)))
            ),
        ]
        try:
            optimizer.step()
            handles[2].remove()
            optimizer.step(closure=None)
        finally:
            for handle in handles:
                handle.remove()
        optimizer.step()  # no hook left
        calls[lib_name] = (log, to_numpy(p).tolist())
    assert calls["minigrad"] == calls["torch"]
    assert len(calls["torch"][0]) == 7


def test_a_pre_hook_can_replace_the_arguments_as_torch():
    losses = {}
    for lib_name, lib in LIBS.items():
        p, optimizer = _optimizer(lib, "Adam")

        def closure(lib=lib):
            return lib.tensor(3.0)

        optimizer.register_step_pre_hook(lambda o, a, k, c=closure: ((o, c), {}))
        losses[lib_name] = optimizer.step().item()
    assert losses["minigrad"] == losses["torch"] == 3.0


def test_a_pre_hook_returning_something_else_raises_as_torch():
    def make(lib):
        _, optimizer = _optimizer(lib, "SGD")
        optimizer.register_step_pre_hook(lambda o, a, k: "nope")
        optimizer.step()

    assert_same_error(make, "must return None or a tuple of (new_args, new_kwargs)")


@NAMES
def test_state_dict_hooks_as_torch(name):
    results = {}
    for lib_name, lib in LIBS.items():
        _, optimizer = _optimizer(lib, name)
        optimizer.step()
        log = []
        optimizer.register_state_dict_pre_hook(lambda o, log=log: log.append("pre 1"))
        optimizer.register_state_dict_pre_hook(
            lambda o, log=log: log.append("pre 0"), prepend=True
        )

        def post(o, state_dict, log=log):
            log.append("post")
            state_dict["extra"] = 1

        def replace(o, state_dict, log=log):
            log.append("replace")
            return {"param_groups": state_dict["param_groups"], "state": {}}

        optimizer.register_state_dict_post_hook(post)
        handle = optimizer.register_state_dict_post_hook(replace, prepend=True)
        first = optimizer.state_dict()
        handle.remove()
        second = optimizer.state_dict()
        results[lib_name] = (log, sorted(first), first["state"], sorted(second))
    assert results["minigrad"] == results["torch"]


@NAMES
def test_load_state_dict_hooks_as_torch(name):
    results = {}
    for lib_name, lib in LIBS.items():
        _, optimizer = _optimizer(lib, name)
        optimizer.step()
        saved = optimizer.state_dict()
        log = []

        def pre(o, state_dict, log=log):
            log.append(("pre", state_dict["param_groups"][0]["lr"]))
            state_dict["param_groups"] = [dict(state_dict["param_groups"][0], lr=0.7)]

        def first(o, state_dict, log=log):
            log.append(("first", sorted(state_dict)))

        optimizer.register_load_state_dict_pre_hook(pre)
        optimizer.register_load_state_dict_pre_hook(first, prepend=True)
        optimizer.register_load_state_dict_post_hook(
            lambda o, log=log: log.append(("post", o.param_groups[0]["lr"]))
        )
        optimizer.load_state_dict(saved)
        # the hooks saw a shallow copy: the caller's dict keeps its groups
        results[lib_name] = (log, saved["param_groups"][0]["lr"])
    assert results["minigrad"] == results["torch"]
    assert results["torch"][0][-1] == ("post", 0.7)
