"""The loss layers' base: each layer's constructor and forward made from its function."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from minigrad._signature import bind
from minigrad.nn._reduction import _legacy_get_string
from minigrad.nn.module import Module
from minigrad.tensor import Tensor

_LEGACY = ("size_average", "reduce")
_BUFFERS = ("weight", "pos_weight")
_SELF = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
# NOTE: matches torch: a layer whose options are exactly these inherits the base's
# constructor, and its errors name that base
_INHERITED = {
    ("size_average", "reduce", "reduction"): "_Loss",
    ("weight", "size_average", "reduce", "reduction"): "_WeightedLoss",
}


class _Loss(Module):
    """A loss layer declared by its function: ``class L1Loss(_Loss, function=F.l1_loss)``.

    Its constructor takes the function's options (the parameters with a default,
    but those named in ``without``; keyword-only with ``keyword_only``) in torch's
    order, folds the deprecated size_average/reduce into ``reduction`` and keeps
    each option as an attribute of its name (``weight`` and ``pos_weight`` as
    buffers); ``forward`` takes the function's tensors (named ``inputs`` if given)
    and passes the attributes on. A layer on a hot path writes its own forward.
    """

    def __init_subclass__(
        cls,
        function: Callable | None = None,
        without: tuple[str, ...] = (),
        keyword_only: bool = False,
        inputs: tuple[str, ...] = (),
        **kwargs: object,
    ) -> None:
        super().__init_subclass__(**kwargs)
        if function is None:
            return
        parameters = inspect.signature(function).parameters.values()
        tensors = [p for p in parameters if p.default is p.empty]
        options = [p for p in parameters if p not in tensors and p.name not in without]
        if keyword_only:
            options = [p.replace(kind=p.KEYWORD_ONLY) for p in options]
        cls.__init__ = _constructor(cls, inspect.Signature(options))
        if "forward" not in cls.__dict__:
            tensors = [p.replace(name=n) for p, n in zip(tensors, inputs)] or tensors
            kept = [p.name for p in options if p.name not in _LEGACY]
            cls.forward = _forward(cls, function, inspect.Signature(tensors), kept)

    def __init__(
        self,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        # NOTE: matches torch: a user's own loss may subclass _Loss directly
        super().__init__()
        if size_average is not None or reduce is not None:
            reduction = _legacy_get_string(size_average, reduce)
        self.reduction = reduction

    def _check(self) -> None:
        """torch's checks of the constructor's arguments, once they are kept."""


class _WeightedLoss(_Loss):
    """torch's base of the losses with a class ``weight`` (kept as a buffer)."""

    def __init__(
        self,
        weight: Tensor | None = None,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        # NOTE: matches torch: a user's own weighted loss may subclass this base
        super().__init__(size_average, reduce, reduction)
        self.register_buffer("weight", weight)


def _constructor(cls: type, signature: inspect.Signature) -> Callable:
    parameters = [_SELF, *signature.parameters.values()]
    declared = signature.replace(parameters=parameters)
    owner = _INHERITED.get(tuple(signature.parameters), cls.__qualname__)
    qualname = f"{owner}.__init__"

    def __init__(self, *args: object, **kwargs: object) -> None:
        options = bind(declared, qualname, (self, *args), kwargs)
        del options["self"]
        Module.__init__(self)
        legacy = [options.pop(name, None) for name in _LEGACY]
        if legacy != [None, None]:
            options["reduction"] = _legacy_get_string(*legacy)
        self.reduction = options.pop("reduction")
        for name, value in options.items():
            if name in _BUFFERS:
                self.register_buffer(name, value)
            else:
                setattr(self, name, value)
        self._check()

    __init__.__signature__ = declared
    return _method(cls, __init__, "Keep the loss's options (torch's constructor).")


def _forward(
    cls: type, function: Callable, signature: inspect.Signature, kept: list[str]
) -> Callable:
    count = len(signature.parameters)

    def forward(self, *args: object, **kwargs: object) -> object:
        if kwargs or len(args) != count:
            try:
                args = signature.bind(*args, **kwargs).args
            except TypeError as error:
                raise TypeError(f"{cls.__name__}.forward() {error}") from None
        return function(*args, **{name: getattr(self, name) for name in kept})

    parameters = [_SELF, *signature.parameters.values()]
    forward.__signature__ = signature.replace(
        parameters=parameters, return_annotation="Tensor"
    )
    return _method(cls, forward, f"The loss: {function.__name__} with these options.")


def _method(cls: type, method: Callable, doc: str) -> Callable:
    """A made method named as one written in ``cls``'s body."""
    method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    method.__module__ = cls.__module__
    method.__doc__ = doc
    return method
