"""What backward() does before and after the engine runs, and the checks of the
roots it shares with grad().

These take Tensors and use only their methods and the engine, so this module
sits below tensor.py (Tensor.backward calls it); ``as_tensor`` (the Tensor
layer's array wrapper) is how the engine shows array gradients to hooks. The
public functions are ``minigrad.autograd.backward`` and ``grad`` (autograd/api.py).
"""

from __future__ import annotations

from minigrad.engine.backward import run_backward


def as_list(x) -> list:
    if x is None:
        return []
    if isinstance(x, (list, tuple)):
        return list(x)
    return [x]


def root_grads(outputs: list, grads: list, create_graph: bool) -> list:
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
    outputs = as_list(tensors)
    grads = root_grads(outputs, as_list(grad_tensors), create_graph)
    if retain_graph is None:
        retain_graph = create_graph
    if inputs is None:
        run_backward(outputs, grads, retain_graph, create_graph, as_tensor=as_tensor)
        return
    wanted = as_list(inputs)
    got = run_backward(
        outputs, grads, retain_graph, create_graph, wanted, True, as_tensor
    )
    for t, g in zip(wanted, got):
        if g is not None:
            t._accumulate_grad(g, create_graph)
