"""optim.SGD and Optimizer against torch: updates bit for bit, state_dict, errors."""

import copy

import numpy as np
import pytest

import minigrad
from tests.optim_parity import (
    assert_bits,
    make_params,
    run_both,
    set_grads,
    step_with_closure,
)
from tests.parity import LIBS, assert_same_error, to_numpy
from tests.python_run import python

VARIANTS = {
    "plain": {},
    "momentum": {"momentum": 0.9},
    "dampening": {"momentum": 0.9, "dampening": 0.3},
    "nesterov": {"momentum": 0.8, "nesterov": True},
    "weight_decay": {"weight_decay": 0.01},
    "maximize": {"maximize": True},
    "momentum_wd": {"momentum": 0.5, "weight_decay": 0.1},
    "nesterov_wd_maximize": {
        "momentum": 0.7,
        "nesterov": True,
        "weight_decay": 0.05,
        "maximize": True,
    },
    "all_but_nesterov": {
        "momentum": 0.3,
        "dampening": 0.5,
        "weight_decay": 0.2,
        "maximize": True,
    },
}
FLOATS = pytest.mark.parametrize("dtype", [np.float32, np.float64])
SHAPES = [(3, 4), (4,), ()]


# NOTE: SGD rounds as torch's CPU kernels do (add(alpha=) is one FMA), so the
# parameters must be equal bit for bit (run_both's assert_bits), not merely close.


def random_arrays(rng, dtype, scale=1.0):
    return [(rng.standard_normal(s) * scale).astype(dtype) for s in SHAPES]


@FLOATS
@pytest.mark.parametrize("variant", VARIANTS)
def test_sgd_steps_equal_torch(variant, dtype):
    rng = np.random.default_rng(len(variant))
    start = random_arrays(rng, dtype)
    grads = [random_arrays(rng, dtype, scale=10.0**-k) for k in range(6)]
    grads[2][1] = None  # a parameter without gradient is skipped
    runs = run_both(
        lambda lib, params: lib.optim.SGD(params, lr=0.07, **VARIANTS[variant]),
        start,
        grads,
    )
    (mg_params, mg_opt), (tc_params, tc_opt) = runs["minigrad"], runs["torch"]
    for i, (m, t) in enumerate(zip(mg_params, tc_params, strict=True)):
        if "momentum_buffer" in tc_opt.state[t]:
            buf = mg_opt.state[m]["momentum_buffer"]
            assert_bits(buf, tc_opt.state[t]["momentum_buffer"], f"buffer {i}")
        else:
            assert m not in mg_opt.state


@FLOATS
def test_param_groups_with_their_own_hyperparameters(dtype):
    rng = np.random.default_rng(7)
    start = random_arrays(rng, dtype)
    grads = [random_arrays(rng, dtype) for _ in range(4)]

    def make(lib, params):
        return lib.optim.SGD(
            [
                {"params": params[:1]},
                {"params": params[1:2], "lr": 0.3, "momentum": 0.9},
                {"params": params[2:], "weight_decay": 0.1, "maximize": True},
            ],
            lr=0.01,
        )

    run_both(make, start, grads)


@pytest.mark.parametrize("lr", [1 - 2.0**-23, 0.1])
def test_halfway_case_rounds_once_as_torch(lr):
    # p - lr * g lands, in float64, exactly halfway between two float32 numbers
    # although the exact value does not: a second rounding would be off by an ulp.
    p = np.array([1 + 2.0**-23, 1.0, 3.0], dtype=np.float32)
    g = np.array([2.0**-24 * (1 + 2.0**-23)] * 3, dtype=np.float32)
    run_both(lambda lib, params: lib.optim.SGD(params, lr=lr), [p], [[g]] * 3)


@FLOATS
def test_large_parameters(dtype):
    rng = np.random.default_rng(3)
    start = [rng.standard_normal((64, 129)).astype(dtype)]
    grads = [[rng.standard_normal((64, 129)).astype(dtype)] for _ in range(3)]
    run_both(
        lambda lib, params: lib.optim.SGD(params, lr=0.01, momentum=0.9), start, grads
    )


def test_tensor_learning_rate():
    rng = np.random.default_rng(4)
    start, grads = random_arrays(rng, np.float32), [random_arrays(rng, np.float32)]
    run_both(
        lambda lib, params: lib.optim.SGD(params, lr=lib.tensor(0.05)), start, grads
    )


# --- closure, zero_grad, repr ------------------------------------------------------


