"""method_function: the top-level form of a Tensor method (``minigrad.flip(x, 0)`` is
``x.flip(0)``), for the functions that only pass their arguments on."""

from __future__ import annotations

from collections.abc import Callable

from minigrad.math import _tensor


def method_function(name: str) -> Callable:
    """``f(input, *args, **kwargs)`` calling ``input.<name>(*args, **kwargs)``."""

    def function(input, *args, **kwargs):
        return getattr(_tensor(input), name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"The Tensor method {name} as a function of its input."
    return function
