"""Run a course notebook under minigrad and under torch and compare what each printed and plotted."""

import importlib
import json
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# Appended to each run, then removed: which Python and which library ran the
# cells, and every line drawn, by figure (with the Agg backend no figure is
# ever closed).
PROBE = """\
import json, sys
import matplotlib.pyplot as plt
figures = [[line.get_xydata().tolist() for ax in plt.figure(n).axes for line in ax.lines]
           for n in plt.get_fignums()]
print(json.dumps({
    "prefix": sys.prefix,
    "library": torch.__name__,
    "figures": figures,
    "lines": [line for figure in figures for line in figure],
}))
"""
WARNING = re.compile(r"^\S.*?:\d+: (\w+Warning: .*)$", re.MULTILINE)


def generator(name: str):
    """The generator module examples/<name>.py (make_notebook, make_week04, ...)."""
    if str(EXAMPLES) not in sys.path:
        sys.path.insert(
            0, str(EXAMPLES)
        )  # the generators import examples/_notebooks.py
    return importlib.import_module(name)


def run(gen, library: str, cwd: Path) -> tuple[list, dict]:
    """Execute the committed notebook of `gen` on `library`; its code cells and the probe."""
    nb = nbformat.read(gen.NOTEBOOK, as_version=4)
    if library == "torch":
        for cell in nb.cells:
            if cell.source == gen.ALIAS_LINE:
                cell.source = "# " + cell.source
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    gen.execute(nb, cwd, MPLBACKEND="Agg")
    probe = json.loads(stream(nb.cells.pop(), "stdout"))
    return [cell for cell in nb.cells if cell.cell_type == "code"], probe


def run_both(gen, tmp_path_factory) -> dict:
    """{library: (code cells, probe)} for minigrad and torch."""
    return {
        lib: run(gen, lib, tmp_path_factory.mktemp(lib))
        for lib in ("minigrad", "torch")
    }


def stream(cell, name: str) -> str:
    return "".join(
        o.text for o in cell.outputs if o.output_type == "stream" and o.name == name
    )


def normalise(text: str) -> str:
    # minigrad's reprs name minigrad where torch's name torch: minigrad.Size(...)
    text = text.replace("minigrad.", "torch.")
    # an object's address differs between any two runs, of torch too
    return re.sub(r" at 0x[0-9a-f]+>", " at 0x...>", text)


def printed(cell) -> str:
    results = [
        o.data.get("text/plain", "")
        for o in cell.outputs
        if o.output_type == "execute_result"
    ]
    return normalise("\n".join(filter(None, [stream(cell, "stdout"), *results])))


def warnings(cell) -> list[str]:
    return [normalise(w) for w in WARNING.findall(stream(cell, "stderr"))]


def mismatches(runs: dict, show) -> list[str]:
    """One message per code cell where `show(cell)` differs between the two runs."""
    (mini_cells, _), (torch_cells, _) = runs["minigrad"], runs["torch"]
    return [
        f"{mini.id} {mini.source.splitlines()[0]!r}:\nminigrad:\n{show(mini)}\ntorch:\n{show(ref)}"
        for mini, ref in zip(mini_cells, torch_cells, strict=True)
        if show(mini) != show(ref)
    ]


def assert_each_run_used_its_library(runs: dict) -> None:
    for library, (_, probe) in runs.items():
        assert probe["library"] == library
        assert probe["prefix"] == sys.prefix  # e.g. .venv, not the base Python


def assert_committed_notebook_is_built(gen) -> None:
    """The committed notebook has the generator's cells, all run, without errors or machine paths."""
    committed = nbformat.read(gen.NOTEBOOK, as_version=4)
    built = gen.build()
    assert [(c.cell_type, c.source) for c in committed.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ]
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "saved without running"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert str(ROOT) not in nbformat.writes(committed)


def saved_pngs(gen) -> list[str]:
    """The PNG names that the notebook's cells pass to plt.savefig."""
    source = "\n".join(c.source for c in gen.build().cells if c.cell_type == "code")
    return re.findall(r"plt\.savefig\('([^']+\.png)'\)", source)
