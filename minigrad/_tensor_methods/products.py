"""Products beyond matmul: mv, addmm, addmv, baddbmm, addbmm, outer, inner, kron, vdot, cross."""

from __future__ import annotations

import warnings

import numpy as np

from minigrad import dtypes
from minigrad import ops as _ops
from minigrad._broadcast import broadcast_shape
from minigrad._checks import expanded_shape, wrap_dim
from minigrad._tensor_methods.base import TensorBase, _require_tensor


def _name(d: np.dtype) -> str:
    return dtypes.scalar_type_name(d)


def _matrix(t: TensorBase, what: str) -> None:
    if t._data.ndim != 2:
        raise RuntimeError(f"{what} must be a matrix, got {t._data.ndim}-D tensor")


def _check_mv(c, mat: TensorBase, vec: TensorBase) -> None:
    a, v = mat._data, vec._data
    if a.ndim != 2 or v.ndim != 1 or (c is not None and c._data.ndim > 1):
        cn = 1 if c is None else c._data.ndim
        raise RuntimeError(
            f"vector + matrix @ vector expected, got {cn}, {a.ndim}, {v.ndim}"
        )
    first = v.dtype if c is None else c._data.dtype
    if len({first, a.dtype, v.dtype}) > 1:
        raise RuntimeError(
            f"addmv input tensors must have the same dtype, but got {_name(first)}, {_name(a.dtype)}, and {_name(v.dtype)}"
        )
    n = a.shape[0] if c is None or not c._data.ndim else c._data.shape[0]
    if a.shape[1] != v.shape[0] or (c is not None and n not in (1, a.shape[0])):
        raise RuntimeError(
            f"size mismatch, got input ({n}), mat ({a.shape[0]}x{a.shape[1]}), vec ({v.shape[0]})"
        )


def _same_dtype(a: TensorBase, b: TensorBase, what=("self", "mat2")) -> None:
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(
            f"{what[0]} and {what[1]} must have the same dtype, but got {_name(a._data.dtype)} and {_name(b._data.dtype)}"
        )


def _check_bias(c: TensorBase, shape: tuple) -> None:
    expanded_shape(c._data.shape, shape)


def _vector(t: TensorBase, what: str, fn: str = "outer") -> None:
    if t._data.ndim != 1:
        raise RuntimeError(
            f"{fn}: Expected 1-D argument {what}, but got {t._data.ndim}-D"
        )


