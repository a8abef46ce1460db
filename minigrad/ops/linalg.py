"""Square-matrix ops: det, slogdet, inverse and solve (torch.linalg's gradients)."""

from __future__ import annotations

import numpy as np

from minigrad._linalg_checks import raise_singular, singular_pivots
from minigrad.engine.graph import OUTPUT
from minigrad.ops.calls import call
from minigrad.ops.decompositions import Svd
from minigrad.ops.formula import constant, is_array, swap_last
from minigrad.ops.op import Op

__all__ = ["Det", "SlogdetSign", "SlogdetLogabs", "Inverse", "Solve"]

_INV_SINGULAR = "The diagonal element {i} is zero, the inversion could not be completed because the input matrix is singular."
_SOLVE_SINGULAR = "The solver failed because the input matrix is singular."


def _eye_like(g, n: int):
    """The identity scaled by the (..., 1, 1) g: an array or a Tensor."""
    return g * np.eye(n, dtype=constant(g).dtype)


def _cofactors(a, d):
    """d adj(A)^T = d U diag(prod_{j!=i} s_j) Vh det(U) det(Vh), from the SVD
    (torch's formula where det(A) = 0; the signs det(U) det(Vh) are constants)."""
    u, s, vh = (call(Svd, a, full=False, part=p) for p in ("U", "S", "Vh"))
    n = a.shape[-1]
    eye = np.eye(n, dtype=constant(a).dtype)
    others = s[..., None, :] * (1 - eye) + eye
    others = np.prod(others, -1) if is_array(others) else others.prod(-1)
    sign = np.linalg.det(constant(u)) * np.linalg.det(constant(vh))
    return (u * (others * sign[..., None])[..., None, :]) @ vh * d


def _guarded(solver, a, others: tuple, fn: str, message: str, check: bool):
    """``solver(a, *others)``; where a matrix is singular, torch's LinAlgError
    (``check``) or nan in its result."""
    try:
        return solver(a, *others)
    except np.linalg.LinAlgError:
        info = singular_pivots(a)
        if check:
            raise_singular(fn, info, message)
    # NOTE: torch's values for a singular matrix are LAPACK's leftovers (nan,
    # inf); minigrad gives nan there (info tells them apart, as torch's)
    bad = info != 0
    a = a.copy()
    a[bad] = np.eye(a.shape[-1], dtype=a.dtype)
    out = np.array(solver(a, *others))
    out[np.broadcast_to(bad[..., None, None], out.shape)] = np.nan
    return out


class Det(Op):
    """y = det(A);  dA = g y A^-T;  where det(A) = 0: g y adj(A)^T = 0 (first
    order), g adj(A)^T (create_graph), as torch"""

    node_name = "LinalgDetBackward0"
    save = (0, OUTPUT)

    def forward(self, a):
        return np.asarray(np.linalg.det(a), dtype=a.dtype)

    def backward(self, g, a, y):
        n = a.shape[-1]
        d = (g * y)[..., None, None]
        singular = constant(y) == 0
        if not singular.any():
            return (call(Solve, swap_last(a), _eye_like(d, n)),)
        if not is_array(g):
            # NOTE: matches torch: with create_graph, the cofactors g adj(A)^T,
            # for the whole batch (equal to g y A^-T where det != 0)
            return (_cofactors(a, g[..., None, None]),)
        out = np.empty(a.shape, dtype=a.dtype)
        out[singular] = _cofactors(a[singular], d[singular])
        ok = ~singular
        out[ok] = np.linalg.solve(swap_last(a[ok]), _eye_like(d[ok], n))
        return (out,)


class SlogdetSign(Op):
    """y = sign(det(A));  dA = 0 (torch's undefined gradient for real A)"""

    node_name = "LinalgSlogdetBackward0"

    def forward(self, a):
        return np.linalg.slogdet(a)[0].astype(a.dtype)

    def backward(self, g):
        return (None,)


class SlogdetLogabs(Op):
    """y = log|det(A)|;  dA = g A^-T"""

    node_name = "LinalgSlogdetBackward0"
    save = (0,)

    def forward(self, a):
        return np.asarray(np.linalg.slogdet(a)[1], dtype=a.dtype)

    def backward(self, g, a):
        eye = _eye_like(g[..., None, None], a.shape[-1])
        # NOTE: torch does not check A here: a singular A gives non-finite values
        # (LAPACK's inf there, nan here)
        return (call(Solve, swap_last(a), eye, check=False),)


class Inverse(Op):
    """y = A^-1;  dA = -y^T g y^T"""

    node_name = "LinalgInvExBackward0"
    save = (OUTPUT,)

    def forward(self, a, fn="linalg.inv", check=True):
        return _guarded(np.linalg.inv, a, (), fn, _INV_SINGULAR, check)

    def backward(self, g, y):
        yt = swap_last(y)
        return (-(yt @ (g @ yt)),)


class Solve(Op):
    """X = A^-1 B (left; B a matrix or vector) or B A^-1;  dB = A^-T g (g A^-T),  dA = -dB X^T (-X^T dB)"""

    node_name = "LinalgSolveExBackward0"
    save = (0, OUTPUT)

    def forward(
        self, a, b, left=True, vector=False, fn="torch.linalg.solve", check=True
    ):
        self.left, self.vector = left, vector
        if vector:
            b = b[..., None]
        if not left:
            a, b = swap_last(a), swap_last(b)
        x = _guarded(np.linalg.solve, a, (b,), fn, _SOLVE_SINGULAR, check)
        if not left:
            x = swap_last(x)
        return x[..., 0] if vector else x

    def backward(self, g, a, x):
        left, vector = self.left, self.vector
        gb = call(Solve, swap_last(a), g, left=left, vector=vector)
        if vector:
            ga = -(gb[..., :, None] * x[..., None, :])
        else:
            ga = -(gb @ swap_last(x)) if left else -(swap_last(x) @ gb)
        return ga, gb
