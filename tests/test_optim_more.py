"""Adadelta, Adamax, NAdam, RAdam, Rprop and ASGD against torch, step by step."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minigrad.optim import adadelta, nadam, radam
from tests.optim_parity import assert_bits, assert_close, run_both
from tests.parity import LIBS
from tests.scenarios import raises_as_torch
from tests.test_optim_state import packed, resumed_parameters

SQRT_MODULES = (adadelta, nadam, radam)

CONFIGS = {
    "Adadelta": [{}, {"lr": 0.5, "rho": 0.8, "eps": 1e-4, "weight_decay": 0.1}],
    "Adamax": [{}, {"lr": 0.01, "betas": (0.8, 0.9), "weight_decay": 0.05}],
    "NAdam": [
        {},
        {"lr": 0.01, "momentum_decay": 0.01, "weight_decay": 0.1},
        {"weight_decay": 0.1, "decoupled_weight_decay": True},
    ],
    "RAdam": [
        {},
        {"lr": 0.01, "betas": (0.5, 0.9), "weight_decay": 0.1},
        {"weight_decay": 0.1, "decoupled_weight_decay": True},
    ],
    "Rprop": [{}, {"lr": 0.05, "etas": (0.3, 1.5), "step_sizes": (1e-3, 0.2)}],
    "ASGD": [
        {},
        {"lr": 0.05, "lambd": 1e-3, "alpha": 0.5, "t0": 10, "weight_decay": 0.1},
    ],
}
CASES = [(name, kw) for name, kws in CONFIGS.items() for kw in kws]
IDS = [f"{name}-{i}" for name, kws in CONFIGS.items() for i in range(len(kws))]
SHAPES = [(3, 4), (5,), ()]


def _torch_sqrt(x):
    import torch

    return torch.from_numpy(np.array(x)).sqrt().numpy()


@pytest.fixture
def torch_sqrt(monkeypatch):
    """torch's square root in the new rules: the steps then agree bit for bit."""
    for module in SQRT_MODULES:
        monkeypatch.setattr(module, "sqrt", _torch_sqrt)


def arrays(seed, dtype=np.float32, scale=1.0):
    rng = np.random.default_rng(seed)
    return [np.asarray(rng.standard_normal(s) * scale, dtype) for s in SHAPES]


def gradients(steps, dtype=np.float32, scale=1.0, with_none=True):
    grads = [arrays(100 + s, dtype, scale) for s in range(steps)]
    if with_none and steps > 1:
        grads[1][2] = None  # a parameter without a gradient is skipped
    return grads


def maker(name, kwargs):
    return lambda lib, params: getattr(lib.optim, name)(params, **kwargs)


