"""torch's dtype questions: result_type, can_cast, promote_types."""

from __future__ import annotations

import builtins

import numpy as np

from minigrad import dtypes
from minigrad.tensor import Tensor

_RESULT_TYPE = "result_type() received an invalid combination of arguments - got ({}), but expected one of:\n * (Tensor tensor, Tensor other)\n * (Number scalar, Tensor tensor)\n * (Tensor tensor, Number other)\n * (Number scalar1, Number scalar2)\n"
_NUMBER = (builtins.bool, builtins.int, builtins.float)


def result_type(tensor, other) -> dtypes.dtype:
    """The dtype torch computes ``tensor op other`` in."""
    for x in (tensor, other):
        if not isinstance(x, (Tensor, *_NUMBER)):
            got = ", ".join(type(a).__name__ for a in (tensor, other))
            raise TypeError(_RESULT_TYPE.format(got))
    dims, zeros, scalars = [], [], []
    for x in (tensor, other):
        if isinstance(x, Tensor):
            (dims if x._data.ndim else zeros).append(x._data.dtype)
        else:
            scalars.append(x)
    return dtypes.from_numpy_dtype(dtypes.result_type(dims, zeros, scalars))


def _dtype(x, fn: str, arg: str, position: int) -> np.dtype:
    if not isinstance(x, dtypes.dtype):
        raise TypeError(
            f"{fn}(): argument '{arg}' (position {position}) must be torch.dtype, not {type(x).__name__}"
        )
    return x.np


def can_cast(from_: dtypes.dtype, to: dtypes.dtype) -> builtins.bool:
    """Whether torch's type promotion allows casting from_ to to (no lower category)."""
    a, b = _dtype(from_, "can_cast", "from_", 1), _dtype(to, "can_cast", "to", 2)
    return dtypes.category(a) <= dtypes.category(b)


def promote_types(type1: dtypes.dtype, type2: dtypes.dtype) -> dtypes.dtype:
    a = _dtype(type1, "promote_types", "type1", 1)
    b = _dtype(type2, "promote_types", "type2", 2)
    return dtypes.from_numpy_dtype(dtypes.promote(a, b))
