"""Elements moved or picked by position: flip, roll, rot90, tril/triu, diagonals,
unbind, movedim, swapaxes, ravel, tile, broadcast_to (views where torch makes views)."""

from __future__ import annotations

import numpy as np

from minigrad import ops as _ops
from minigrad._checks import shape_args, wrap_dim, wrap_dims
from minigrad._tensor_methods.base import TensorBase


def _dims_list(dims) -> tuple:
    return tuple(dims) if isinstance(dims, (list, tuple)) else (dims,)


def _plane(dim1: int, dim2: int, ndim: int) -> tuple[int, int]:
    d1, d2 = wrap_dim(dim1, ndim), wrap_dim(dim2, ndim)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return d1, d2


class RearrangeMethods(TensorBase):
    __slots__ = ()

    def flip(self, *dims) -> TensorBase:
        dims = shape_args(dims, "flip", "dims")
        wrapped = wrap_dims(tuple(dims), self._data.ndim) if dims else ()
        return self._apply(_ops.Flip, self, dims=wrapped)

    def fliplr(self) -> TensorBase:
        if self._data.ndim < 2:
            raise RuntimeError("Input must be >= 2-d.")
        return self.flip(1)

    def flipud(self) -> TensorBase:
        if self._data.ndim < 1:
            raise RuntimeError("Input must be >= 1-d.")
        return self.flip(0)

    def roll(self, shifts, dims=None) -> TensorBase:
        shifts = tuple(int(s) for s in _dims_list(shifts))
        dims = () if dims is None else _dims_list(dims)
        if not shifts:
            raise RuntimeError("`shifts` required")
        if dims and len(shifts) != len(dims) or not dims and len(shifts) != 1:
            raise RuntimeError(
                f"shifts and dimensions must align. shifts: {len(shifts)}, dims:{len(dims)}"
            )
        dims = tuple(wrap_dim(d, self._data.ndim) for d in dims)
        return self._apply(_ops.Roll, self, shifts=shifts, dims=dims)

    def rot90(self, k: int = 1, dims=(0, 1)) -> TensorBase:
        dims = tuple(dims)
        if len(dims) != 2:
            raise RuntimeError(
                f"expected total rotation dims == 2, but got dims = {len(dims)}"
            )
        if self._data.ndim < 2:
            raise RuntimeError(
                f"expected total dims >= 2, but got total dims = {self._data.ndim}"
            )
        d0, d1 = (wrap_dim(d, self._data.ndim) for d in dims)
        if d0 == d1:
            raise RuntimeError(
                f"expected rotation dims to be different, but got dim0 = {d0} and dim1 = {d1}"
            )
        return self._apply(_ops.Rot90, self, k=int(k) % 4, dims=(d0, d1))

    def tril(self, diagonal: int = 0) -> TensorBase:
        return _triangle(self, diagonal, "tril")

    def triu(self, diagonal: int = 0) -> TensorBase:
        return _triangle(self, diagonal, "triu")

    def tril_(self, diagonal: int = 0) -> TensorBase:
        return self._inplace(_triangle(self, diagonal, "tril"))

    def triu_(self, diagonal: int = 0) -> TensorBase:
        return self._inplace(_triangle(self, diagonal, "triu"))

    def diagonal(self, offset: int = 0, dim1: int = 0, dim2: int = 1) -> TensorBase:
        d1, d2 = _plane(dim1, dim2, self._data.ndim)
        return self._apply(_ops.Diagonal, self, offset=int(offset), dim1=d1, dim2=d2)

    def diag(self, diagonal: int = 0) -> TensorBase:
        nd = self._data.ndim
        if nd == 1:
            return self._apply(_ops.DiagEmbed, self, offset=diagonal, dim1=0, dim2=1)
        if nd != 2:
            raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {nd}D")
        return self._apply(
            _ops.Diagonal, self, offset=diagonal, dim1=0, dim2=1, copy=True
        )

    def diag_embed(self, offset: int = 0, dim1: int = -2, dim2: int = -1) -> TensorBase:
        d1, d2 = _plane(dim1, dim2, self._data.ndim + 1)
        return self._apply(_ops.DiagEmbed, self, offset=int(offset), dim1=d1, dim2=d2)

    def trace(self) -> TensorBase:
        if self._data.ndim != 2:
            raise RuntimeError(
                f"trace: expected a matrix, but got tensor with dim {self._data.ndim}"
            )
        dtype = np.dtype(np.int64) if self._data.dtype.kind in "biu" else None
        return self._apply(_ops.Trace, self, dtype=dtype)

    def unbind(self, dim: int = 0) -> tuple:
        if not self._data.ndim:
            raise IndexError(
                f"Dimension specified as {dim} but tensor has no dimensions"
            )
        d = wrap_dim(dim, self._data.ndim)
        lead = (slice(None),) * d
        pieces = tuple(
            self._apply(_ops.Index, self, key=lead + (i,), name="UnbindBackward0")
            for i in range(self._data.shape[d])
        )
        for i, piece in enumerate(pieces):  # NOTE: torch refuses in-place writes
            piece._multi_output = ("UnbindBackward0"[: -len("Backward0")], i)
        return pieces

    def movedim(self, source, destination) -> TensorBase:
        nd = self._data.ndim
        src, dst = _dims_list(source), _dims_list(destination)
        if len(src) != len(dst):
            raise RuntimeError(
                f"movedim: Invalid source or destination dims: source ({list(src)} dims) should contain the same number of dims as destination ({list(dst)} dims)"
            )
        src = tuple(wrap_dim(d, nd) for d in src)
        dst = tuple(wrap_dim(d, nd) for d in dst)
        for name, ds, given in (
            ("source", src, source),
            ("destination", dst, destination),
        ):
            if len(set(ds)) != len(ds):
                raise RuntimeError(
                    f"movedim: repeated dim in `{name}` ({list(_dims_list(given))})"
                )
        order = [d for d in range(nd) if d not in src]
        perm = [0] * nd
        for s, d in zip(src, dst):
            perm[d] = s
        rest = iter(order)
        perm = [perm[i] if i in dst else next(rest) for i in range(nd)]
        return self._apply(_ops.Permute, self, dims=tuple(perm))

    moveaxis = movedim

    def swapaxes(self, axis0: int, axis1: int) -> TensorBase:
        return self.transpose(axis0, axis1)

    def swapdims(self, dim0: int, dim1: int) -> TensorBase:
        return self.transpose(dim0, dim1)

    def ravel(self) -> TensorBase:
        return self.contiguous().view(-1)

    def tile(self, *dims) -> TensorBase:
        reps = shape_args(dims, "tile", "dims")
        lead = max(self._data.ndim - len(reps), 0)
        return self.repeat((1,) * lead + tuple(reps))

    def broadcast_to(self, *size) -> TensorBase:
        return self.expand(*size)


def _triangle(t: TensorBase, k: int, name: str) -> TensorBase:
    if t._data.ndim < 2:
        raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")
    return t._apply(_ops.Tril, t, k=int(k), upper=name == "triu")
