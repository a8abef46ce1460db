"""TensorBase: the root of Tensor's method groups, and the helpers they share."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from minigrad import dtypes


class TensorBase:
    """What every method group may use of Tensor, reached through ``self`` (this
    package may not import minigrad/tensor.py): its fields, five of its module's
    functions (as static methods) and its in-place machinery.

    ``isinstance(x, TensorBase)`` is ``isinstance(x, Tensor)``: Tensor is the only
    class built on it."""

    __slots__ = ()

    _data: np.ndarray
    _requires_grad: bool
    _grad_fn: object
    _base: TensorBase | None
    _vc: list[int]

    # set on Tensor as static methods (tensor.py, at its end)
    _apply: Callable[..., TensorBase]  # apply(op, *inputs, **params): run, record
    _wrap: Callable[..., TensorBase]  # a new leaf around an ndarray (no copy)
    _leaf: Callable[..., TensorBase]  # the same, refusing a grad it cannot have
    _operand: Callable[..., TensorBase]  # a number, list or ndarray as a tensor
    _as_view_of: Callable[..., None]  # mark a new tensor as a view of another
    # Tensor's in-place machinery (tensor.py), used by inplace.py and multiclass.py
    _check_inplace: Callable[[], None]  # refuse a write torch refuses; count it
    _inplace: Callable[[TensorBase], TensorBase]  # write an op's result into self
    _recorded: Callable[..., bool]  # whether a write enters the graph


# --- operands and dtypes ------------------------------------------------------


def _result_dtype(a: TensorBase, b) -> np.dtype | None:
    """The dtype to compute ``a op b`` in, or None when NumPy already gets it right."""
    da = a._data.dtype
    if isinstance(b, TensorBase):
        db = b._data.dtype
        if da is db:
            return None
        dims, zeros = [], []
        (dims if a._data.ndim else zeros).append(da)
        (dims if b._data.ndim else zeros).append(db)
        return dtypes.result_type(dims, zeros, [])
    if isinstance(b, (float, int)) and not isinstance(b, bool) and da.kind == "f":
        return (
            None  # NOTE: NumPy's weak Python scalars keep the tensor's dtype, as torch
        )
    if isinstance(b, bool) and da.kind == "b":
        return None
    if isinstance(b, (bool, int, float)):
        out = dtypes.result_type(
            [da] if a._data.ndim else [], [] if a._data.ndim else [da], [b]
        )
        return None if out == da and da.kind != "b" else out
    raise TypeError(f"unsupported operand type(s) for Tensor and {type(b).__name__}")


def _require_tensor(x, fname: str, arg: str = "other") -> TensorBase:
    if not isinstance(x, TensorBase):
        raise TypeError(
            f"{fname}(): argument '{arg}' (position 1) must be Tensor, not {type(x).__name__}"
        )
    return x


def _key_arrays(key):
    """An indexing key with its index tensors replaced by their arrays."""
    if isinstance(key, TensorBase):
        return key._data
    if isinstance(key, tuple):
        return tuple(k._data if isinstance(k, TensorBase) else k for k in key)
    return key
