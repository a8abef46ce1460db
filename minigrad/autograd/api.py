"""minigrad.autograd.backward and grad: the engine's entry points, as torch's."""

from __future__ import annotations

from minigrad.engine import api as _engine_api
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
    return _engine_api.grad(
        outputs,
        inputs,
        grad_outputs,
        retain_graph,
        create_graph,
        only_inputs,
        allow_unused,
        is_grads_batched,
        materialize_grads,
        as_tensor=_wrap,
    )
