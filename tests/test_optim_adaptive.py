"""Adam, AdamW, RMSprop, Adagrad against torch: every step, every flag, both dtypes."""

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from minigrad.optim import adagrad, adam, rmsprop
from tests.optim_parity import (
    assert_bits,
    assert_close,
    run_both,
    set_grads,
    step_with_closure,
)
from tests.parity import LIBS, assert_same_error, dtype_name, to_numpy
from tests.python_run import python
from tests.strategies import shapes

VARIANTS = {
    "Adam": {
        "default": {},
        "lr_betas_eps": {"lr": 0.02, "betas": (0.8, 0.95), "eps": 1e-4},
        "weight_decay": {"weight_decay": 0.1},
        "amsgrad": {"amsgrad": True},
        "maximize": {"maximize": True},
        "decoupled": {"weight_decay": 0.2, "decoupled_weight_decay": True},
        "foreach": {"foreach": True, "amsgrad": True},
        "everything": {
            "lr": 0.01,
            "betas": (0.5, 0.9),
            "eps": 1e-6,
            "weight_decay": 0.05,
            "amsgrad": True,
            "maximize": True,
        },
    },
    "AdamW": {
        "default": {},
        "no_decay": {"weight_decay": 0},
        "amsgrad": {"amsgrad": True, "lr": 0.01},
        "maximize": {"maximize": True, "weight_decay": 0.3},
        "everything": {
            "lr": 0.005,
            "betas": (0.7, 0.99),
            "eps": 1e-5,
            "weight_decay": 0.1,
            "amsgrad": True,
            "maximize": True,
            "foreach": False,
        },
    },
    "RMSprop": {
        "default": {},
        "alpha_eps": {"alpha": 0.9, "eps": 1e-3},
        "momentum": {"momentum": 0.9},
        "centered": {"centered": True},
        "weight_decay": {"weight_decay": 0.1},
        "maximize": {"maximize": True},
        "everything": {
            "lr": 0.003,
            "alpha": 0.95,
            "momentum": 0.5,
            "centered": True,
            "weight_decay": 0.01,
            "maximize": True,
            "foreach": True,
        },
    },
    "Adagrad": {
        "default": {},
        "lr_decay": {"lr": 0.1, "lr_decay": 0.05},
        "initial_accumulator_value": {"initial_accumulator_value": 0.5},
        "weight_decay": {"weight_decay": 0.1, "eps": 1e-6},
        "maximize": {"maximize": True},
        "everything": {
            "lr": 0.05,
            "lr_decay": 0.01,
            "weight_decay": 0.02,
            "initial_accumulator_value": 0.1,
            "eps": 1e-8,
            "maximize": True,
            "foreach": True,
        },
    },
}
CASES = [
    pytest.param(name, kwargs, id=f"{name}-{variant}")
    for name, variants in VARIANTS.items()
    for variant, kwargs in variants.items()
]
FLOATS = pytest.mark.parametrize("dtype", [np.float32, np.float64])
SHAPES = [(3, 4), (5,), (), (37, 29)]


@pytest.fixture
def torch_sqrt(monkeypatch):
    """The optimizers with torch's square root swapped in.

    torch's CPU sqrt (MKL's) is off by one ulp for some inputs, NumPy's is
    correctly rounded; with torch's, every other operation must give torch's bits.
    """

    for module in (adam, rmsprop, adagrad):
        monkeypatch.setattr(module, "sqrt", _torch_sqrt)


def _torch_sqrt(x):
    return torch.from_numpy(np.array(x)).sqrt().numpy()


def random_arrays(rng, dtype, scale=1.0):
    return [np.asarray(rng.standard_normal(s) * scale, dtype) for s in SHAPES]


def gradients(rng, dtype, steps):
    grads = [random_arrays(rng, dtype, scale=10.0 ** -(k % 5)) for k in range(steps)]
    grads[2][1] = None  # a parameter without gradient is skipped that step
    return grads


