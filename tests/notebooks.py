"""Run a course notebook under minigrad and under torch and compare what each printed and plotted.

The torch run comments the notebook's alias line out. The notebooks of weeks 6
and 7 also `import torchvision`, which cannot be installed beside the torch
2.13 CPU wheel here (its compiled operators do not load), so their torch run
replaces the alias line with TORCHVISION_SHIM instead: `torchvision.datasets`
is minigrad.vision.datasets and `torchvision.transforms` is
minigrad.vision.transforms with one change, `ToTensor` returning a
torch.Tensor (in torch's default float dtype, as torchvision's does). The data
therefore reach both runs through the same code (the same IDX files, the same
resampled pixels); everything after ToTensor (models, losses, optimisers,
DataLoader, collation) is the library under test.
"""

import importlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

import minigrad.nn

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

TORCHVISION_SHIM = """\
import sys
import types

import torch
import minigrad
import minigrad.vision.datasets
import minigrad.vision.transforms


class ToTensor(minigrad.vision.transforms.ToTensor):
    def __call__(self, pic):  # in torch's default float dtype, as torchvision's
        previous = minigrad.get_default_dtype()
        name = str(torch.get_default_dtype()).removeprefix("torch.")
        minigrad.set_default_dtype(getattr(minigrad, name))
        try:
            return torch.from_numpy(super().__call__(pic).numpy())
        finally:
            minigrad.set_default_dtype(previous)


transforms = types.ModuleType("torchvision.transforms")
transforms.__dict__.update(
    (k, v) for k, v in vars(minigrad.vision.transforms).items() if not k.startswith("__")
)
transforms.ToTensor = ToTensor
torchvision = types.ModuleType("torchvision")
torchvision.datasets, torchvision.transforms = minigrad.vision.datasets, transforms
sys.modules.update(
    {"torchvision": torchvision, "torchvision.datasets": torchvision.datasets,
     "torchvision.transforms": transforms}
)
"""

# Appended to each run, then removed: which Python and which library ran the
# cells, every line drawn, by figure, and every image shown (with the Agg
# backend no figure is ever closed).
PROBE = """\
import json, sys
import matplotlib.pyplot as plt
figures = [[line.get_xydata().tolist() for ax in plt.figure(n).axes for line in ax.lines]
           for n in plt.get_fignums()]
axes = [ax for n in plt.get_fignums() for ax in plt.figure(n).axes]
print(json.dumps({
    "prefix": sys.prefix,
    "library": torch.__name__,
    "figures": figures,
    "lines": [line for figure in figures for line in figure],
    "images": [image.get_array().tolist() for ax in axes for image in ax.images],
}))
"""
# the layers the notebooks of weeks 6 and 7 use, and the branch that brings each to main
NEEDED = {
    "Conv2d": "conv",
    "MaxPool2d": "conv",
    "BatchNorm2d": "dropnorm",
    "CrossEntropyLoss": "multiclass",
}
MISSING = [
    f"{n} (branch {b})" for n, b in NEEDED.items() if not hasattr(minigrad.nn, n)
]
# the tests that run those notebooks: expected to fail, and not run (each run
# takes minutes), until every layer is on main
needs_layers = pytest.mark.xfail(
    bool(MISSING), reason=f"needs {', '.join(MISSING)}", run=not MISSING, strict=False
)

WARNING = re.compile(r"^\S.*?:\d+: (\w+Warning: .*)$", re.MULTILINE)


def generator(name: str):
    """The module examples/<name>.py (make_notebook, make_week04, _notebooks, ...)."""
    if str(EXAMPLES) not in sys.path:
        # the generators import examples/_notebooks.py
        sys.path.insert(0, str(EXAMPLES))
    return importlib.import_module(name)


def run(gen, library: str, torch_cell: str | None = None) -> tuple[list, dict]:
    """Execute the committed notebook of `gen` on `library`: its code cells and the probe.

    The torch run comments the alias line out, or replaces it with `torch_cell`.
    """
    machinery = generator("_notebooks")
    nb = nbformat.read(gen.NOTEBOOK, as_version=4)
    alias = [c for c in nb.cells if c.source == machinery.ALIAS_LINE]
    assert len(alias) == 1, "the notebook has one alias cell"
    if library == "torch":
        alias[0].source = torch_cell or "# " + machinery.ALIAS_LINE
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    shutil.rmtree(machinery.run_in_scratch(nb, MPLBACKEND="Agg"))
    probe = json.loads(stream(nb.cells.pop(), "stdout"))
    return [cell for cell in nb.cells if cell.cell_type == "code"], probe


def run_both(gen, torch_cell: str | None = None) -> dict:
    """{library: (code cells, probe)} for minigrad and torch."""
    return {lib: run(gen, lib, torch_cell) for lib in ("minigrad", "torch")}


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


def errors(cells) -> list[str]:
    return [
        f"{o.ename}: {o.evalue}"
        for c in cells
        for o in c.outputs
        if o.output_type == "error"
    ]


def mismatches(runs: dict, show, only=lambda source: True) -> list[str]:
    """One message per code cell (but the alias cell) whose source passes `only`
    and where `show(cell)` differs between the two runs."""
    alias_line = generator("_notebooks").ALIAS_LINE
    (mini_cells, _), (torch_cells, _) = runs["minigrad"], runs["torch"]
    return [
        f"{mini.id} {mini.source.splitlines()[0]!r}:\nminigrad:\n{show(mini)}\ntorch:\n{show(ref)}"
        for mini, ref in zip(mini_cells, torch_cells, strict=True)
        if mini.source != alias_line and only(mini.source) and show(mini) != show(ref)
    ]


def assert_printed_match(runs: dict, only=lambda source: True) -> None:
    """Every printed line and result (of the cells whose source passes `only`) as torch's."""
    found = mismatches(runs, printed, only)
    assert not found, "\n\n".join(found)


def assert_warnings_match(runs: dict) -> None:
    """Every cell's warnings as torch's."""
    found = mismatches(runs, lambda cell: "\n".join(warnings(cell)))
    assert not found, "\n\n".join(found)


def assert_plotted_data_match(runs: dict, kinds=("lines", "images"), **tol) -> None:
    """Every plotted line (and shown image) within `tol` of torch's."""
    mini, ref = runs["minigrad"][1], runs["torch"][1]
    for kind in kinds:
        assert len(mini[kind]) == len(ref[kind]), kind
        for a, b in zip(mini[kind], ref[kind], strict=True):
            np.testing.assert_allclose(a, b, **tol, err_msg=kind)


def assert_each_run_used_its_library(runs: dict) -> None:
    """Each run imported its library, in this Python, and raised no error."""
    for library, (cells, probe) in runs.items():
        assert probe["library"] == library
        # NOTE: a kernel may report its venv relative to the repository root
        assert os.path.realpath(ROOT / probe["prefix"]) == os.path.realpath(sys.prefix)
        assert not errors(cells)


def assert_committed_notebook_is_built(gen) -> None:
    """The committed notebook has the generator's cells, all run, without errors or machine paths."""
    committed = nbformat.read(gen.NOTEBOOK, as_version=4)
    built = gen.build()
    assert [(c.cell_type, c.source) for c in committed.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ]
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "saved without running"
    assert not errors(code)
    assert str(ROOT) not in nbformat.writes(committed)


def saved_pngs(gen) -> list[str]:
    """The PNG names that the notebook's cells pass to plt.savefig."""
    source = "\n".join(c.source for c in gen.build().cells if c.cell_type == "code")
    return re.findall(r"plt\.savefig\('([^']+\.png)'\)", source)
