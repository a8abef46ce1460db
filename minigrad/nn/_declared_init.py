"""A constructor declared by a one-line spec: torch's signature, Python's call errors."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from minigrad._signature import bind
from minigrad.nn._functional_module import REQUIRED, method_signature, param


def declared_init(spec: str, dynamic_owner: bool = False) -> Callable:
    """Decorate ``__init__(self, arguments: dict)``: the constructor then takes the
    parameters of ``spec`` ("name:annotation=default ...", defaults as Python
    literals) and passes them bound by name, as a ``def`` of that signature would
    (its TypeErrors name the class's qualname when ``dynamic_owner``)."""
    params = []
    for token in spec.split():
        head, has_default, default = token.partition("=")
        name, _, annotation = head.partition(":")
        value = ast.literal_eval(default) if has_default else REQUIRED
        params.append(param(name, annotation or REQUIRED, value))
    signature = method_signature(params)

    def decorate(init: Callable) -> Callable:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            owner = (
                f"{type(self).__qualname__}.__init__"
                if dynamic_owner
                else init.__qualname__
            )
            arguments = bind(signature, owner, (self, *args), kwargs)
            del arguments["self"]
            init(self, arguments)

        __init__.__signature__ = signature
        __init__.__qualname__ = init.__qualname__
        __init__.__doc__ = init.__doc__
        return __init__

    return decorate
