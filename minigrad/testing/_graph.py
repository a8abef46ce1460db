"""The autograd graph behind a tensor as nested tuples, and its first difference."""

from __future__ import annotations

from typing import Any

Signature = Any  # None, or (node name, (Signature, ...))


def node_name(fn: Any) -> str | None:
    """A node's name as both libraries spell it (``AddBackward0``), None for none."""
    # NOTE: torch names the leaf node 'torch::autograd::AccumulateGrad'
    return None if fn is None else fn.name().rsplit("::", 1)[-1]


def graph_signature(t: Any, max_nodes: int = 200) -> Signature:
    """The graph behind ``t`` as nested ``(name, (inputs...))`` tuples."""
    memo: dict[int, Signature] = {}

    def visit(fn: Any) -> Signature:
        if fn is None:
            return None
        if id(fn) not in memo:
            if len(memo) > max_nodes:
                return "..."
            memo[id(fn)] = (node_name(fn), "...")
            memo[id(fn)] = (
                node_name(fn),
                tuple(visit(g) for g, _ in fn.next_functions),
            )
        return memo[id(fn)]

    return visit(getattr(t, "grad_fn", None))


def first_difference(actual: Signature, expected: Signature) -> str | None:
    """Where two signatures first differ, as a path from the output; None if equal."""

    def walk(a: Signature, e: Signature, path: list[str]) -> str | None:
        here = " <- ".join(path) if path else "the output"
        a_name = a[0] if isinstance(a, tuple) else a
        e_name = e[0] if isinstance(e, tuple) else e
        if a_name != e_name:
            return f"at {here}: node {a_name} != torch's {e_name}"
        if not isinstance(a, tuple) or not isinstance(e, tuple):
            return None
        if len(a[1]) != len(e[1]):
            return f"at {here}: {a_name} has {len(a[1])} inputs != torch's {len(e[1])}"
        for i, (x, y) in enumerate(zip(a[1], e[1], strict=True)):
            found = walk(x, y, [*path, f"{a_name} input {i}"])
            if found:
                return found
        return None

    return walk(actual, expected, [])
