"""The backward engine: order the graph, then apply the chain rule node by node."""

from __future__ import annotations

import heapq

import numpy as np

from minigrad._reduce import sum_leading
from minigrad.autograd import grad_mode
from minigrad.autograd.graph import OUTPUT, Node

FREED = (
    "Trying to backward through the graph a second time (or directly access saved "
    "tensors after they have already been freed). Saved intermediate values of the "
    "graph are freed when you call .backward() or autograd.grad(). Specify "
    "retain_graph=True if you need to backward through the graph a second time or "
    "if you need to access saved tensors after calling backward."
)


def sum_to_shape(grad, shape: tuple):
    """Undo broadcasting: sum ``grad`` (array or Tensor) down to ``shape``."""
    lead = grad.ndim - len(shape)
    gshape = grad.shape
    axes = tuple(range(lead)) + tuple(
        i + lead for i, n in enumerate(shape) if n == 1 and gshape[i + lead] != 1
    )
    if axes:
        if type(grad) is np.ndarray:
            if axes == tuple(range(len(axes))):  # leading axes: torch's order
                grad = sum_leading(grad, len(axes)).reshape(
                    (1,) * len(axes) + grad.shape[len(axes) :]
                )
            else:
                grad = np.add.reduce(grad, axis=axes, keepdims=True)
        else:
            grad = grad.sum(dim=axes, keepdim=True)
    if lead:
        grad = grad.reshape(shape)
    if tuple(grad.shape) != tuple(shape):
        raise RuntimeError(
            f"minigrad internal error: gradient of shape {tuple(grad.shape)} "
            f"cannot be summed to the input's shape {tuple(shape)}"
        )
    return grad


def _unpack(node: Node, create_graph: bool) -> list:
    values = []
    for s, version in zip(node.saved, node.versions):
        if s is OUTPUT:
            if getattr(node, "out_version", 0):
                raise RuntimeError(
                    "one of the variables needed for gradient computation has been "
                    "modified by an inplace operation: it is output 0 of "
                    f"{node.name()}, "
                    f"is at version {node.out_version}; expected version 0 instead."
                )
            values.append(_wrap_out(node.out, node) if create_graph else node.out)
        elif isinstance(s, Tensor):
            if s._version != version:
                raise RuntimeError(
                    "one of the variables needed for gradient computation has been "
                    f"modified by an inplace operation: [{s.type()} {list(s.shape)}] "
                    f"is at version {s._version}; expected version {version} instead."
                )
            values.append(s if create_graph else s._data)
        else:
            values.append(s)
    return values


def _accumulate(pending: dict, key, grad) -> None:
    if key in pending:
        pending[key] = pending[key] + grad  # never in place: grads may alias
    else:
        pending[key] = grad


def store_grad(tensor, grad, create_graph: bool) -> None:
    """AccumulateGrad: the first gradient is stored, later ones are added."""
    if tensor._grad is None:
        if isinstance(grad, Tensor):
            tensor._grad = grad if create_graph else _wrap(grad._data.copy())
        else:
            tensor._grad = _wrap(np.array(grad, dtype=tensor._data.dtype, copy=True))
    elif create_graph:
        tensor._grad = tensor._grad + grad
    else:  # NOTE: matches torch: accumulated in place into the existing .grad
        old = tensor._grad._data
        np.add(old, grad._data if isinstance(grad, Tensor) else grad, out=old)


def run_backward(
    roots,
    root_grads,
    retain_graph: bool,
    create_graph: bool,
    inputs=None,
    allow_unused: bool = False,
):
    """Propagate ``root_grads`` from ``roots`` (tensors) back through the graph.

    With ``inputs`` (autograd.grad), return their gradients and touch no
    ``.grad``; otherwise accumulate into the leaves' ``.grad``.
    """
    pending: dict = {}
    for t, g in zip(roots, root_grads):
        edge = t._grad_fn if t._grad_fn is not None else t
        _accumulate(pending, edge, g)
    capture = None
    if inputs is not None:
        capture = {}
        for i, t in enumerate(inputs):
            capture.setdefault(t._grad_fn if t._grad_fn is not None else t, []).append(
                i
            )
    # NOTE: matches torch's engine: the ready node created last runs first. A
    # node is created after the nodes of its inputs, so when it is popped every
    # consumer has already sent its gradient: a topological order in one pass.
    ready = [(-e.seq, e) for e in pending if isinstance(e, Node)]
    heapq.heapify(ready)

    previous = grad_mode.enabled
    grad_mode.enabled = create_graph
    try:
        captured: dict = {}
        while ready:
            node = heapq.heappop(ready)[1]
            grad = pending.pop(node)
            if capture is not None and node in capture:
                captured[node] = grad
            if node.retained is not None and capture is None:
                store_grad(node.retained, grad, create_graph)
            saved = node.saved
            if saved is None:
                raise RuntimeError(FREED)
            grads = (
                node.backward(grad, *_unpack(node, create_graph))
                if saved
                else (node.backward(grad))
            )
            if not retain_graph and saved:
                node.saved = None
                node.out = None
            for edge, g, (shape, dtype) in zip(node.next_edges, grads, node.in_meta):
                if edge is None or g is None:
                    continue
                if g.shape != shape:
                    g = sum_to_shape(g, shape)
                g_dtype = g._data.dtype if create_graph else g.dtype
                if g_dtype is not dtype and g_dtype != dtype:
                    g = g.to(_dtype_of(dtype)) if create_graph else g.astype(dtype)
                old = pending.get(edge)
                if old is not None:
                    pending[edge] = old + g  # never in place: gradients may alias
                else:
                    pending[edge] = g
                    if type(edge) is not Tensor and isinstance(edge, Node):
                        heapq.heappush(ready, (-edge.seq, edge))
    finally:
        grad_mode.enabled = previous

    if capture is None:
        for leaf, g in pending.items():
            store_grad(leaf, g, create_graph)
        return None
    captured.update((k, v) for k, v in pending.items() if k in capture)
    result = [None] * len(inputs)
    for key, positions in capture.items():
        g = captured.get(key)
        for i in positions:
            if g is None and not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been "
                    "used in the graph. Set allow_unused=True if this is the desired "
                    "behavior."
                )
            result[i] = g
    return result


def _dtype_of(np_dtype):
    from minigrad.dtypes import from_numpy_dtype

    return from_numpy_dtype(np_dtype)


from minigrad.tensor import Tensor, _wrap, _wrap_out  # noqa: E402  (a cycle: Tensor calls the engine)
