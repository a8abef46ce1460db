"""Shape changes, views where torch makes views: view, reshape, squeeze, permute, expand, repeat."""

from __future__ import annotations

import math

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._checks import (
    expanded_shape,
    infer_shape,
    permutation,
    shape_args,
    wrap_dim,
    wrap_dims,
)
from minigrad._tensor_methods.base import TensorBase


class ShapeMethods(TensorBase):
    __slots__ = ()

    def view(self, *shape) -> TensorBase:
        if len(shape) == 1 and isinstance(shape[0], dtypes.dtype):
            raise NotImplementedError("minigrad: view(dtype) is not supported")
        shape = infer_shape(shape_args(shape), self._data.size)
        try:
            return self._apply(_ops.View, self, shape=shape)
        except ValueError:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            ) from None

    def view_as(self, other: TensorBase) -> TensorBase:
        return self.view(other._data.shape)

    def reshape(self, *shape) -> TensorBase:
        shape = infer_shape(shape_args(shape, "reshape", "shape"), self._data.size)
        try:
            return self._apply(_ops.View, self, shape=shape)
        except ValueError:  # NOTE: matches torch's graph: a clone, then _unsafe_view
            copy = self._apply(_ops.Clone, self)
            return self._apply(_ops.View, copy, shape=shape, name="UnsafeViewBackward0")

    def reshape_as(self, other: TensorBase) -> TensorBase:
        return self.reshape(other._data.shape)

    def squeeze(self, dim=None) -> TensorBase:
        shape = self._data.shape
        if dim is None:
            new = tuple(n for n in shape if n != 1)
            name = "SqueezeBackward0"
        else:
            dims = wrap_dims(dim, self._data.ndim) if shape else ()
            new = tuple(n for i, n in enumerate(shape) if not (i in dims and n == 1))
            name = "SqueezeBackward1" if isinstance(dim, int) else "SqueezeBackward2"
        return self._apply(_ops.View, self, shape=new, name=name)

    def unsqueeze(self, dim: int) -> TensorBase:
        d = wrap_dim(dim, self._data.ndim + 1)
        new = self._data.shape[:d] + (1,) + self._data.shape[d:]
        return self._apply(_ops.View, self, shape=new, name="UnsqueezeBackward0")

    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> TensorBase:
        shape = self._data.shape
        if not shape:
            return self.reshape(1)
        s, e = wrap_dim(start_dim, len(shape)), wrap_dim(end_dim, len(shape))
        if s > e:
            raise RuntimeError(
                "flatten() has invalid args: start_dim cannot come after end_dim"
            )
        if s == e:
            return self
        n = int(np.prod(shape[s : e + 1]))
        return self.reshape(shape[:s] + (n,) + shape[e + 1 :])

    def unflatten(self, dim: int, sizes) -> TensorBase:
        d = wrap_dim(dim, self._data.ndim)
        sizes = tuple(int(n) for n in sizes)
        if sizes.count(-1) > 1:
            raise RuntimeError("only one dimension can be inferred")
        n = self._data.shape[d]
        known = math.prod(s for s in sizes if s != -1)
        if (n % known if known else n) if -1 in sizes else known != n:
            raise RuntimeError(
                f"unflatten: Provided sizes {list(sizes)} don't multiply up to the size of dim {d} ({n}) in the input tensor"
            )
        if -1 in sizes:
            sizes = tuple((n // known if known else 0) if s == -1 else s for s in sizes)
        shape = self._data.shape[:d] + sizes + self._data.shape[d + 1 :]
        return self._apply(_ops.View, self, shape=shape)

    def t(self) -> TensorBase:
        nd = self._data.ndim
        if nd > 2:
            raise RuntimeError(
                f"t() expects a tensor with <= 2 dimensions, but self is {nd}D"
            )
        if nd < 2:
            return self._apply(
                _ops.View, self, shape=self._data.shape, name="TBackward0"
            )
        return self._apply(_ops.Transpose, self, d0=0, d1=1, name="TBackward0")

    def transpose(self, dim0: int, dim1: int) -> TensorBase:
        nd = self._data.ndim
        return self._apply(
            _ops.Transpose, self, d0=wrap_dim(dim0, nd), d1=wrap_dim(dim1, nd)
        )

    def permute(self, *dims) -> TensorBase:
        dims = permutation(shape_args(dims, "permute", "dims"), self._data.ndim)
        return self._apply(_ops.Permute, self, dims=dims)

    def expand(self, *sizes) -> TensorBase:
        shape = self._data.shape
        target = expanded_shape(shape, shape_args(sizes, "expand", "size"))
        if target == shape:
            return self._apply(_ops.View, self, shape=shape, name="ExpandBackward0")
        return self._apply(_ops.Expand, self, shape=target)

    def expand_as(self, other: TensorBase) -> TensorBase:
        return self.expand(other._data.shape)

    def repeat(self, *sizes) -> TensorBase:
        if not sizes:
            raise TypeError(
                'repeat() missing 1 required positional arguments: "repeats"'
            )
        reps = shape_args(sizes)
        if len(reps) < self._data.ndim:
            raise RuntimeError(
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"
            )
        lead = len(reps) - self._data.ndim
        target = [r * n for r, n in zip(reps, (1,) * lead + self._data.shape)]
        if any(n < 0 for n in target):
            bad = next(n for n in target if n < 0)
            raise RuntimeError(
                f"Trying to create tensor with negative dimension {bad}: {target}"
            )
        return self._apply(_ops.Repeat, self, reps=reps)