class ProductMethods(TensorBase):
    __slots__ = ()

    def mv(self, vec: TensorBase) -> TensorBase:
        _check_mv(None, self, _require_tensor(vec, "mv", "vec"))
        return self.matmul(vec)

    def addmv(self, mat: TensorBase, vec: TensorBase, *, beta=1, alpha=1):
        _check_mv(
            self,
            _require_tensor(mat, "addmv", "mat"),
            _require_tensor(vec, "addmv", "vec"),
        )
        return self._apply(
            _ops.AddProduct, self, mat, vec, kind="mv", beta=beta, alpha=alpha
        )

    def addmm(self, mat1: TensorBase, mat2: TensorBase, *, beta=1, alpha=1):
        mat1 = _require_tensor(mat1, "addmm", "mat1")
        mat2 = _require_tensor(mat2, "addmm", "mat2")
        _matrix(mat1, "mat1")
        _matrix(mat2, "mat2")
        a, b = mat1._data.shape, mat2._data.shape
        if a[1] != b[0]:
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({a[0]}x{a[1]} and {b[0]}x{b[1]})"
            )
        _same_dtype(mat1, mat2)
        _same_dtype(self, mat1)
        _check_bias(self, (a[0], b[1]))
        return self._apply(
            _ops.AddProduct, self, mat1, mat2, kind="mm", beta=beta, alpha=alpha
        )

    def baddbmm(self, batch1: TensorBase, batch2: TensorBase, *, beta=1, alpha=1):
        shape = _check_batches(batch1, batch2, "baddbmm")
        _same_dtype(self, batch1)
        _check_bias(self, shape)
        return self._apply(
            _ops.AddProduct, self, batch1, batch2, kind="bmm", beta=beta, alpha=alpha
        )

    def addbmm(self, batch1: TensorBase, batch2: TensorBase, *, beta=1, alpha=1):
        shape = _check_batches(batch1, batch2, "addbmm")
        _same_dtype(self, batch1)
        _check_bias(self, shape[1:])
        return self._apply(
            _ops.AddProduct, self, batch1, batch2, kind="addbmm", beta=beta, alpha=alpha
        )

    def outer(self, vec2: TensorBase) -> TensorBase:
        vec2 = _require_tensor(vec2, "outer", "vec2")
        _vector(self, "self")
        _vector(vec2, "vec2")
        return self.reshape(-1, 1) * vec2

    ger = outer

    def inner(self, other: TensorBase) -> TensorBase:
        other = _require_tensor(other, "inner")
        if not self._data.ndim or not other._data.ndim:
            return self * other
        a, b = self._data.shape, other._data.shape
        if a[-1] != b[-1]:
            raise RuntimeError(
                f"inner() the last dimension must match on both input tensors but got shapes {list(a)} and {list(b)}"
            )
        if (
            len(a) == 1 and len(b) == 1
        ):  # NOTE: matches torch's graph: a dot, then a view
            return self.permute(0).dot(other.permute(0)).view(())
        x = self.reshape(-1, a[-1])
        y = other.reshape(-1, b[-1])
        return x.mm(y.t()).view(a[:-1] + b[:-1])

    def kron(self, other: TensorBase) -> TensorBase:
        other = _require_tensor(other, "kron")
        nd = max(self._data.ndim, other._data.ndim)
        a = (1,) * (nd - self._data.ndim) + self._data.shape
        b = (1,) * (nd - other._data.ndim) + other._data.shape
        ia = tuple(n for m in a for n in (m, 1))
        ib = tuple(n for m in b for n in (1, m))
        unsafe = "UnsafeViewBackward0"
        x = self._apply(_ops.View, self, shape=ia, name=unsafe)
        y = self._apply(_ops.View, other, shape=ib, name=unsafe)
        out = x * y
        shape = tuple(m * n for m, n in zip(a, b))
        return self._apply(_ops.View, out, shape=shape, name=unsafe)

    def cross(self, other: TensorBase, dim=None) -> TensorBase:
        other = _require_tensor(other, "cross")
        a, b = self._data, other._data
        if a.dtype != b.dtype:
            raise RuntimeError(
                f"expected scalar type {_name(a.dtype)} but found {_name(b.dtype)}"
            )
        d = _cross_dim(a, b, dim)
        return self._apply(_ops.Cross, self, other, dim=d)

    def vdot(self, other: TensorBase) -> TensorBase:
        other = _require_tensor(other, "vdot")
        a, b = self._data, other._data
        problems = [
            (
                a.ndim != 1 or b.ndim != 1,
                f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors",
            ),
            (
                a.shape != b.shape,
                f"inconsistent tensor size, expected tensor [{a.size}] and src [{b.size}] to have the same number of elements, but got {a.size} and {b.size} elements respectively",
            ),
            (
                a.dtype != b.dtype,
                f"dot : expected both vectors to have same dtype, but found {_name(a.dtype)} and {_name(b.dtype)}",
            ),
        ]
        for bad, message in problems:
            if bad:
                raise RuntimeError(message)
        return self._apply(_ops.Vdot, self, other)


def _cross_dim(a: np.ndarray, b: np.ndarray, dim) -> int:
    """The dim of length 3 (given, or torch's deprecated default: the first)."""
    if a.ndim != b.ndim:
        raise RuntimeError(
            "linalg.cross: inputs must have the same number of dimensions."
        )
    shape = broadcast_shape(a.shape, b.shape)
    if dim is None:
        warnings.warn(
            "Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the dim explicitly or simply use torch.linalg.cross.\nThe default value of dim will change to agree with that of linalg.cross in a future release.",
            UserWarning,
            stacklevel=3,
        )
        dim = next((i for i, n in enumerate(shape) if n == 3), -1)
    d = wrap_dim(dim, a.ndim)
    if a.shape[d] != 3 or b.shape[d] != 3:
        raise RuntimeError(
            f"linalg.cross: inputs dimension {dim} must have length 3. Got {a.shape[d]} and {b.shape[d]}"
        )
    return d


def _check_batches(b1, b2, name: str) -> tuple:
    b1 = _require_tensor(b1, name, "batch1")
    b2 = _require_tensor(b2, name, "batch2")
    for t, what in ((b1, "batch1"), (b2, "batch2")):
        wrap_dim(2, t._data.ndim)  # NOTE: matches torch: IndexError below 3-D
        if t._data.ndim != 3:
            raise RuntimeError(f"{what} must be a 3D tensor")
    (n, r, k), (n2, k2, c) = b1._data.shape, b2._data.shape
    if name == "baddbmm" and (n, k) != (n2, k2):
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: [{n}, {k}] but got: [{n2}, {k2}]."
        )
    if n != n2:
        raise RuntimeError(
            f"batch1 and batch2 must have same number of batches, got {n} and {n2}"
        )
    if k != k2:
        raise RuntimeError(f"Incompatible matrix sizes for bmm ({r}x{k} and {k2}x{c})")
    _same_dtype(b1, b2)
    return (n, r, c)
