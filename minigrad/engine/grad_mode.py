"""Grad mode: a per-thread flag every op reads, and its context managers."""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable
from typing import Any

# what minigrad and minigrad.autograd re-export, as torch and torch.autograd do
__all__ = [
    "enable_grad",
    "inference_mode",
    "is_grad_enabled",
    "is_inference_mode_enabled",
    "no_grad",
    "set_grad_enabled",
]


class _State(threading.local):
    """NOTE: matches torch: grad mode is thread-local, and a new thread starts
    with it enabled. Read once per op (a thread-local attribute costs ~50 ns)."""

    enabled = True
    inference = False


state = _State()


def is_grad_enabled() -> bool:
    return state.enabled


def is_inference_mode_enabled() -> bool:
    return state.inference


class _GradMode:
    """Base of the grad-mode switches: a context manager and a decorator,
    also bare (``@no_grad``) and on generator functions, as torch's."""

    mode = True

    def __new__(cls, *args: Any, **kwargs: Any):
        if cls in (no_grad, enable_grad) and len(args) == 1 and callable(args[0]):
            return cls()(args[0])  # the bare decorator form: @no_grad
        return super().__new__(cls)

    def __enter__(self) -> None:
        self._prev = state.enabled
        state.enabled = self.mode

    def __exit__(self, *exc: object) -> None:
        state.enabled = self._prev

    def clone(self) -> _GradMode:
        return type(self)()

    def __call__(self, fn: Callable) -> Callable:
        if inspect.isclass(fn):
            raise RuntimeError(
                "Please use `with minigrad.no_grad():` (or the matching context manager) instead of decorating a class"
            )
        if inspect.isgeneratorfunction(fn):
            return _wrap_generator(self, fn)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.clone():
                return fn(*args, **kwargs)

        return wrapper


def _wrap_generator(ctx: _GradMode, fn: Callable) -> Callable:
    """Run each step of the generator in the context (as torch's decorator)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any):
        gen = fn(*args, **kwargs)
        try:
            with ctx.clone():
                response = gen.send(None)
            while True:
                try:
                    request = yield response
                except GeneratorExit:
                    with ctx.clone():
                        gen.close()
                    raise
                except BaseException as e:
                    with ctx.clone():
                        response = gen.throw(e)
                else:
                    with ctx.clone():
                        response = gen.send(request)
        except StopIteration as e:
            return e.value

    return wrapper


class no_grad(_GradMode):
    """Disable gradient recording (``with minigrad.no_grad():`` or as a decorator)."""

    mode = False

    def __init__(self, *args: Any) -> None:
        pass


class enable_grad(_GradMode):
    """Enable gradient recording inside a ``no_grad`` block."""

    mode = True

    def __init__(self, *args: Any) -> None:
        pass


class set_grad_enabled(_GradMode):
    """Set grad mode to ``mode``: at once when called, restored on exit."""

    def __init__(self, mode: bool) -> None:
        self._prev = state.enabled
        self.mode = bool(mode)
        state.enabled = self.mode

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        state.enabled = self._prev

    def clone(self) -> set_grad_enabled:
        prev = state.enabled
        clone = set_grad_enabled(self.mode)
        clone._prev = prev
        return clone

    def __call__(self, fn: Callable) -> Callable:
        state.enabled = self._prev  # as a decorator it changes nothing until called
        return super().__call__(fn)


class inference_mode(_GradMode):
    """Like ``no_grad`` (minigrad has no separate inference tensors)."""

    def __new__(cls, mode: Any = True):
        if callable(mode) and not isinstance(mode, bool):
            return cls()(mode)  # bare decorator
        return super().__new__(cls)

    def __init__(self, mode: bool = True) -> None:
        self.inference_on = bool(mode)
        self.mode = not mode

    def __enter__(self) -> None:
        self._prev_inference = state.inference
        state.inference = self.inference_on
        super().__enter__()

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        state.inference = self._prev_inference

    def clone(self) -> inference_mode:
        return inference_mode(self.inference_on)
