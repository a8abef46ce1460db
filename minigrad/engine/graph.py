"""The graph: a Node per recorded op (the tensor's ``grad_fn``) and its edges."""

from __future__ import annotations

import itertools

_sequence = itertools.count()

# Marks "this node's own output" in a node's ``saved`` tuple: the output array
# is kept in ``node.out`` so that a node never holds its output tensor (no
# reference cycle); the engine rebuilds the tensor when ``create_graph=True``.
OUTPUT = object()


class Node:
    """A backward function: ``backward(grad, *saved)`` returns one gradient per input.

    ``next_edges[i]`` is where input i's gradient goes: the input's own Node, the
    input tensor itself when it is a leaf that requires grad, or None.
    """

    __slots__ = (
        "versions",
        "next_edges",
        "in_meta",
        "saved",
        "out",
        "seq",
        "retained",
        "__dict__",
        "__weakref__",
    )
    node_name: str | None = None

    def name(self) -> str:
        return self.node_name or type(self).__name__ + "Backward0"

    def backward(self, grad, *saved):  # pragma: no cover - every op overrides it
        raise NotImplementedError

    @property
    def next_functions(self) -> tuple:
        return tuple((_as_function(e), 0) for e in self.next_edges)

    def register_hook(self, hook):
        raise NotImplementedError("minigrad: grad_fn hooks are not supported")

    def __repr__(self) -> str:
        return f"<{self.name()} object at {hex(id(self))}>"


class AccumulateGrad:
    """The node torch shows for a leaf: it adds incoming gradients to ``.grad``."""

    __slots__ = ("variable", "__weakref__")

    def __init__(self, variable) -> None:
        self.variable = variable

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"

    @property
    def next_functions(self) -> tuple:
        return ()

    def __repr__(self) -> str:
        return f"<AccumulateGrad object at {hex(id(self))}>"


def _as_function(edge):
    if edge is None or isinstance(edge, Node):
        return edge
    acc = edge._accumulator  # a leaf tensor: one AccumulateGrad per leaf, as torch
    if acc is None:
        acc = edge._accumulator = AccumulateGrad(edge)
    return acc


def new_seq() -> int:
    return next(_sequence)