def assert_same_state(runs, compare):
    (mg_params, mg_opt), (tc_params, tc_opt) = runs["minigrad"], runs["torch"]
    for i, (m, t) in enumerate(zip(mg_params, tc_params, strict=True)):
        tc_state, mg_state = tc_opt.state[t], mg_opt.state[m]
        assert list(mg_state) == list(tc_state), f"state keys of parameter {i}"
        for key, value in tc_state.items():
            compare(mg_state[key], value, f"state {i} {key}")


def assert_steps_as_torch(name, kwargs, dtype, seed, steps, compare):
    """`steps` steps of optimizer `name` under both libraries: parameters and state."""
    rng = np.random.default_rng(seed)
    start = random_arrays(rng, dtype)
    runs = run_both(
        lambda lib, params: getattr(lib.optim, name)(params, **kwargs),
        start,
        gradients(rng, dtype, steps),
        compare,
    )
    assert_same_state(runs, compare)


@FLOATS
@pytest.mark.parametrize(("name", "kwargs"), CASES)
def test_steps_equal_torch_bit_for_bit_given_torchs_sqrt(
    name, kwargs, dtype, torch_sqrt
):
    seed = len(name) + len(kwargs)
    assert_steps_as_torch(name, kwargs, dtype, seed, 20, assert_bits)


@FLOATS
@pytest.mark.parametrize(("name", "kwargs"), CASES)
def test_50_steps_close_to_torch(name, kwargs, dtype):
    seed = len(name) * len(kwargs)
    assert_steps_as_torch(name, kwargs, dtype, seed, 50, assert_close)


@pytest.mark.parametrize("name", ["Adam", "AdamW", "Adagrad"])
def test_fused_is_accepted_on_the_cpu_and_close_to_torch(name):
    # torch's fused CPU kernels round a few elements differently from its
    # single-tensor path, which minigrad follows: close, not bit-equal
    rng = np.random.default_rng(11)
    start = random_arrays(rng, np.float32)
    runs = run_both(
        lambda lib, params: getattr(lib.optim, name)(params, lr=0.01, fused=True),
        start,
        gradients(rng, np.float32, 10),
        assert_close,
    )
    assert_same_state(runs, assert_close)


@FLOATS
def test_param_groups_with_their_own_hyperparameters(dtype, torch_sqrt):
    rng = np.random.default_rng(7)
    start = random_arrays(rng, dtype)

    def make(lib, params):
        optimizer = lib.optim.Adam(
            [
                {"params": params[:1]},
                {"params": params[1:2], "lr": 0.3, "amsgrad": True},
            ],
            lr=0.01,
        )
        optimizer.add_param_group(
            {"params": params[2:], "weight_decay": 0.1, "betas": (0.5, 0.6)}
        )
        return optimizer

    run_both(make, start, gradients(rng, dtype, 6), assert_bits)


@pytest.mark.parametrize("name", ["Adam", "RMSprop", "Adagrad"])
def test_editing_the_learning_rate_between_steps_takes_effect(name, torch_sqrt):
    rng = np.random.default_rng(5)
    start = random_arrays(rng, np.float32)
    grads = gradients(rng, np.float32, 6)
    runs = {}
    for lib_name, lib in LIBS.items():
        params = [lib.tensor(a, requires_grad=True) for a in start]
        optimizer = getattr(lib.optim, name)(params, lr=0.01)
        for step, step_grads in enumerate(grads):
            optimizer.param_groups[0]["lr"] = 0.01 * (step + 1)
            set_grads(lib, params, step_grads)
            optimizer.step()
        runs[lib_name] = params
    for i, (m, t) in enumerate(zip(runs["minigrad"], runs["torch"], strict=True)):
        assert_bits(m, t, f"parameter {i}")


@pytest.mark.parametrize("name", ["Adam", "AdamW", "RMSprop", "Adagrad"])
def test_tensor_learning_rate(name, torch_sqrt):
    rng = np.random.default_rng(4)
    start = random_arrays(rng, np.float32)
    run_both(
        lambda lib, params: getattr(lib.optim, name)(params, lr=lib.tensor(0.05)),
        start,
        gradients(rng, np.float32, 4),
        assert_bits,
    )