@pytest.mark.parametrize("name, kwargs", CASES, ids=IDS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_many_steps_stay_close_to_torch(name, kwargs, dtype):
    run_both(maker(name, kwargs), arrays(0, dtype), gradients(60, dtype), assert_close)


@pytest.mark.parametrize("name, kwargs", CASES, ids=IDS)
@pytest.mark.parametrize("maximize", [False, True])
def test_steps_equal_torch_bit_for_bit_given_torchs_sqrt(
    torch_sqrt, name, kwargs, maximize
):
    run_both(maker(name, {**kwargs, "maximize": maximize}), arrays(1), gradients(20))


HYPERPARAMETERS = {
    "Adadelta": {
        "lr": st.sampled_from([1.0, 0.1]),
        "rho": st.sampled_from([0.0, 0.5, 0.9, 1.0]),
        "eps": st.sampled_from([1e-6, 1e-2]),
        "weight_decay": st.sampled_from([0, 0.1]),
    },
    "Adamax": {
        "lr": st.sampled_from([2e-3, 0.1]),
        "betas": st.sampled_from([(0.9, 0.999), (0.0, 0.5)]),
        "eps": st.sampled_from([1e-8, 1e-3]),
        "weight_decay": st.sampled_from([0, 0.1]),
    },
    "NAdam": {
        "lr": st.sampled_from([2e-3, 0.1]),
        "betas": st.sampled_from([(0.9, 0.999), (0.0, 0.5)]),
        "weight_decay": st.sampled_from([0, 0.1]),
        "momentum_decay": st.sampled_from([0, 4e-3, 0.5]),
        "decoupled_weight_decay": st.booleans(),
    },
    "RAdam": {
        "lr": st.sampled_from([1e-3, 0.1]),
        "betas": st.sampled_from([(0.9, 0.999), (0.5, 0.6), (0.0, 0.2)]),
        "weight_decay": st.sampled_from([0, 0.1]),
        "decoupled_weight_decay": st.booleans(),
    },
    "Rprop": {
        "lr": st.sampled_from([1e-2, 0.5]),
        "etas": st.sampled_from([(0.5, 1.2), (0.1, 3.0)]),
        "step_sizes": st.sampled_from([(1e-6, 50), (0.01, 0.02)]),
    },
    "ASGD": {
        "lr": st.sampled_from([1e-2, 0.3]),
        "lambd": st.sampled_from([0, 1e-4, 0.1]),
        "alpha": st.sampled_from([0.75, 2.0]),
        "t0": st.sampled_from([0, 3, 1e6]),
        "weight_decay": st.sampled_from([0, 0.1]),
    },
}


@settings(deadline=None, max_examples=60)
@given(
    data=st.data(),
    name=st.sampled_from(list(HYPERPARAMETERS)),
    dtype=st.sampled_from([np.float32, np.float64]),
    seed=st.integers(0, 2**32 - 1),
    steps=st.integers(1, 12),
    scale=st.sampled_from([1e-3, 1.0, 1e3]),
)
def test_any_hyperparameters_equal_torch_given_torchs_sqrt(
    data, name, dtype, seed, steps, scale
):
    kwargs = data.draw(st.fixed_dictionaries(HYPERPARAMETERS[name]), label="kwargs")
    rng = np.random.default_rng(seed)
    start = [np.asarray(rng.standard_normal((4, 3)), dtype)]
    grads = [
        [np.asarray(rng.standard_normal((4, 3)) * scale, dtype)] for _ in range(steps)
    ]
    with pytest.MonkeyPatch.context() as patch:
        for module in SQRT_MODULES:
            patch.setattr(module, "sqrt", _torch_sqrt)
        run_both(maker(name, kwargs), start, grads)


def test_default_hyperparameters_equal_torchs():
    for name in CONFIGS:
        groups = {}
        for lib_name, lib in LIBS.items():
            optimizer = getattr(lib.optim, name)([lib.ones(2, requires_grad=True)])
            groups[lib_name] = {
                k: v for k, v in optimizer.param_groups[0].items() if k != "params"
            }
        assert groups["minigrad"] == groups["torch"], name
        assert list(groups["minigrad"]) == list(groups["torch"]), name


def _train(lib, params, optimizer, steps):
    grads = gradients(6)
    for step in steps:
        for p, g in zip(params, grads[step], strict=True):
            p.grad = None if g is None else lib.tensor(g)
        optimizer.step()


def _make(lib, name, kwargs, params):
    optimizer = getattr(lib.optim, name)(params[:2], **kwargs)
    optimizer.add_param_group({"params": params[2:], "lr": 0.02})
    return optimizer


@pytest.mark.parametrize("name, kwargs", CASES, ids=IDS)
def test_state_dict_equals_torchs(torch_sqrt, name, kwargs):
    saved = {}
    for lib_name, lib in LIBS.items():
        params = [lib.tensor(a, requires_grad=True) for a in arrays(2)]
        optimizer = _make(lib, name, kwargs, params)
        _train(lib, params, optimizer, range(3))
        saved[lib_name] = packed(optimizer.state_dict())
    assert saved["minigrad"] == saved["torch"]
    assert list(saved["minigrad"]["state"][0]) == list(saved["torch"]["state"][0])


@pytest.mark.parametrize("name, kwargs", CASES, ids=IDS)
@pytest.mark.parametrize("route", ["torch_to_minigrad", "minigrad_to_torch"])
def test_resuming_from_a_state_dict_continues_as_torch(torch_sqrt, name, kwargs, route):
    import torch

    reference = [torch.tensor(a, requires_grad=True) for a in arrays(2)]
    _train(torch, reference, _make(torch, name, kwargs, reference), range(6))

    def make(lib, name, params):
        return _make(lib, name, kwargs, params)

    resumed = resumed_parameters(route, name, arrays(2), make, _train)
    for i, (m, t) in enumerate(zip(resumed, reference, strict=True)):
        assert_bits(m, t, f"parameter {i}")


P = "[L.ones(2, requires_grad=True)]"
test_constructor_errors_as_torch = raises_as_torch(
    [
        (f"L.optim.Adadelta({P}, lr=-1)", ("Invalid learning rate: -1",)),
        (f"L.optim.Adadelta({P}, rho=1.5)", ("Invalid rho value: 1.5",)),
        (f"L.optim.Adadelta({P}, eps=-1)", ("Invalid epsilon value: -1",)),
        (f"L.optim.Adadelta({P}, weight_decay=-1)", ("Invalid weight_decay",)),
        (f"L.optim.Adamax({P}, betas=(1.0, 0.9))", ("beta parameter at index 0",)),
        (f"L.optim.Adamax({P}, betas=(0.9, -0.1))", ("beta parameter at index 1",)),
        (f"L.optim.Adamax({P}, lr=L.ones(2))", ("Tensor lr must be 1-element",)),
        (f"L.optim.NAdam({P}, momentum_decay=-1)", ("Invalid momentum_decay",)),
        (f"L.optim.NAdam({P}, eps=-1e-3)", ("Invalid epsilon value",)),
        (f"L.optim.RAdam({P}, weight_decay=-1)", ("Invalid weight_decay value",)),
        (f"L.optim.RAdam({P}, lr=-0.5)", ("Invalid learning rate: -0.5",)),
        (f"L.optim.Rprop({P}, etas=(1.5, 1.2))", ("Invalid eta values: 1.5, 1.2",)),
        (f"L.optim.Rprop({P}, etas=(0.5, 0.9))", ("Invalid eta values: 0.5, 0.9",)),
        (f"L.optim.Rprop({P}, lr=-1)", ("Invalid learning rate",)),
        (f"L.optim.ASGD({P}, lr=-1)", ("Invalid learning rate",)),
        (f"L.optim.ASGD({P}, weight_decay=-1)", ("Invalid weight_decay value",)),
        ("L.optim.ASGD([])", ("optimizer got an empty parameter list",)),
        ("L.optim.NAdam(L.ones(2))", ("should be an iterable of Tensors",)),
    ]
)
