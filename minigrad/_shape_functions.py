"""Top-level shape functions (``minigrad.flip``, ``hstack``, ``meshgrid`` ...): each
calls the Tensor method, or joins several tensors as torch does."""

from __future__ import annotations

import warnings

import numpy as np

from minigrad import dtypes
from minigrad._broadcast import broadcast_shape
from minigrad._method_functions import method_function
from minigrad._size import Size
from minigrad.math import _tensor, cat
from minigrad.tensor import Tensor, _wrap


def flip(input: Tensor, dims) -> Tensor:
    if not isinstance(dims, (list, tuple)):
        raise TypeError(
            f"flip(): argument 'dims' (position 2) must be tuple of ints, not {type(dims).__name__}"
        )
    return _tensor(input).flip(dims)


fliplr = method_function("fliplr")
flipud = method_function("flipud")
roll = method_function("roll")
rot90 = method_function("rot90")
tril = method_function("tril")
triu = method_function("triu")
diag = method_function("diag")
diag_embed = method_function("diag_embed")
diagonal = method_function("diagonal")
trace = method_function("trace")
unbind = method_function("unbind")
narrow = method_function("narrow")
select = method_function("select")
movedim = method_function("movedim")
moveaxis = method_function("moveaxis")
swapaxes = method_function("swapaxes")
swapdims = method_function("swapdims")
ravel = method_function("ravel")
tile = method_function("tile")
broadcast_to = method_function("broadcast_to")


def broadcast_shapes(*shapes) -> tuple:
    out: tuple = ()
    for s in shapes:
        out = broadcast_shape(out, (s,) if isinstance(s, int) else tuple(s))
    return Size(out)


def broadcast_tensors(*tensors) -> tuple:
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    shape: tuple = ()
    for t in tensors:
        shape = broadcast_shape(shape, _tensor(t)._data.shape)
    # NOTE: matches torch: a tensor already of the shape is returned itself
    return tuple(t if t._data.shape == shape else t.expand(shape) for t in tensors)


def _many(tensors, name: str) -> list:
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(
            f"{name}(): argument 'tensors' (position 1) must be tuple of Tensors, not {type(tensors).__name__}"
        )
    if not tensors:
        raise RuntimeError(f"{name} expects a non-empty TensorList")
    return [
        _tensor(t, "expected Tensor as element in argument 'tensors', but got")
        for t in tensors
    ]


def atleast_1d(*tensors):
    return _atleast(tensors, 1)


def atleast_2d(*tensors):
    return _atleast(tensors, 2)


def atleast_3d(*tensors):
    return _atleast(tensors, 3)


def _atleast(tensors: tuple, n: int):
    many = len(tensors) != 1 or isinstance(tensors[0], (list, tuple))
    items = tensors[0] if len(tensors) == 1 and many else tensors
    out = tuple(_raise_rank(_tensor(t), n) for t in items)
    return out if many else out[0]


def _raise_rank(t: Tensor, n: int) -> Tensor:
    nd = t._data.ndim
    if nd == 0:
        return t.reshape((1,) * n)
    if nd >= n:
        return t
    if n == 2:
        return t.unsqueeze(0)
    return t.unsqueeze(0).unsqueeze(-1) if nd == 1 else t.unsqueeze(-1)


def hstack(tensors) -> Tensor:
    tensors = [_raise_rank(t, 1) for t in _many(tensors, "hstack")]
    return cat(tensors, 0 if tensors[0]._data.ndim == 1 else 1)


def vstack(tensors) -> Tensor:
    return cat([_raise_rank(t, 2) for t in _many(tensors, "vstack")], 0)


row_stack = vstack


def dstack(tensors) -> Tensor:
    return cat([_raise_rank(t, 3) for t in _many(tensors, "dstack")], 2)


def column_stack(tensors) -> Tensor:
    tensors = _many(tensors, "column_stack")
    cols = [t.reshape(t._data.size, 1) if t._data.ndim <= 1 else t for t in tensors]
    return cat(cols, 1)


def meshgrid(*tensors, indexing: str | None = None) -> tuple:
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if indexing is None:
        warnings.warn(
            "torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.",
            UserWarning,
            stacklevel=2,
        )
        indexing = "ij"
    if indexing not in ("xy", "ij"):
        raise RuntimeError(
            f'torch.meshgrid: indexing must be one of "xy" or "ij", but received: {indexing}'
        )
    tensors = [_tensor(t) for t in tensors]
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    for t in tensors:
        if t._data.ndim > 1:
            raise RuntimeError(
                f"torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: {t}"
            )
        if t._data.dtype != tensors[0]._data.dtype:
            raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    swap = indexing == "xy" and len(tensors) >= 2
    order = [1, 0, *range(2, len(tensors))] if swap else list(range(len(tensors)))
    shape = tuple(tensors[i]._data.size for i in order)
    grids = []
    for k, i in enumerate(order):
        view = [1] * len(shape)
        view[k] = -1
        grids.append(tensors[i].view(view).expand(shape))
    if swap:
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)


def tril_indices(
    row: int, col: int, offset: int = 0, *, dtype=None, device=None, layout=None
):
    return _triangle_indices(row, col, offset, dtype, np.tril_indices)


def triu_indices(
    row: int, col: int, offset: int = 0, *, dtype=None, device=None, layout=None
):
    return _triangle_indices(row, col, offset, dtype, np.triu_indices)


def _triangle_indices(row: int, col: int, offset: int, dtype, fn) -> Tensor:
    for name, n in (("row", row), ("col", col)):
        if n < 0:
            raise RuntimeError(f"{name} must be non-negative, got{n}")
    np_dtype = dtypes.to_np(dtype) or np.dtype(np.int64)
    rows, cols = fn(row, offset, col)
    return _wrap(np.stack([rows, cols]).astype(np_dtype).reshape(2, -1))
