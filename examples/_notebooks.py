"""Shared machinery of the notebooks' generators: parse, build, run in a scratch folder, save."""

import argparse
import os
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parent
ROOT = EXAMPLES.parent
ALIAS_LINE = "import minigrad.torch_alias"

ALIAS = f"""
# %% [markdown]
**Running on minigrad.** The next cell is the only one that is not the course's:
it makes this kernel's `import torch`, `import torch.nn`, `import torch.optim` and
`import torch.utils.data` resolve to [minigrad](../README.md). Delete it (and restart
the kernel) and the same cells run on PyTorch, printing the same numbers.
# %%
{ALIAS_LINE}
"""

# the notebooks that `import torchvision`: what runs them on minigrad, and how
# the tests run them on PyTorch
TORCHVISION = """\
**Running on minigrad.** Two cells are not the course's. The first makes this kernel's
`import torch` (and `torch.nn`, `torch.optim`, `torch.utils.data`) and `import torchvision`
(`torchvision.datasets`, `torchvision.transforms`) resolve to [minigrad](../README.md)
and its `minigrad.vision`. Delete it (and restart the kernel) and the cells run on PyTorch.
"""
TORCHVISION_TESTS = """\
The tests (`tests/test_notebook_mnist.py`) run these cells twice, on minigrad and on
PyTorch 2.13, and compare every printed line and every plotted value. torchvision cannot
be installed beside that PyTorch here, so for the PyTorch run the test swaps the first cell
for a shim: `torchvision.datasets` and `torchvision.transforms` are minigrad.vision's (the
same files, the same images and the same `Resize` arithmetic) except that `ToTensor`
returns a `torch.Tensor`; every model, loss, optimiser and data loader is PyTorch's.
"""


def torchvision_setup(data: str, precision: str, standin: str) -> str:
    """The cells before a torchvision notebook's course: the alias line and `standin`, which writes the data set `data` describes."""
    return f"""
# %% [markdown]
{TORCHVISION}
{data}
{TORCHVISION_TESTS}{precision}# %%
{ALIAS_LINE}
# %%
from minigrad.vision.datasets import make_standin

{standin}
"""


def course_header(week: int) -> str:
    """The first cells of the course notebook of `week`: its title and references."""
    return f"""
# %% [markdown]
# Hello PyTorch 👋🏻
# %% [markdown]
references
* https://www.coursera.org/learn/deep-neural-networks-with-pytorch/
* https://github.com/damounayman/Deep-Neural-Networks-with-PyTorch/tree/main/Week{week}
# %% [markdown]
## week {week}
"""


def parse(text: str) -> list[nbformat.NotebookNode]:
    """Turn percent-format text into notebook cells."""
    cells = []
    for chunk in text.strip().split("# %%")[1:]:
        kind, _, source = chunk.partition("\n")
        if kind == " [markdown]":
            cells.append(nbformat.v4.new_markdown_cell(source.strip("\n")))
        else:
            cells.append(nbformat.v4.new_code_cell(source.strip("\n")))
    return cells


def build(*texts: str) -> nbformat.NotebookNode:
    """The notebook of the percent-format `texts`, without outputs, with stable cell ids."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell for text in texts for cell in parse(text)]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:03d}"
    nb.metadata = {
        "kernelspec": {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        },
        "language_info": {"name": "python"},
    }
    return nb


def execute(nb: nbformat.NotebookNode, cwd: Path, **env: str) -> nbformat.NotebookNode:
    """Run `nb` in place in a fresh kernel of this Python, in `cwd`, on this tree."""
    kernel_env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    # NOTE: one thread: torch's small matrix products gain nothing from more on a
    # shared machine, and wait for busy cores when other processes run
    kernel_env.update({"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", **env})
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        startup_timeout=120,
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    return client.execute(env=kernel_env)


def run_in_scratch(nb: nbformat.NotebookNode, **env: str) -> Path:
    """Execute `nb` in place in a new temporary folder (its ./data, its PNGs); return it."""
    cwd = Path(tempfile.mkdtemp(prefix="minigrad-notebook-"))
    execute(nb, cwd, **env)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":  # warnings name files in full
                output.text = output.text.replace(f"{ROOT}{os.sep}", "")
    return cwd


def main(nb: nbformat.NotebookNode, path: Path, description: str) -> None:
    """Command line of a generator: run `nb` on minigrad (unless --no-execute), save it at `path` and its PNGs beside it."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--no-execute", action="store_true", help="save no outputs")
    if not parser.parse_args().no_execute:
        cwd = run_in_scratch(nb)
        for png in sorted(cwd.glob(f"{path.stem}_*.png")):
            shutil.copy(png, path.parent / png.name)
        shutil.rmtree(cwd)
    nbformat.write(nb, path)
