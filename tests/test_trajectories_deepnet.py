"""Deep networks trained under both libraries: the course's ModuleList Net and a
Sequential of the new layers, 50 SGD steps, every loss and final weight compared."""

import numpy as np
import pytest
import torch

import minigrad
from reference import models, training
from reference.bridges import copy_parameters
from tests.test_trajectories import assert_same_trajectory, dataset

STEPS = 50
VARIANTS = {
    "plain": dict(lr=0.05),
    "momentum": dict(lr=0.02, momentum=0.9),
    "nesterov": dict(lr=0.02, momentum=0.8, nesterov=True, weight_decay=0.01),
}


def builder(kind, dtype):
    def build(lib):
        lib_dtype = getattr(lib, np.dtype(dtype).name)
        if kind == "module_list_leaky_relu":
            return models.DeepNet(lib, [3, 8, 8, 6, 1], "leaky_relu", dtype=lib_dtype)
        if kind == "module_list_elu":
            return models.DeepNet(lib, [3, 10, 10, 1], "elu", dtype=lib_dtype)
        if kind == "sequential":
            return lib.nn.Sequential(
                lib.nn.Flatten(),
                models.mlp(
                    lib,
                    [3, 8, 8, 8, 1],
                    ["leaky_relu", "elu", "softplus"],
                    dtype=lib_dtype,
                ),
            )
        raise ValueError(kind)

    return build


def run(lib, model, dtype, variant):
    return training.train(
        lib,
        model,
        "MSELoss",
        dataset("mlp", dtype),
        training.sgd(**VARIANTS[variant]),
        steps=STEPS,
        batch_size=5,
        shuffle=True,
        seed=7,
    )


KINDS = pytest.mark.parametrize(
    "kind", ["module_list_leaky_relu", "module_list_elu", "sequential"]
)
DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64])


@KINDS
def test_deep_models_print_and_register_as_torch(kind):
    build = builder(kind, np.float32)
    mg, tc = build(minigrad), build(torch)
    assert repr(mg) == repr(tc)
    assert list(mg.state_dict()) == list(tc.state_dict())


@KINDS
@DTYPES
@pytest.mark.parametrize("variant", VARIANTS)
def test_trajectory_from_the_same_seed(kind, dtype, variant):
    build = builder(kind, dtype)
    mg = run(minigrad, build, dtype, variant)
    tc = run(torch, build, dtype, variant)
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
    mg = run(minigrad, mg_model, dtype, variant)
    tc = run(torch, tc_model, dtype, variant)
    assert_same_trajectory(mg, tc, dtype)
