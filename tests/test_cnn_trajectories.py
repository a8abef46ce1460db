"""CNN training trajectories: the course's CNN and a LeNet-style net, 20 SGD steps
under both libraries, from the same seed and from weights copied from torch."""

import numpy as np
import pytest

from reference import models, training
from tests.trajectories import (
    TOLERANCE,
    assert_same_from_copied_weights,
    assert_same_from_the_same_seed,
    builder,
    train,
)

STEPS = 20
# name: (image side, model(lib, dtype))
MODELS = {
    "course CNN": (16, lambda lib, dt: models.CNN(lib, out_1=4, out_2=8, dtype=dt)),
    "LeNet": (28, lambda lib, dt: models.LeNet(lib, dtype=dt)),
}


def dataset(side, dtype, n=20):
    rng = np.random.default_rng(0)
    x = rng.random((n, 1, side, side)).astype(dtype)
    y = np.eye(10)[rng.integers(0, 10, n)].astype(dtype)
    return x, y


def runner(side, dtype, momentum=0.0):
    """`run(lib, model)`: STEPS steps of SGD on images of `side` x `side`."""
    optimizer = training.sgd(lr=0.5, momentum=momentum)
    return lambda lib, model: train(
        lib, model, "BCEWithLogitsLoss", dataset(side, dtype), optimizer, STEPS
    )


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cnn_trajectory_from_the_same_seed(name, dtype):
    run, build = runner(MODELS[name][0], dtype), builder(MODELS, name, dtype)
    assert_same_from_the_same_seed(run, build, TOLERANCE[dtype], STEPS)


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cnn_trajectory_from_copied_weights(name, dtype):
    run = runner(MODELS[name][0], dtype, momentum=0.9)
    build = builder(MODELS, name, dtype)
    assert_same_from_copied_weights(run, build, TOLERANCE[dtype], STEPS)
