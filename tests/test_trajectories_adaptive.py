"""Training trajectories under Adam, AdamW, RMSprop and Adagrad, against torch.

The loop, models and data of test_trajectories.py (50 steps, minibatches of 5,
shuffled), from the same seed and from weights copied from torch.
"""

import numpy as np
import pytest
import torch

import minigrad
from reference import training
from reference.bridges import copy_parameters
from tests.test_trajectories import (
    LOSS,
    STEPS,
    TOLERANCE,
    assert_same_trajectory,
    builder,
    dataset,
)

VARIANTS = {
    "Adam": dict(lr=0.01),
    "Adam_amsgrad_wd": dict(lr=0.02, amsgrad=True, weight_decay=0.01),
    "Adam_maximize": dict(lr=0.001, maximize=True, betas=(0.8, 0.9)),
    "AdamW": dict(lr=0.01, weight_decay=0.1),
    "RMSprop": dict(lr=0.005),
    "RMSprop_centered_momentum": dict(lr=0.002, centered=True, momentum=0.9),
    "Adagrad": dict(lr=0.1),
    "Adagrad_decay": dict(lr=0.2, lr_decay=0.05, weight_decay=0.01),
}


def run(lib, model, kind, dtype, variant):
    return training.train(
        lib,
        model,
        LOSS[kind],
        dataset(kind, dtype),
        training.optimizer(variant.split("_")[0], **VARIANTS[variant]),
        steps=STEPS,
        batch_size=5,
        shuffle=True,
        seed=7,
    )


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


SCHEDULES = {
    "StepLR": lambda lib, opt: lib.optim.lr_scheduler.StepLR(opt, 2, gamma=0.5),
    "ExponentialLR": lambda lib, opt: lib.optim.lr_scheduler.ExponentialLR(opt, 0.8),
    "ReduceLROnPlateau": lambda lib, opt: lib.optim.lr_scheduler.ReduceLROnPlateau(
        opt, patience=0, factor=0.5
    ),
}


@DTYPES
@pytest.mark.parametrize("schedule", SCHEDULES)
def test_scheduled_training_epochs(schedule, dtype):
    """Epochs of Adam on the MLP with a scheduler stepped after each epoch."""
    records = {}
    for name, lib in {"minigrad": minigrad, "torch": torch}.items():
        lib.manual_seed(3)
        model = builder("mlp", dtype)(lib)
        x, y = (lib.from_numpy(a.copy()) for a in dataset("mlp", dtype))
        optimizer = lib.optim.Adam(model.parameters(), lr=0.05)
        scheduler = SCHEDULES[schedule](lib, optimizer)
        criterion = lib.nn.MSELoss()
        losses, lrs = [], []
        for _ in range(8):
            epoch_loss = 0.0
            for i in range(0, 20, 5):
                loss = criterion(model(x[i : i + 5]), y[i : i + 5])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                epoch_loss += loss.item()
            losses.append(epoch_loss)
            if schedule == "ReduceLROnPlateau":
                scheduler.step(epoch_loss)
            else:
                scheduler.step()
            lrs.append(scheduler.get_last_lr())
        records[name] = (losses, lrs)
    (mg_losses, mg_lrs), (tc_losses, tc_lrs) = records["minigrad"], records["torch"]
    torch.testing.assert_close(
        torch.tensor(mg_losses, dtype=torch.float64),
        torch.tensor(tc_losses, dtype=torch.float64),
        **TOLERANCE[dtype],  # the whole-trajectory tolerances of the issue
    )
    assert mg_lrs == tc_lrs
