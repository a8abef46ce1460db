"""Functional writes into a copy: scatter_reduce, index_put, masked_scatter,
select_scatter, slice_scatter, diagonal_scatter (and in place), narrow_copy."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._broadcast import broadcast_shape
from minigrad._checks import wrap_dim
from minigrad._indexing import tensor_words
from minigrad._tensor_methods.base import TensorBase
from minigrad.ops import scatters

_REDUCTIONS = ("sum", "prod", "mean", "amax", "amin")


def _tensor_arg(x, name: str, arg: str, pos: int) -> TensorBase:
    if not isinstance(x, TensorBase):
        raise TypeError(
            f"{name}(): argument '{arg}' (position {pos}) must be Tensor, not {type(x).__name__}"
        )
    return x


def _same_size(src: TensorBase, view_shape: tuple) -> None:
    if src._data.shape != view_shape:
        raise RuntimeError(
            f"expected src to have a size equal to the slice of self. src size = {list(src._data.shape)}, slice size = {list(view_shape)}"
        )


def _scatter_into(
    t: TensorBase, src: TensorBase, view_shape: tuple, **where
) -> TensorBase:
    _same_size(src, view_shape)
    return t._apply(scatters.ScatterInto, t, src, **where)


def _index_arrays(indices) -> tuple:
    """index_put's indices as a key of arrays, with torch's checks."""
    if not isinstance(indices, (tuple, list)):
        raise TypeError(
            f"index_put(): argument 'indices' (position 1) must be tuple of Tensors, not {type(indices).__name__}"
        )
    bad = next(
        (i for i, k in enumerate(indices) if not isinstance(k, TensorBase)), None
    )
    if bad is not None:
        got = type(indices[bad]).__name__
        raise TypeError(
            f"expected Tensor as element {bad} in argument 0, but got {got}"
        )
    if any(k._data.dtype.kind == "f" for k in indices):
        raise IndexError(
            "tensors used as indices must be long, int, byte or bool tensors"
        )
    return tuple(k._data for k in indices)


class WriteMethods(TensorBase):
    __slots__ = ()

    def scatter_reduce(
        self,
        dim: int,
        index: TensorBase,
        src: TensorBase,
        reduce: str,
        *,
        include_self: bool = True,
    ) -> TensorBase:
        index = _tensor_arg(index, "scatter_reduce", "index", 2)
        src = _tensor_arg(src, "scatter_reduce", "src", 3)
        if reduce not in _REDUCTIONS:
            raise RuntimeError(
                f"reduce argument must be either sum, prod, mean, amax or amin, got {reduce}"
            )
        d = wrap_dim(dim, self._data.ndim)
        if src._data.dtype != self._data.dtype:
            raise RuntimeError(
                "scatter(): Expected self.dtype to be equal to src.dtype"
            )
        _ops.check_index("scatter", self._data, d, index._data, src._data)
        return self._apply(
            scatters.ScatterReduce,
            self,
            src,
            index=index._data,
            dim=d,
            reduce=reduce,
            include_self=bool(include_self),
        )

    def scatter_reduce_(self, dim: int, index, src, reduce: str, **kw) -> TensorBase:
        """scatter_reduce in place (``include_self`` as a keyword)."""
        return self._inplace(self.scatter_reduce(dim, index, src, reduce, **kw))

    def index_put(
        self, indices, values: TensorBase, accumulate: bool = False
    ) -> TensorBase:
        values = _tensor_arg(values, "index_put", "values", 2)
        if not isinstance(accumulate, bool):
            raise TypeError(
                f"index_put(): argument 'accumulate' must be bool, not {type(accumulate).__name__}"
            )
        if values._data.dtype != self._data.dtype:
            raise RuntimeError(
                f"Index put requires the source and destination dtypes match, got {dtypes.scalar_type_name(self._data.dtype)} for the destination and {dtypes.scalar_type_name(values._data.dtype)} for the source."
            )
        key = _index_arrays(indices)
        try:
            target = self._data[key].shape
        except IndexError as e:
            raise IndexError(tensor_words(str(e))) from None
        try:
            np.broadcast_to(values._data, target)
        except ValueError:
            raise RuntimeError(
                f"shape mismatch: value tensor of shape {list(values._data.shape)} cannot be broadcast to indexing result of shape {list(target)}"
            ) from None
        op = scatters.IndexPutAccumulate if accumulate else _ops.IndexPutValues
        return self._apply(op, self, values, key=key)

    def index_put_(
        self, indices, values: TensorBase, accumulate: bool = False
    ) -> TensorBase:
        return self._inplace(self.index_put(indices, values, accumulate))

    def masked_scatter(self, mask: TensorBase, source: TensorBase) -> TensorBase:
        mask = _tensor_arg(mask, "masked_scatter", "mask", 1)
        source = _tensor_arg(source, "masked_scatter", "source", 2)
        if mask._data.dtype.kind != "b":
            raise RuntimeError(
                f"masked_scatter_ only supports boolean masks, but got mask with dtype {dtypes.scalar_type_name(mask._data.dtype)}"
            )
        if source._data.dtype != self._data.dtype:
            raise RuntimeError(
                f"masked_scatter: expected self and source to have same dtypes but got{dtypes.scalar_type_name(self._data.dtype)} and {dtypes.scalar_type_name(source._data.dtype)}"
            )
        shape = broadcast_shape(mask._data.shape, self._data.shape)
        m = np.broadcast_to(mask._data, shape)
        if np.count_nonzero(m) > source._data.size:
            raise RuntimeError("Number of elements of source < number of ones in mask")
        return self._apply(scatters.MaskedScatter, self, source, mask=m)

    def masked_scatter_(self, mask: TensorBase, source: TensorBase) -> TensorBase:
        return self._inplace(self.masked_scatter(mask, source))

    def select_scatter(self, src: TensorBase, dim: int, index: int) -> TensorBase:
        src = _tensor_arg(src, "select_scatter", "src", 1)
        view = self.detach().select(dim, index)
        d = wrap_dim(dim, self._data.ndim)
        key = (slice(None),) * d + (index,)
        return _scatter_into(self, src, view._data.shape, key=key)

    def slice_scatter(
        self, src: TensorBase, dim: int = 0, start=None, end=None, step: int = 1
    ) -> TensorBase:
        src = _tensor_arg(src, "slice_scatter", "src", 1)
        if step <= 0:
            raise RuntimeError("slice step must be positive")
        d = wrap_dim(dim, self._data.ndim)
        key = (slice(None),) * d + (slice(start, end, step),)
        return _scatter_into(
            self, src, self._data[key].shape, key=key, name="SliceScatterBackward0"
        )

    def diagonal_scatter(
        self, src: TensorBase, offset: int = 0, dim1: int = 0, dim2: int = 1
    ) -> TensorBase:
        src = _tensor_arg(src, "diagonal_scatter", "src", 1)
        view = self.detach().diagonal(offset, dim1, dim2)
        nd = self._data.ndim
        plane = (offset, wrap_dim(dim1, nd), wrap_dim(dim2, nd))
        return _scatter_into(
            self, src, view._data.shape, plane=plane, name="DiagonalScatterBackward0"
        )

    def narrow_copy(self, dim: int, start: int, length: int) -> TensorBase:
        view = self.detach().narrow(dim, start, length)
        d = wrap_dim(dim, self._data.ndim)
        begin = start + self._data.shape[d] if start < 0 else start
        key = (slice(None),) * d + (slice(begin, begin + view._data.shape[d]),)
        return self._apply(
            scatters.NarrowCopy, self, key=key, dim=d, start=start, length=length
        )
