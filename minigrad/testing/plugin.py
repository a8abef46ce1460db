"""pytest plugin: a ``lib`` fixture running a test once with minigrad, once with torch.

Registered through the ``pytest11`` entry point when minigrad is installed, so a
test needs no conftest::

    def test_sigmoid_is_symmetric(lib):
        x = lib.tensor([1.0, -1.0])
        assert float(lib.sigmoid(x).sum()) == 1.0

Under torch the test is skipped when torch is not installed.
"""

from __future__ import annotations

import importlib
import types

import pytest

LIBRARIES = ("minigrad", "torch")


@pytest.fixture(params=LIBRARIES)
def lib(request: pytest.FixtureRequest) -> types.ModuleType:
    """minigrad, then torch: the library a test body runs with."""
    if request.param == "torch":
        return pytest.importorskip("torch")
    return importlib.import_module(request.param)
