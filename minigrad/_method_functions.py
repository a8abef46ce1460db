"""method_function: the top-level form of a Tensor method (``minigrad.flip(x, 0)`` is
``x.flip(0)``), for the functions that only pass their arguments on."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from minigrad.math import _tensor
from minigrad.tensor import Tensor


def method_function(name: str) -> Callable:
    """``f(input, *args, **kwargs)`` calling ``input.<name>(*args, **kwargs)``; its
    signature is the method's, ``input`` in place of ``self``."""

    def function(input, *args, **kwargs):
        return getattr(_tensor(input), name)(*args, **kwargs)

    method = inspect.signature(getattr(Tensor, name))
    first = inspect.Parameter("input", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    rest = list(method.parameters.values())[1:]
    function.__signature__ = method.replace(parameters=[first, *rest])
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"The Tensor method {name} as a function of its input."
    return function