@FLOATS
@pytest.mark.parametrize("betas", [(0.8, 0.99), (0.3, 0.45)])
@pytest.mark.parametrize("lr", [0.01, "tensor"])
def test_tensor_betas_as_torch(betas, lr, dtype, torch_sqrt):
    # tensor betas make torch's bias corrections float32 tensor arithmetic
    rng = np.random.default_rng(6)
    start = random_arrays(rng, dtype)

    def make(lib, params):
        b1, b2 = lib.tensor(betas[0]), lib.tensor([betas[1]])
        rate = lib.tensor(0.02) if lr == "tensor" else lr
        return lib.optim.Adam(params, lr=rate, betas=(b1, b2), amsgrad=True)

    runs = run_both(make, start, gradients(rng, dtype, 8), assert_bits)
    assert_same_state(runs, assert_bits)


@pytest.mark.parametrize("name", ["Adam", "AdamW", "RMSprop", "Adagrad"])
def test_step_counter_and_version_as_torch(name):
    results = {}
    for lib_name, lib in LIBS.items():
        p = lib.ones(3, requires_grad=True)
        optimizer = getattr(lib.optim, name)([p])
        for _ in range(3):
            p.grad = lib.ones(3)
            optimizer.step()
        step = optimizer.state[p]["step"]
        results[lib_name] = (
            tuple(step.shape),
            dtype_name(step),
            step.item(),
            p._version,
        )
    assert results["minigrad"] == results["torch"]


@pytest.mark.parametrize("name", ["Adam", "RMSprop", "Adagrad"])
def test_step_counter_follows_the_default_dtype(name):
    dtypes = {}
    for lib_name, lib in LIBS.items():
        lib.set_default_dtype(lib.float64)
        try:
            p = lib.ones(2, requires_grad=True)
            optimizer = getattr(lib.optim, name)([p])
            p.grad = lib.ones(2)
            optimizer.step()
            dtypes[lib_name] = dtype_name(optimizer.state[p]["step"])
        finally:
            lib.set_default_dtype(lib.float32)
    assert dtypes["minigrad"] == dtypes["torch"] == "float64"


def test_adagrad_creates_its_state_at_construction_as_torch():
    states = {}
    for lib_name, lib in LIBS.items():
        p = lib.ones(2, requires_grad=True)
        optimizer = lib.optim.Adagrad([p], initial_accumulator_value=0.25)
        states[lib_name] = {k: to_numpy(v) for k, v in optimizer.state[p].items()}
    assert list(states["minigrad"]) == list(states["torch"])
    for key, value in states["torch"].items():
        assert_bits(states["minigrad"][key], value, key)


def test_step_with_closure_returns_its_loss():
    results = step_with_closure(lambda lib, params: lib.optim.Adam(params, lr=0.1))
    assert_close(results["minigrad"][0], results["torch"][0], "loss")
    assert_close(results["minigrad"][1], results["torch"][1], "w")


@pytest.mark.parametrize("name", ["Adam", "AdamW", "RMSprop", "Adagrad"])
def test_repr_matches_torch(name):
    reprs = {}
    for lib_name, lib in LIBS.items():
        p, q = lib.ones(2, requires_grad=True), lib.ones(2, requires_grad=True)
        optimizer = getattr(lib.optim, name)([p], lr=0.1)
        optimizer.add_param_group({"params": [q], "lr": 0.5})
        reprs[lib_name] = repr(optimizer)
    assert reprs["minigrad"] == reprs["torch"]


# --- bad input: torch's exception classes ---------------------------------------


def _p(lib):
    return lib.ones(2, requires_grad=True)


def _stepped(lib, name, **kwargs):
    p = _p(lib)
    optimizer = getattr(lib.optim, name)([p], **kwargs)
    p.grad = lib.ones(2)
    optimizer.step()


