"""dtypes (torch's names over NumPy's) and torch's type-promotion rule."""

from __future__ import annotations

import builtins

import numpy as np


class dtype:
    """A scalar type, printed as torch prints it: ``minigrad.float32``."""

    __slots__ = ("name", "np", "is_floating_point", "is_signed", "itemsize")

    def __init__(self, name: str, np_dtype: type, is_floating_point: bool) -> None:
        self.name = name
        self.np = np.dtype(np_dtype)
        self.is_floating_point = is_floating_point
        self.is_signed = name != "uint8" and name != "bool"
        self.itemsize = self.np.itemsize

    def __repr__(self) -> str:
        return f"minigrad.{self.name}"

    def __reduce__(self) -> str:
        return self.name


float32 = dtype("float32", np.float32, True)
float64 = dtype("float64", np.float64, True)
int64 = dtype("int64", np.int64, False)
int32 = dtype("int32", np.int32, False)
uint8 = dtype("uint8", np.uint8, False)
bool = dtype("bool", np.bool_, False)  # noqa: A001  (torch's name)
# NOTE: matches torch: the aliases are the same objects
float = float32  # noqa: A001
double = float64
long = int64
int = int32  # noqa: A001

_BY_NP = {d.np: d for d in (float32, float64, int64, int32, uint8, bool)}
_default_float = float32


def from_numpy_dtype(np_dtype: np.dtype) -> dtype:
    try:
        return _BY_NP[np_dtype]
    except KeyError:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{np.dtype(np_dtype).name}. The only supported types are: float64, float32, int64, int32, uint8, and bool."
        ) from None


def get_default_dtype() -> dtype:
    return _default_float


def set_default_dtype(d: dtype, /) -> None:
    global _default_float
    if not isinstance(d, dtype) or not d.is_floating_point:
        raise TypeError(
            f"only floating-point types are supported as the default type, got {d}"
        )
    _default_float = d


def default_float_np() -> np.dtype:
    return _default_float.np


def to_np(d: dtype | None, default: np.dtype | None = None) -> np.dtype | None:
    """The NumPy dtype of a minigrad dtype (``default`` when ``d`` is None)."""
    if d is None:
        return default
    if isinstance(d, dtype):
        return d.np
    raise TypeError(f"dtype must be a minigrad.dtype, not {type(d).__name__}")


# --- promotion: torch's categories (bool < integer < floating) -----------------


def category(np_dtype: np.dtype) -> int:
    kind = np_dtype.kind
    return 2 if kind == "f" else (0 if kind == "b" else 1)


def scalar_np_dtype(value: object) -> np.dtype:
    """The dtype torch gives a Python scalar operand (a 'wrapped number')."""
    # (this module's names bool, int and float are torch's dtypes)
    if isinstance(value, builtins.bool):
        return bool.np
    if isinstance(value, builtins.int):
        return int64.np
    if isinstance(value, builtins.float):
        return _default_float.np
    raise TypeError(f"unsupported operand type: {type(value).__name__}")


def promote(a: np.dtype, b: np.dtype) -> np.dtype:
    """torch.promote_types on NumPy dtypes (same table, within one priority)."""
    if a is b:
        return a
    ca, cb = category(a), category(b)
    if ca != cb:
        return a if ca > cb else b
    return np.promote_types(a, b)


def _combine(higher: np.dtype | None, lower: np.dtype | None) -> np.dtype | None:
    # NOTE: matches torch (c10 combine_categories): a lower-priority operand
    # only matters when it is floating and the higher one is not, or the higher
    # one is bool.
    if higher is None:
        return lower
    if lower is None or higher.kind == "f":
        return higher
    if higher.kind == "b" or lower.kind == "f":
        return promote(higher, lower)
    return higher


def _fold(group: list[np.dtype]) -> np.dtype | None:
    result = None
    for d in group:
        result = d if result is None else promote(result, d)
    return result


def result_type(
    dim: list[np.dtype], zero_dim: list[np.dtype], scalars: list
) -> np.dtype:
    """torch.result_type: dimensioned tensors outrank 0-d tensors, which outrank
    Python scalars (a Python float counts as the default float dtype)."""
    wrapped = _fold([scalar_np_dtype(s) for s in scalars])
    return _combine(_fold(dim), _combine(_fold(zero_dim), wrapped))


# NOTE: torch's legacy type names, used by Tensor.type() and in error messages
TYPE_NAMES = {
    np.dtype(np.float32): "torch.FloatTensor",
    np.dtype(np.float64): "torch.DoubleTensor",
    np.dtype(np.int64): "torch.LongTensor",
    np.dtype(np.int32): "torch.IntTensor",
    np.dtype(np.uint8): "torch.ByteTensor",
    np.dtype(np.bool_): "torch.BoolTensor",
}


def scalar_type_name(np_dtype: np.dtype) -> str:
    """torch's name of a scalar type in messages: ``Float``, ``Long``, ``Bool``."""
    return TYPE_NAMES[np_dtype][6:-6]
