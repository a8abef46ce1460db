"""torch.autograd.grad_mode's path: the grad-mode context managers."""

from minigrad.engine.grad_mode import (
    enable_grad,
    inference_mode,
    no_grad,
    set_grad_enabled,
)

__all__ = ["no_grad", "enable_grad", "set_grad_enabled", "inference_mode"]
