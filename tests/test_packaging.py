"""Packaging and the user's entry points: what installs, what imports, what runs."""

from __future__ import annotations

import difflib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.python_run import python

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = (ROOT / "pyproject.toml").read_text()
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's minigrad, wherever run
# NOTE: once minigrad is installed its entry point loads the plugin; naming it
# again with -p would register it twice.
PLUGIN = (
    ()
    if any(
        ep.value == "minigrad.testing.plugin"
        for ep in importlib.metadata.entry_points(group="pytest11")
    )
    else ("-p", "minigrad.testing.plugin")
)
README = (ROOT / "README.md").read_text()


def _pytest(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-n",
        "0",
        "-p",
        "no:cacheprovider",
    ]
    return subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=ENV
    )


@pytest.mark.parametrize(
    "statement",
    [
        "import minigrad",
        "import minigrad.testing",
        "from minigrad.testing import assert_close; assert_close(1.0, 1.0)",
        "import minigrad.testing.plugin",
        "import minigrad; minigrad.testing.assert_close(1.0, 1.0)",
    ],
)
def test_minigrad_imports_neither_torch_nor_hypothesis(statement):
    out = python(
        f"import sys; {statement}; "
        "print(sorted({'torch', 'hypothesis'} & set(sys.modules)))"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_testing_toolkit_loads_on_first_use_as_torch_testing_is_there():
    out = python(
        "import sys, minigrad; before = 'minigrad.testing' in sys.modules; "
        "print(before, minigrad.testing.assert_close is sys.modules['minigrad.testing'].assert_close)"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True"]
    missing = python("import minigrad; minigrad.no_such_name")
    assert (
        "AttributeError: module 'minigrad' has no attribute 'no_such_name'"
        in missing.stderr
    )


def test_only_minigrad_lands_in_site_packages(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "minigrad",
        source / "minigrad",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    for name in ("reference", "benchmarks", "tests"):  # present, and left out
        shutil.copytree(
            ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", str(source), "-w", str(tmp_path / "wheel")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    [wheel] = (tmp_path / "wheel").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {
        "minigrad",
        f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info",
    }
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[pytest11]" in text and "minigrad.testing.plugin" in text


def _list(key: str) -> set[str]:
    """The package names of one list in pyproject.toml (`key = [...]`)."""
    text = PYPROJECT.split(f"\n{key} = [", 1)[1].split("]", 1)[0]
    return {re.split(r"[<>=]", item)[0] for item in re.findall(r'"([^"]+)"', text)}


def test_extras_and_settings():
    assert _list("peers") == {"autograd", "mygrad", "micrograd", "jax", "tinygrad"}
    assert not _list("peers") & _list("dev")
    assert _list("dependencies") == {"numpy"}
    assert _list("include") == {"minigrad*"}
    assert 'pythonpath = ["."]' in PYPROJECT


def _readme_commands() -> list[str]:
    block = README.split("## Quick start", 1)[1].split("```bash", 1)[1]
    block = block.split("```", 1)[0]
    return [line.split("  #")[0].strip() for line in block.strip().splitlines()]


def test_readme_commands_make_a_virtual_environment_and_ci_runs_them():
    install, tests = _readme_commands()
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert ".venv/bin/python -m benchmarks" in install
    assert tests.startswith(".venv/bin/")
    assert "--index-url https://download.pytorch.org/whl/cpu" in README
    ci = (ROOT / ".ci" / "run").read_text()
    assert tests in ci.splitlines()
    assert "peers" not in ci and "python3 -m venv .venv" in ci


def test_the_readme_example_runs(tmp_path):
    section = README.split("## Test your own code against torch", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    assert len([line for line in code.splitlines() if line.strip()]) <= 10
    (tmp_path / "test_readme_example.py").write_text(code)
    out = _pytest(
        *PLUGIN, "--rootdir", str(tmp_path), str(tmp_path / "test_readme_example.py")
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 passed" in out.stdout


def test_the_example_file_runs_under_pytest():
    out = _pytest(*PLUGIN, "examples/property_testing.py")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "6 passed" in out.stdout


def test_the_lib_fixture_runs_a_test_once_per_library(tmp_path):
    (tmp_path / "test_user.py").write_text(
        "def test_body(lib):\n"
        "    x = lib.tensor([1.0, 2.0], requires_grad=True)\n"
        "    (x * x).sum().backward()\n"
        "    assert x.grad.tolist() == [2.0, 4.0]\n"
        "    print('ran with', lib.__name__)\n"
    )
    plugin = (*PLUGIN, "--rootdir", str(tmp_path))
    out = _pytest(*plugin, "-s", "test_user.py", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 passed" in out.stdout
    assert "ran with minigrad" in out.stdout and "ran with torch" in out.stdout
    listed = _pytest(*plugin, "--collect-only", "test_user.py", cwd=tmp_path).stdout
    assert "test_body[minigrad]" in listed and "test_body[torch]" in listed


def test_a_missing_api_under_the_alias_points_to_the_coverage_table():
    out = python(
        "import minigrad.torch_alias, torch\n"
        "for get in (lambda: torch.fft, lambda: torch.nn.Transformer):\n"
        "    try:\n"
        "        get()\n"
        "    except AttributeError as error:\n"
        "        print(error)\n"
        "print(hasattr(torch, 'fft'), torch.nn.Linear.__name__)\n"
    )
    assert out.returncode == 0, out.stderr
    fft, transformer, last = out.stdout.strip().splitlines()
    assert fft.startswith("module 'torch' has no attribute 'fft': torch.fft is outside")
    assert "minigrad's API subset" in fft and "docs/coverage.md" in fft
    assert transformer.startswith("module 'torch.nn' has no attribute 'Transformer'")
    assert last == "False Linear"


def test_the_coverage_table_is_up_to_date():
    from benchmarks import coverage

    current = (ROOT / "docs" / "coverage.md").read_text().splitlines()
    fresh = coverage.render().splitlines()
    changed = [line for line in difflib.unified_diff(current, fresh, lineterm="")][:12]
    assert not changed, (
        "docs/coverage.md is out of date: run python -m benchmarks.coverage\n"
        + "\n".join(changed)
    )


def test_the_coverage_table_sorts_names_by_support():
    from benchmarks import coverage

    rows = {r.name: r for r in coverage.namespace_rows("torch", "minigrad")}
    assert rows["fft"].status == "missing"
    assert rows["add"].status == "partly" and "out" in rows["add"].missing_args
    assert rows["manual_seed"].status == "supported"
    nn = {r.name: r for r in coverage.namespace_rows("torch.nn", "minigrad.nn")}
    assert nn["Transformer"].status == "missing" and nn["Linear"].status != "missing"


def test_version_is_pyprojects():
    import re
    from pathlib import Path

    import minigrad

    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert minigrad.__version__ == re.search(r'^version = "(.+)"', text, re.M).group(1)