BAD = [
    ("Adam", {"lr": -1}, ["Invalid learning rate: -1"]),
    ("Adam", {"eps": -1e-8}, ["Invalid epsilon value"]),
    ("Adam", {"betas": (1.0, 0.999)}, ["Invalid beta parameter at index 0: 1.0"]),
    ("Adam", {"betas": (0.9, -0.1)}, ["Invalid beta parameter at index 1: -0.1"]),
    ("Adam", {"weight_decay": -1}, ["Invalid weight_decay value: -1"]),
    (
        "Adam",
        {"betas": (0.9, float("nan"))},
        ["Invalid beta parameter at index 1: nan"],
    ),
    ("Adam", {"lr": -1, "betas": (0.9,)}, ["Invalid learning rate: -1"]),
    ("Adam", {"eps": -1, "betas": None}, ["Invalid epsilon value: -1"]),
    ("Adam", {"betas": (0, 0.9)}, ["betas must be either both floats or both Tensors"]),
    ("Adam", {"fused": True, "foreach": True}, ["`fused` and `foreach`"]),
    ("Adam", {"fused": True, "differentiable": True}, ["does not support"]),
    ("AdamW", {"lr": -0.5}, ["Invalid learning rate: -0.5"]),
    ("AdamW", {"betas": (0.9, 1.5)}, ["Invalid beta parameter at index 1"]),
    ("AdamW", {"fused": True, "foreach": True}, ["`fused` and `foreach`"]),
    ("RMSprop", {"lr": -1}, ["Invalid learning rate: -1"]),
    ("RMSprop", {"alpha": -0.1}, ["Invalid alpha value: -0.1"]),
    ("RMSprop", {"momentum": -1}, ["Invalid momentum value: -1"]),
    ("RMSprop", {"momentum": float("nan")}, ["Invalid momentum value: nan"]),
    ("RMSprop", {"eps": -1}, ["Invalid epsilon value: -1"]),
    ("RMSprop", {"weight_decay": -1}, ["Invalid weight_decay value: -1"]),
    ("RMSprop", {"fused": True}, ["unexpected keyword argument 'fused'"]),
    ("Adagrad", {"lr": -1}, ["Invalid learning rate: -1"]),
    ("Adagrad", {"lr_decay": -1}, ["Invalid lr_decay value: -1"]),
    ("Adagrad", {"weight_decay": -1}, ["Invalid weight_decay value: -1"]),
    ("Adagrad", {"initial_accumulator_value": -1}, ["initial_accumulator_value"]),
    ("Adagrad", {"eps": -1}, ["Invalid epsilon value: -1"]),
    ("Adagrad", {"capturable": True}, ["unexpected keyword argument 'capturable'"]),
    ("Adagrad", {"fused": True, "foreach": True}, ["`fused` and `foreach`"]),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "words"),
    [pytest.param(*case, id=f"{case[0]}-{'-'.join(case[1])}") for case in BAD],
)
def test_bad_arguments_raise_as_torch(name, kwargs, words):
    assert_same_error(lambda lib: getattr(lib.optim, name)([_p(lib)], **kwargs), *words)


def test_tensor_hyperparameters_raise_as_torch():
    assert_same_error(
        lambda lib: lib.optim.Adam([_p(lib)], lr=lib.ones(2)), "Tensor lr must be"
    )
    assert_same_error(
        lambda lib: lib.optim.Adam([_p(lib)], lr=lib.tensor(0.1), foreach=True),
        "lr as a Tensor is not supported",
    )
    assert_same_error(
        lambda lib: lib.optim.Adam(
            [_p(lib)], betas=(lib.ones(2) * 0.5, lib.tensor(0.9))
        ),
        "more than one value",  # torch fails on the range check first
    )
    assert_same_error(
        lambda lib: lib.optim.Adam([_p(lib)], betas=(0.9, lib.tensor(0.9))),
        "betas must be either both floats or both Tensors",
    )


