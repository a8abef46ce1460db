"""Reset the ``.grad`` of many tensors: what Module.zero_grad and Optimizer.zero_grad share."""

from __future__ import annotations

from collections.abc import Iterable

from minigrad.tensor import Tensor


def reset_grads(tensors: Iterable[Tensor], set_to_none: bool) -> None:
    """Each tensor's ``.grad`` to None, or detached from its graph and zeroed in place."""
    for tensor in tensors:
        grad = tensor.grad
        if grad is None:
            continue
        if set_to_none:
            tensor.grad = None
        else:
            if grad.grad_fn is not None:
                grad.detach_()
            else:
                grad.requires_grad_(False)
            grad.zero_()
