"""The course notebook prints under minigrad what it prints under torch."""

import pytest

pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("torch")

from tests import notebooks  # noqa: E402  (after the skips: it imports nbformat)
from tests.python_run import python  # noqa: E402

make_notebook = notebooks.generator("make_notebook")


@pytest.fixture(scope="module")
def runs():
    return notebooks.run_both(make_notebook)


def test_each_run_used_its_library_and_thispython(runs):
    notebooks.assert_each_run_used_its_library(runs)


def test_printed_outputs_match_torch(runs):
    notebooks.assert_printed_match(runs)


def test_warnings_match_torch(runs):
    # the course's Data2D targets make MSELoss broadcast, with torch's UserWarning
    torch_warnings = [w for cell in runs["torch"][0] for w in notebooks.warnings(cell)]
    assert any(w.startswith("UserWarning: Using a target size") for w in torch_warnings)
    notebooks.assert_warnings_match(runs)


def test_plotted_data_match_torch(runs):
    # the plotted values are float32 results: assert_close's float32 tolerances
    notebooks.assert_plotted_data_match(runs, ("lines",), rtol=1.3e-6, atol=1e-5)


def test_committed_notebook_is_built_by_make_notebook():
    notebooks.assert_committed_notebook_is_built(make_notebook)


def test_torch_alias_maps_the_torch_modules_to_minigrad():
    run = python(
        "import importlib, sys\n"
        "import minigrad.torch_alias\n"
        "import torch, torch.nn, torch.optim, torch.utils.data\n"
        "for alias, name in minigrad.torch_alias.ALIASES.items():\n"
        "    assert sys.modules[alias] is importlib.import_module(name), alias\n"
        "assert torch.nn.Linear is sys.modules['minigrad'].nn.Linear\n"
    )
    assert run.returncode == 0, run.stderr


def test_torch_alias_refuses_after_real_torch():
    run = python("import torch\nimport minigrad.torch_alias\n")
    assert "ImportError" in run.stderr
    assert "real torch is already imported" in run.stderr


def test_torch_alias_refuses_modules_outside_the_subset():
    run = python("import minigrad.torch_alias\nimport torch.distributions\n")
    assert "ModuleNotFoundError: No module named 'torch.distributions'" in run.stderr
