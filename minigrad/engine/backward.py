"""The backward engine: walk the graph in torch's order, applying the chain rule.

It sees nodes (autograd/graph.py) and gradients, never the Tensor class: an
edge is a Node, or a leaf that knows how to accumulate its own gradient
(``leaf._accumulate_grad``). Gradients are arrays for a first-order backward
and Tensors under ``create_graph=True``.
"""

from __future__ import annotations

import heapq
import re
from sys import getrefcount

import numpy as np

from minigrad import dtypes
from minigrad._broadcast import sum_to_shape
from minigrad.engine import grad_mode
from minigrad.engine.graph import OUTPUT, Node


def _count_refs(x) -> int:
    return getrefcount(x)


def _refs_of_a_local() -> int:
    local = np.empty(0)
    return _count_refs(local)


# getrefcount(grad) in _accumulate when only run_backward's local name holds it
# (3 on CPython 3.11: that name, the parameter, getrefcount's argument), measured
# the same way once, so that another interpreter's counting cannot fool it
_ONLY_THE_CALLER = _refs_of_a_local()

GRAPH_FREED_ERROR = "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."


def run_backward(
    roots,
    root_grads,
    retain_graph: bool,
    create_graph: bool,
    inputs=None,
    allow_unused: bool = False,
    as_tensor=None,
):
    """Send ``root_grads`` from ``roots`` back through the graph.

    Without ``inputs`` (``backward()``) every reached leaf accumulates its
    ``.grad``; with ``inputs`` (``autograd.grad``) their gradients are returned
    and no ``.grad`` is touched. ``as_tensor`` shows an array gradient to hooks
    as a Tensor.
    """
    pending = _seed(roots, root_grads)
    capture = None if inputs is None else _edges_of(inputs)
    captured: dict = {}
    # NOTE: matches torch's engine: the ready node created last runs first. A node
    # is created after the nodes of its inputs, so when it is popped every consumer
    # has already sent its gradient: a topological order in one pass.
    ready = [(-edge.seq, edge) for edge in pending if isinstance(edge, Node)]
    heapq.heapify(ready)
    pop, push, take, get = heapq.heappop, heapq.heappush, pending.pop, pending.get
    previous, grad_mode.state.enabled = grad_mode.state.enabled, create_graph
    try:
        while ready:
            node = pop(ready)[1]
            grad = take(node)
            saved = node.saved
            if node.hooked or node.retained is not None or capture is not None:
                grads = _visit(node, grad, create_graph, capture, captured, as_tensor)
            elif saved:
                grads = node.backward(grad, *_unpack_saved(node, grad, create_graph))
            elif saved is None:
                raise RuntimeError(GRAPH_FREED_ERROR)
            else:
                grads = node.backward(grad)
            if saved and not retain_graph:
                node.saved = node.out = None
            for edge, g, meta in zip(node.next_edges, grads, node.in_meta):
                if edge is None or g is None:
                    continue
                if create_graph or g.shape != meta[0] or g.dtype is not meta[1]:
                    g = _fit(g, meta, create_graph)
                old = get(edge)
                if old is not None:
                    pending[edge] = old + g  # never in place: gradients may alias
                else:
                    pending[edge] = g
                    if isinstance(edge, Node):
                        push(ready, (-edge.seq, edge))
    finally:
        grad_mode.state.enabled = previous
    grad = grads = g = old = None  # the walk's names hold no gradient from here on
    if capture is None:
        for leaf in list(pending):
            g = take(leaf)
            if (
                leaf._backward_hooks is None
                and leaf._accumulator is None
                and leaf._post_accumulate_hooks is None
            ):
                _accumulate(leaf, g, create_graph, as_tensor)
            else:
                _accumulate_leaf(leaf, g, create_graph, as_tensor)
        return None
    captured.update((edge, g) for edge, g in pending.items() if edge in capture)
    return _captured_grads(inputs, capture, captured, allow_unused)


def _visit(node: Node, grad, create_graph: bool, capture, captured: dict, as_tensor):
    """Run a node that has hooks, a retained output or a captured gradient."""
    if node.hooked:
        grad = _tensor_hooks(node.tensor_hooks, grad, as_tensor)
    if capture is not None:
        if node in capture:
            captured[node] = grad
    elif node.retained is not None:
        _retain(node, grad, create_graph)
    if node.hooked:
        return _call_hooked(node, grad, create_graph, as_tensor)
    return call_backward(node, grad, create_graph)


def _seed(roots, root_grads) -> dict:
    """The pending gradients before the walk: each root's gradient at its edge."""
    pending: dict = {}
    for root, g in zip(roots, root_grads):
        edge = _edge(root)
        pending[edge] = pending[edge] + g if edge in pending else g
    return pending


def _edge(tensor):
    """Where a tensor's gradient goes: its node, or the leaf itself."""
    return tensor._grad_fn if tensor._grad_fn is not None else tensor


def _edges_of(inputs) -> dict:
    """autograd.grad's inputs: edge -> the positions of the inputs behind it."""
    capture: dict = {}
    for i, t in enumerate(inputs):
        capture.setdefault(_edge(t), []).append(i)
    return capture


def call_backward(node: Node, grad, create_graph: bool):
    """Run one node's backward on ``grad`` with the values it saved."""
    saved = node.saved
    if saved is None:
        raise RuntimeError(GRAPH_FREED_ERROR)
    if not saved:
        return node.backward(grad)
    return node.backward(grad, *_unpack_saved(node, grad, create_graph))


