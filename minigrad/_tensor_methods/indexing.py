"""Reading pieces of a tensor: x[key], narrow, select, split, chunk."""

from __future__ import annotations

import numpy as np

from minigrad import _arguments as _args
from minigrad import ops as _ops
from minigrad._checks import wrap_dim
from minigrad._indexing import index_key, tensor_words
from minigrad._tensor_methods.base import TensorBase, _key_arrays


class IndexingMethods(TensorBase):
    __slots__ = ()

    def __getitem__(self, key) -> TensorBase:
        if type(key) is int and not self._requires_grad and self._data.ndim:
            try:  # the common case (a dataset's x[i]): a view, no graph
                out = self._wrap(self._data[key, ...])
            except IndexError as e:
                raise IndexError(tensor_words(str(e))) from None
            self._as_view_of(
                out, self, (_ops.Index, {"key": (key, ...), "name": "SelectBackward0"})
            )
            return out
        key, name = index_key(_key_arrays(key))
        try:
            return self._apply(_ops.Index, self, key=key, name=name)
        except IndexError as e:
            raise IndexError(tensor_words(str(e))) from None

    def narrow(self, dim: int, start: int, length: int) -> TensorBase:
        if not self._data.ndim:
            raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
        for name, v in (("start", start), ("length", length)):
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise TypeError(
                    f"narrow(): argument '{name}' must be int, not {type(v).__name__}"
                )
        dim = wrap_dim(dim, self._data.ndim)
        size = self._data.shape[dim]
        if not -size <= start <= size:
            raise IndexError(
                f"start out of range (expected to be in range of [{-size}, {size}], but got {start})"
            )
        if length < 0:
            raise RuntimeError("narrow(): length must be non-negative.")
        start = start % size if start < 0 else start
        if start + length > size:
            raise RuntimeError(
                f"start ({start}) + length ({length}) exceeds dimension size ({size})."
            )
        return self[(slice(None),) * dim + (slice(start, start + length),)]

    def select(self, dim: int, index: int) -> TensorBase:
        if not self._data.ndim:
            raise IndexError("select() cannot be applied to a 0-dim tensor.")
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise TypeError(
                f"select(): argument 'index' (position 2) must be int, not {type(index).__name__}"
            )
        dim = wrap_dim(dim, self._data.ndim)
        size = self._data.shape[dim]
        if not -size <= index < size:
            raise IndexError(
                f"select(): index {index} out of range for tensor of size {list(self._data.shape)} at dimension {dim}"
            )
        return self[(slice(None),) * dim + (int(index),)]

    def split(self, split_size, dim: int = 0) -> tuple:
        if self._data.ndim == 0:
            raise RuntimeError("split expects at least a 1-dimensional tensor")
        d = wrap_dim(dim, self._data.ndim)
        bounds = _args.split_bounds(self._data.shape[d], split_size)
        sized = isinstance(split_size, (list, tuple))
        name = "SplitWithSizesBackward0" if sized else "SplitBackward0"
        lead = (slice(None),) * d
        pieces = tuple(
            self._apply(_ops.Index, self, key=lead + (slice(a, b),), name=name)
            for a, b in bounds
        )
        for i, piece in enumerate(
            pieces
        ):  # NOTE: torch refuses in-place writes to them
            piece._multi_output = (name[: -len("Backward0")], i)
        return pieces

    def chunk(self, chunks: int, dim: int = 0) -> tuple:
        if self._data.ndim == 0:
            raise RuntimeError("chunk expects at least a 1-dimensional tensor")
        d = wrap_dim(dim, self._data.ndim)
        size = self._data.shape[d]
        step = _args.chunk_size(size, chunks)
        if step == 0:  # NOTE: matches torch: an empty dim gives `chunks` empty pieces
            return self.split([0] * chunks, d)
        return self.split(step, d)
