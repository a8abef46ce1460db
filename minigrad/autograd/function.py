"""Function: user-defined ops with ``forward(ctx, ...)`` and ``backward(ctx, ...)``."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad.engine import grad_mode
from minigrad.engine.backward import GRAPH_FREED_ERROR
from minigrad.engine.graph import OUTPUT, Node, new_seq
from minigrad.tensor import Tensor, _wrap, _wrap_out


class FunctionCtx:
    """The ``ctx`` a Function's forward and backward share."""

    def save_for_backward(self, *tensors) -> None:
        self._saved = tensors

    @property
    def saved_tensors(self) -> tuple:
        saved = getattr(self, "_saved", ())
        if saved is None:
            raise RuntimeError(GRAPH_FREED_ERROR)
        if any(t is OUTPUT for t in saved):  # the forward's own output, relinked
            out = (
                _wrap_out(self.out, self)
                if grad_mode.state.enabled
                else _wrap(self.out)
            )
            saved = tuple(out if t is OUTPUT else t for t in saved)
        return saved

    def mark_non_differentiable(self, *tensors) -> None:
        self._non_differentiable = tensors

    def set_materialize_grads(self, value: bool) -> None:
        self._materialize = value


class BackwardCFunction(Node, FunctionCtx):
    """The graph node of one ``Function.apply`` call; it is also its ``ctx``."""

    def name(self) -> str:
        return self._function.__name__ + "Backward"

    def backward(self, grad):
        if not isinstance(grad, Tensor):
            grad = _wrap(np.asarray(grad))
            raw = True
        else:
            raw = False
        grads = self._function.backward(self, grad)
        if not isinstance(grads, tuple):
            grads = (grads,)
        n = len(self.needs_input_grad)
        if len(grads) < n:
            raise RuntimeError(
                f"function {self.name()} returned an incorrect number of gradients (expected {n}, got {len(grads)})"
            )
        grads = grads[:n] if all(g is None for g in grads[n:]) else grads
        if len(grads) != n:
            raise RuntimeError(
                f"function {self.name()} returned an incorrect number of gradients (expected {n}, got {len(grads)})"
            )
        grads = [g for g, is_tensor in zip(grads, self.tensor_args) if is_tensor]
        if raw:
            return tuple(None if g is None else g._data for g in grads)
        return tuple(grads)


class Function:
    """Subclass with static ``forward(ctx, *args)`` and ``backward(ctx, *grads)``;
    call ``YourFunction.apply(*args)``."""

    @staticmethod
    def forward(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function."
        )

    @staticmethod
    def backward(ctx: Any, *grad_outputs: Any) -> Any:
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD."
        )

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        node = BackwardCFunction.__new__(BackwardCFunction)
        node._function = cls
        node.needs_input_grad = tuple(
            isinstance(a, Tensor) and a._requires_grad for a in args
        )
        with grad_mode.no_grad():
            out = cls.forward(node, *args, **kwargs)
        if not (grad_mode.state.enabled and any(node.needs_input_grad)):
            return out
        if not isinstance(out, Tensor):
            raise NotImplementedError(
                "minigrad: a custom Function's forward must return one Tensor"
            )
        # NOTE: matches torch: only tensor arguments are edges of the graph
        node.tensor_args = [isinstance(a, Tensor) for a in args]
        tensors = [a for a in args if isinstance(a, Tensor)]
        node.next_edges = tuple(
            (a if a._grad_fn is None else a._grad_fn) if a._requires_grad else None
            for a in tensors
        )
        node.in_meta = tuple((a._data.shape, a._data.dtype) for a in tensors)
        node.saved = ()
        node.versions = ()
        node.out = out._data
        node._saved = tuple(
            OUTPUT if t is out else t for t in getattr(node, "_saved", ())
        )
        node.seq = new_seq()
        node.retained = None
        return _wrap_out(out._data, node)


def once_differentiable(fn):
    return fn
