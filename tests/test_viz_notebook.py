"""examples/internals.ipynb: built by its generator, runs clean, agrees with torch."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("grandalf")
pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "make_internals", ROOT / "examples" / "make_internals.py"
)
make_internals = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_internals)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("internals")
    nb = make_internals.build()
    make_internals.make_notebook.execute(nb, cwd, MPLBACKEND="Agg")
    return nb, cwd


def _text(nb) -> str:
    return "".join(
        o.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "stream" and o.name == "stdout"
    )


def test_runs_without_errors_and_writes_pictures(run):
    nb, cwd = run
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors
    names = sorted(p.name for p in cwd.glob("internals_*.png"))
    assert {
        "internals_graph.png",
        "internals_chain_rule.png",
        "internals_strip.png",
    } <= set(names)
    assert len([n for n in names if n.startswith("internals_step")]) == 6


def test_trace_agrees_with_torch_node_by_node(run):
    text = _text(run[0])
    assert "PyTorch here: True" in text
    assert text.count(" same\n") == 6 and "DIFFERENT" not in text


def test_chain_rule_by_hand_equals_grad(run):
    lines = {ln.split(":")[0]: ln for ln in _text(run[0]).splitlines() if ":" in ln}
    by_hand = float(lines["dL/dw by hand"].split()[3])
    grad = float(lines["weight.grad"].split()[1])
    assert by_hand == pytest.approx(grad, rel=1.3e-6, abs=1e-5)  # float32 sums


def test_committed_notebook_is_built_by_make_internals():
    committed = nbformat.read(make_internals.NOTEBOOK, as_version=4)
    built = make_internals.build()
    assert [(c.cell_type, c.source) for c in committed.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ]
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "saved without running"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert str(ROOT) not in nbformat.writes(committed)