@pytest.mark.parametrize("name", ["Adam", "AdamW", "RMSprop"])
def test_capturable_is_refused_at_step_on_the_cpu(name):
    assert_same_error(
        lambda lib: _stepped(lib, name, capturable=True),
        "capturable=True",
        "supported devices",
    )


@pytest.mark.parametrize("name", ["Adam", "RMSprop", "Adagrad", "SGD"])
def test_differentiable_step_on_a_leaf_is_refused(name):
    assert_same_error(
        lambda lib: _stepped(lib, name, differentiable=True, lr=0.1),
        "leaf Variable that requires grad",
    )


def test_a_step_that_fails_changes_no_parameter():
    first, second = _p(minigrad), _p(minigrad)
    optimizer = minigrad.optim.Adam([{"params": [first]}, {"params": [second]}])
    optimizer.param_groups[1]["lr"] = "fast"
    first.grad, second.grad = minigrad.ones(2), minigrad.ones(2)
    with pytest.raises(TypeError, match="lr"):
        optimizer.step()
    # torch raises TypeError too (after updating the first group)
    assert first.tolist() == [1.0, 1.0] and second.tolist() == [1.0, 1.0]
    assert len(optimizer.state) == 0


_OTHER_CAPABILITY = """
import numpy as np, torch, minigrad
from minigrad.optim import adam, rmsprop, adagrad
def sqrt(x):
    return torch.from_numpy(np.array(x)).sqrt().numpy()
adam.sqrt = rmsprop.sqrt = adagrad.sqrt = sqrt
rng = np.random.default_rng(0)
start = [rng.standard_normal((40, 30)).astype(d) for d in (np.float32, np.float64)]
grads = [[rng.standard_normal(a.shape).astype(a.dtype) for a in start]] * 3
same = []
for name, kwargs in [("Adam", {"amsgrad": True, "weight_decay": 0.1}),
                     ("AdamW", {}), ("RMSprop", {"centered": True, "momentum": 0.5}),
                     ("Adagrad", {"weight_decay": 0.1})]:
    out = []
    for lib in (minigrad, torch):
        params = [lib.tensor(a, requires_grad=True) for a in start]
        optimizer = getattr(lib.optim, name)(params, **kwargs)
        for step in grads:
            for p, g in zip(params, step):
                p.grad = lib.tensor(g)
            optimizer.step()
        out.append([p.detach().numpy().tobytes() for p in params])
    same.append(out[0] == out[1])
print(all(same))
"""


def test_rounding_follows_torchs_default_cpu_capability():
    # torch's scalar "default" kernels multiply then add; AVX2/AVX-512 fuse (FMA)
    result = python(_OTHER_CAPABILITY, ATEN_CPU_CAPABILITY="default")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("name", ["Adam", "AdamW", "RMSprop", "Adagrad", "SGD"])
def test_non_finite_and_zero_gradients_as_torch(name):
    # inf, nan, an overflowing square, -0.0; then zero gradients with eps=0 (0/0)
    results = {}
    for lib_name, lib in LIBS.items():
        p = lib.zeros(4, requires_grad=True)
        q = lib.zeros(2, requires_grad=True)
        kwargs = {"lr": 0.1}
        optimizer = getattr(lib.optim, name)([{"params": [p]}], **kwargs)
        if name != "SGD":
            optimizer.add_param_group({"params": [q], "eps": 0.0})
        for g in ([float("inf"), float("nan"), 1e38, -0.0], [1.0, 1.0, 1.0, 0.0]):
            p.grad, q.grad = lib.tensor(g), lib.zeros(2)
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # as torch: no warning
                optimizer.step()
        results[lib_name] = (to_numpy(p), to_numpy(q))
    for m, t in zip(results["minigrad"], results["torch"], strict=True):
        torch.testing.assert_close(
            torch.from_numpy(m), torch.from_numpy(t), equal_nan=True
        )


