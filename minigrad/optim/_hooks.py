"""Optimizer step hooks, per optimizer and global, run around ``step`` as torch."""

from __future__ import annotations

import functools
from collections.abc import Callable
from itertools import chain
from typing import Any

from minigrad.engine.graph import RemovableHandle, add_hook

_global_pre_hooks: dict[int, Callable] = {}
_global_post_hooks: dict[int, Callable] = {}


def register_optimizer_step_pre_hook(hook: Callable) -> RemovableHandle:
    """``hook(optimizer, args, kwargs)`` before every optimizer's step; it may
    return ``(new_args, new_kwargs)``."""
    return add_hook(_global_pre_hooks, hook)


def register_optimizer_step_post_hook(hook: Callable) -> RemovableHandle:
    """``hook(optimizer, args, kwargs)`` after every optimizer's step."""
    return add_hook(_global_post_hooks, hook)


def _hooked(step: Callable) -> Callable:
    @functools.wraps(step)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        optimizer = args[0]
        for pre_hook in chain(
            _global_pre_hooks.values(), optimizer._optimizer_step_pre_hooks.values()
        ):
            result = pre_hook(optimizer, args, kwargs)
            if result is not None:
                if not (isinstance(result, tuple) and len(result) == 2):
                    raise RuntimeError(
                        f"{step} must return None or a tuple of (new_args, new_kwargs), but got {result}."  # noqa: E501
                    )
                args, kwargs = result
        out = step(*args, **kwargs)
        for post_hook in chain(
            optimizer._optimizer_step_post_hooks.values(), _global_post_hooks.values()
        ):
            post_hook(optimizer, args, kwargs)
        return out

    wrapper.hooked = True
    return wrapper


def patch_step(cls: type) -> None:
    """Wrap ``cls.step`` once with the hooks (torch does it at the first instance)."""
    if not getattr(cls.step, "hooked", None):
        cls.step = _hooked(cls.step)
