"""CNN training trajectories: the course's CNN and a LeNet-style net, 20 SGD steps
under both libraries, from the same seed and from weights copied from torch."""

import numpy as np
import pytest
import torch

import minigrad
from reference import models, training
from reference.bridges import copy_parameters

STEPS = 20
# the whole-trajectory tolerances of tests/test_trajectories.py
TOLERANCE = {
    np.float32: dict(rtol=1e-5, atol=1e-6),
    np.float64: dict(rtol=1e-12, atol=1e-12),
}
MODELS = {
    "course CNN": (lambda lib, dt: models.CNN(lib, out_1=4, out_2=8, dtype=dt), 16),
    "LeNet": (lambda lib, dt: models.LeNet(lib, dtype=dt), 28),
}


def dataset(side, dtype, n=20):
    rng = np.random.default_rng(0)
    x = rng.random((n, 1, side, side)).astype(dtype)
    y = np.eye(10)[rng.integers(0, 10, n)].astype(dtype)
    return x, y


def run(lib, model, side, dtype, momentum=0.0):
    return training.train(
        lib,
        model,
        "BCEWithLogitsLoss",
        dataset(side, dtype),
        training.sgd(lr=0.5, momentum=momentum),
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


def builder(name, dtype):
    make, side = MODELS[name]
    return lambda lib: make(lib, getattr(lib, np.dtype(dtype).name)), side


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cnn_trajectory_from_the_same_seed(name, dtype):
    build, side = builder(name, dtype)
    mg = run(minigrad, build, side, dtype)
    tc = run(torch, build, side, dtype)
    for key, value in tc.initial_parameters.items():  # the RNG drew the same bits
        np.testing.assert_array_equal(mg.initial_parameters[key], value, key)
    assert_same_trajectory(mg, tc, dtype)


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cnn_trajectory_from_copied_weights(name, dtype):
    build, side = builder(name, dtype)
    torch.manual_seed(123)
    tc_model = build(torch)
    minigrad.manual_seed(321)  # other weights, then overwritten
    mg_model = build(minigrad)
    copy_parameters(tc_model, mg_model)
    mg = run(minigrad, mg_model, side, dtype, momentum=0.9)
    tc = run(torch, tc_model, side, dtype, momentum=0.9)
    assert_same_trajectory(mg, tc, dtype)
