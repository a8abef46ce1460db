"""`python -m benchmarks.coverage`: docs/coverage.md, minigrad's API against torch's.

For each torch namespace in scope, every public name is supported (present,
taking every argument torch's signature names), partly supported (present,
missing the arguments listed) or missing. torch's signatures come from
inspect.signature, or for its C functions from the signature lines of their
docstrings (every overload). `--check` exits 1 when the file is out of date.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import torch

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"
NAMESPACES = (
    ("torch", "torch", "minigrad"),
    ("Tensor", "torch.Tensor", "minigrad.Tensor"),
    ("nn", "torch.nn", "minigrad.nn"),
    ("nn.functional", "torch.nn.functional", "minigrad.nn.functional"),
    ("nn.init", "torch.nn.init", "minigrad.nn.init"),
    ("optim", "torch.optim", "minigrad.optim"),
    ("utils.data", "torch.utils.data", "minigrad.utils.data"),
    ("autograd", "torch.autograd", "minigrad.autograd"),
)


@dataclass(frozen=True)
class Row:
    name: str
    status: str  # "supported", "partly", "missing"
    missing_args: tuple[str, ...] = ()


def _resolve(path: str) -> object:
    module, _, attribute = path.partition(".Tensor")
    obj = importlib.import_module(module)
    return obj.Tensor if attribute == "" and path.endswith(".Tensor") else obj


def public_names(namespace: object) -> list[str]:
    """torch's public names: `__all__` where it has one, else public attributes
    defined by torch (not submodules, not typing helpers it imports)."""
    if isinstance(namespace, type):
        return sorted(n for n in vars(namespace) if not n.startswith("_")) + sorted(
            n
            for n in dir(namespace)
            if not n.startswith("_") and n not in vars(namespace)
        )
    names = getattr(namespace, "__all__", None)
    if names is None:
        names = [n for n in dir(namespace) if not n.startswith("_")]
    kept = sorted(_submodules(namespace))  # torch.fft, torch.linalg, ...
    for name in names:
        value = getattr(namespace, name, None)
        if value is None or isinstance(value, types.ModuleType):
            continue
        origin = getattr(value, "__module__", None) or "torch"
        if callable(value) and not origin.startswith("torch"):
            continue
        kept.append(name)
    return sorted(set(kept))


_TOKEN = re.compile(r"^\**([A-Za-z_]\w*)")


def _doc_params(obj: object, name: str) -> list[tuple[str, bool]] | None:
    """(parameter, keyword-only) from every `name(...)` line of the docstring."""
    doc = inspect.getdoc(obj) or ""
    pattern = re.compile(rf"^\s*(?:[\w.]*\.)?{re.escape(name)}\((.*)\)")
    found: dict[str, bool] = {}
    for line in doc.splitlines():
        match = pattern.match(line)
        if not match:
            continue
        text = match.group(1)
        inner = text.split(") ->")[0] if ") ->" in text else text
        keyword_only = False
        for token in _split(inner):
            if token in ("*", "/"):
                keyword_only = keyword_only or token == "*"
                continue
            word = _TOKEN.match(token)
            if token.startswith("**"):
                continue
            if word and word.group(1) != "self":
                found.setdefault(word.group(1), keyword_only)
            if token.startswith("*") and not token.startswith("**"):
                keyword_only = True
    return list(found.items()) if found else None


def _split(text: str) -> list[str]:
    """Top-level comma-separated parts of a parameter list."""
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def torch_params(obj: object, name: str) -> list[tuple[str, bool]] | None:
    """torch's parameters as (name, keyword-only); None when not comparable."""
    if not callable(obj) or inspect.isdatadescriptor(obj):
        return None
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return _doc_params(obj, name)
    params = []
    for p in signature.parameters.values():
        if p.name == "self" or p.kind is p.VAR_KEYWORD:
            continue
        if p.kind is p.VAR_POSITIONAL and p.name == "args":  # a deprecated wrapper
            continue
        params.append((p.name, p.kind in (p.KEYWORD_ONLY, p.VAR_POSITIONAL)))
    return params


def compare(torch_obj: object, mine: object, name: str) -> Row:
    params = torch_params(torch_obj, name)
    if params is None or not callable(mine):
        return Row(name, "supported")
    try:
        signature = inspect.signature(mine)
    except (TypeError, ValueError):
        return Row(name, "supported")
    kinds = {p.kind for p in signature.parameters.values()}
    if inspect.Parameter.VAR_KEYWORD in kinds:
        return Row(name, "supported")
    accepted = set(signature.parameters)
    star = inspect.Parameter.VAR_POSITIONAL in kinds
    lacking = tuple(
        p
        for p, keyword_only in params
        if p not in accepted and (keyword_only or not star)
    )
    return Row(name, "partly" if lacking else "supported", lacking)


def _submodules(namespace: object) -> set[str]:
    """Public submodule names, from the package's files (dir() would list only
    those imported so far)."""
    return {
        info.name
        for info in pkgutil.iter_modules(getattr(namespace, "__path__", []))
        if not info.name.startswith("_")
    }


def namespace_rows(torch_path: str, minigrad_path: str) -> list[Row]:
    theirs, mine = _resolve(torch_path), _resolve(minigrad_path)
    own_submodules = _submodules(mine)
    rows = []
    for name in public_names(theirs):
        if name not in own_submodules and not hasattr(mine, name):
            rows.append(Row(name, "missing"))
        elif not hasattr(theirs, name) or not hasattr(mine, name):
            rows.append(Row(name, "supported"))  # a submodule
        else:
            rows.append(compare(getattr(theirs, name), getattr(mine, name), name))
    return rows


def _row(row: Row) -> str:
    args = ", ".join(f"`{a}`" for a in row.missing_args)
    return f"| `{row.name}` | {row.status} | {args} |"


def render() -> str:
    version = torch.__version__.split("+")[0]
    parts = [
        "# API coverage: minigrad against torch",
        f"Generated by `python -m benchmarks.coverage` from minigrad's code and torch "
        f"{version}'s namespaces; do not edit by hand (a test fails when this file is "
        "out of date). **supported**: the name exists and accepts every argument "
        "torch's signature names; **partly**: it exists, without the arguments "
        "listed; **missing**: not in minigrad (under `minigrad.torch_alias`, using it "
        "raises an AttributeError pointing here).",
    ]
    summary = ["| namespace | supported | partly | missing |", "|---|---|---|---|"]
    sections = []
    for title, torch_path, minigrad_path in NAMESPACES:
        rows = namespace_rows(torch_path, minigrad_path)
        count = {s: sum(r.status == s for r in rows) for s in ("supported", "partly")}
        missing = [r.name for r in rows if r.status == "missing"]
        summary.append(
            f"| `{title}` | {count['supported']} | {count['partly']} | {len(missing)} |"
        )
        table = ["| name | status | missing arguments |", "|---|---|---|"]
        table += [_row(r) for r in rows if r.status != "missing"]
        text = f"## `{torch_path}`\n\n" + "\n".join(table)
        if missing:
            text += "\n\nMissing: " + ", ".join(f"`{n}`" for n in missing) + "."
        sections.append(text)
    return "\n\n".join([*parts, "\n".join(summary), *sections]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.coverage")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if docs/coverage.md is stale"
    )
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text() if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.name} is out of date: run python -m benchmarks.coverage")
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
