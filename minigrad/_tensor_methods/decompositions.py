"""Decomposition methods: cholesky, cholesky_solve, cholesky_inverse,
triangular_solve, svd, qr, pinverse (torch's older forms), and the parts
torch.linalg's functions share."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes, return_types
from minigrad import ops as _ops
from minigrad._checks import wrap_dim
from minigrad._linalg_checks import (
    check_floating,
    check_matrix,
    check_square,
    check_triangular,
    warn_once,
)
from minigrad._tensor_methods.base import TensorBase, _require_tensor

_CHOLESKY = "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future PyTorch release.\nL = torch.cholesky(A)\nshould be replaced with\nL = torch.linalg.cholesky(A)\nand\nU = torch.cholesky(A, upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH\nThis transform will produce equivalent results for all valid (symmetric positive definite) inputs."
_TRIANGULAR = "torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangularand will be removed in a future PyTorch release.\ntorch.linalg.solve_triangular has its arguments reversed and does not return a copy of one of the inputs.\nX = torch.triangular_solve(B, A).solution\nshould be replaced with\nX = torch.linalg.solve_triangular(A, B)."
_QR = "torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future PyTorch release.\nThe boolean parameter 'some' has been replaced with a string parameter 'mode'.\nQ, R = torch.qr(A, some)\nshould be replaced with\nQ, R = torch.linalg.qr(A, 'reduced' if some else 'complete')"


class DecompositionMethods(TensorBase):
    __slots__ = ()

    # --- the parts torch.linalg's functions share -------------------------------

    def _cholesky(self, upper: bool, fn: str, **params) -> TensorBase:
        check_square(fn, self._data)
        return self._apply(_ops.Cholesky, self, upper=upper, fn=fn, **params)

    def _svd(self, full_matrices: bool) -> tuple:
        check_matrix("linalg.svd", self._data)
        parts = ("U", "S", "Vh")
        return tuple(
            self._apply(_ops.Svd, self, full=full_matrices, part=p) for p in parts
        )

    def _svdvals(self) -> TensorBase:
        check_matrix("linalg.svd", self._data)
        return self._apply(_ops.Svd, self, full=False, part="S")

    def _qr(self, mode: str) -> tuple:
        a = self._data
        if mode not in ("reduced", "complete", "r"):
            raise RuntimeError(
                f"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), 'r', or 'complete'"
            )
        check_matrix("linalg.qr", a)
        r = self._apply(_ops.Qr, self, mode=mode, part="R")
        if mode == "r":
            return self._wrap(np.zeros((0,), dtype=a.dtype)), r
        return self._apply(_ops.Qr, self, mode=mode, part="Q"), r

    def _pinv(self, atol, rtol, hermitian: bool) -> TensorBase:
        """rtol defaults to eps * max(m, n) when neither tolerance is given."""
        a = self._data
        check_matrix("linalg.pinv", a)
        if hermitian:
            check_square("linalg.pinv", a)
        if rtol is None:
            rtol = np.finfo(a.dtype).eps * max(a.shape[-2:]) if atol is None else 0.0
        atol = 0.0 if atol is None else atol

        def batch(t):
            return t._data[..., None] if isinstance(t, TensorBase) else t

        params = {"atol": batch(atol), "rtol": batch(rtol), "hermitian": hermitian}
        return self._apply(_ops.Pinv, self, **params)

    def _matrix_dims(self, dim) -> tuple[int, int]:
        """matrix_norm's two dims, wrapped and checked."""
        if not isinstance(dim, (tuple, list)) or len(dim) != 2:
            got = dim if isinstance(dim, int) else " ".join(map(str, dim))
            raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got {got}")
        d0, d1 = (wrap_dim(d, self._data.ndim) for d in dim)
        if d0 == d1:
            raise RuntimeError(
                f"linalg.matrix_norm: dims must be different. Got ({dim[0]}, {dim[1]})"
            )
        return d0, d1

    def _singular_reduce(self, d0: int, d1: int, keepdim: bool, reduce: str, dtype):
        """sum / amax / amin of the singular values of the (d0, d1) matrices."""
        a = self if dtype is None else self.to(dtype)
        ndim = self._data.ndim
        order = [d for d in range(ndim) if d not in (d0, d1)] + [d0, d1]
        s = a.permute(order)._svdvals()
        out = s.sum(-1, keepdim) if reduce == "sum" else getattr(s, reduce)(-1, keepdim)
        if not keepdim:
            return out
        back = [order.index(d) for d in range(ndim)]
        return out.unsqueeze(-1).permute(back)

    def _nuclear_norm(self, dim, keepdim: bool, dtype) -> TensorBase:
        """torch.norm(p='nuc'): over the two dims (all of a 2-D tensor's by default)."""
        dims = range(self._data.ndim) if dim is None else dim
        d0, d1 = self._matrix_dims(tuple(dims) if not isinstance(dims, int) else dims)
        check_floating("linalg.matrix_norm", self._data.dtype, low_precision=False)
        return self._singular_reduce(d0, d1, keepdim, "sum", dtype)

    # --- torch's methods --------------------------------------------------------

    def cholesky(self, upper: bool = False) -> TensorBase:
        warn_once(_CHOLESKY)
        return self._cholesky(upper, "cholesky", name="CholeskyBackward0")

    def cholesky_solve(self, input2: TensorBase, upper: bool = False) -> TensorBase:
        b = self._data
        low = _require_tensor(input2, "cholesky_solve", "input2")._data
        check_matrix("cholesky_solve", b, "B", floating=False)
        check_square("cholesky_solve", low, "L")
        if b.dtype != low.dtype:
            raise RuntimeError(
                f"Expected b and A to have the same dtype, but found b of type {dtypes.scalar_type_name(b.dtype)} and A of type {dtypes.scalar_type_name(low.dtype)} instead."
            )
        if b.shape[-2] != low.shape[-1]:
            raise RuntimeError(
                f"Incompatible matrix sizes for cholesky_solve: each A matrix is {low.shape[-1]} by {low.shape[-1]} but each b matrix is {b.shape[-2]} by {b.shape[-1]}"
            )
        return self._apply(_ops.CholeskySolve, self, input2, upper=upper)

    def cholesky_inverse(self, upper: bool = False) -> TensorBase:
        check_square("cholesky_inverse", self._data)
        return self._apply(_ops.CholeskyInverse, self, upper=upper)

    def triangular_solve(
        self,
        A: TensorBase,  # noqa: N803
        upper: bool = True,
        transpose: bool = False,
        unitriangular: bool = False,
    ):
        a = _require_tensor(A, "triangular_solve", "A")
        check_triangular("torch.triangular_solve", a._data, self._data)
        warn_once(_TRIANGULAR)
        params = {"upper": upper != transpose, "unitriangular": unitriangular}
        t = a.mT if transpose else a
        x = self._apply(
            _ops.SolveTriangular, t, self, name="TriangularSolveBackward0", **params
        )
        clone = self._apply(_ops.ClonedCoefficient, a)
        return return_types.triangular_solve((x, clone))

    def svd(self, some: bool = True, compute_uv: bool = True):
        if compute_uv:
            u, s, vh = self._svd(not some)
            return return_types.svd((u, s, vh.mT))
        s = self._svdvals()
        a = self._data
        zeros = [np.zeros((*a.shape[:-2], k, k), a.dtype) for k in a.shape[-2:]]
        return return_types.svd((self._wrap(zeros[0]), s, self._wrap(zeros[1])))

    def qr(self, some: bool = True):
        warn_once(_QR)
        return return_types.qr(self._qr("reduced" if some else "complete"))

    def pinverse(self, rcond: float = 1e-15) -> TensorBase:
        return self._pinv(None, rcond, False)
