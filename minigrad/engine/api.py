"""What backward() and grad() do before and after the engine runs.

These take Tensors and use only their methods and the engine, so this module
sits below tensor.py; ``as_tensor`` (the Tensor layer's array wrapper) is how
the engine shows array gradients to hooks. The public functions are
``minigrad.autograd.backward`` and ``grad`` (autograd/api.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from minigrad.engine.backward import run_backward


def _as_list(x) -> list:
    if x is None:
        return []
    if isinstance(x, (list, tuple)):
        return list(x)
    return [x]


def _root_grads(outputs: list, grads: list, create_graph: bool) -> list:
    """The gradient each output starts with: given, or 1 for a scalar output."""
    if not grads:
        grads = [None] * len(outputs)
    if len(grads) != len(outputs):
        raise RuntimeError(
            f"grad can be implicitly created only for scalar outputs: got {len(grads)} gradients for {len(outputs)} outputs"
        )
    result = []
    for i, (out, g) in enumerate(zip(outputs, grads)):
        if not out.requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        if g is None:
            if out.numel() != 1:
                raise RuntimeError(
                    "grad can be implicitly created only for scalar outputs"
                )
            if not out.is_floating_point():
                raise RuntimeError(
                    f"grad can be implicitly created only for real scalar outputs but got {out.dtype}"
                )
            g = out.new_ones(out.shape)
        elif not hasattr(g, "_data"):
            g = out.new_tensor(g)
        if g.shape != out.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {g.shape} and output[{i}] has a shape of {out.shape}."
            )
        result.append(g if create_graph else g._data)
    return result


def backward(
    tensors,
    grad_tensors=None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs=None,
    *,
    as_tensor,
) -> None:
    """Accumulate d(tensors)/d(leaf) * grad_tensors into every leaf's ``.grad``."""
    outputs = _as_list(tensors)
    grads = _root_grads(outputs, _as_list(grad_tensors), create_graph)
    if retain_graph is None:
        retain_graph = create_graph
    if inputs is None:
        run_backward(outputs, grads, retain_graph, create_graph, as_tensor=as_tensor)
        return
    wanted = _as_list(inputs)
    got = run_backward(
        outputs, grads, retain_graph, create_graph, wanted, True, as_tensor
    )
    for t, g in zip(wanted, got):
        if g is not None:
            t._accumulate_grad(g, create_graph)


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
    *,
    as_tensor,
) -> tuple:
    """Return d(outputs)/d(inputs) * grad_outputs, leaving every ``.grad`` alone."""
    outs = _as_list(outputs)
    ins: Sequence = _as_list(inputs)
    for t in ins:
        if not t.requires_grad:
            raise RuntimeError(
                "One of the differentiated Tensors does not require grad"
            )
    grads = _root_grads(outs, _as_list(grad_outputs), create_graph)
    if retain_graph is None:
        retain_graph = create_graph
    if allow_unused is None:
        allow_unused = materialize_grads
    got = run_backward(
        outs, grads, retain_graph, create_graph, ins, allow_unused, as_tensor
    )
    result = []
    for t, g in zip(ins, got):
        if g is None:
            result.append(t.new_zeros(t.shape) if materialize_grads else None)
        elif hasattr(g, "_data"):
            result.append(g)
        else:
            result.append(as_tensor(np.array(g, dtype=t._data.dtype)))
    return tuple(result)
