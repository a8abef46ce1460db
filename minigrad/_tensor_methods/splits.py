"""Pieces and repeats along a dim: tensor_split, hsplit, vsplit, dsplit,
split_with_sizes, repeat_interleave."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad._arguments import split_bounds
from minigrad._checks import wrap_dim
from minigrad._tensor_methods.base import TensorBase

_INVALID_SPLIT = "tensor_split() received an invalid combination of arguments - got ({}), but expected one of:\n * (tuple of ints indices, int dim = 0)\n * (Tensor tensor_indices_or_sections, int dim = 0)\n * (int sections, int dim = 0)\n"
_INVALID_REPEATS = "repeat_interleave() received an invalid combination of arguments - got ({}), but expected one of:\n * (Tensor repeats, int dim = None, *, int output_size = None)\n * (int repeats, int dim = None, *, int output_size = None)\n"


def _is_int(x) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, bool)


def _sections_or_indices(arg):
    """tensor_split's argument as an int (sections) or a list of indices."""
    if isinstance(arg, TensorBase):
        a = arg._data
        if a.dtype != np.int64:
            raise RuntimeError(
                f"tensor_split expected tensor_indices_or_sections to have dtype of long, but got {dtypes.scalar_type_name(a.dtype)}"
            )
        if a.ndim > 1:
            raise RuntimeError(
                f"tensor_split expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional tensor, but got a tensor with {a.ndim} dims"
            )
        return int(a) if a.ndim == 0 else [int(i) for i in a]
    if _is_int(arg):
        return int(arg)
    if isinstance(arg, (list, tuple)) and all(_is_int(i) for i in arg):
        return [int(i) for i in arg]
    raise TypeError(_INVALID_SPLIT.format(type(arg).__name__))


def _directional(t: TensorBase, arg, name: str, least: int, dim: int) -> tuple:
    """hsplit / vsplit / dsplit: tensor_split along dim, an int dividing it exactly."""
    nd = t._data.ndim
    if nd < least:
        raise RuntimeError(
            f"torch.{name} requires a tensor with at least {least} dimension, but got a tensor with {nd} dimensions!"
        )
    if _is_int(arg) and arg >= 0:
        size = t._data.shape[dim]
        if arg == 0 or size % arg:
            raise RuntimeError(
                f"torch.{name} attempted to split along dimension {dim}, but the size of the dimension {size} is not divisible by the split_size {arg}!"
            )
    return t.tensor_split(arg, dim)


class SplitMethods(TensorBase):
    __slots__ = ()

    def tensor_split(self, indices_or_sections, dim: int = 0) -> tuple:
        split = _sections_or_indices(indices_or_sections)
        if not self._data.ndim:
            raise RuntimeError(
                "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims"
            )
        d = wrap_dim(dim, self._data.ndim)
        if isinstance(split, int):
            if split <= 0:
                raise RuntimeError(
                    f"number of sections must be larger than 0, got {split}"
                )
            size, extra = divmod(self._data.shape[d], split)
            stops = np.cumsum([size + (i < extra) for i in range(split)])
            split = [int(s) for s in stops[:-1]]
        lead = (slice(None),) * d
        bounds = zip([None, *split], [*split, None])
        return tuple(self[lead + (slice(a, b),)] for a, b in bounds)

    def hsplit(self, indices_or_sections) -> tuple:
        dim = 0 if self._data.ndim == 1 else 1
        return _directional(self, indices_or_sections, "hsplit", 1, dim)

    def vsplit(self, indices_or_sections) -> tuple:
        return _directional(self, indices_or_sections, "vsplit", 2, 0)

    def dsplit(self, indices_or_sections) -> tuple:
        return _directional(self, indices_or_sections, "dsplit", 3, 2)

    def split_with_sizes(self, split_sizes, dim: int = 0) -> tuple:
        if not isinstance(split_sizes, (list, tuple)):
            raise TypeError(
                f"split_with_sizes(): argument 'split_sizes' (position 1) must be tuple of ints, not {type(split_sizes).__name__}"
            )
        sizes = list(split_sizes)
        if self._data.ndim:  # NOTE: torch's message names the dim (split's says 0)
            d = wrap_dim(dim, self._data.ndim)
            split_bounds(self._data.shape[d], sizes, dim)
        return self.split(sizes, dim)

    def repeat_interleave(self, repeats, dim=None, *, output_size=None) -> TensorBase:
        if isinstance(repeats, TensorBase):
            return _repeat_by_tensor(self, repeats, dim, output_size)
        if not _is_int(repeats):
            raise TypeError(_INVALID_REPEATS.format(type(repeats).__name__))
        if repeats < 0:
            raise RuntimeError("Repeats must be non-negative")
        x = self
        if dim is None:
            x, dim = self.flatten(), 0
        d = wrap_dim(dim, x._data.ndim)
        shape = x._data.shape
        total = shape[d] * repeats if x._data.ndim else repeats
        if output_size is not None and output_size != total:
            raise RuntimeError(
                f"repeat_interleave: Invalid output_size, expected {total} but got {output_size}"
            )
        # NOTE: matches torch's graph: unsqueeze, expand, clone, view
        wide = x.unsqueeze(d + 1)
        big = wide.expand(shape[: d + 1] + (repeats,) + shape[d + 1 :]).clone()
        return big.view(shape[:d] + (total,) + shape[d + 1 :])


def repeated_indices(repeats: TensorBase) -> np.ndarray:
    """torch.repeat_interleave(repeats): i repeated repeats[i] times (as repeats' dtype)."""
    r = repeats._data
    if r.ndim != 1:
        raise RuntimeError("repeat_interleave only accept 1D vector as repeat")
    if r.dtype not in (np.int64, np.int32):
        raise NotImplementedError(
            f"\"repeat_interleave_cpu\" not implemented for '{dtypes.scalar_type_name(r.dtype)}'"
        )
    if (r < 0).any():
        raise RuntimeError("repeats can not be negative")
    return np.repeat(np.arange(r.size, dtype=r.dtype), r)


def _repeat_by_tensor(
    t: TensorBase, repeats: TensorBase, dim, output_size
) -> TensorBase:
    r = repeats._data
    if r.ndim > 1:
        raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
    x = t
    if dim is None:
        x, dim = t.flatten(), 0
    d = wrap_dim(dim, x._data.ndim)
    n = x._data.shape[d] if x._data.ndim else 1
    if r.size == 1 and n != 1:
        r = np.broadcast_to(r.reshape(1), (n,))
    elif r.size != n or r.ndim == 0 and n != 1:
        raise RuntimeError(
            f"repeats must have the same size as input along dim, but got repeats.size(0) = {r.size} and input.size({d}) = {n}"
        )
    index = repeated_indices(t._wrap(np.ascontiguousarray(r.reshape(-1))))
    if output_size is not None and output_size != index.size:
        raise RuntimeError("allocated size does not match required size")
    return x.index_select(d, t._wrap(index.astype(np.int64)))
