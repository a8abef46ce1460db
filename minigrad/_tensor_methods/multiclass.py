"""Multiclass helpers: softmax, log_softmax, gather, scatter, sort, topk."""

from __future__ import annotations

from numbers import Number

import numpy as np

from minigrad import _arguments as _args
from minigrad import dtypes, return_types
from minigrad import ops as _ops
from minigrad._checks import wrap_dim
from minigrad._exact.ordering import sort_along, topk_along
from minigrad._tensor_methods.base import TensorBase


class MulticlassMethods(TensorBase):
    __slots__ = ()

    def softmax(self, dim: int, dtype=None) -> TensorBase:
        return _softmax(self, dim, dtype, _ops.Softmax, "softmax")

    def log_softmax(self, dim: int, dtype=None) -> TensorBase:
        return _softmax(self, dim, dtype, _ops.LogSoftmax, "log_softmax")

    def gather(
        self, dim: int, index: TensorBase, *, sparse_grad: bool = False
    ) -> TensorBase:
        d, idx = _index_args(self, dim, index, "gather")
        _ops.check_index("gather", self._data, d, idx)
        return self._apply(_ops.Gather, self, index=idx, dim=d)

    def scatter(
        self, dim: int, index: TensorBase, src=None, *, value=None, reduce=None
    ):
        return _scatter(self, dim, index, src, value, reduce, "scatter")

    def scatter_(
        self, dim: int, index: TensorBase, src=None, *, value=None, reduce=None
    ):
        return self._inplace(_scatter(self, dim, index, src, value, reduce, "scatter_"))

    def scatter_add(self, dim: int, index: TensorBase, src: TensorBase) -> TensorBase:
        return _scatter_add(self, dim, index, src, "scatter_add")

    def scatter_add_(self, dim: int, index: TensorBase, src: TensorBase) -> TensorBase:
        return self._inplace(_scatter_add(self, dim, index, src, "scatter_add_"))

    def sort(self, dim: int = -1, descending: bool = False, *, stable=None):
        d = wrap_dim(dim, self._data.ndim)
        name = "SortBackward0" if stable is None else "SortBackward1"
        if self._data.ndim == 0:
            return return_types.sort(
                (
                    self._apply(_ops.View, self, shape=(), name=name),
                    self._wrap(np.zeros((), np.int64)),
                )
            )
        idx = _args.sort_indices(self._data, d, descending)
        if not stable and self._data.dtype.itemsize < 4:  # NOTE: std::sort in torch
            idx = sort_along(self._data, d, descending, idx)
        values = self._apply(_ops.TakeAlong, self, indices=idx, dim=d, name=name)
        return return_types.sort((values, self._wrap(idx.astype(np.int64))))

    def topk(self, k: int, dim: int = -1, largest: bool = True, sorted: bool = True):  # noqa: A002
        d = wrap_dim(dim, self._data.ndim)
        if self._data.ndim == 0:  # NOTE: matches torch: k = 0 or 1 both give the value
            _args.check_topk(k, 1)
            values = self._apply(_ops.View, self, shape=(), name="TopkBackward0")
            return return_types.topk((values, self._wrap(np.zeros((), np.int64))))
        _args.check_topk(k, self._data.shape[d])
        ranked = _args.sort_indices(self._data, d, descending=largest)
        idx = topk_along(self._data, k, d, largest, sorted, ranked)
        values = self._apply(
            _ops.TakeAlong, self, indices=idx, dim=d, name="TopkBackward0"
        )
        return return_types.topk((values, self._wrap(idx.astype(np.int64))))


# --- argument checks, then one op each ----------------------------------------


def _softmax(t: TensorBase, dim, dtype, op, name: str) -> TensorBase:
    if not isinstance(dim, (int, np.integer)) or isinstance(dim, bool):
        raise TypeError(
            f"{name}(): argument 'dim' (position 1) must be int, not {type(dim).__name__}"
        )
    d = wrap_dim(dim, t._data.ndim)
    if dtype is not None:
        t = t.to(dtype)
    if t._data.dtype.kind != "f" and t._data.size:
        kernel = _ops.softmax_kernel_name(name, t._data.ndim, d)
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{dtypes.scalar_type_name(t._data.dtype)}'"
        )
    return t._apply(op, t, dim=d)


def _index_args(t: TensorBase, dim, index, name: str, arg_pos: int = 2):
    if not isinstance(index, TensorBase):
        raise TypeError(
            f"{name.rstrip('_')}(): argument 'index' (position {arg_pos}) must be Tensor, not {type(index).__name__}"
        )
    d = wrap_dim(dim, t._data.ndim)
    return d, index._data


def _scatter(t: TensorBase, dim, index, src, value, reduce, name: str) -> TensorBase:
    if reduce is not None:
        raise NotImplementedError(f"minigrad: {name}(reduce=...) is not supported")
    if (src is None) == (value is None) or (
        src is not None and not isinstance(src, (TensorBase, Number))
    ):
        given = ", ".join(type(a).__name__ for a in (dim, index, src) if a is not None)
        raise TypeError(
            f"{name}() received an invalid combination of arguments - got ({given}), but expected one of: (int dim, Tensor index, Tensor src) or (int dim, Tensor index, Number value)"
        )
    d, idx = _index_args(t, dim, index, name)
    value = src if value is None else value
    if isinstance(value, TensorBase):
        if value._data.dtype != t._data.dtype:
            raise RuntimeError(
                "scatter(): Expected self.dtype to be equal to src.dtype"
            )
        _ops.check_index("scatter", t._data, d, idx, value._data)
        return t._apply(_ops.Scatter, t, value, index=idx, dim=d)
    _ops.check_index("scatter", t._data, d, idx, value=True)
    return t._apply(_ops.ScatterValue, t, index=idx, dim=d, value=value)


def _scatter_add(t: TensorBase, dim, index, src, name: str) -> TensorBase:
    if not isinstance(src, TensorBase):
        raise TypeError(
            f"{name.rstrip('_')}(): argument 'src' (position 3) must be Tensor, not {type(src).__name__}"
        )
    d, idx = _index_args(t, dim, index, name)
    if src._data.dtype != t._data.dtype:
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    _ops.check_index("scatter", t._data, d, idx, src._data)
    return t._apply(_ops.ScatterAdd, t, src, index=idx, dim=d)
