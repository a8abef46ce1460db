"""backward() and grad(): the public entry points into the engine."""

from __future__ import annotations

import numpy as np

from minigrad.autograd.engine import run_backward, store_grad
from minigrad.tensor import Tensor, _wrap


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
                store_grad(t, g, create_graph)
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
