"""Comparisons and logic (no gradient): ==, <, logical_not, all, any, allclose, equal."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from minigrad._broadcast import broadcast_shape
from minigrad._checks import wrap_dims
from minigrad._tensor_methods.base import (
    TensorBase,
    _require_tensor,
    _result_dtype,
    named,
)


def _comparison(name: str, fn: Callable) -> Callable:
    """The method ``name``: ``fn(self, other)`` elementwise, a bool tensor."""

    def method(self, other) -> TensorBase:
        return self._compare(other, fn)

    return named(method, name, f"self {name} other elementwise (np.{fn.__name__}).")


class ComparisonMethods(TensorBase):
    __slots__ = ()

    def _compare(self, other, fn) -> TensorBase:
        if other is None:
            raise TypeError("comparison with None is not supported")
        a, b = self._data, other._data if isinstance(other, TensorBase) else other
        if isinstance(b, (list, tuple)):
            b = np.asarray(b)
        dtype = _result_dtype(self, other)
        if dtype is not None:
            a = a.astype(dtype, copy=False)
            b = b.astype(dtype, copy=False) if isinstance(b, np.ndarray) else b
        if isinstance(b, np.ndarray) and a.shape != b.shape:
            broadcast_shape(a.shape, b.shape)
        return self._wrap(np.asarray(fn(a, b)))

    eq = _comparison("eq", np.equal)
    ne = _comparison("ne", np.not_equal)
    lt = _comparison("lt", np.less)
    le = _comparison("le", np.less_equal)
    gt = _comparison("gt", np.greater)
    ge = _comparison("ge", np.greater_equal)

    __eq__ = eq  # type: ignore[assignment]
    __ne__ = ne  # type: ignore[assignment]
    __lt__ = lt
    __le__ = le
    __gt__ = gt
    __ge__ = ge
    __hash__ = object.__hash__  # NOTE: by identity (== is elementwise), as torch

    def logical_not(self) -> TensorBase:
        return self._wrap(np.logical_not(self._data))

    def allclose(
        self, other: TensorBase, rtol=1e-05, atol=1e-08, equal_nan=False
    ) -> bool:
        # NOTE: matches torch: isclose(...).all(), with its dtype and size errors
        close = self.isclose(_require_tensor(other, "allclose"), rtol, atol, equal_nan)
        return bool(close._data.all())

    def equal(self, other: TensorBase) -> bool:
        b = _require_tensor(other, "equal")._data
        return self._data.shape == b.shape and bool(np.array_equal(self._data, b))

    def all(self, dim=None, keepdim=False) -> TensorBase:
        return _logical_reduce(self, np.all, dim, keepdim)

    def any(self, dim=None, keepdim=False) -> TensorBase:
        return _logical_reduce(self, np.any, dim, keepdim)


def _logical_reduce(t: TensorBase, fn, dim, keepdim: bool) -> TensorBase:
    """all/any over dims: bool, or uint8 for uint8 input (as torch)."""
    dims = wrap_dims(dim, t._data.ndim)
    out = np.asarray(fn(t._data, axis=dims, keepdims=keepdim))
    return t._wrap(out.astype(np.uint8) if t._data.dtype == np.uint8 else out)
