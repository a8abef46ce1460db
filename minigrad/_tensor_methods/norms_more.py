"""Norm-based methods: dist, renorm; and diagflat."""

from __future__ import annotations

from minigrad import dtypes
from minigrad._broadcast import broadcast_shape
from minigrad._checks import check_number, wrap_dim
from minigrad._tensor_methods.base import TensorBase, _require_tensor
from minigrad.ops.distances import Dist, Renorm


def _floating(name: str, np_dtype) -> None:
    if np_dtype.kind != "f":
        raise RuntimeError(
            f"{name}: input dtype should be either floating point or complex. Got {dtypes.scalar_type_name(np_dtype)} instead."
            if name == "norm()"
            else f"{name}: Expected a floating point or complex tensor as input. Got {dtypes.scalar_type_name(np_dtype)}"
        )


class NormMethods(TensorBase):
    __slots__ = ()

    def dist(self, other: TensorBase, p=2) -> TensorBase:
        other = _require_tensor(other, "dist")
        check_number(p, "dist", "p", 2)
        broadcast_shape(self._data.shape, other._data.shape)
        dtype = dtypes.promote(self._data.dtype, other._data.dtype)
        _floating("norm()", dtype)
        return self._apply(Dist, self, other, p=float(p), dtype=dtype)

    def renorm(self, p, dim: int, maxnorm) -> TensorBase:
        check_number(p, "renorm", "p", 1)
        check_number(maxnorm, "renorm", "maxnorm", 3)
        if p <= 0:
            raise RuntimeError("renorm: non-positive-norm not supported")
        if maxnorm < 0:
            raise RuntimeError(f"renorm: expected maxnorm to be >= 0 but got {maxnorm}")
        if self._data.ndim < 2:
            raise RuntimeError(
                f"renorm: input needs at least 2 dimensions, got {self._data.ndim} dimensions"
            )
        d = wrap_dim(dim, self._data.ndim)
        _floating("linalg.vector_norm", self._data.dtype)
        return self._apply(Renorm, self, p=float(p), dim=d, maxnorm=float(maxnorm))

    def renorm_(self, p, dim: int, maxnorm) -> TensorBase:
        return self._inplace(self.renorm(p, dim, maxnorm))

    def diagflat(self, offset: int = 0) -> TensorBase:
        return self.contiguous().view(-1).diag(offset)
