"""method_function: the top-level form of a Tensor method (``minigrad.flip(x, 0)`` is
``x.flip(0)``), for the functions that only pass their arguments on."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from minigrad._tensor_methods.base import named
from minigrad.tensor import Tensor


def _tensor(x, name: str = "input") -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(f"{name} must be Tensor, not {type(x).__name__}")
    return x


def method_function(name: str, first: Callable = _tensor) -> Callable:
    """``f(input, *args, **kwargs)`` calling ``input.<name>(*args, **kwargs)``, input
    checked by ``first`` (``_tensor``: a Tensor; ``_operand``: a number or list made
    one); its signature is the method's, ``input`` in place of ``self``."""
    method = getattr(Tensor, name)  # NOTE: bound once, no lookup per call
    signature = inspect.signature(method)
    # NOTE: the common parameter lists get a body without *args packing (faster)
    plain = inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.empty
    fixed = [
        p.name for p in signature.parameters.values() if (p.kind, p.default) == plain
    ]
    fixed = fixed if len(fixed) == len(signature.parameters) else None
    if fixed == ["self"]:

        def function(input):
            return method(first(input))

    elif fixed == ["self", "other"]:

        def function(input, other):
            return method(first(input), other)

    else:

        def function(input, *args, **kwargs):
            return method(first(input), *args, **kwargs)

    params = [
        p.replace(annotation=_public(p.annotation))
        for p in list(signature.parameters.values())[1:]
    ]
    first_param = inspect.Parameter(
        "input", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation="Tensor"
    )
    function.__signature__ = signature.replace(
        parameters=[first_param, *params],
        return_annotation=_public(signature.return_annotation),
    )
    return named(function, name, f"input.{name}(...) as a function: Tensor.{name}.")


def _public(annotation):
    """A method's annotation as the function shows it: Tensor for TensorBase."""
    return "Tensor" if annotation == "TensorBase" else annotation
