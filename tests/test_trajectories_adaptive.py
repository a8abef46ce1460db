"""Epochs of Adam under a learning-rate scheduler, against torch.

The MLP and data of tests/trajectories.py; test_trajectories.py compares the
step-by-step trajectories under Adam, AdamW, RMSprop and Adagrad.
"""

import numpy as np
import pytest
import torch

import minigrad
from tests.trajectories import REGRESSION, TOLERANCE, builder, dataset

DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64])

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
        model = builder(REGRESSION, "mlp", dtype)(lib)
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
