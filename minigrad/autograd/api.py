"""minigrad.autograd.backward and grad: the engine's entry points, as torch's."""

from __future__ import annotations

import numpy as np

from minigrad.engine import api as _engine_api
from minigrad.engine.api import as_list, root_grads
from minigrad.engine.backward import run_backward
from minigrad.tensor import Tensor, _wrap


def backward(
    tensors: Tensor | list[Tensor],
    grad_tensors=None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    grad_variables=None,
    inputs=None,
) -> None:
    """Accumulate d(tensors)/d(leaf) * grad_tensors into every leaf's ``.grad``."""
    if grad_variables is not None:
        grad_tensors = grad_variables
    _engine_api.backward(
        tensors, grad_tensors, retain_graph, create_graph, inputs, as_tensor=_wrap
    )


def grad(
    outputs: Tensor | list[Tensor],
    inputs: Tensor | list[Tensor],
    grad_outputs=None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    only_inputs: bool = True,
    allow_unused: bool | None = None,
    is_grads_batched: bool = False,
    materialize_grads: bool = False,
) -> tuple:
    """Return d(outputs)/d(inputs) * grad_outputs, leaving every ``.grad`` alone."""
    outs = as_list(outputs)
    ins = as_list(inputs)
    for t in ins:
        if not t.requires_grad:
            raise RuntimeError(
                "One of the differentiated Tensors does not require grad"
            )
    grads = root_grads(outs, as_list(grad_outputs), create_graph)
    if retain_graph is None:
        retain_graph = create_graph
    if allow_unused is None:
        allow_unused = materialize_grads
    got = run_backward(
        outs, grads, retain_graph, create_graph, ins, allow_unused, _wrap
    )
    result = []
    for t, g in zip(ins, got):
        if g is None:
            result.append(t.new_zeros(t.shape) if materialize_grads else None)
        elif isinstance(g, Tensor):
            result.append(g)
        else:
            result.append(_wrap(np.array(g, dtype=t._data.dtype)))
    return tuple(result)
