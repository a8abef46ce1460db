"""examples/internals.ipynb: built by its generator, runs clean, agrees with torch."""

from __future__ import annotations

import shutil

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("grandalf")
pytest.importorskip("torch")

from tests import notebooks  # noqa: E402  (after the skips: it imports nbformat)

make_internals = notebooks.generator("make_internals")


@pytest.fixture(scope="module")
def run():
    nb = make_internals.build()
    cwd = notebooks.generator("_notebooks").run_in_scratch(nb, MPLBACKEND="Agg")
    yield nb, cwd
    shutil.rmtree(cwd)


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
    notebooks.assert_committed_notebook_is_built(make_internals)
