"""Parameter: a leaf tensor that a Module registers as one of its weights."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad import dtypes
from minigrad._checks import check_requires_grad
from minigrad._tensor_str import parameter_repr
from minigrad.serialization._classes import register
from minigrad.tensor import Tensor, _wrap


class Parameter(Tensor):
    """A Tensor that, assigned as a Module attribute, joins ``parameters()``.

    It shares its storage with ``data`` (no copy) and is a leaf that requires
    grad by default, even under ``no_grad``.
    """

    __slots__ = ()

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True):
        if data is None:
            data = _wrap(np.empty(0, dtype=dtypes.default_float_np()))
        if not isinstance(data, Tensor):
            raise AttributeError(
                f"'{type(data).__name__}' object has no attribute 'detach'"
            )
        check_requires_grad(requires_grad, data._data.dtype)
        # a new leaf over the same ndarray
        return _wrap(data._data, bool(requires_grad), cls)

    def __init__(self, data: Tensor | None = None, requires_grad: bool = True) -> None:
        pass  # everything happens in __new__

    def __repr__(self) -> str:
        return parameter_repr(self)  # "Parameter containing:" above the tensor

    def __deepcopy__(self, memo: dict) -> Parameter:
        # NOTE: matches torch: a Parameter's copy is a clone of its data only
        if id(self) not in memo:
            memo[id(self)] = type(self)(_wrap(self._data.copy("K")), self.requires_grad)
        return memo[id(self)]

    def __reduce_ex__(self, protocol: Any) -> tuple:
        return (
            _rebuild_parameter,
            (self._data, self.requires_grad),
            self.__dict__ or None,
        )


register("Parameter", Parameter)  # minigrad.load builds torch's Parameters as these


def _rebuild_parameter(array: np.ndarray, requires_grad: bool) -> Parameter:
    return Parameter(_wrap(array), requires_grad)