UNIT = st.one_of(st.sampled_from([0.0, 0.5, 0.9, 0.999]), st.floats(0.0, 0.999))
HYPERPARAMETERS = {
    "Adam": {
        "lr": st.floats(0.0, 1.0),
        "betas": st.tuples(UNIT, UNIT),
        "eps": st.sampled_from([0.0, 1e-8, 1e-3]),
        "weight_decay": st.sampled_from([0, 0.0, 0.1, 1.5]),
        "amsgrad": st.booleans(),
        "maximize": st.booleans(),
        "decoupled_weight_decay": st.booleans(),
    },
    "RMSprop": {
        "lr": st.floats(0.0, 1.0),
        "alpha": st.floats(0.0, 1.0),
        "eps": st.sampled_from([1e-8, 1e-3]),
        "weight_decay": st.sampled_from([0, 0.1]),
        "momentum": st.sampled_from([0, 0.0, 0.5, 0.9]),
        "centered": st.booleans(),
        "maximize": st.booleans(),
    },
    "Adagrad": {
        "lr": st.floats(0.0, 1.0),
        "lr_decay": st.sampled_from([0, 0.01, 0.5]),
        "weight_decay": st.sampled_from([0, 0.1]),
        "initial_accumulator_value": st.sampled_from([0, 0.1, 2.0]),
        "eps": st.sampled_from([1e-10, 1e-3]),
        "maximize": st.booleans(),
    },
}


@given(
    data=st.data(),
    name=st.sampled_from(list(HYPERPARAMETERS)),
    shape=shapes(max_dims=2, max_side=20),
    dtype=st.sampled_from([np.float32, np.float64]),
    seed=st.integers(0, 2**32 - 1),
    steps=st.integers(1, 4),
    scale=st.sampled_from([1e-30, 1e-3, 1.0, 1e3, 1e30]),
)
def test_any_hyperparameters_equal_torch_bit_for_bit_given_torchs_sqrt(
    data, name, shape, dtype, seed, steps, scale
):
    kwargs = data.draw(st.fixed_dictionaries(HYPERPARAMETERS[name]), label="kwargs")
    rng = np.random.default_rng(seed)
    start = [np.asarray(rng.standard_normal(shape), dtype)]
    grads = [
        [np.asarray(rng.standard_normal(shape) * scale, dtype)] for _ in range(steps)
    ]
    with pytest.MonkeyPatch.context() as patch:
        for module in (adam, rmsprop, adagrad):
            patch.setattr(module, "sqrt", _torch_sqrt)
        runs = run_both(
            lambda lib, params: getattr(lib.optim, name)(params, **kwargs),
            start,
            grads,
            assert_bits,
        )
    assert_same_state(runs, assert_bits)


@FLOATS
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("Adam", {}),
        ("Adam", {"amsgrad": True, "weight_decay": 0.1, "maximize": True}),
        ("AdamW", {"lr": 0.01}),
        ("RMSprop", {"momentum": 0.9, "centered": True}),
        ("Adagrad", {"lr_decay": 0.1}),
        ("SGD", {"lr": 0.1, "momentum": 0.9}),
    ],
)
def test_differentiable_step_of_tensors_without_grad_as_torch(
    name, kwargs, dtype, torch_sqrt
):
    # torch's differentiable Adam keeps its bias corrections as float32 tensors
    rng = np.random.default_rng(12)
    start = random_arrays(rng, dtype)
    runs = {}
    for lib_name, lib in LIBS.items():
        params = [lib.tensor(a) for a in start]  # no requires_grad: allowed in place
        optimizer = getattr(lib.optim, name)(params, differentiable=True, **kwargs)
        for step_grads in gradients(np.random.default_rng(13), dtype, 5):
            set_grads(lib, params, step_grads)
            optimizer.step()
        runs[lib_name] = params
    for i, (m, t) in enumerate(zip(runs["minigrad"], runs["torch"], strict=True)):
        assert_bits(m, t, f"parameter {i}")
