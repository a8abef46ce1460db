"""Gather and scatter along one dim by an index array (GatherBackward0, ScatterBackward0/1, ScatterAddBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad._checks import wrap_dim
from minigrad.ops.binary import where
from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op


def positions(index: np.ndarray, dim: int, ndim: int) -> tuple:
    """The full index (into ndim dims) of every element ``index`` points at along dim."""
    if ndim == 0:  # a 0-d tensor: its one element (the index is 0)
        return ()
    if index.ndim == 0:
        return (index,)
    grid = list(np.indices(index.shape, sparse=True))
    grid[dim] = index
    return tuple(grid)


def gather(x, index: np.ndarray, dim: int):
    """x gathered along dim (on arrays, or recorded on a Tensor)."""
    if is_array(x):
        return np.asarray(x[positions(index, dim, x.ndim)])
    return record(Gather, x, index=index, dim=dim)


def scatter_add_zeros(g, shape: tuple, index: np.ndarray, dim: int):
    """zeros(shape) with g added where index points (gather's gradient)."""
    if not is_array(g):
        return record(ScatterAddZeros, g, shape=shape, index=index, dim=dim)
    out = np.zeros(shape, g.dtype)
    np.add.at(out, positions(index, dim, out.ndim), g)
    return out


def _src_block(src: np.ndarray, index: np.ndarray) -> np.ndarray:
    if index.ndim == 0:
        return src.reshape(-1)[0]
    return src[tuple(slice(0, n) for n in index.shape)]


class Gather(Op):
    """y[i][j] = x[i][index[i][j]] (dim 1);  dx = zeros with g added at the index"""

    def forward(self, x, index, dim):
        self.shape, self.index, self.dim = x.shape, index, dim
        return gather(x, index, dim)

    def backward(self, g):
        return (scatter_add_zeros(g, self.shape, self.index, self.dim),)


class ScatterAddZeros(Op):
    """y = zeros with x added at the index (Gather's backward);  dx = g gathered"""

    node_name = "ScatterAddBackward0"

    def forward(self, x, shape, index, dim):
        self.index, self.dim = index, dim
        return scatter_add_zeros(x, shape, index, dim)

    def backward(self, g):
        return (gather(g, self.index, self.dim),)


def _written(shape: tuple, index: np.ndarray, dim: int) -> np.ndarray:
    mask = np.zeros(shape, bool)
    mask[positions(index, dim, mask.ndim)] = True
    return mask


class Scatter(Op):
    """y = x with src written at the index (the last write wins);
    dx = g with 0 where written,  dsrc = g gathered at the index"""

    node_name = "ScatterBackward0"

    def forward(self, x, src, index, dim):
        self.index, self.dim, self.src_shape = index, dim, src.shape
        self.written = _written(x.shape, index, dim)
        out = x.copy()
        out[positions(index, dim, out.ndim)] = _src_block(src, index)
        return out

    def backward(self, g):
        gsrc = None
        if self.next_edges[1] is not None:
            gsrc = _src_grad(self, gather(g, self.index, self.dim), self.src_shape)
        return where(self.written, 0, g), gsrc


class ScatterValue(Op):
    """y = x with a number written at the index;  dx = g with 0 where written"""

    node_name = "ScatterBackward1"

    def forward(self, x, index, dim, value):
        self.written = _written(x.shape, index, dim)
        return np.where(self.written, np.asarray(value, x.dtype), x)

    def backward(self, g):
        return (where(self.written, 0, g),)


class ScatterAdd(Op):
    """y = x with src added at the index (repeats accumulate);  dx = g,  dsrc = g gathered"""

    def forward(self, x, src, index, dim):
        self.index, self.dim, self.src_shape = index, dim, src.shape
        out = x.copy()
        np.add.at(out, positions(index, dim, out.ndim), _src_block(src, index))
        return out

    def backward(self, g):
        gsrc = None
        if self.next_edges[1] is not None:
            gsrc = _src_grad(self, gather(g, self.index, self.dim), self.src_shape)
        return g, gsrc


def _src_grad(node: Op, g, shape: tuple):
    """src's gradient, g gathered at the index; torch's engine refuses it when src
    is larger than the index (its shape then differs from src's)."""
    if tuple(g.shape) != tuple(shape):
        name, got, want = node.name(), list(g.shape), list(shape)
        raise RuntimeError(
            f"Function {name} returned an invalid gradient at index 1 - got {got} but expected shape compatible with {want}"
        )
    return g


# --- argument checks (torch's messages), on arrays --------------------------------

_INDEX_KINDS = (np.dtype(np.int64), np.dtype(np.int32))


def check_index(
    name: str,
    x: np.ndarray,
    dim: int,
    index: np.ndarray,
    src: np.ndarray | None = None,
    value: bool = False,
) -> None:
    """Raise torch's error for an index gather/scatter cannot use along dim."""
    if index.dtype not in _INDEX_KINDS:
        raise RuntimeError(f"{name}(): Expected dtype int32/int64 for index")
    if max(index.ndim, 1) != max(x.ndim, 1):
        whose = "input" if name == "gather" else "self"
        raise RuntimeError(
            f"Index tensor must have the same number of dimensions as {whose} tensor"
        )
    if src is not None:
        wrap_dim(dim, src.ndim)
    if index.size == 0:
        return
    shape, ix = x.shape or (1,), index.shape or (1,)
    if name == "gather":
        for d, (n, m) in enumerate(zip(ix, shape)):
            if d != dim and n > m:
                raise RuntimeError(
                    f"Size does not match at dimension {d} expected index {list(index.shape)} to be no larger than self {list(x.shape)} apart from dimension {dim}"
                )
    else:
        too_big = any(d != dim and n > m for d, (n, m) in enumerate(zip(ix, shape)))
        if src is not None and not too_big:
            too_big = any(n > m for n, m in zip(ix, src.shape or (1,)))
        if too_big:
            tail = (
                "" if value else f" and to be no larger size than src {list(src.shape)}"
            )
            raise RuntimeError(
                f"Expected index {list(index.shape)} to be no larger than self {list(x.shape)} apart from dimension {dim}{tail}"
            )
    size = shape[dim]
    bad = (index < 0) | (index >= size)
    if bad.any():
        raise RuntimeError(
            f"index {index[bad].flat[0]} is out of bounds for dimension {dim} with size {size}"
        )
