"""torch's ``_saved_*`` attributes: where each op finds the value torch saved.

An op declares ``torch_saved = {"_saved_self": input(0), ...}`` (or one such
dict per torch node name when an op shows under several names); the Op base
answers ``node._saved_self`` from it, so tools written for torch's graph
(torchviz, hooks that inspect ``grad_fn``) read minigrad's nodes unchanged.
Saved tensors raise torch's error once ``backward()`` freed them; sizes and
other plain values stay readable, as in torch.
"""

from __future__ import annotations

import math

import numpy as np

from minigrad.engine.backward import GRAPH_FREED_ERROR
from minigrad.engine.graph import Node

__all__ = ["arg", "output", "value", "array", "arrays", "sizes", "strides", "numel"]
__all__ += ["specs_of", "read"]

REDUCTION = {"none": 0, "mean": 1, "sum": 2}  # torch's at::Reduction enum


class Spec:
    """Where one saved value comes from (``get(node)``); tensors raise once freed."""

    def __init__(self, get) -> None:
        self.get = get


def arg(i: int, needed_by: int | None = None) -> Spec:
    """Input i as saved; None when torch skips it (input ``needed_by`` has no grad)."""

    def get(node):
        if needed_by is not None and node.next_edges[needed_by] is None:
            return None
        _check_kept(node)
        x = node.saved[node.save.index(i)]
        if isinstance(x, np.ndarray | np.generic | int | float | bool):
            return _tensor(node, np.asarray(x))  # NOTE: torch wraps a number
        return x

    return Spec(get)


def _output(node):
    _check_kept(node)
    return _any_tensor(node)._output_of(node.out, node)


output = Spec(_output)


def array(get, needed_by: int | None = None, of_saved: bool = False) -> Spec:
    """A saved tensor made from an array the op keeps: ``get(node) -> array``
    (``of_saved``: computed from ``node.saved``)."""

    def wrap(node):
        if needed_by is not None and node.next_edges[needed_by] is None:
            return None
        if of_saved:
            _check_kept(node)
        a = get(node)
        if a is None:
            return (
                None  # NOTE: matches torch: a tensor never saved reads None, even freed
            )
        _check_kept(node)
        return _tensor(node, np.asarray(a))

    return Spec(wrap)


def arrays(get) -> Spec:
    """A tuple of saved tensors (None entries kept) from arrays: ``get(node)``."""

    def wrap(node):
        _check_kept(node)
        return tuple(
            None if a is None else _tensor(node, np.asarray(a)) for a in get(node)
        )

    return Spec(wrap)


def value(get) -> Spec:
    """A plain value (int, bool, tuple...): ``get(node)``; kept after backward."""
    return Spec(get)


def sizes(i: int) -> Spec:
    return Spec(lambda node: tuple(node.in_meta[i][0]))


def strides(i: int, needed_by: int | None = None) -> Spec:
    """Input i's strides in elements: from ``node.byte_strides`` (kept by the
    op's forward) or as if contiguous; () when torch skips them (input
    ``needed_by`` has no grad)."""

    def get(node):
        if needed_by is not None and node.next_edges[needed_by] is None:
            return ()
        shape, dtype = node.in_meta[i]
        kept = node.__dict__.get("byte_strides")
        if kept is not None:
            return tuple(s // dtype.itemsize for s in kept[i])
        return tuple(math.prod(shape[k + 1 :]) for k in range(len(shape)))

    return Spec(get)


def numel(i: int) -> Spec:
    return Spec(lambda node: math.prod(node.in_meta[i][0]))


def specs_of(node) -> dict:
    """The node's ``_saved_*`` names -> specs (by torch name when it has several)."""
    table = type(node).torch_saved
    if table and not next(iter(table)).startswith("_saved_"):
        return table.get(node.name(), {})
    return table


def read(node, spec: Spec):
    return spec.get(node)


def _check_kept(node) -> None:
    if node.saved is None:
        raise RuntimeError(GRAPH_FREED_ERROR)


def _tensor(node, data: np.ndarray):
    """A tensor outside the graph around ``data``."""
    return _any_tensor(node)._output_of(data, None).detach()


def _any_tensor(node):
    """Some tensor of this graph: its methods make new tensors (ops never import Tensor)."""
    stack = [node]
    while stack:
        n = stack.pop()
        for x in (n.saved or ()) if isinstance(n, Node) else ():
            if hasattr(x, "_output_of"):
                return x
        for e in n.next_edges:
            if e is None:
                continue
            if not isinstance(e, Node):
                return e
            stack.append(e)
    raise RuntimeError("minigrad: this node reaches no tensor")  # pragma: no cover
