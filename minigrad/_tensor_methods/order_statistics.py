"""Reductions torch adds to sum/max: amax/amin/aminmax, logsumexp, median, nanmedian,
mode, cumprod, cummax/cummin, nansum/nanmean, count_nonzero, argsort, unique, diff."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes, return_types
from minigrad import ops as _ops
from minigrad._checks import wrap_dim, wrap_dims
from minigrad._exact.mode import mode_indices
from minigrad._tensor_methods.base import TensorBase, _require_tensor


def _reduced_dims(t: TensorBase, dim, name: str) -> tuple:
    """dims of an amax-like reduction (() or None: all), refusing empty ones."""
    nd = t._data.ndim
    dims = wrap_dims(dim, nd) if dim not in (None, ()) else tuple(range(nd))
    if dim in (None, (), []) and t._data.size == 0:
        raise RuntimeError(
            f"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
        )
    for d in dims:
        if t._data.shape[d] == 0:
            raise IndexError(
                f"{name}(): Expected reduction dim {d} to have non-zero size."
            )
    return dims


def _floating(t: TensorBase) -> TensorBase:
    return t if t._data.dtype.kind == "f" else t.to(dtypes.get_default_dtype())


def _median_index(x: np.ndarray, dim: int, ignore_nan: bool) -> np.ndarray:
    """torch's median index along dim: the ((n - 1) // 2)-th of a stable sort (NaN
    last), or the first NaN; with ignore_nan, counted among the non-NaN values."""
    order = np.argsort(x, axis=dim, kind="stable")
    n = x.shape[dim]
    if x.dtype.kind != "f":
        pos = np.full(x.shape[:dim] + (1,) + x.shape[dim + 1 :], (n - 1) // 2)
        return np.take_along_axis(order, pos, dim)
    nans = np.isnan(x).sum(axis=dim, keepdims=True)
    if ignore_nan:
        pos = np.maximum(n - nans - 1, 0) // 2
    else:
        pos = np.where(nans > 0, n - nans, (n - 1) // 2)
    return np.take_along_axis(order, pos, dim)


def _cumulative_index(x: np.ndarray, dim: int, largest: bool) -> np.ndarray:
    """torch's cummax/cummin indices: the latest position of the running extreme
    (a NaN, once seen, is the extreme from then on)."""
    moved = np.moveaxis(x, dim, -1)
    out = np.empty(moved.shape, np.int64)
    best = moved[..., 0].copy()
    where = np.zeros(moved.shape[:-1], np.int64)
    for j in range(moved.shape[-1]):
        v = moved[..., j]
        better = (v >= best) if largest else (v <= best)
        if x.dtype.kind == "f":
            better = np.isnan(v) | (~np.isnan(best) & better)
        best = np.where(better, v, best)
        where = np.where(better, j, where)
        out[..., j] = where
    return np.moveaxis(out, -1, dim)


class OrderStatisticMethods(TensorBase):
    __slots__ = ()

    def amax(self, dim=(), keepdim: bool = False) -> TensorBase:
        dims = _reduced_dims(self, dim, "amax")
        return self._apply(_ops.Amax, self, dims=dims, keepdim=keepdim)

    def amin(self, dim=(), keepdim: bool = False) -> TensorBase:
        dims = _reduced_dims(self, dim, "amin")
        return self._apply(_ops.Amax, self, dims=dims, keepdim=keepdim, largest=False)

    def aminmax(self, *, dim=None, keepdim: bool = False):
        dims = _reduced_dims(self, dim, "aminmax")
        name = "AminmaxBackward0"
        lo = self._apply(
            _ops.Amax, self, dims=dims, keepdim=keepdim, largest=False, name=name
        )
        hi = self._apply(_ops.Amax, self, dims=dims, keepdim=keepdim, name=name)
        return return_types.aminmax((lo, hi))

    def logsumexp(self, dim, keepdim: bool = False) -> TensorBase:
        x = _floating(self)
        dims = wrap_dims(dim, x._data.ndim)
        return self._apply(_ops.Logsumexp, x, dims=dims, keepdim=keepdim)

    def median(self, dim=None, keepdim: bool = False):
        return _median(self, dim, keepdim, "median")

    def nanmedian(self, dim=None, keepdim: bool = False):
        return _median(self, dim, keepdim, "nanmedian")

    def mode(self, dim: int = -1, keepdim: bool = False):
        d = wrap_dim(dim, self._data.ndim)
        if self._data.ndim and not self._data.shape[d]:
            raise IndexError(
                f"mode(): Expected reduction dim {d} to have non-zero size."
            )
        idx = mode_indices(self._data, d) if self._data.ndim else np.zeros((), np.int64)
        return _picked(self, idx, d, keepdim, "ModeBackward0", return_types.mode)

    def cumprod(self, dim: int, *, dtype=None) -> TensorBase:
        np_dtype = dtypes.to_np(dtype)
        if np_dtype is None and self._data.dtype.kind in "biu":
            np_dtype = np.dtype(np.int64)
        d = wrap_dim(dim, self._data.ndim)
        return self._apply(_ops.Cumprod, self, dim=d, dtype=np_dtype)

    def cumprod_(self, dim: int, *, dtype=None) -> TensorBase:
        return self._inplace(self.cumprod(dim, dtype=dtype))

    def logcumsumexp(self, dim: int) -> TensorBase:
        if self._data.dtype.kind != "f":
            raise NotImplementedError(
                f"\"logcumsumexp_out_cpu\" not implemented for '{dtypes.scalar_type_name(self._data.dtype)}'"
            )
        return self._apply(_ops.Logcumsumexp, self, dim=wrap_dim(dim, self._data.ndim))

    def cummax(self, dim: int):
        return _cumulative(self, dim, True)

    def cummin(self, dim: int):
        return _cumulative(self, dim, False)

    def nansum(self, dim=None, keepdim: bool = False, *, dtype=None) -> TensorBase:
        np_dtype = dtypes.to_np(dtype)
        if np_dtype is None and self._data.dtype.kind in "biu":
            np_dtype = np.dtype(np.int64)
        dims = wrap_dims(dim, self._data.ndim)
        return self._apply(
            _ops.Nansum, self, dims=dims, keepdim=keepdim, dtype=np_dtype
        )

    def nanmean(self, dim=None, keepdim: bool = False, *, dtype=None) -> TensorBase:
        if (dtypes.to_np(dtype) or self._data.dtype).kind != "f":
            raise RuntimeError(
                f"nanmean(): expected input to have floating point or complex dtype but got {dtypes.scalar_type_name(self._data.dtype)}"
            )
        dims = wrap_dims(dim, self._data.ndim)
        count = np.sum(~np.isnan(self._data), axis=dims, keepdims=keepdim)
        return self.nansum(dim, keepdim, dtype=dtype) / self._wrap(
            np.asarray(count, np.int64)
        )

    def count_nonzero(self, dim=None) -> TensorBase:
        dims = wrap_dims(dim, self._data.ndim)
        return self._wrap(np.asarray(np.count_nonzero(self._data, axis=dims), np.int64))

    def argsort(self, dim: int = -1, descending: bool = False, *, stable: bool = False):
        return self.sort(dim, descending, stable=stable).indices

    def unique(
        self,
        sorted: bool = True,
        return_inverse: bool = False,
        return_counts: bool = False,
        dim=None,
    ):  # noqa: A002
        # NOTE: matches torch's CPU kernels: the values come out sorted either way
        data = self._data
        if dim is None:
            values, inverse, counts = np.unique(
                data, return_inverse=True, return_counts=True
            )
            inverse = inverse.reshape(data.shape)
            name, what = "Unique2Backward0", "_unique2"
        else:
            d = wrap_dim(dim, data.ndim)
            values, inverse, counts = np.unique(
                data, return_inverse=True, return_counts=True, axis=d
            )
            inverse = inverse.reshape(-1)
            name, what = "UniqueDimBackward0", "unique_dim"
        out = [self._apply(_ops.NoDerivative, self, out=values, name=name, what=what)]
        if return_inverse:
            out.append(self._wrap(inverse.astype(np.int64)))
        if return_counts:
            out.append(self._wrap(counts.astype(np.int64)))
        return out[0] if len(out) == 1 else tuple(out)

    def diff(self, n: int = 1, dim: int = -1, prepend=None, append=None) -> TensorBase:
        if not self._data.ndim:
            raise RuntimeError("diff expects input to be at least one-dimensional")
        if n < 0:
            raise RuntimeError(f"order must be non-negative but got {n}")
        d = wrap_dim(dim, self._data.ndim)
        x = self
        if prepend is not None or append is not None:
            parts = [_diff_part(self, p, d) for p in (prepend, append)]
            x = _cat(self, parts, d)
        for _ in range(n):
            size = x._data.shape[d]
            if size == 0:
                break
            hi, lo = x.narrow(d, 1, size - 1), x.narrow(d, 0, size - 1)
            x = hi ^ lo if x._data.dtype.kind == "b" else hi - lo
        return x


def _median(t: TensorBase, dim, keepdim: bool, name: str):
    if t._data.dtype.kind == "b":
        raise NotImplementedError(f"\"{name}_cpu\" not implemented for 'Bool'")
    title = name.capitalize()
    if dim is None:
        return t._apply(_ops.MedianAll, t, name=f"{title}Backward0")
    d = wrap_dim(dim, t._data.ndim)
    if t._data.ndim and t._data.shape[d] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
    if t._data.ndim:
        idx = _median_index(t._data, d, name == "nanmedian")
    else:
        idx = np.zeros((), np.int64)
    kind = getattr(return_types, name)
    return _picked(t, idx, d, keepdim, f"{title}Backward1", kind)


def _picked(t: TensorBase, idx: np.ndarray, d: int, keepdim: bool, name: str, kind):
    values = t._apply(_ops.Picked, t, indices=idx, dim=d, keepdim=keepdim, name=name)
    if t._data.ndim and not keepdim:
        idx = np.squeeze(idx, d)
    return kind((values, t._wrap(np.asarray(idx, np.int64))))


def _cumulative(t: TensorBase, dim: int, largest: bool):
    d = wrap_dim(dim, t._data.ndim)
    kind = return_types.cummax if largest else return_types.cummin
    name = "CummaxBackward0" if largest else "CumminBackward0"
    if not t._data.ndim or not t._data.size:
        idx = np.zeros(t._data.shape, np.int64)
    else:
        idx = _cumulative_index(t._data, d, largest)
    return _picked(t, idx, d, True, name, kind)


def _diff_part(t: TensorBase, p, d: int):
    if p is None:
        return None
    p = _require_tensor(p, "diff", "prepend")
    if p._data.ndim != t._data.ndim or any(
        a != b for i, (a, b) in enumerate(zip(t._data.shape, p._data.shape)) if i != d
    ):
        i = next(
            (
                i
                for i, (a, b) in enumerate(zip(t._data.shape, p._data.shape))
                if i != d and a != b
            ),
            0,
        )
        raise RuntimeError(
            f"diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size({i}) = {t._data.shape[i]}, but got tensor.size({i}) = {p._data.shape[i]}"
        )
    return p


def _cat(t: TensorBase, parts: list, d: int) -> TensorBase:
    tensors = [p for p in (parts[0], t, parts[1]) if p is not None]
    return t._apply(_ops.Cat, *tensors, dim=d)
