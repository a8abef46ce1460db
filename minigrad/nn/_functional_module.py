"""Layers declared once: a module that stores its functional's hyperparameters and calls it."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from minigrad._signature import bind
from minigrad.nn.module import Module
from minigrad.tensor import Tensor

REQUIRED = inspect.Parameter.empty
_POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD


def param(
    name: str, annotation: str = REQUIRED, default: Any = REQUIRED
) -> inspect.Parameter:
    """One positional-or-keyword parameter (annotations are strings, as elsewhere)."""
    return inspect.Parameter(name, _POSITIONAL, default=default, annotation=annotation)


def params_of(
    function: Callable, names: str, defaults: dict | None = None
) -> list[inspect.Parameter]:
    """The parameters ``names`` (space separated) as ``function`` declares them.

    ``defaults`` gives the ones whose default differs (REQUIRED: none); a name
    the function does not take is required and unannotated.
    """
    declared = inspect.signature(function).parameters
    out = []
    for name in names.split():
        p = declared[name] if name in declared else param(name)
        if defaults and name in defaults:
            p = p.replace(default=defaults[name])
        out.append(p.replace(kind=_POSITIONAL))
    return out


def method_signature(
    params: list[inspect.Parameter], first: str = "self", returns: str = "None"
) -> inspect.Signature:
    """``(self, *params) -> returns``: the signature of a generated method."""
    return inspect.Signature([param(first), *params], return_annotation=returns)


def _forward(function: Callable | str, names: list[str]) -> Callable:
    """forward(self, input) = function(input, self.<name>, ...), the getter bound now."""
    if isinstance(function, str):
        # a Tensor method, looked up on the input as torch's layer does
        def forward(self, input):
            return getattr(input, function)(*[getattr(self, n) for n in names])

        return forward
    # NOTE: attrgetter (C) fetches the attributes: no Python layer between the
    # module call and ``function``, so the call costs what a written-out one does.
    if not names:

        def forward(self, input):
            return function(input)

    elif len(names) == 1:
        one = attrgetter(names[0])

        def forward(self, input):
            return function(input, one(self))

    else:
        many = attrgetter(*names)

        def forward(self, input):
            return function(input, *many(self))

    return forward


def functional_module(
    name: str,
    function: Callable | str,
    params: str = "",
    *,
    doc: str | None = None,
    defaults: dict | None = None,
    call: str | None = None,
    show: str | None = None,
    shows_inplace: bool = True,
    none_means: dict | None = None,
    check: Callable | None = None,
    inherits: str | None = None,
) -> type:
    """A Module class ``name`` whose constructor takes ``params`` and whose forward
    calls ``function`` (a Tensor method when a name), as torch's layer of that name.

    params: the constructor's parameter names in torch's order, declared (default,
    annotation) by ``function`` unless ``defaults`` says otherwise.
    doc: the class docstring (default: the first line of ``function``'s).
    call: the attributes passed to ``function`` after the input (default: params).
    show: extra_repr's format over the attributes (default: ``name=value`` for
    each parameter); a True ``inplace`` is appended as torch does, unless
    ``shows_inplace`` is False.
    none_means: a parameter whose None stands for another's value (a pool's
    stride is its kernel_size). check: called with the arguments, to raise
    torch's errors before anything is stored. inherits: the base class whose
    constructor torch's layer inherits (its call errors name that class).
    """
    source = getattr(Tensor, function) if isinstance(function, str) else function
    declared = params_of(source, params, defaults)
    names = [p.name for p in declared]
    shown = [n for n in names if n != "inplace"]
    fmt = ", ".join(f"{n}={{{n}}}" for n in shown) if show is None else show
    inplace_shown = shows_inplace and "inplace" in names
    signature = method_signature(declared)
    owner = f"{inherits or name}.__init__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        arguments = bind(signature, owner, (self, *args), kwargs)
        if check is not None:
            check(**{n: arguments[n] for n in names})
        Module.__init__(self)
        for n in names:
            setattr(self, n, arguments[n])
        for n, other in (none_means or {}).items():
            if arguments[n] is None:
                setattr(self, n, arguments[other])

    def extra_repr(self) -> str:
        text = fmt.format(**{n: getattr(self, n) for n in names})
        if inplace_shown and self.inplace:
            return (text + ", inplace=True") if text else "inplace=True"
        return text

    forward = _forward(function, names if call is None else call.split())
    forward.__signature__ = method_signature(
        [param("input", "Tensor")], returns="Tensor"
    )
    __init__.__signature__ = signature
    body = {"__init__": __init__, "forward": forward, "extra_repr": extra_repr}
    for attribute, method in body.items():
        method.__name__ = attribute
        method.__qualname__ = f"{name}.{attribute}"
    # NOTE: as collections.namedtuple: the class belongs to the caller's module (pickle)
    module = sys._getframe(1).f_globals["__name__"]
    if doc is None:
        doc = source.__doc__.splitlines()[0]
    namespace = {"__doc__": doc, "__module__": module, "__qualname__": name, **body}
    return type(name, (Module,), namespace)
