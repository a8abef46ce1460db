"""Run a course notebook on minigrad and on PyTorch and collect what each showed.

The PyTorch run needs `import torchvision`, and torchvision cannot be installed
beside the torch 2.13 CPU wheel here (its compiled operators do not load). So
that run replaces the notebook's alias line with TORCHVISION_SHIM:
`torchvision.datasets` is minigrad.vision.datasets and `torchvision.transforms`
is minigrad.vision.transforms with one change, `ToTensor` returning a
torch.Tensor (in torch's default float dtype, as torchvision's does). The data therefore reach both runs through the same code (the
same IDX files, the same resampled pixels); everything after ToTensor (models,
losses, optimisers, DataLoader, collation) is the library under test.
"""

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
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
# cells, every line drawn and every image shown (with the Agg backend no figure
# is ever closed).
PROBE = """\
import json, sys
import matplotlib.pyplot as plt
axes = [ax for n in plt.get_fignums() for ax in plt.figure(n).axes]
print(json.dumps({
    "prefix": sys.prefix,
    "library": torch.__name__,
    "lines": [line.get_xydata().tolist() for ax in axes for line in ax.lines],
    "images": [image.get_array().tolist() for ax in axes for image in ax.images],
}))
"""
# the layers the notebooks use, and the branch that brings each to main
NEEDED = {
    "Conv2d": "conv",
    "MaxPool2d": "conv",
    "BatchNorm2d": "dropnorm",
    "CrossEntropyLoss": "multiclass",
}
MISSING = [
    f"{n} (branch {b})" for n, b in NEEDED.items() if not hasattr(minigrad.nn, n)
]
# the tests that run a notebook: expected to fail, and not run (each run takes
# minutes), until every layer is on main
needs_layers = pytest.mark.xfail(
    bool(MISSING), reason=f"needs {', '.join(MISSING)}", run=not MISSING, strict=False
)

WARNING = re.compile(r"^\S.*?:\d+: (\w+Warning: .*)$", re.MULTILINE)


def load_script(name: str):
    """examples/<name>.py as a module (examples/ is not a package)."""
    sys.path.insert(0, str(EXAMPLES))
    try:
        spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(EXAMPLES))
    return module


def run(notebook: Path, library: str) -> tuple[list, dict]:
    """Execute the committed `notebook` on `library`: its code cells and the probe."""
    make_notebook = load_script("_notebooks")
    course_notebook = load_script("course_notebook")
    nb = nbformat.read(notebook, as_version=4)
    alias = [c for c in nb.cells if c.source == make_notebook.ALIAS_LINE]
    assert len(alias) == 1, "the notebook has one alias cell"
    if library == "torch":
        alias[0].source = TORCHVISION_SHIM
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    shutil.rmtree(course_notebook.run_in_scratch(nb, MPLBACKEND="Agg"))
    probe = json.loads(stream(nb.cells.pop(), "stdout"))
    return [cell for cell in nb.cells if cell.cell_type == "code"], probe


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


def mismatches(runs: dict, show, only=lambda source: True) -> list[str]:
    """The cells (after the alias cell) whose source passes `only` and where
    `show` differs between the runs."""
    (mini_cells, _), (torch_cells, _) = runs["minigrad"], runs["torch"]
    return [
        f"{mini.id} {mini.source.splitlines()[0]!r}:\n"
        f"minigrad:\n{show(mini)}\ntorch:\n{show(ref)}"
        for mini, ref in zip(mini_cells[1:], torch_cells[1:], strict=True)
        if only(mini.source) and show(mini) != show(ref)
    ]


def errors(cells) -> list[str]:
    return [
        f"{o.ename}: {o.evalue}"
        for c in cells
        for o in c.outputs
        if o.output_type == "error"
    ]
