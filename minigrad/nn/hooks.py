"""Module hooks: forward pre-hooks and hooks, and full backward (pre-)hooks.

A module with backward hooks wraps its tensor inputs and outputs in identity
nodes (torch's BackwardHookFunctionBackward): the output's node sees the
gradients of the outputs, the input's node those of the inputs, and the
module's hooks run on them.
"""

from __future__ import annotations

from typing import Any

from minigrad import ops
from minigrad.engine import grad_mode
from minigrad.tensor import Tensor, apply


def call_with_hooks(module, args: tuple, kwargs: dict) -> Any:
    """``module(*args, **kwargs)`` with its hooks, in torch's order."""
    for hook, with_kwargs in list(module._forward_pre_hooks_info()):
        if with_kwargs:
            new = hook(module, args, kwargs)
            if new is not None:
                args, kwargs = new
        else:
            new = hook(module, args)
            if new is not None:
                args = new if isinstance(new, tuple) else (new,)
    backward = None
    if module._backward_hooks or module._backward_pre_hooks:
        backward = _BackwardHook(module)
        args = backward.wrap_inputs(args)
    result = module.forward(*args, **kwargs)
    for hook, with_kwargs in list(module._forward_hooks_info()):
        new = (
            hook(module, args, kwargs, result)
            if with_kwargs
            else hook(module, args, result)
        )
        if new is not None:
            result = new
    if backward is not None:
        result = backward.wrap_outputs(result)
    return result


def _identity(t: Tensor) -> Tensor:
    return apply(ops.BackwardHookFunction, t)


class _BackwardHook:
    """One call's backward hooks: gradients of the outputs, then of the inputs."""

    def __init__(self, module) -> None:
        self.module = module
        self.grad_outputs: tuple | None = None
        self.n_inputs = 0
        self.wrapped = 0  # how many inputs pass through an identity node
        self.grad_inputs: dict = {}

    def wrap_inputs(self, args: tuple) -> tuple:
        positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        self.n_inputs = len(positions)
        if not (
            grad_mode.state.enabled and any(args[i].requires_grad for i in positions)
        ):
            return args
        args = list(args)
        for k, i in enumerate(positions):
            if args[i].requires_grad:
                self.wrapped += 1
                args[i] = _identity(args[i])
                args[i].grad_fn.register_hook(self._input_hook(k))
        return tuple(args)

    def wrap_outputs(self, result: Any) -> Any:
        single = isinstance(result, Tensor)
        outputs = (
            [result]
            if single
            else list(result)
            if isinstance(result, (tuple, list))
            else []
        )
        wanted = [
            i
            for i, o in enumerate(outputs)
            if isinstance(o, Tensor) and o.requires_grad
        ]
        if not (grad_mode.state.enabled and wanted):
            return result
        self.n_outputs = len(outputs)
        for i in wanted:
            outputs[i] = _identity(outputs[i])
            outputs[i].grad_fn.register_prehook(self._output_prehook(i))
        if single:
            return outputs[0]
        return type(result)(outputs)

    def _output_prehook(self, i: int):
        def prehook(grad_outputs: tuple):
            grads = [None] * self.n_outputs
            grads[i] = grad_outputs[0]
            grads = tuple(grads)
            for hook in list(self.module._backward_pre_hooks.values()):
                new = hook(self.module, grads)
                if new is not None:
                    grads = tuple(new)
            self.grad_outputs = grads
            if self.wrapped == 0:  # no input needs a gradient: the hooks run now
                self._run_hooks((None,) * self.n_inputs)
            return (grads[i],)

        return prehook

    def _input_hook(self, k: int):
        def hook(grad_inputs: tuple, grad_outputs: tuple):
            self.grad_inputs[k] = grad_outputs[0]
            if len(self.grad_inputs) < self.wrapped:
                return None  # NOTE: with several inputs, the hooks run at the last one
            grads = tuple(self.grad_inputs.get(j) for j in range(self.n_inputs))
            new = self._run_hooks(grads)
            return None if new is None else (new[k],)

        return hook

    def _run_hooks(self, grad_inputs: tuple):
        result = None
        for hook in list(self.module._backward_hooks.values()):
            new = hook(self.module, grad_inputs, self.grad_outputs)
            if new is not None:
                grad_inputs = result = tuple(new)
        return result
