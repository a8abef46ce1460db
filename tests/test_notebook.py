"""The course notebook prints under minigrad what it prints under torch."""

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "make_notebook", ROOT / "examples" / "make_notebook.py"
)
make_notebook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_notebook)

# Appended to each run, then removed: which Python and which library ran the
# cells, and every line drawn (with the Agg backend no figure is ever closed).
PROBE = """\
import json, sys
import matplotlib.pyplot as plt
print(json.dumps({
    "prefix": sys.prefix,
    "library": torch.__name__,
    "lines": [line.get_xydata().tolist() for n in plt.get_fignums()
              for ax in plt.figure(n).axes for line in ax.lines],
}))
"""
WARNING = re.compile(r"^\S.*?:\d+: (\w+Warning: .*)$", re.MULTILINE)


def _run(library: str, cwd: Path) -> tuple[list, dict]:
    """Execute the committed notebook on `library`; its code cells and the probe."""
    nb = nbformat.read(make_notebook.NOTEBOOK, as_version=4)
    if library == "torch":
        for cell in nb.cells:
            if cell.source == make_notebook.ALIAS_LINE:
                cell.source = "# " + cell.source
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    make_notebook.execute(nb, cwd, MPLBACKEND="Agg")
    probe = json.loads(_stream(nb.cells.pop(), "stdout"))
    return [cell for cell in nb.cells if cell.cell_type == "code"], probe


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return {
        lib: _run(lib, tmp_path_factory.mktemp(lib)) for lib in ("minigrad", "torch")
    }


def _stream(cell, name: str) -> str:
    return "".join(
        o.text for o in cell.outputs if o.output_type == "stream" and o.name == name
    )


def _normalise(text: str) -> str:
    # minigrad's reprs name minigrad where torch's name torch: minigrad.Size(...)
    text = text.replace("minigrad.", "torch.")
    # an object's address differs between any two runs, of torch too
    return re.sub(r" at 0x[0-9a-f]+>", " at 0x...>", text)


def _printed(cell) -> str:
    results = [
        o.data.get("text/plain", "")
        for o in cell.outputs
        if o.output_type == "execute_result"
    ]
    return _normalise("\n".join(filter(None, [_stream(cell, "stdout"), *results])))


def _warnings(cell) -> list[str]:
    return [_normalise(w) for w in WARNING.findall(_stream(cell, "stderr"))]


def _mismatches(runs, show) -> list[str]:
    (mini_cells, _), (torch_cells, _) = runs["minigrad"], runs["torch"]
    return [
        f"{mini.id} {mini.source.splitlines()[0]!r}:\n"
        f"minigrad:\n{show(mini)}\ntorch:\n{show(ref)}"
        for mini, ref in zip(mini_cells, torch_cells, strict=True)
        if show(mini) != show(ref)
    ]


def test_each_run_used_its_library_and_this_python(runs):
    for library, (_, probe) in runs.items():
        assert probe["library"] == library
        assert probe["prefix"] == sys.prefix  # e.g. .venv, not the base Python


def test_printed_outputs_match_torch(runs):
    mismatches = _mismatches(runs, _printed)
    assert not mismatches, "\n\n".join(mismatches)


def test_warnings_match_torch(runs):
    # the course's Data2D targets make MSELoss broadcast, with torch's UserWarning
    torch_warnings = [w for cell in runs["torch"][0] for w in _warnings(cell)]
    assert any(w.startswith("UserWarning: Using a target size") for w in torch_warnings)
    mismatches = _mismatches(runs, lambda cell: "\n".join(_warnings(cell)))
    assert not mismatches, "\n\n".join(mismatches)


def test_plotted_data_match_torch(runs):
    mini_lines, torch_lines = runs["minigrad"][1]["lines"], runs["torch"][1]["lines"]
    assert len(mini_lines) == len(torch_lines)
    for mini, ref in zip(mini_lines, torch_lines, strict=True):
        # the plotted values are float32 results: assert_close's float32 tolerances
        np.testing.assert_allclose(mini, ref, rtol=1.3e-6, atol=1e-5)


def test_committed_notebook_is_built_by_make_notebook():
    committed = nbformat.read(make_notebook.NOTEBOOK, as_version=4)
    built = make_notebook.build()
    assert [(c.cell_type, c.source) for c in committed.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ]
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "saved without running"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert str(ROOT) not in nbformat.writes(committed)


def _python(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    )


def test_torch_alias_maps_the_torch_modules_to_minigrad():
    run = _python(
        "import importlib, sys\n"
        "import minigrad.torch_alias\n"
        "import torch, torch.nn, torch.optim, torch.utils.data\n"
        "for alias, name in minigrad.torch_alias.ALIASES.items():\n"
        "    assert sys.modules[alias] is importlib.import_module(name), alias\n"
        "assert torch.nn.Linear is sys.modules['minigrad'].nn.Linear\n"
    )
    assert run.returncode == 0, run.stderr


def test_torch_alias_refuses_after_real_torch():
    run = _python("import torch\nimport minigrad.torch_alias\n")
    assert "ImportError" in run.stderr
    assert "real torch is already imported" in run.stderr


def test_torch_alias_refuses_modules_outside_the_subset():
    run = _python("import minigrad.torch_alias\nimport torch.distributions\n")
    assert "ModuleNotFoundError: No module named 'torch.distributions'" in run.stderr
