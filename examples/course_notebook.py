"""Shared by the make_weekNN.py scripts: build a notebook from percent-format
cells, run it on minigrad in a scratch folder, keep its outputs and PNGs."""

import argparse
import os
import shutil
import tempfile
from pathlib import Path

import nbformat
from _notebooks import ROOT, execute, parse


def build(text: str) -> nbformat.NotebookNode:
    """The notebook without outputs, with stable cell ids."""
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(text)
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


def run_in_scratch(nb: nbformat.NotebookNode, **env: str) -> Path:
    """Execute `nb` in place in a new temporary folder (its ./data, its PNGs); return it."""
    cwd = Path(tempfile.mkdtemp(prefix="minigrad-notebook-"))
    execute(nb, cwd, **env)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":  # warnings name files in full
                output.text = output.text.replace(f"{ROOT}{os.sep}", "")
    return cwd


def main(notebook: Path, text: str) -> None:
    """Command line of a make_weekNN.py script: build `notebook` from `text`, run, save."""
    parser = argparse.ArgumentParser(description=f"Build {notebook.name}")
    parser.add_argument("--no-execute", action="store_true", help="save no outputs")
    nb = build(text)
    if not parser.parse_args().no_execute:
        cwd = run_in_scratch(nb)
        for png in sorted(cwd.glob(f"{notebook.stem}_*.png")):
            shutil.copy(png, notebook.parent / png.name)
        shutil.rmtree(cwd)
    nbformat.write(nb, notebook)
