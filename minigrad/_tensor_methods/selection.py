"""Picks by index or mask and functional index writes: index_select, masked_select,
nonzero, take, take_along_dim, index_add / index_copy / index_fill."""

from __future__ import annotations

from numbers import Number

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._broadcast import broadcast_shape
from minigrad._checks import wrap_dim
from minigrad._tensor_methods.base import TensorBase, _require_tensor

_INDEX = (np.dtype(np.int64), np.dtype(np.int32))


def _index_vector(t: TensorBase, dim, index, name: str, pos: int = 2):
    """(dim wrapped, index as a 1-D int64 array), with torch's checks."""
    index = _require_tensor(index, name, "index")
    d = wrap_dim(dim, t._data.ndim)
    idx = index._data
    if idx.dtype not in _INDEX:
        raise RuntimeError(f"{name}(): Expected dtype int32 or int64 for index")
    if idx.ndim > 1:
        raise IndexError(f"{name}(): Index is supposed to be a vector")
    return d, idx.reshape(-1).astype(np.int64)


def _in_bounds(idx, size: int, dim: int, error=IndexError, prefix="", low=0) -> None:
    """Refuse an index outside [low, size) (index_fill: low = -size)."""
    bad = (idx < low) | (idx >= size)
    if bad.any():
        raise error(
            f"{prefix}index {idx[bad][0]} is out of bounds for dimension {dim} with size {size}"
        )


def _source(t: TensorBase, d: int, idx: np.ndarray, source, name: str, error):
    source = _require_tensor(source, name, "source")
    n = source._data.shape[d] if source._data.ndim else 1
    if n != idx.size:
        sep = ":" if name == "index_add_" else ""
        raise error(
            f"{name}(): Number of indices ({idx.size}) should be equal to source.size(dim){sep} ({n}), for dim: {d}"
            if sep
            else f"{name}(): Number of indices ({idx.size}) should be equal to source.size(dim) ({n})"
        )
    if source._data.dtype != t._data.dtype:
        raise RuntimeError(
            f"{name}(): self ({dtypes.scalar_type_name(t._data.dtype)}) and source ({dtypes.scalar_type_name(source._data.dtype)}) must have the same scalar type"
        )
    return source


class SelectionMethods(TensorBase):
    __slots__ = ()

    def index_select(self, dim: int, index: TensorBase) -> TensorBase:
        d, idx = _index_vector(self, dim, index, "index_select")
        size = self._data.shape[d] if self._data.ndim else 1
        if ((idx < 0) | (idx >= size)).any():
            raise IndexError("index out of range in self")
        return self._apply(_ops.IndexSelect, self, dim=d, index=idx)

    def masked_select(self, mask: TensorBase) -> TensorBase:
        mask = _require_tensor(mask, "masked_select", "mask")
        if mask._data.dtype.kind != "b":
            raise RuntimeError("masked_select: expected BoolTensor for mask")
        broadcast_shape(self._data.shape, mask._data.shape)
        return self._apply(_ops.MaskedSelect, self, mask=mask._data)

    def nonzero(self, *, as_tuple: bool = False):
        found = np.nonzero(self._data) if self._data.ndim else np.nonzero([self._data])
        if as_tuple:
            return tuple(self._wrap(i.astype(np.int64)) for i in found)
        if not self._data.ndim:
            return self._wrap(np.zeros((int(bool(self._data)), 0), np.int64))
        return self._wrap(np.stack(found, axis=1).astype(np.int64))

    def argwhere(self) -> TensorBase:
        return self.nonzero()

    def take(self, index: TensorBase) -> TensorBase:
        index = _require_tensor(index, "take", "index")
        idx = index._data
        if idx.dtype != np.int64:
            raise RuntimeError(
                f"take(): Expected a long tensor for index, but got {dtypes.scalar_type_name(idx.dtype)}"
            )
        n = self._data.size
        bad = (idx < -n) | (idx >= n)
        if bad.any():
            raise IndexError(
                f"out of range: tried to access index {idx[bad].flat[0]} on a tensor of {n} elements."
            )
        return self._apply(_ops.Take, self, index=idx)

    def take_along_dim(self, indices: TensorBase, dim=None) -> TensorBase:
        indices = _require_tensor(indices, "take_along_dim", "indices")
        if indices._data.dtype != np.int64:
            raise RuntimeError(
                f"torch.take_along_dim(): dtype of indices should be Long but got {dtypes.scalar_type_name(indices._data.dtype)}"
            )
        if dim is None:
            return self.view(-1).gather(0, indices.view(-1))
        if self._data.ndim != indices._data.ndim:
            raise RuntimeError(
                f"torch.take_along_dim(): input and indices should have the same number of dimensions, but got {self._data.ndim} dimensions for input, and {indices._data.ndim} dimensions for indices"
            )
        d = wrap_dim(dim, self._data.ndim)
        own, ix = list(self._data.shape), list(indices._data.shape)
        own[d], ix[d] = 1, 1
        common = broadcast_shape(tuple(own), tuple(ix))
        x_shape = common[:d] + (self._data.shape[d],) + common[d + 1 :]
        i_shape = common[:d] + (indices._data.shape[d],) + common[d + 1 :]
        return self.expand(x_shape).gather(d, indices.expand(i_shape))

    def index_add(self, dim: int, index: TensorBase, source: TensorBase, *, alpha=1):
        d, idx = _index_vector(self, dim, index, "index_add")
        source = _source(self, d, idx, source, "index_add_", RuntimeError)
        _in_bounds(idx, self._data.shape[d] if self._data.ndim else 1, d, RuntimeError)
        return self._apply(_ops.IndexAdd, self, source, dim=d, index=idx, alpha=alpha)

    def index_copy(self, dim: int, index: TensorBase, source: TensorBase):
        d, idx = _index_vector(self, dim, index, "index_copy")
        source = _source(self, d, idx, source, "index_copy_", IndexError)
        size = self._data.shape[d] if self._data.ndim else 1
        _in_bounds(idx, size, d, prefix="index_copy_(): ")
        return self._apply(_ops.IndexCopy, self, source, dim=d, index=idx)

    def index_fill(self, dim: int, index: TensorBase, value):
        index = _require_tensor(index, "index_fill", "index")
        if index._data.ndim > 1:
            raise RuntimeError("Index has to be a vector/scalar")
        d, idx = _index_vector(self, dim, index, "index_fill")
        size = self._data.shape[d] if self._data.ndim else 1
        _in_bounds(idx, size, d, low=-size)
        if isinstance(value, TensorBase):
            value = value.item()
        if not isinstance(value, Number):
            raise TypeError(
                f"index_fill(): argument 'value' must be Number, not {type(value).__name__}"
            )
        return self._apply(_ops.IndexFill, self, dim=d, index=idx, value=value)

    def index_add_(self, dim: int, index: TensorBase, source: TensorBase, *, alpha=1):
        return self._inplace(self.index_add(dim, index, source, alpha=alpha))

    def index_copy_(self, dim: int, index: TensorBase, source: TensorBase):
        return self._inplace(self.index_copy(dim, index, source))

    def index_fill_(self, dim: int, index: TensorBase, value):
        return self._inplace(self.index_fill(dim, index, value))
