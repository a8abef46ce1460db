"""minigrad.autograd: backward, grad, Function, gradcheck and the grad modes."""

from minigrad._namespace import listing
from minigrad.autograd import grad_mode, graph
from minigrad.autograd.api import backward, grad
from minigrad.autograd.function import Function, FunctionCtx, once_differentiable
from minigrad.autograd.gradcheck import GradcheckError, gradcheck, gradgradcheck
from minigrad.engine.grad_mode import *  # noqa: F403  (torch.autograd.no_grad, ...)
from minigrad.tensor import Tensor as Variable  # NOTE: torch's legacy name

__all__ = [
    *grad_mode.__all__,
    "Variable",
    "Function",
    "backward",
    "grad",
    "gradcheck",
    "gradgradcheck",
]

# NOTE: FunctionCtx, GradcheckError, once_differentiable and is_grad_enabled stay
# importable from here; torch lists them under .function, .gradcheck and torch.
__dir__ = listing(globals(), "function", "grad_mode", "gradcheck", "graph")