def test_step_with_closure_returns_its_loss_and_records_a_graph():
    results = step_with_closure(lambda lib, params: lib.optim.SGD(params, lr=0.1))
    (mg_loss, mg_w), (tc_loss, tc_w) = results["minigrad"], results["torch"]
    # the loss and gradient come through matmul: close, not bit-equal
    np.testing.assert_allclose(mg_loss, tc_loss, rtol=1e-7)
    np.testing.assert_allclose(mg_w, tc_w, rtol=1e-7, atol=1e-7)


@pytest.mark.parametrize("set_to_none", [True, False])
def test_zero_grad(set_to_none):
    grads = {}
    for name, lib in LIBS.items():
        a, b = lib.ones(2, requires_grad=True), lib.ones(3, requires_grad=True)
        optimizer = lib.optim.SGD([a, b], lr=0.1)
        (a * 2).sum().backward()
        optimizer.zero_grad(set_to_none=set_to_none)
        grads[name] = [None if p.grad is None else to_numpy(p.grad) for p in (a, b)]
    mg, tc = grads["minigrad"], grads["torch"]
    assert [g is None for g in mg] == [g is None for g in tc]
    for m, t in zip(mg, tc, strict=True):
        if t is not None:
            np.testing.assert_array_equal(m, t)


def test_repr_matches_torch():
    reprs = {}
    for name, lib in LIBS.items():
        p, q = lib.ones(2, requires_grad=True), lib.ones(2, requires_grad=True)
        optimizer = lib.optim.SGD([p], lr=0.1, momentum=0.9)
        optimizer.add_param_group({"params": [q], "lr": 0.5})
        reprs[name] = repr(optimizer)
    assert reprs["minigrad"] == reprs["torch"]


# --- state_dict -------------------------------------------------------------------


def packed(state_dict):
    """A state_dict with its tensors as arrays: comparable across libraries."""
    state = {
        i: {k: to_numpy(v) for k, v in entry.items()}
        for i, entry in state_dict["state"].items()
    }
    return state, state_dict["param_groups"]


def test_state_dict_has_torchs_structure():
    rng = np.random.default_rng(8)
    start = random_arrays(rng, np.float32)
    grads = [random_arrays(rng, np.float32) for _ in range(2)]
    grads[1][2] = None

    def make(lib, params):
        optimizer = lib.optim.SGD(params[:2], lr=0.1, momentum=0.9, nesterov=True)
        optimizer.add_param_group({"params": params[2:], "lr": 0.2})
        return optimizer

    runs = run_both(make, start, grads)
    mg_state, mg_groups = packed(runs["minigrad"][1].state_dict())
    tc_state, tc_groups = packed(runs["torch"][1].state_dict())
    assert mg_groups == tc_groups
    assert list(mg_state) == list(tc_state)
    for i in tc_state:
        assert list(mg_state[i]) == list(tc_state[i])
        for k in tc_state[i]:
            assert_bits(mg_state[i][k], tc_state[i][k], f"state {i} {k}")


@pytest.mark.parametrize("variant", ["momentum", "nesterov_wd_maximize"])
def test_state_dict_round_trip_continues_identically(variant):
    rng = np.random.default_rng(9)
    start = random_arrays(rng, np.float32)
    grads = [random_arrays(rng, np.float32) for _ in range(6)]
    kwargs = VARIANTS[variant]

    finals = {}
    for name, lib in LIBS.items():
        params = make_params(lib, start)
        optimizer = lib.optim.SGD(params, lr=0.05, **kwargs)
        for step_grads in grads[:3]:
            set_grads(lib, params, step_grads)
            optimizer.step()
        resumed = lib.optim.SGD(params, lr=0.05)
        resumed.load_state_dict(copy.deepcopy(optimizer.state_dict()))
        assert resumed.param_groups[0]["momentum"] == kwargs["momentum"]
        for step_grads in grads[3:]:
            set_grads(lib, params, step_grads)
            resumed.step()
        finals[name] = params
    for i, (m, t) in enumerate(zip(finals["minigrad"], finals["torch"], strict=True)):
        assert_bits(m, t, f"parameter {i}")


def test_loaded_state_shares_tensors_of_the_right_dtype_as_torch():
    shares = {}
    for name, lib in LIBS.items():
        p = lib.ones(2, requires_grad=True)
        optimizer = lib.optim.SGD([p], lr=0.1, momentum=0.9)
        p.grad = lib.ones(2)
        optimizer.step()
        state_dict = optimizer.state_dict()
        other = lib.optim.SGD([p], lr=0.1)
        other.load_state_dict(state_dict)
        buf = state_dict["state"][0]["momentum_buffer"]
        shares[name] = other.state[p]["momentum_buffer"] is buf
    assert shares["minigrad"] == shares["torch"]


# --- bad input: torch's exception classes ---------------------------------------


