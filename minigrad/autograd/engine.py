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
                    (1,) * len(axes) + grad.shape[len(axes):])
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


def _store_grad(tensor, grad, create_graph: bool) -> None:
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
                _store_grad(node.retained, grad, create_graph)
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
            _store_grad(leaf, g, create_graph)
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


# --- the public entry points ------------------------------------------------


def _as_list(x) -> list:
    if x is None:
        return []
    if isinstance(x, Tensor):
        return [x]
    return list(x)


def _root_grads(outputs: list, grads: list, create_graph: bool) -> list:
    if not grads:
        grads = [None] * len(outputs)
    if len(grads) != len(outputs):
        raise RuntimeError(
            f"grad can be implicitly created only for scalar outputs: got "
            f"{len(grads)} gradients for {len(outputs)} outputs"
        )
    result = []
    for i, (out, g) in enumerate(zip(outputs, grads)):
        if not out._requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a "
                "grad_fn"
            )
        if g is None:
            if out._data.size != 1:
                raise RuntimeError(
                    "grad can be implicitly created only for scalar outputs"
                )
            if out._data.dtype.kind != "f":
                raise RuntimeError(
                    "grad can be implicitly created only for real scalar outputs but "
                    f"got {out.dtype}"
                )
            g = _wrap(np.ones(out._data.shape, dtype=out._data.dtype))
        elif not isinstance(g, Tensor):
            g = _wrap(np.asarray(g, dtype=out._data.dtype))
        if g._data.shape != out._data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {g.shape} and "
                f"output[{i}] has a shape of {out.shape}."
            )
        result.append(g if create_graph else g._data)
    return result


def backward(
    tensors,
    grad_tensors=None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs=None,
) -> None:
    """Accumulate d(tensors)/d(leaf) * grad_tensors into every leaf's ``.grad``."""
    outputs = _as_list(tensors)
    grads = _root_grads(outputs, _as_list(grad_tensors), create_graph)
    if retain_graph is None:
        retain_graph = create_graph
    if inputs is not None:
        wanted = _as_list(inputs)
        got = run_backward(outputs, grads, retain_graph, create_graph, wanted, True)
        for t, g in zip(wanted, got):
            if g is not None:
                _store_grad(t, g, create_graph)
        return
    run_backward(outputs, grads, retain_graph, create_graph)


def grad(
    outputs,
    inputs,
    grad_outputs=None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    only_inputs: bool = True,
    allow_unused: bool | None = None,
    is_grads_batched: bool = False,
    materialize_grads: bool = False,
) -> tuple:
    """Return d(outputs)/d(inputs) * grad_outputs, leaving every ``.grad`` alone."""
    outs = _as_list(outputs)
    ins = _as_list(inputs)
    for t in ins:
        if not t._requires_grad:
            raise RuntimeError(
                "One of the differentiated Tensors does not require grad"
            )
    grads = _root_grads(outs, _as_list(grad_outputs), create_graph)
    if retain_graph is None:
        retain_graph = create_graph
    if allow_unused is None:
        allow_unused = materialize_grads
    got = run_backward(outs, grads, retain_graph, create_graph, ins, allow_unused)
    result = []
    for t, g in zip(ins, got):
        if g is None:
            if materialize_grads:
                g = np.zeros_like(t._data)
            else:
                result.append(None)
                continue
        if not isinstance(g, Tensor):
            g = _wrap(np.array(g, dtype=t._data.dtype))
        result.append(g)
    return tuple(result)


from minigrad.tensor import Tensor, _wrap, _wrap_out  # noqa: E402  (a cycle: Tensor calls the engine)
