"""Deep networks print and register their parameters as torch's: the course's
ModuleList Net and a Sequential of the new layers (test_trajectories.py compares
their trajectories)."""

import numpy as np
import pytest
import torch

import minigrad
from tests.trajectories import DEEP, builder


@pytest.mark.parametrize("kind", list(DEEP))
def test_deep_models_print_and_register_as_torch(kind):
    build = builder(DEEP, kind, np.float32)
    mg, tc = build(minigrad), build(torch)
    assert repr(mg) == repr(tc)
    assert list(mg.state_dict()) == list(tc.state_dict())
