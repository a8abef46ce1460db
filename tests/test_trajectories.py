"""Training trajectories: one loop under both libraries, every step's loss compared.

Each model trains 50 SGD steps (minibatches of 5, shuffled) under every SGD
variant, in float32 and float64: once from the same seed (so the RNG draws the
same initial weights and the same batch order) and once from weights copied
from torch.
"""

import numpy as np
import pytest
import torch

import minigrad
from reference import models, training
from reference.bridges import copy_parameters

STEPS = 50
# the tolerances for whole trajectories, per dtype
TOLERANCE = {
    np.float32: dict(rtol=1e-5, atol=1e-6),
    np.float64: dict(rtol=1e-12, atol=1e-12),
}
VARIANTS = {
    "plain": dict(lr=0.1),
    "momentum": dict(lr=0.05, momentum=0.9),
    "dampening": dict(lr=0.05, momentum=0.9, dampening=0.5),
    "nesterov": dict(lr=0.05, momentum=0.8, nesterov=True),
    "weight_decay": dict(lr=0.1, weight_decay=0.05),
    "maximize": dict(lr=0.01, maximize=True),
    "everything": dict(lr=0.03, momentum=0.7, nesterov=True, weight_decay=0.01),
}


def dataset(kind, dtype):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((20, 3))
    if kind == "linear":
        noise = 0.1 * rng.standard_normal((20, 1))
        y = x @ np.array([[0.5], [-1.0], [2.0]]) + 0.3 + noise
    elif kind == "logistic":
        y = (x @ np.array([[1.0], [-2.0], [0.5]]) > 0).astype(np.float64)
    else:
        y = np.tanh(x[:, :1] * x[:, 1:2]) + 0.1 * rng.standard_normal((20, 1))
    return x.astype(dtype), y.astype(dtype)


def builder(kind, dtype):
    """``build(lib)``: the model of ``kind`` in ``dtype``, built by ``lib``."""

    def build(lib):
        lib_dtype = getattr(lib, np.dtype(dtype).name)
        if kind == "linear":
            return models.linear_regression(lib, 3, 1, dtype=lib_dtype)
        if kind == "logistic":
            return models.logistic_regression(lib, 3, dtype=lib_dtype)
        return models.mlp(lib, [3, 8, 6, 1], ["relu", "tanh"], dtype=lib_dtype)

    return build


LOSS = {"linear": "MSELoss", "logistic": "BCELoss", "mlp": "MSELoss"}


def run(lib, model, kind, dtype, variant):
    return training.train(
        lib,
        model,
        LOSS[kind],
        dataset(kind, dtype),
        training.sgd(**VARIANTS[variant]),
        steps=STEPS,
        batch_size=5,
        shuffle=True,
        seed=7,
    )


def assert_same_trajectory(mg, tc, dtype):
    tol = TOLERANCE[dtype]
    assert len(mg.losses) == len(tc.losses) == STEPS
    np.testing.assert_allclose(mg.losses, tc.losses, **tol, err_msg="losses")
    assert list(mg.parameters) == list(tc.parameters)
    for name, value in tc.parameters.items():
        assert mg.parameters[name].dtype == value.dtype, name
        np.testing.assert_allclose(mg.parameters[name], value, **tol, err_msg=name)


KINDS = pytest.mark.parametrize("kind", ["linear", "logistic", "mlp"])
DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64])


@KINDS
@DTYPES
@pytest.mark.parametrize("variant", VARIANTS)
def test_trajectory_from_the_same_seed(kind, dtype, variant):
    build = builder(kind, dtype)
    mg = run(minigrad, build, kind, dtype, variant)
    tc = run(torch, build, kind, dtype, variant)
    for name, value in tc.initial_parameters.items():  # the RNG drew the same bits
        np.testing.assert_array_equal(mg.initial_parameters[name], value, name)
    assert_same_trajectory(mg, tc, dtype)


@KINDS
@DTYPES
@pytest.mark.parametrize("variant", VARIANTS)
def test_trajectory_from_copied_weights(kind, dtype, variant):
    build = builder(kind, dtype)
    torch.manual_seed(123)
    tc_model = build(torch)
    minigrad.manual_seed(321)  # other weights, then overwritten
    mg_model = build(minigrad)
    copy_parameters(tc_model, mg_model)
    mg = run(minigrad, mg_model, kind, dtype, variant)
    tc = run(torch, tc_model, kind, dtype, variant)
    assert_same_trajectory(mg, tc, dtype)
