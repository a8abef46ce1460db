"""pytest plugin: a ``lib`` fixture running a test once with minigrad, once with torch.

Registered through the ``pytest11`` entry point when minigrad is installed, so a
test needs no conftest::

    def test_sigmoid_is_symmetric(lib):
        x = lib.tensor([1.0, -1.0])
        assert float(lib.sigmoid(x).sum()) == 1.0

Under torch the test is skipped when torch is not installed.
"""

from __future__ import annotations

import sys
import types

import pytest

import minigrad

LIBRARIES = ("minigrad", "torch")


@pytest.fixture(params=LIBRARIES)
def lib(request: pytest.FixtureRequest) -> types.ModuleType:
    """minigrad, then torch: the library a test body runs with."""
    if request.param == "torch":
        return pytest.importorskip("torch")
    return minigrad


def pytest_collection_finish(session: pytest.Session) -> None:
    """Warm torch up before the tests when collected tests use minigrad.testing.

    torch's first import and first op take about a second, which a hypothesis
    test would otherwise pay inside its first example and fail its deadline.
    """
    users = {"_matches", "_trajectories", "strategies"}
    if not session.items or not {f"minigrad.testing.{m}" for m in users} & set(
        sys.modules
    ):
        return
    from minigrad.testing._matches import assert_matches_torch
    from minigrad.testing._trajectories import assert_trajectories_match

    try:
        import torch
    except ImportError:  # pragma: no cover  (no torch: nothing to warm up)
        return
    # NOTE: both generators are left as they were: the warm-up seeds them.
    states = torch.get_rng_state(), minigrad.get_rng_state()
    try:
        assert_matches_torch(lambda lib, x: (x * x).sum(), [1.0, 2.0])
        assert_trajectories_match(_tiny_training, steps=1)
    except AssertionError:  # pragma: no cover  (the tests will say it)
        pass
    finally:
        torch.set_rng_state(states[0])
        minigrad.set_rng_state(states[1])


def _tiny_training(lib: types.ModuleType) -> tuple:
    model = lib.nn.Sequential(lib.nn.Linear(1, 1), lib.nn.Tanh())
    optimizer = lib.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    return model, lib.nn.MSELoss(), optimizer, (lib.randn(2, 1), lib.randn(2, 1))
