"""Argument helpers shared by the convolution, pooling and padding functions."""

from __future__ import annotations

from collections.abc import Sequence

from minigrad.tensor import Tensor


def ntuple(value, n: int) -> tuple:
    """An int repeated n times; a sequence as a tuple (its length is checked later)."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return tuple(int(v) for v in value)
    return (int(value),) * n


def shape_str(shape) -> str:
    return "[" + ", ".join(str(int(s)) for s in shape) + "]"


def require_tensors(name: str, *args: object) -> None:
    """torch's TypeError when an argument that must be a tensor is not."""
    if all(isinstance(a, Tensor) or a is None for a in args) and isinstance(
        args[0], Tensor
    ):
        return
    got = ", ".join(type(a).__name__ for a in args if a is not None)
    raise TypeError(
        f"{name}() received an invalid combination of arguments - got ({got}), but expected one of: (Tensor input, ...)"
    )


def require_int_tuple(name: str, argument: str, position: int, value) -> None:
    """torch's TypeError for a size argument that is not an int or a tuple of ints."""
    items = value if isinstance(value, Sequence) else (value,)
    for v in items:
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError(
                f"{name}(): argument '{argument}' (position {position}) must be tuple of ints, not {type(value).__name__}"
            )
