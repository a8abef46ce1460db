"""minigrad.autograd: backward, grad, Function, gradcheck and the grad modes."""

from minigrad.autograd.engine import backward, grad
from minigrad.autograd.function import Function, FunctionCtx, once_differentiable
from minigrad.autograd.grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)

__all__ = [
    "Function", "FunctionCtx", "backward", "enable_grad", "grad", "inference_mode",
    "is_grad_enabled", "no_grad", "once_differentiable", "set_grad_enabled",
]

try:  # written beside the engine; optional while it lands
    from minigrad.autograd.gradcheck import GradcheckError, gradcheck, gradgradcheck

    __all__ += ["GradcheckError", "gradcheck", "gradgradcheck"]
except ImportError:  # pragma: no cover
    pass
