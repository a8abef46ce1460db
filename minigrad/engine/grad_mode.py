"""Grad mode: one module-level flag the engine reads, and its context managers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

# NOTE: a plain flag, read directly by every op (a contextvar or a
# contextlib.contextmanager costs about a microsecond per use).
enabled = True


def is_grad_enabled() -> bool:
    return enabled


class _GradMode:
    """Base of the grad-mode switches: a context manager and a decorator."""

    mode = True

    def __enter__(self) -> None:
        global enabled
        self._prev = enabled
        enabled = self.mode

    def __exit__(self, *exc: object) -> None:
        global enabled
        enabled = self._prev

    def __call__(self, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with type(self)():
                return fn(*args, **kwargs)

        return wrapper


class no_grad(_GradMode):
    """Disable gradient recording (``with minigrad.no_grad():`` or as a decorator)."""

    mode = False


class enable_grad(_GradMode):
    """Enable gradient recording inside a ``no_grad`` block."""

    mode = True


class set_grad_enabled(_GradMode):
    """Set grad mode to ``mode``: at once when called, restored on exit."""

    def __init__(self, mode: bool) -> None:
        global enabled
        self._prev = enabled
        self.mode = bool(mode)
        enabled = self.mode

    def __enter__(self) -> None:
        pass

    def __call__(self, fn: Callable) -> Callable:
        global enabled
        enabled = self._prev
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)

        return wrapper


class inference_mode(no_grad):
    """Like ``no_grad`` (minigrad has no separate inference tensors)."""

    def __init__(self, mode: bool = True) -> None:
        self.mode = not mode
