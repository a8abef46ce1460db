"""TensorBase: the root of Tensor's method groups, and the helpers they share."""

from __future__ import annotations

import inspect
import sys
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


# --- methods and functions built by a factory ----------------------------------


def named(function: Callable, name: str, doc: str, owner: type | None = None):
    """``function`` named as if written with ``def name`` where its factory was
    called: in a class body ``Class.name``, at module level ``name``; ``owner``
    names the class when it is set on the class after its body."""
    # NOTE: as collections.namedtuple, the caller's frame gives the module (pickle)
    frame = sys._getframe(2)
    where = owner.__qualname__ if owner else frame.f_locals.get("__qualname__")
    qualname = f"{where}.{name}" if where else name
    function.__name__, function.__qualname__, function.__doc__ = name, qualname, doc
    function.__module__ = owner.__module__ if owner else frame.f_globals["__name__"]
    # the code's own names are what tracebacks and argument errors show
    code = function.__code__
    if hasattr(code, "co_qualname"):  # Python 3.11+
        code = code.replace(co_qualname=qualname)
    function.__code__ = code.replace(co_name=name)
    return function


def calling(
    target: str,
    classes: tuple,
    name: str | None = None,
    write: bool = False,
    owner: type | None = None,
):
    """A method ``name`` that calls ``self.<target>`` (torch's other name of it), or
    with ``write`` writes its result into self (torch's in-place ``x.<target>_()``,
    the default name); it shows the signature of the target, found in the first of
    ``classes`` that has it."""

    def method(self, *args, **kwargs):
        return getattr(self, target)(*args, **kwargs)

    def inplace(self, *args, **kwargs):
        return self._inplace(getattr(self, target)(*args, **kwargs))

    like = next(getattr(c, target) for c in classes if hasattr(c, target))
    function = inplace if write else method
    function.__signature__ = inspect.signature(like)
    what = "written into self" if write else "under another name"
    name = name or (target + "_" if write else target)
    return named(function, name, f"self.{target}(...), {what}.", owner)


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
