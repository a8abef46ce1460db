"""examples/week07.ipynb prints and plots under minigrad what it does under torch.

Each run executes the committed notebook's cells in a fresh kernel; the torch
run swaps the alias cell for tests/course_notebooks.py's torchvision shim.
"""

import os
import sys

import numpy as np
import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
# the offline Fashion-MNIST stand-in is made of scikit-learn's digits
pytest.importorskip("sklearn")
pytest.importorskip("torch")

from tests import course_notebooks as cn  # noqa: E402

make_week07 = cn.load_script("make_week07")


@pytest.fixture(scope="module")
def runs():
    return {lib: cn.run(make_week07.NOTEBOOK, lib) for lib in ("minigrad", "torch")}


@cn.needs_layers
def test_each_run_used_its_library_and_this_python(runs):
    for library, (cells, probe) in runs.items():
        assert probe["library"] == library
        # NOTE: a kernel may report its venv relative to the repository root
        assert os.path.realpath(cn.ROOT / probe["prefix"]) == os.path.realpath(
            sys.prefix
        )
        assert not cn.errors(cells)


@cn.needs_layers
def test_printed_outputs_match_torch(runs):
    mismatches = cn.mismatches(runs, cn.printed)
    assert not mismatches, "\n\n".join(mismatches)


@cn.needs_layers
def test_warnings_match_torch(runs):
    mismatches = cn.mismatches(runs, lambda cell: "\n".join(cn.warnings(cell)))
    assert not mismatches, "\n\n".join(mismatches)


@cn.needs_layers
def test_plotted_data_match_torch(runs):
    # cost and accuracy curves and images of float64 training, compared with
    # assert_close's float64 defaults
    mini, ref = runs["minigrad"][1], runs["torch"][1]
    for kind in ("lines", "images"):
        assert len(mini[kind]) == len(ref[kind]), kind
        for a, b in zip(mini[kind], ref[kind], strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-7, atol=1e-7)


def test_committed_notebook_is_built_by_its_script():
    committed = nbformat.read(make_week07.NOTEBOOK, as_version=4)
    built = cn.load_script("course_notebook").build(
        make_week07.SETUP + make_week07.COURSE
    )
    assert [(c.cell_type, c.source) for c in committed.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ]
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "saved without running"
    assert not cn.errors(code)
    assert str(cn.ROOT) not in nbformat.writes(committed)
