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
