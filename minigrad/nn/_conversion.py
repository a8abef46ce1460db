"""Module.to/cpu/cuda/float/double/type: parameters and buffers converted in place, as torch's Module._apply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minigrad._device import CUDA_MISSING, parse_to
from minigrad.engine.grad_mode import no_grad
from minigrad.tensor import Tensor


class ModuleConversions:
    """The conversion methods of ``Module`` (a mixin: ``Module`` inherits them)."""

    def _apply(self, fn: Callable[[Tensor], Tensor]) -> Any:
        # NOTE: matches torch: a Parameter keeps its identity (its .data is replaced), so an
        # optimiser built before model.to(...) still holds the model's parameters; so does .grad
        for module in self.children():
            module._apply(fn)
        for param in self._parameters.values():
            if param is None:
                continue
            with no_grad():
                param.data = fn(param)
                if param.grad is not None:
                    param.grad.data = fn(param.grad)
        for name, buffer in self._buffers.items():
            if buffer is not None:
                self._put(self._buffers, name, fn(buffer))
        return self

    def to(self, *args: Any, **kwargs: Any) -> Any:
        """Cast the floating-point parameters and buffers to a dtype (the CPU is the only device)."""
        where, dtype, _ = parse_to(args, kwargs, Tensor)
        if dtype is not None and not dtype.is_floating_point:
            raise TypeError(
                f"nn.Module.to only accepts floating point or complex dtypes, but got desired dtype={dtype}"
            )
        return self._apply(
            lambda t: t.to(where, dtype if t.is_floating_point() else None)
        )

    def cpu(self) -> Any:
        return self

    def cuda(self, device: Any = None) -> Any:
        raise AssertionError(CUDA_MISSING)

    def float(self) -> Any:
        return self._apply(lambda t: t.float() if t.is_floating_point() else t)

    def double(self) -> Any:
        return self._apply(lambda t: t.double() if t.is_floating_point() else t)

    def type(self, dst_type: Any) -> Any:
        """Cast every parameter and buffer, integer ones too, to ``dst_type``."""
        return self._apply(lambda t: t.type(dst_type))
