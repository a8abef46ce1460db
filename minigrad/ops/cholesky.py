"""Cholesky: the factor, and solves and inverses from it (torch's gradients)."""

from __future__ import annotations

import numpy as np

from minigrad._linalg_checks import positive_definite_info, raise_singular
from minigrad.engine.graph import OUTPUT
from minigrad.ops.calls import call
from minigrad.ops.decompositions import SolveTriangular, tri
from minigrad.ops.formula import swap_last
from minigrad.ops.op import Op

__all__ = ["Cholesky", "CholeskySolve", "CholeskyInverse"]

_NOT_PD = "The factorization could not be completed because the input is not positive-definite (the leading minor of order {i} is not positive-definite)."


class Cholesky(Op):
    """L = chol(A), A = L L^T (U = L^T when upper);  dA = L^-T Phi(L^T g) L^-1,
    Phi(P) = tril(P) + tril(P, -1)^T halved (torch's, not symmetrised)"""

    node_name = "LinalgCholeskyExBackward0"
    save = (OUTPUT,)

    def forward(self, a, upper=False, check=True, fn="linalg.cholesky", name=None):
        self.upper = upper
        if name:
            self.node_name = name
        try:
            out = np.linalg.cholesky(a, upper=upper)
        except np.linalg.LinAlgError:
            out = None
        if out is not None and not np.isnan(out).any():
            return out
        # NOTE: matches torch: a nan pivot fails as a non-positive one (potrf)
        self.info = positive_definite_info(a)
        if check:
            raise_singular(fn, self.info, _NOT_PD)
        # NOTE: where A is not positive-definite torch leaves LAPACK's partial
        # factor; minigrad gives nan there (info tells which, as torch's)
        bad = self.info != 0
        a = a.copy()
        a[bad] = np.eye(a.shape[-1], dtype=a.dtype)
        out = np.linalg.cholesky(a, upper=upper)
        out[bad] = np.nan
        return out

    def backward(self, g, out):
        low = swap_last(out) if self.upper else out
        gl = swap_last(g) if self.upper else g
        p = tri(swap_last(low) @ gl, False)
        p = 0.5 * (p + swap_last(tri(p, False, -1)))
        ga = call(SolveTriangular, swap_last(low), p, upper=True)
        return (call(SolveTriangular, low, ga, upper=False, left=False),)


def _lower(l, upper: bool):
    """The lower factor L (A = L L^T) of the given triangle."""
    return swap_last(tri(l, True)) if upper else tri(l, False)


def _cholesky_solve(b: np.ndarray, low: np.ndarray) -> np.ndarray:
    y = call(SolveTriangular, low, b, upper=False)
    return call(SolveTriangular, swap_last(low), y, upper=True)


class CholeskySolve(Op):
    """X = A^-1 B, A = L L^T (U^T U);  dB = A^-1 g,  dL = -(dB X^T + X dB^T) L
    (U: -U (...)), a full matrix as torch's"""

    node_name = "CholeskySolveBackward0"
    save = (1, OUTPUT)

    def forward(self, b, l, upper=False):
        self.upper = upper
        return _cholesky_solve(b, _lower(l, upper))

    def backward(self, g, l, x):
        gb = call(CholeskySolve, g, l, upper=self.upper)
        common = gb @ swap_last(x)
        common = common + swap_last(common)
        return gb, -(l @ common) if self.upper else -(common @ l)


class CholeskyInverse(Op):
    """Y = (L L^T)^-1 (U^T U);  dL = -Y (g + g^T) Y L  (U: -U Y (g + g^T) Y)"""

    node_name = "CholeskyInverseBackward0"
    save = (0, OUTPUT)

    def forward(self, l, upper=False):
        self.upper = upper
        eye = np.broadcast_to(np.eye(l.shape[-1], dtype=l.dtype), l.shape)
        return _cholesky_solve(eye, _lower(l, upper))

    def backward(self, g, l, y):
        common = y @ ((g + swap_last(g)) @ y)
        return (-(l @ common) if self.upper else -(common @ l),)
