"""An optimiser's row of the table (_table.py), read once: torch's constructor
(its signature, argument binding and errors) and the numbers its rule takes."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Any

from minigrad._signature import bind
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
        self.signature = self._signature(_table.ANNOTATIONS.get(name, {}))

    def _signature(self, annotations: dict[str, Any]) -> inspect.Signature:
        """torch's ``(self, params, *positional, *, *keyword_only) -> None``."""
        names = _table.SIGNATURES[self.name].split()
        star = names.index(_KEYWORD_ONLY) if _KEYWORD_ONLY in names else len(names)
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        parameters = [inspect.Parameter("self", kind)]
        parameters.append(inspect.Parameter("params", kind, annotation=ParamsT))
        for group in (names[:star], names[star + 1 :]):
            for name in group:
                default = self.values[name]
                annotation = annotations.get(name, _annotation(name, default))
                parameters.append(
                    inspect.Parameter(
                        name, kind, default=default, annotation=annotation
                    )
                )
            kind = inspect.Parameter.KEYWORD_ONLY
        return inspect.Signature(parameters, return_annotation=None)

    def constructor(
        self, cls: type, optimizer_init: Callable[..., None]
    ) -> Callable[..., None]:
        """``cls.__init__``: torch's signature; the arguments checked (shared checks
        and the class's own), ``defaults`` keyed in torch's order, then
        ``Optimizer.__init__`` and torch's checks of ``fused``."""
        declared = self
        qualname = f"{cls.__qualname__}.__init__"

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            bound = bind(declared.signature, qualname, (self, *args), kwargs)
            # NOTE: the table's values fill what the signature does not take
            arguments = {**declared.values, **bound}
            self._check_arguments(arguments, declared.checks)
            defaults = {name: arguments[name] for name in declared.order}
            optimizer_init(self, arguments["params"], defaults)
            if "fused" in defaults:
                check_fused_flags(
                    defaults["fused"], defaults["foreach"], defaults["differentiable"]
                )
            self._constructed()

        __init__.__signature__ = self.signature
        __init__.__qualname__ = qualname
        __init__.__module__ = cls.__module__
        __init__.__doc__ = (
            f"A {cls.__name__} optimizer of ``params``, with torch's hyperparameters."
        )
        return __init__
