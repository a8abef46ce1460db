"""The graph: a Node per recorded op (the tensor's ``grad_fn``), its edges and hooks."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

_sequence = itertools.count()

# Marks "this node's own output" in a node's ``saved`` tuple: the output array
# is kept in ``node.out`` so that a node never holds its output tensor (no
# reference cycle); the engine rebuilds the tensor when ``create_graph=True``.
OUTPUT = object()


class RemovableHandle:
    """What registering a hook returns: ``remove()`` takes the hook out again."""

    _next_id = itertools.count()

    def __init__(self, hooks: dict) -> None:
        self.hooks_dict_ref = hooks
        self.id = next(RemovableHandle._next_id)

    def remove(self) -> None:
        self.hooks_dict_ref.pop(self.id, None)

    def __enter__(self) -> RemovableHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


def add_hook(hooks: dict, hook: Callable, prepend: bool = False) -> RemovableHandle:
    """Put ``hook`` into an ordered dict of hooks; the handle removes it."""
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    if prepend:
        for key in [k for k in hooks if k != handle.id]:
            hooks[key] = hooks.pop(key)  # move the older ones behind the new one
    return handle


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
    out_version = 0  # the version of the saved output (an in-place op's: after it)
    # hooks live in the instance dict once registered (None: no hook, no cost)
    hooked = False
    tensor_hooks: dict | None = None  # Tensor.register_hook on this node's output
    pre_hooks: dict | None = None
    post_hooks: dict | None = None

    def name(self) -> str:
        return self.node_name or type(self).__name__ + "Backward0"

    def backward(self, grad, *saved):  # pragma: no cover - every op overrides it
        raise NotImplementedError

    @property
    def next_functions(self) -> tuple:
        return tuple((_as_function(e), 0) for e in self.next_edges)

    @property
    def metadata(self) -> dict:
        if "_metadata" not in self.__dict__:
            self._metadata: dict = {}
        return self._metadata

    def register_prehook(self, hook: Callable[[tuple], Any]) -> RemovableHandle:
        """``hook(grad_outputs)`` runs before the node; it may return new ones."""
        if self.pre_hooks is None:
            self.pre_hooks = {}
        self.hooked = True
        return add_hook(self.pre_hooks, hook)

    def register_hook(self, hook: Callable[[tuple, tuple], Any]) -> RemovableHandle:
        """``hook(grad_inputs, grad_outputs)`` runs after the node; it may return
        new grad_inputs."""
        if self.post_hooks is None:
            self.post_hooks = {}
        self.hooked = True
        return add_hook(self.post_hooks, hook)

    def _register_tensor_hook(self, hook: Callable) -> RemovableHandle:
        if self.tensor_hooks is None:
            self.tensor_hooks = {}
        self.hooked = True
        return add_hook(self.tensor_hooks, hook)

    def _raw_saved_tensors(self) -> tuple:  # pragma: no cover - torch internals
        return ()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {hex(id(self))}>"


class AccumulateGrad:
    """The node torch shows for a leaf: it adds incoming gradients to ``.grad``."""

    __slots__ = ("variable", "pre_hooks", "post_hooks", "_metadata", "__weakref__")

    def __init__(self, variable) -> None:
        self.variable = variable
        self.pre_hooks = self.post_hooks = None
        self._metadata: dict | None = None

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"

    @property
    def next_functions(self) -> tuple:
        return ()

    @property
    def metadata(self) -> dict:
        if self._metadata is None:
            self._metadata = {}
        return self._metadata

    def register_prehook(self, hook: Callable[[tuple], Any]) -> RemovableHandle:
        if self.pre_hooks is None:
            self.pre_hooks = {}
        return add_hook(self.pre_hooks, hook)

    def register_hook(self, hook: Callable[[tuple, tuple], Any]) -> RemovableHandle:
        if self.post_hooks is None:
            self.post_hooks = {}
        return add_hook(self.post_hooks, hook)

    def __repr__(self) -> str:
        return f"<AccumulateGrad object at {hex(id(self))}>"


def _as_function(edge):
    if edge is None or isinstance(edge, Node):
        return edge
    acc = edge._accumulator  # a leaf tensor: one AccumulateGrad per leaf, as torch
    if acc is None:
        acc = edge._accumulator = AccumulateGrad(edge)
    return acc


# a node's sequence number (the engine runs the newest ready node first)
new_seq = _sequence.__next__