def _retain(node: Node, grad, create_graph: bool) -> None:
    """retain_grad(): the output tensor, if it still lives, keeps its gradient."""
    tensor = node.retained()
    if tensor is not None:
        tensor._accumulate_grad(grad, create_graph)


# --- hooks: only for nodes and leaves that have some ---------------------------------


def _shown(grad, as_tensor):
    return grad if grad is None or hasattr(grad, "_data") else as_tensor(grad)


def _unshown(value, like):
    """A hook's result back in the engine's terms (an array unless create_graph)."""
    if value is None or like is None or hasattr(like, "_data"):
        return value
    return value._data


def _tensor_hooks(hooks, grad, as_tensor):
    """Tensor.register_hook hooks: each sees the gradient and may replace it."""
    for hook in list((hooks or {}).values()):
        new = hook(_shown(grad, as_tensor))
        if new is not None:
            grad = _unshown(new, grad)
    return grad


def _call_hooked(node, grad, create_graph: bool, as_tensor):
    """Run a node between its pre-hooks and its hooks (torch's order)."""
    for hook in list((node.pre_hooks or {}).values()):
        new = hook((_shown(grad, as_tensor),))
        if new is not None:
            grad = _unshown(new[0], grad)
    grads = call_backward(node, grad, create_graph)
    if node.post_hooks:  # NOTE: matches torch: hooks see gradients fitted to inputs
        grads = [
            None if g is None or edge is None else _fit(g, meta, create_graph)
            for g, edge, meta in zip(grads, node.next_edges, node.in_meta)
        ] + [None] * (len(node.next_edges) - len(grads))
        outputs = (_shown(grad, as_tensor),)
        for hook in list(node.post_hooks.values()):
            shown = tuple(_shown(g, as_tensor) for g in grads)
            new = hook(shown, outputs)
            if new is not None:
                grads = [_unshown(n, g) for n, g in zip(new, grads)]
    return grads


def _accumulate(leaf, grad, create_graph: bool, as_tensor) -> None:
    """AccumulateGrad for a leaf without hooks: a first ``.grad`` takes over a
    fresh gradient array that nothing else holds (torch steals such a buffer)."""
    if (
        leaf._grad is None
        and not create_graph
        and type(grad) is np.ndarray
        and grad.base is None
        and getrefcount(grad) == _ONLY_THE_CALLER
        and grad.dtype is leaf._data.dtype
        and grad.flags.writeable
    ):
        leaf._grad = as_tensor(grad)
    else:
        leaf._accumulate_grad(grad, create_graph)


def _accumulate_leaf(leaf, grad, create_graph: bool, as_tensor) -> None:
    """AccumulateGrad for one leaf: its hooks, then ``.grad += grad``."""
    grad = _tensor_hooks(leaf._backward_hooks, grad, as_tensor)
    acc = leaf._accumulator
    if acc is not None and acc.pre_hooks:
        for hook in list(acc.pre_hooks.values()):
            new = hook((_shown(grad, as_tensor),))
            if new is not None:
                grad = _unshown(new[0], grad)
    leaf._accumulate_grad(grad, create_graph)
    for hook in list((leaf._post_accumulate_hooks or {}).values()):
        hook(leaf)
    if acc is not None and acc.post_hooks:
        for hook in list(acc.post_hooks.values()):
            hook((), (_shown(grad, as_tensor),))


def _unpack_saved(node: Node, grad, create_graph: bool) -> list:
    """The values a backward formula saved, checked against in-place changes."""
    values = []
    for s, version in zip(node.saved, node.versions):
        if s is OUTPUT:
            if node.out_vc[0] != node.out_version:
                owner = node.__dict__.get("out_owner") or node.name()
                raise _modified(node.out, owner, node.out_vc[0], node.out_version)
            # under create_graph the gradient is a Tensor: it rebuilds the output
            values.append(grad._output_of(node.out, node) if create_graph else node.out)
        elif version is None:  # a constant
            values.append(s)
        else:
            if s._version != version:
                fn = s.grad_fn
                raise _modified(s._data, fn and fn.name(), s._version, version)
            values.append(s if create_graph else s._data)
    return values


def _modified(data, owner: str | None, now: int, saved: int) -> RuntimeError:
    """torch's error for a saved value changed in place (``owner``: the name of
    the node it is output of, None for a leaf)."""
    which = "" if owner is None else f", which is output 0 of {_short_name(owner)},"
    return RuntimeError(
        f"one of the variables needed for gradient computation has been modified by an inplace operation: [{dtypes.TYPE_NAMES[data.dtype]} {list(data.shape)}]{which} is at version {now}; expected version {saved} instead."
    )


def _short_name(name: str) -> str:
    # NOTE: matches torch: the message names a node without its 'Backward0'
    return re.sub(r"Backward0$|Backward(?=\d+$)", "", name)


def _free_saved(node: Node) -> None:
    if node.saved:
        node.saved = None
        node.out = None


def _fit(g, meta: tuple, create_graph: bool):
    """A gradient summed back to its input's shape and cast to its dtype."""
    shape, dtype = meta
    if g.shape != shape:
        g = sum_to_shape(g, shape)
    g_dtype = g._data.dtype if create_graph else g.dtype
    if g_dtype is not dtype and g_dtype != dtype:
        g = g.to(dtypes.from_numpy_dtype(dtype)) if create_graph else g.astype(dtype)
    return g


def _captured_grads(inputs, capture: dict, captured: dict, allow_unused: bool):
    result = [None] * len(inputs)
    for edge, positions in capture.items():
        g = captured.get(edge)
        for i in positions:
            if g is None and not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior."
                )
            result[i] = g
    return result
