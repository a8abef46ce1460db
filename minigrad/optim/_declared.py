"""An optimiser's row of the table (_table.py), read once: torch's constructor
(its signature, argument binding and errors) and the numbers its rule takes."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Any

from minigrad.optim import _table
from minigrad.optim._common import check_fused_flags, first_state, group_numbers
from minigrad.tensor import Tensor

# NOTE: matches torch's ParamsT
ParamsT = Iterable[Tensor] | Iterable[dict[str, Any]] | Iterable[tuple[str, Tensor]]

_KEYWORD_ONLY = "*"


def _annotation(name: str, default: Any) -> Any:
    """torch's annotation of a hyperparameter, read from its name and default."""
    if name == "lr":
        return float | Tensor
    if default is None:
        return bool | None
    if isinstance(default, bool):
        return bool
    return tuple[float, float] if isinstance(default, tuple) else float


class Declaration:
    """One optimiser: its row of the table, its update rule
    ``rule(optimizer, group, *numbers)``, and ``new_state(p, group)``, the state of
    a parameter at its first step (by default: the table's buffers at zero)."""

    def __init__(
        self, name: str, rule: Callable[..., None], new_state: Callable | None = None
    ) -> None:
        self.name = name
        self.rule = rule
        self.values = {**_table.USUAL, **_table.VALUES[name]}
        self.order = _table.DEFAULTS[name].split()
        buffers = _table.STATE.get(name, "").split()
        self.new_state = new_state or (lambda p, group: first_state(p, *buffers))
        self.checks = _table.CHECKS[name]
        self.numbers_of = group_numbers(_table.NUMBERS[name], name)
        self.unpickled = {
            key: self.values[key] for key in _table.UNPICKLED[name].split()
        }
        names = _table.SIGNATURES[name].split()
        star = names.index(_KEYWORD_ONLY) if _KEYWORD_ONLY in names else len(names)
        self.positional = ["params", *names[:star]]
        self.keyword_only = names[star + 1 :]
        self.accepted = {*self.positional, *self.keyword_only}
        self.signature = self._signature(_table.ANNOTATIONS.get(name, {}))

    def _signature(self, annotations: dict[str, Any]) -> inspect.Signature:
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        parameters = [inspect.Parameter("self", kind)]
        parameters.append(inspect.Parameter("params", kind, annotation=ParamsT))
        for names in (self.positional[1:], self.keyword_only):
            for name in names:
                default = self.values[name]
                annotation = annotations.get(name, _annotation(name, default))
                parameters.append(
                    inspect.Parameter(
                        name, kind, default=default, annotation=annotation
                    )
                )
            kind = inspect.Parameter.KEYWORD_ONLY
        return inspect.Signature(parameters, return_annotation=None)

    def bind(self, args: tuple, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The arguments of a constructor call by name (defaults filled in), bound
        as Python binds a call, with its TypeErrors."""
        function = f"{self.name}.__init__()"
        arguments = dict(zip(self.positional, args, strict=False))
        for key, value in kwargs.items():
            if key not in self.accepted:
                raise TypeError(
                    f"{function} got an unexpected keyword argument '{key}'"
                )
            if key in arguments:
                raise TypeError(f"{function} got multiple values for argument '{key}'")
            arguments[key] = value
        if len(args) > len(self.positional):
            given = f"{len(args) + 1} were"
            keyword_only = sum(key in kwargs for key in self.keyword_only)
            if keyword_only:
                s = "s" if keyword_only > 1 else ""
                given = f"{len(args) + 1} positional arguments (and {keyword_only} keyword-only argument{s}) were"
            raise TypeError(
                f"{function} takes from 2 to {len(self.positional) + 1} positional arguments but {given} given"
            )
        if "params" not in arguments:
            raise TypeError(
                f"{function} missing 1 required positional argument: 'params'"
            )
        return {**self.values, **arguments}

    def constructor(
        self, cls: type, optimizer_init: Callable[..., None]
    ) -> Callable[..., None]:
        """``cls.__init__``: torch's signature; the arguments checked (shared checks
        and the class's own), ``defaults`` keyed in torch's order, then
        ``Optimizer.__init__`` and torch's checks of ``fused``."""
        declared = self

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            arguments = declared.bind(args, kwargs)
            self._check_arguments(arguments, declared.checks)
            defaults = {name: arguments[name] for name in declared.order}
            optimizer_init(self, arguments["params"], defaults)
            if "fused" in defaults:
                check_fused_flags(
                    defaults["fused"], defaults["foreach"], defaults["differentiable"]
                )
            self._constructed()

        __init__.__signature__ = self.signature
        __init__.__qualname__ = f"{cls.__qualname__}.__init__"
        __init__.__module__ = cls.__module__
        __init__.__doc__ = (
            f"A {cls.__name__} optimizer of ``params``, with torch's hyperparameters."
        )
        return __init__