def _param(lib):
    return lib.ones(2, requires_grad=True)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda lib: lib.optim.SGD([_param(lib)], lr=-1), ["learning rate: -1"]),
        (lambda lib: lib.optim.SGD([_param(lib)], momentum=-0.5), ["momentum"]),
        (lambda lib: lib.optim.SGD([_param(lib)], weight_decay=-1), ["weight_decay"]),
        (lambda lib: lib.optim.SGD([_param(lib)], nesterov=True), ["Nesterov"]),
        (
            lambda lib: lib.optim.SGD(
                [_param(lib)], momentum=0.9, dampening=0.1, nesterov=True
            ),
            ["Nesterov", "dampening"],
        ),
        (lambda lib: lib.optim.SGD(_param(lib), lr=0.1), ["iterable"]),
        (lambda lib: lib.optim.SGD([], lr=0.1), ["empty parameter list"]),
        (lambda lib: lib.optim.SGD([{"params": {_param(lib)}}]), ["ordered"]),
        (lambda lib: lib.optim.SGD([1.0], lr=0.1), ["can only optimize Tensors"]),
        (lambda lib: lib.optim.SGD([_param(lib) * 2], lr=0.1), ["non-leaf"]),
        (
            lambda lib: lib.optim.SGD(
                [{"params": [p := _param(lib)]}, {"params": [p]}], lr=0.1
            ),
            ["more than one parameter group"],
        ),
        (
            lambda lib: lib.optim.SGD([_param(lib)]).add_param_group([_param(lib)]),
            ["must be a dict"],
        ),
    ],
)
def test_bad_arguments_raise_as_torch(make, words):
    assert_same_error(make, *words)


def test_sgd_lets_nan_hyperparameters_through_as_torch():
    # torch's SGD tests ``value < 0``, which NaN passes (Adam's ``not 0 <= value`` does not)
    for lib in LIBS.values():
        nan = float("nan")
        lib.optim.SGD([_param(lib)], lr=nan, momentum=nan, weight_decay=nan)


def _load(lib, saved_groups):
    params = [_param(lib) for _ in range(3)]
    source = lib.optim.SGD([{"params": params[i:j]} for i, j in saved_groups], lr=0.1)
    target = lib.optim.SGD([{"params": params[:1]}, {"params": params[1:]}], lr=0.1)
    target.load_state_dict(source.state_dict())


@pytest.mark.parametrize(
    ("saved_groups", "words"),
    [
        ([(0, 3)], ["different number of parameter groups"]),
        ([(0, 2), (2, 3)], ["doesn't match the size"]),
    ],
)
def test_load_state_dict_mismatch_raises_as_torch(saved_groups, words):
    assert_same_error(lambda lib: _load(lib, saved_groups), *words)


def test_a_step_that_fails_validation_changes_no_parameter():
    first, second = _param(minigrad), _param(minigrad)
    optimizer = minigrad.optim.SGD([{"params": [first]}, {"params": [second]}], lr=0.1)
    optimizer.param_groups[1]["lr"] = "fast"
    first.grad, second.grad = minigrad.ones(2), minigrad.ones(2)
    with pytest.raises(TypeError, match="lr"):
        optimizer.step()
    # torch raises TypeError too (after updating the first group)
    assert first.tolist() == [1.0, 1.0] and second.tolist() == [1.0, 1.0]


def test_named_parameters_are_accepted_and_saved_as_torch():
    groups = {}
    for name, lib in LIBS.items():
        lib.manual_seed(0)
        model = lib.nn.Linear(2, 1)
        optimizer = lib.optim.SGD(model.named_parameters(), lr=0.1)
        groups[name] = optimizer.state_dict()["param_groups"]
    assert groups["minigrad"] == groups["torch"]
    assert groups["torch"][0]["param_names"] == ["weight", "bias"]


_OTHER_CAPABILITY = """
import numpy as np, torch, minigrad
rng = np.random.default_rng(0)
start = [rng.standard_normal((40, 30)).astype(d) for d in (np.float32, np.float64)]
grads = [[rng.standard_normal(a.shape).astype(a.dtype) for a in start]] * 3
out = []
for lib in (minigrad, torch):
    params = [lib.tensor(a, requires_grad=True) for a in start]
    optimizer = lib.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=0.01)
    for step in grads:
        for p, g in zip(params, step):
            p.grad = lib.tensor(g)
        optimizer.step()
    out.append([p.detach().numpy().tobytes() for p in params])
print(out[0] == out[1])
"""


def test_rounding_follows_torchs_default_cpu_capability():
    # torch's scalar "default" kernels multiply then add; AVX2/AVX-512 fuse (FMA)
    result = python(_OTHER_CAPABILITY, ATEN_CPU_CAPABILITY="default")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
