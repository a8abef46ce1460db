"""torch's defaults and types of the losses' parameters, declared once for every loss."""

from __future__ import annotations

from collections.abc import Callable

# NOTE: matches torch: a parameter of this name has this default in every loss
_DEFAULTS = {
    **dict.fromkeys(("size_average", "reduce", "weight", "pos_weight")),
    **dict.fromkeys(("log_target", "full", "swap"), False),
    "reduction": "mean",
    "ignore_index": -100,
    "label_smoothing": 0.0,
    "log_input": True,
}

# NOTE: matches torch: a parameter of this name has this type in every loss
# (but multi_margin_loss's ``p``, an int: annotated in its def)
_TYPES = {
    **dict.fromkeys(("input", "target", "input1", "input2"), "Tensor"),
    **dict.fromkeys(("anchor", "positive", "negative"), "Tensor"),
    **dict.fromkeys(("size_average", "reduce"), "bool | None"),
    **dict.fromkeys(("weight", "pos_weight"), "Tensor | None"),
    **dict.fromkeys(
        ("margin", "p", "eps", "beta", "delta", "label_smoothing"), "float"
    ),
    **dict.fromkeys(("log_target", "log_input", "full", "swap"), "bool"),
    "reduction": "str",
    "ignore_index": "int",
    "var": "Tensor | float",
}


def torch_loss(**own: object) -> Callable[[Callable], Callable]:
    """Give a loss function, whose def lists torch's parameters in torch's order,
    torch's defaults (the shared ones by name, ``own`` for this loss's
    hyperparameters) and types. The function itself is returned: no call costs more."""

    def declare(function: Callable) -> Callable:
        code = function.__code__
        names = code.co_varnames[: code.co_argcount]
        defaults = {**_DEFAULTS, **own}
        required = [n for n in names if n not in defaults]
        if names[: len(required)] != tuple(required):
            raise TypeError(
                f"{function.__name__}: a parameter without default follows one with"
            )
        function.__defaults__ = tuple(defaults[n] for n in names[len(required) :])
        types = {n: _TYPES[n] for n in names}
        function.__annotations__ = types | function.__annotations__
        return function

    return declare
