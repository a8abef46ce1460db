"""The package's layers (README, "What is inside"): no module imports a higher one,
and no import circle among minigrad's modules, counting imports inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "minigrad"

# bottom to top; a module may import its own layer or lower ones
LAYERS = [
    (
        "helpers",
        [
            "minigrad.dtypes",
            "minigrad._size",
            "minigrad._device",
            "minigrad.cuda",
            "minigrad._checks",
            "minigrad._linalg_checks",
            "minigrad._indexing",
            "minigrad._broadcast",
            "minigrad._array",
            "minigrad._tensor_str",
            "minigrad._storage",
            "minigrad._exact",
            "minigrad._interop",
            "minigrad._arguments",
            "minigrad._signature",
            "minigrad._namespace",
            "minigrad._einsum",
            "minigrad.return_types",
        ],
    ),
    ("graph, engine and op rules", ["minigrad.engine", "minigrad.ops"]),
    ("Tensor", ["minigrad._tensor_methods", "minigrad.tensor"]),
    (
        "functions on Tensor",
        [
            "minigrad.factories",
            "minigrad._convert",
            "minigrad.math",
            "minigrad._shape_functions",
            "minigrad._index_functions",
            "minigrad._reductions",
            "minigrad._products",
            "minigrad._method_functions",
            "minigrad._math_elementwise",
            "minigrad._gap_functions",
            "minigrad._special_functions",
            "minigrad.special",
            "minigrad._dtype_functions",
            "minigrad._combinations",
            "minigrad._integration",
            "minigrad._searching",
            "minigrad.linalg",
            "minigrad._linalg_products",
            "minigrad._linalg_square",
            "minigrad._linalg_decompositions",
            "minigrad._linalg_norms",
            "minigrad._linalg_functions",
            "minigrad.random",
            "minigrad._distributions",
            "minigrad.autograd",
            "minigrad.serialization",
            "minigrad.types",
        ],
    ),
    ("nn, optim, data", ["minigrad.nn", "minigrad.optim", "minigrad.utils"]),
    (
        "public face",
        [
            "minigrad.torch_alias",
            "minigrad.vision",
            "minigrad.viz",
            "minigrad.testing",  # runs code against the whole package (nn, optim, ...)
        ],
    ),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int | None:
    if module == "minigrad":
        return len(LAYERS) - 1  # the package's __init__: the public face
    best = None
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if module == p or module.startswith(p + "."):
                best = i
    return best


def _imports(path: Path, modules: dict, own: str | None = None) -> set[str]:
    """Every minigrad module the file imports, at the top or inside a function:
    ``from P import name`` imports the module P.name if there is one, else P."""
    tree = ast.parse(path.read_text(), str(path))
    own = own or _module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            for a in node.names:
                sub = f"{mod}.{a.name}"
                found.add(sub if sub in modules else mod)
    return {m for m in found if m == "minigrad" or m.startswith("minigrad.")}


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _existing(name: str) -> str:
    """The module a dotted name refers to (``minigrad.x.y`` without a file: x)."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


GRAPH = {
    mod: {_existing(m) for m in _imports(path, MODULES)} - {mod}
    for mod, path in MODULES.items()
}


def test_every_module_has_a_layer():
    assert [m for m in MODULES if _layer(m) is None] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_higher_layer(module):
    own = _layer(module)
    higher = [m for m in GRAPH[module] if (_layer(m) or 0) > own]
    assert higher == [], f"{module} ({LAYERS[own][0]}) imports {higher}"


def test_no_import_circle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(mod: str) -> None:
        state[mod] = 1
        stack.append(mod)
        for dep in sorted(GRAPH[mod]):
            if state.get(dep) == 1:
                circle = stack[stack.index(dep) :] + [dep]
                raise AssertionError("import circle: " + " -> ".join(circle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[mod] = 2

    for mod in sorted(GRAPH):
        if mod not in state:
            visit(mod)


def test_the_layer_test_sees_a_violation(tmp_path):
    """The test can fail: a helper that imports Tensor inside a function is caught."""
    bad = tmp_path / "_checks.py"
    bad.write_text("def f():\n    from minigrad.tensor import Tensor\n")
    assert _imports(bad, MODULES, "minigrad._checks") == {"minigrad.tensor"}
    assert _layer("minigrad.tensor") > _layer("minigrad._checks")


def test_the_testing_toolkit_shows_that_it_uses_the_whole_package():
    """minigrad.testing runs code against the package (nn, optim, ...), by import."""
    assert "minigrad" in GRAPH["minigrad.testing._matches"]
    assert _layer("minigrad.testing") == _layer("minigrad") == len(LAYERS) - 1
