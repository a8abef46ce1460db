"""Reductions: sum, mean, max/min, argmax/argmin, var/std, norm, prod, cumsum."""

from __future__ import annotations

import numpy as np

from minigrad import _arguments as _args
from minigrad import dtypes, return_types
from minigrad import ops as _ops
from minigrad._checks import wrap_dim, wrap_dims
from minigrad._tensor_methods.base import TensorBase


class ReductionMethods(TensorBase):
    __slots__ = ()

    def sum(self, dim=None, keepdim=False, *, dtype=None) -> TensorBase:
        dims = wrap_dims(dim, self._data.ndim)
        np_dtype = dtypes.to_np(dtype)
        if np_dtype is None and self._data.dtype.kind in "biu":
            np_dtype = np.dtype(np.int64)  # NOTE: matches torch: integer sums are int64
        return self._apply(_ops.Sum, self, dims=dims, keepdim=keepdim, dtype=np_dtype)

    def mean(self, dim=None, keepdim=False, *, dtype=None) -> TensorBase:
        np_dtype = dtypes.to_np(dtype)
        if (np_dtype or self._data.dtype).kind != "f":
            raise RuntimeError(
                f"mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {dtypes.scalar_type_name(self._data.dtype)}"
            )
        return self._apply(
            _ops.Mean,
            self,
            dims=wrap_dims(dim, self._data.ndim),
            keepdim=keepdim,
            dtype=np_dtype,
        )

    def max(self, dim=None, keepdim=False):
        return self._max_or_min(dim, keepdim, _ops.MaxAll, _ops.MaxDim, "max")

    def min(self, dim=None, keepdim=False):
        return self._max_or_min(dim, keepdim, _ops.MinAll, _ops.MinDim, "min")

    def _max_or_min(self, dim, keepdim, all_op, dim_op, name):
        if isinstance(dim, TensorBase):
            return self.maximum(dim) if name == "max" else self.minimum(dim)
        if dim is None:
            if self._data.size == 0:
                raise RuntimeError(
                    f"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
                )
            return self._apply(all_op, self)
        d = wrap_dim(dim, self._data.ndim)
        if self._data.ndim == 0:
            return getattr(return_types, name)(
                (self.clone(), self._wrap(np.zeros((), np.int64)))
            )
        if self._data.shape[d] == 0:
            raise IndexError(
                f"{name}(): Expected reduction dim {d} to have non-zero size."
            )
        values = self._apply(dim_op, self, dim=d, keepdim=keepdim)
        pick = np.argmax if name == "max" else np.argmin
        indices = pick(self._data, axis=d, keepdims=keepdim)
        return getattr(return_types, name)(
            (values, self._wrap(np.asarray(indices, dtype=np.int64)))
        )

    def argmax(self, dim=None, keepdim=False) -> TensorBase:
        return self._arg_max_or_min(np.argmax, dim, keepdim)

    def argmin(self, dim=None, keepdim=False) -> TensorBase:
        return self._arg_max_or_min(np.argmin, dim, keepdim)

    def _arg_max_or_min(self, fn, dim, keepdim) -> TensorBase:
        name = fn.__name__
        if self._data.dtype.kind == "b":
            raise RuntimeError(f"{name}(): does not support bool input")
        if dim is None and self._data.size == 0:
            raise IndexError(
                f"{name}(): Expected reduction dim to be specified for input.numel() == 0."
            )
        if (
            dim is not None
            and self._data.ndim
            and not self._data.shape[wrap_dim(dim, self._data.ndim)]
        ):
            raise IndexError(
                f"{name}(): Expected reduction dim {wrap_dim(dim, self._data.ndim)} to have non-zero size."
            )
        if dim is None:
            out = fn(self._data)
            if keepdim:
                out = np.reshape(out, (1,) * self._data.ndim)
        else:
            out = fn(self._data, axis=wrap_dim(dim, self._data.ndim), keepdims=keepdim)
        return self._wrap(np.asarray(out, dtype=np.int64))

    def var(
        self, dim=None, unbiased=None, keepdim=False, *, correction=None
    ) -> TensorBase:
        return self._spread(_ops.Var, "var", dim, unbiased, keepdim, correction)

    def std(
        self, dim=None, unbiased=None, keepdim=False, *, correction=None
    ) -> TensorBase:
        return self._spread(_ops.Std, "std", dim, unbiased, keepdim, correction)

    def _spread(self, op, name, dim, unbiased, keepdim, correction) -> TensorBase:
        if isinstance(dim, bool):  # NOTE: matches torch: x.var(True) is unbiased=True
            dim, unbiased = None, dim
        c = _args.correction_of(name, unbiased, correction)
        _args.check_var_input(self._data.dtype)
        dims = wrap_dims(dim, self._data.ndim)
        _args.warn_dof(name, self._data.shape, dims, c)
        return self._apply(op, self, dims=dims, correction=c, keepdim=keepdim)

    def norm(self, p="fro", dim=None, keepdim=False, dtype=None) -> TensorBase:
        if p == "nuc":
            return self._nuclear_norm(dim, keepdim, dtype)
        order = _args.norm_order(p)
        np_dtype = dtypes.to_np(dtype)
        _args.check_norm_input(self._data.dtype, order, self._data.size, np_dtype)
        dims = wrap_dims(dim, self._data.ndim)
        if p == "fro" and dims is not None and len(dims) > 2:
            raise RuntimeError(
                f"linalg.matrix_norm: dim must be a 2-tuple. Got {' '.join(map(str, dim))}"
            )
        return self._apply(
            _ops.VectorNorm, self, p=order, dims=dims, keepdim=keepdim, dtype=np_dtype
        )

    def prod(self, dim=None, keepdim=False, *, dtype=None) -> TensorBase:
        np_dtype = dtypes.to_np(dtype)
        if np_dtype is None and self._data.dtype.kind in "biu":
            np_dtype = np.dtype(
                np.int64
            )  # NOTE: matches torch: integer products are int64
        d = None if dim is None else wrap_dim(dim, self._data.ndim)
        keepdim = keepdim and self._data.ndim > 0
        return self._apply(_ops.Prod, self, dim=d, keepdim=keepdim, dtype=np_dtype)

    def cumsum(self, dim: int, *, dtype=None) -> TensorBase:
        np_dtype = dtypes.to_np(dtype)
        if np_dtype is None and self._data.dtype.kind in "biu":
            np_dtype = np.dtype(np.int64)
        return self._apply(
            _ops.Cumsum, self, dim=wrap_dim(dim, self._data.ndim), dtype=np_dtype
        )
