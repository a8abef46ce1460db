"""Positions in sorted sequences and shapes: searchsorted, bucketize, unravel_index."""

from __future__ import annotations

import builtins
import itertools
import operator
from collections.abc import Sequence

import numpy as np

from minigrad import dtypes
from minigrad.math import _tensor
from minigrad.tensor import Tensor, _wrap

_INVALID = "searchsorted() received an invalid combination of arguments - got ({}), but expected one of:\n * (Tensor sorted_sequence, Tensor input, *, bool out_int32 = False, bool right = False, str side = None, Tensor sorter = None, Tensor out = None)\n * (Tensor sorted_sequence, Number self, *, bool out_int32 = False, bool right = False, str side = None, Tensor sorter = None, Tensor out = None)\n"


def _bound(rows: np.ndarray, values: np.ndarray, right: bool) -> np.ndarray:
    """torch's binary search, row by row: the first position whose boundary is
    >= the value (> with ``right``); NaN compares as torch's kernel compares it."""
    start = np.zeros(values.shape, np.int64)
    end = np.full(values.shape, rows.shape[-1], np.int64)
    which = np.arange(values.shape[0])[:, None]
    with np.errstate(invalid="ignore"):
        while (start < end).any():
            active = start < end
            mid = start + ((end - start) >> 1)
            mid_val = rows[which, np.minimum(mid, rows.shape[-1] - 1)]
            beyond = mid_val > values if right else mid_val >= values
            go_right = active & ~beyond
            start = np.where(go_right, mid + 1, start)
            end = np.where(active & beyond, mid, end)
    return start


def searchsorted(
    sorted_sequence: Tensor,
    input,
    *,
    out_int32: builtins.bool = False,
    right: builtins.bool = False,
    side: str | None = None,
    sorter: Tensor | None = None,
) -> Tensor:
    """For each value of input, the index where it would go in sorted_sequence."""
    seq = _tensor(sorted_sequence, "sorted_sequence")
    if isinstance(input, (builtins.int, builtins.float)) and not isinstance(
        input, builtins.bool
    ):
        values = np.asarray(input)
        scalar = True
    elif isinstance(input, Tensor):
        values, scalar = input._data, False
    else:
        raise TypeError(_INVALID.format(f"Tensor, {type(input).__name__}"))
    if side is not None:
        if not isinstance(side, str):
            got = f"Tensor, {type(input).__name__}, side={type(side).__name__}"
            raise TypeError(_INVALID.format(got))
        if side not in ("left", "right"):
            raise RuntimeError(
                f"torch.searchsorted(): side can only be 'left' or 'right' but got {side}"
            )
        if right and side == "left":
            raise RuntimeError(
                "torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True"
            )
        right = side == "right"
    bd = seq._data
    if bd.ndim == 0:
        raise RuntimeError(
            "torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension"
        )
    if bd.ndim > 1 and (scalar or values.ndim == 0):
        raise RuntimeError(
            f"torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, but we got boundaries tensor dim({bd.ndim}) and input value's dim({values.ndim}) numel({values.size})"
        )
    if bd.ndim > 1 and bd.shape[:-1] != values.shape[:-1]:
        raise RuntimeError(
            f"torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor {list(bd.shape)} and input value tensor {list(values.shape)}"
        )
    if sorter is not None:
        s = sorter._data
        dtype = dtypes.scalar_type_name(s.dtype)
        for bad, message in (
            (
                s.dtype != np.int64,
                f"sorter must be a tensor of long dtype but got dtype {dtype}",
            ),
            (
                s.shape != bd.shape,
                f"boundary and sorter must have the same size, but got boundary tensor {list(bd.shape)}and got sorter tensor {list(s.shape)}",
            ),
        ):
            if bad:
                raise RuntimeError(f"torch.searchsorted(): {message}")
        bd = np.take_along_axis(bd, s, -1)
    if bd.dtype.kind == "b" or values.dtype.kind == "b":
        raise NotImplementedError("\"searchsorted_out_cpu\" not implemented for 'Bool'")
    common = np.promote_types(bd.dtype, values.dtype)
    bd, values = bd.astype(common), values.astype(common)
    if bd.ndim == 1:
        found = _bound(bd[None, :], values.reshape(1, -1), right).reshape(values.shape)
    else:
        n = bd.shape[-1]
        found = _bound(bd.reshape(-1, n), values.reshape(bd.size // n, -1), right)
        found = found.reshape(values.shape)
    return _wrap(found.astype(np.int32 if out_int32 else np.int64))


def bucketize(
    input,
    boundaries: Tensor,
    *,
    out_int32: builtins.bool = False,
    right: builtins.bool = False,
) -> Tensor:
    """The bucket of each value of input, between 1-D sorted boundaries."""
    b = _tensor(boundaries, "boundaries")
    if b._data.ndim != 1:
        raise RuntimeError(
            f"boundaries tensor must be 1 dimension, but got dim({b._data.ndim})"
        )
    return searchsorted(b, input, out_int32=out_int32, right=right)


def unravel_index(indices: Tensor, shape) -> tuple:
    """The coordinates, in a tensor of ``shape``, of each flat index."""
    data = _tensor(indices, "indices")._data
    if data.dtype.kind not in "iu":
        raise TypeError(
            f"expected 'indices' to be integer dtype, but got {dtypes.from_numpy_dtype(data.dtype)}"
        )
    if isinstance(shape, builtins.int):
        shape = (shape,)
    elif not isinstance(shape, Sequence):
        raise TypeError(
            f"expected 'shape' to be int or sequence of ints, but got {type(shape)}"
        )
    for n in shape:
        if not isinstance(n, builtins.int):
            raise TypeError(
                f"expected 'shape' sequence to only contain ints, but got {type(n)}"
            )
    shape = tuple(shape)
    if any(n < 0 for n in shape):
        raise ValueError(f"'shape' cannot have negative values, but got {shape}")
    coefs = list(
        reversed(list(itertools.accumulate(reversed(shape[1:] + (1,)), operator.mul)))
    )
    flat = data.astype(np.int64)[..., None]
    coords = np.floor_divide(flat, np.asarray(coefs, np.int64)) % np.asarray(
        shape, np.int64
    )
    return tuple(_wrap(np.array(coords[..., i])) for i in range(len(shape)))
