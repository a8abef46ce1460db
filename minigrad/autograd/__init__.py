"""minigrad.autograd: backward, grad, Function, gradcheck and the grad modes."""

from minigrad.autograd.api import backward, grad
from minigrad.autograd.function import Function, FunctionCtx, once_differentiable
from minigrad.autograd.gradcheck import GradcheckError, gradcheck, gradgradcheck
from minigrad.engine import grad_mode, graph
from minigrad.engine.grad_mode import *  # noqa: F403  (torch.autograd.no_grad, ...)
from minigrad.tensor import Tensor as Variable  # NOTE: torch's legacy name

__all__ = [
    *grad_mode.__all__,
    "Variable",
    "Function",
    "FunctionCtx",
    "GradcheckError",
    "backward",
    "grad",
    "gradcheck",
    "gradgradcheck",
    "once_differentiable",
]
