"""minigrad.autograd: backward, grad, Function, gradcheck and the grad modes."""

from minigrad.autograd.api import backward, grad
from minigrad.autograd.function import Function, FunctionCtx, once_differentiable
from minigrad.autograd.gradcheck import GradcheckError, gradcheck, gradgradcheck
from minigrad.engine import grad_mode, graph
from minigrad.engine.grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from minigrad.tensor import Tensor as Variable  # NOTE: torch's legacy name

__all__ = [
    "Variable",
    "Function",
    "FunctionCtx",
    "GradcheckError",
    "backward",
    "enable_grad",
    "grad",
    "gradcheck",
    "gradgradcheck",
    "inference_mode",
    "is_inference_mode_enabled",
    "is_grad_enabled",
    "no_grad",
    "once_differentiable",
    "set_grad_enabled",
]
