"""Tensors combined into one: block_diag, cartesian_prod, combinations."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad._shape_functions import meshgrid
from minigrad.math import _tensor, stack
from minigrad.ops.block_diag import BlockDiag
from minigrad.tensor import Tensor, _wrap, apply


def block_diag(*tensors: Tensor) -> Tensor:
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(
                f"expected Tensor as element {i} in argument 0, but got {type(t).__name__}"
            )
        if t._data.ndim > 2:
            raise RuntimeError(
                f"torch.block_diag: Input tensors must have 2 or fewer dimensions. Input {i} has {t._data.ndim} dimensions"
            )
    if not tensors:
        return _wrap(np.zeros((1, 0), dtypes.default_float_np()))
    dims = [t._data.dtype for t in tensors if t._data.ndim]
    zeros = [t._data.dtype for t in tensors if not t._data.ndim]
    return apply(BlockDiag, *tensors, dtype=dtypes.result_type(dims, zeros, []))


def _vector(t, name: str = "input") -> Tensor:
    t = _tensor(t, name)
    if t._data.ndim != 1:
        raise RuntimeError(f"Expect a 1D vector, but got shape {list(t._data.shape)}")
    return t


def cartesian_prod(*tensors: Tensor) -> Tensor:
    tensors = [_vector(t, "tensors") for t in tensors]
    if len(tensors) == 1:
        return tensors[0]
    grids = meshgrid(*tensors, indexing="ij")
    return stack([g.flatten() for g in grids], 1)


def combinations(input: Tensor, r: int = 2, with_replacement: bool = False) -> Tensor:
    x = _vector(input)
    if r < 0:
        raise RuntimeError(f"Expect a non-negative number, but got {r}")
    if r == 0:
        return _wrap(np.empty((0,), x._data.dtype))
    index = np.indices((x._data.size,) * r)
    mask = np.ones(index.shape[1:], bool)
    for i in range(r - 1):
        mask &= (
            index[i] <= index[i + 1] if with_replacement else index[i] < index[i + 1]
        )
    picked = _wrap(mask)
    grids = meshgrid(*([x] * r), indexing="ij")
    return stack([g.masked_select(picked) for g in grids], 1)
