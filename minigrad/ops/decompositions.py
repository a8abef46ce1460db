"""Triangular solves and the decompositions eigh, svd, qr (torch's gradients).

A decomposition with several outputs is one op per output (``part``): its
gradient is linear in the outputs' gradients, so the parts' gradients add up
to torch's single node's. Each part's backward gets the other factors by
calling the op again: on arrays its forward, on Tensors (create_graph) a
recorded node, so that second derivatives see them depend on A.
"""

from __future__ import annotations

import numpy as np

from minigrad._linalg_checks import LinAlgError, svd_or_raise
from minigrad.engine.graph import OUTPUT
from minigrad.ops.calls import call
from minigrad.ops.formula import constant, is_array, swap_last
from minigrad.ops.op import Op
from minigrad.ops.unary import Clone

__all__ = ["SolveTriangular", "ClonedCoefficient", "Eigh", "Svd", "Qr", "tri"]


def tri(x, upper: bool, k: int = 0):
    """The upper (diagonal k and above) or lower (k and below) triangle."""
    if is_array(x):
        return np.triu(x, k) if upper else np.tril(x, k)
    return x.triu(k) if upper else x.tril(k)


def _diag_embed(v):
    return (
        v[..., None] * np.eye(v.shape[-1], dtype=v.dtype)
        if is_array(v)
        else v.diag_embed()
    )


def _diagonal(x):
    return np.diagonal(x, 0, -2, -1) if is_array(x) else x.diagonal(0, -2, -1)


def _substitute(t: np.ndarray, b: np.ndarray, upper: bool) -> np.ndarray:
    """x with t x = b, t triangular: back (upper) or forward substitution."""
    n = t.shape[-1]
    shape = np.broadcast_shapes(t.shape[:-2], b.shape[:-2]) + b.shape[-2:]
    x = np.zeros(shape, dtype=np.result_type(t, b))
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(n - 1, -1, -1) if upper else range(n):
            rest = (t[..., i : i + 1, :] @ x)[..., 0, :]
            x[..., i, :] = (b[..., i, :] - rest) / t[..., i, i, None]
    return x


class SolveTriangular(Op):
    """X = T^-1 B (left) or B T^-1, T = A's triangle;  dB = T^-T g (g T^-T),
    dA = the triangle of -dB X^T (-X^T dB)"""

    node_name = "LinalgSolveTriangularBackward0"
    save = (0, OUTPUT)

    def forward(self, a, b, upper, left=True, unitriangular=False, name=None):
        self.upper, self.left, self.unit = upper, left, unitriangular
        if name:
            self.node_name = name
        t = tri(a, upper)
        if unitriangular:
            t = t.copy()
            np.einsum("...ii->...i", t)[...] = 1
        if left:
            return _substitute(t, b, upper)
        return swap_last(_substitute(swap_last(t), swap_last(b), not upper))

    def backward(self, g, a, x):
        upper, left, unit = self.upper, self.left, self.unit
        gb = call(
            SolveTriangular,
            swap_last(a),
            g,
            upper=not upper,
            left=left,
            unitriangular=unit,
        )
        ga = -(gb @ swap_last(x)) if left else -(swap_last(x) @ gb)
        return tri(ga, upper, int(unit) if upper else -int(unit)), gb


class ClonedCoefficient(Clone):
    """y = a copy of A (triangular_solve's second output);  dA = g"""

    node_name = "TriangularSolveBackward0"


def _e_matrix(w):
    """E_ij = w_j - w_i with ones on the diagonal (torch's divisor)."""
    n = w.shape[-1]
    eye = np.eye(n, dtype=constant(w).dtype)
    return w[..., None, :] - w[..., :, None] + eye


class Eigh(Op):
    """A = V diag(L) V^T (part 'L' or 'V');  dA = V (diag(gL) + skew(V^T gV) / E) V^T"""

    node_name = "LinalgEighBackward0"
    save = (0, OUTPUT)

    def forward(self, a, uplo="L", part="L"):
        self.uplo, self.part = uplo, part
        try:
            self.w, self.v = np.linalg.eigh(a, UPLO=uplo)
        except np.linalg.LinAlgError:
            raise LinAlgError(
                f"linalg.eigh: The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated eigenvalues (error code: {a.shape[-1] - 1})."
            ) from None
        return self.w if part == "L" else self.v

    def _factor(self, a, part: str):
        if is_array(a):
            return self.w if part == "L" else self.v
        return call(Eigh, a, uplo=self.uplo, part=part)

    def backward(self, g, a, out):
        if self.part == "L":
            v = self._factor(a, "V")
            return (v @ (g[..., :, None] * swap_last(v)),)
        w, v = self._factor(a, "L"), out
        vg = swap_last(v) @ g
        vg = 0.5 * (vg - swap_last(vg))
        return (v @ ((vg / _e_matrix(w)) @ swap_last(v)),)


class Svd(Op):
    """A = U diag(S) Vh (part 'U', 'S' or 'Vh');  torch's svd_backward, one
    output's gradient at a time (full matrices: their first k columns)"""

    node_name = "LinalgSvdBackward0"
    save = (0,)

    def forward(self, a, full=False, part="S"):
        self.full, self.part = full, part
        self.factors = svd_or_raise(a, full_matrices=full)
        return self.factors[("U", "S", "Vh").index(part)]

    def _factors(self, a) -> tuple:
        if is_array(a):
            u, s, vh = self.factors
        else:
            u, s, vh = (call(Svd, a, full=self.full, part=p) for p in ("U", "S", "Vh"))
        k = s.shape[-1]
        return u[..., :, :k], s, vh[..., :k, :]

    def backward(self, g, a):
        u, s, vh = self._factors(a)
        m, n = a.shape[-2:]
        k = s.shape[-1]
        if self.part == "S":
            if m >= n:
                return (u @ (g[..., :, None] * vh),)
            return ((u * g[..., None, :]) @ vh,)
        e = _e_matrix(s * s)
        if self.part == "U":
            gu = g[..., :, :k]
            x = swap_last(u) @ gu
            ret = ((x - swap_last(x)) / e) * s[..., None, :]
            if m > n:
                gus = gu / s[..., None, :]
                ga = u @ ret + gus - u @ (swap_last(u) @ gus)
                return (ga @ vh,)
        else:
            gvh = g[..., :k, :]
            x = vh @ swap_last(gvh)
            ret = s[..., :, None] * ((x - swap_last(x)) / e)
            if m < n:
                sg = gvh / s[..., :, None]
                ga = ret @ vh + sg - (sg @ swap_last(vh)) @ vh
                return (u @ ga,)
        return (u @ (ret @ vh) if m >= n else (u @ ret) @ vh,)


class Qr(Op):
    """A = Q R (part 'Q' or 'R');  torch's linalg_qr_backward, one output's
    gradient at a time"""

    node_name = "LinalgQrBackward0"
    save = (0, OUTPUT)

    def forward(self, a, mode="reduced", part="R"):
        self.mode, self.part = mode, part
        if mode == "r":
            self.q, self.r = None, np.linalg.qr(a, mode="r")
            return self.r
        self.q, self.r = np.linalg.qr(a, mode=mode)
        return self.q if part == "Q" else self.r

    def backward(self, g, a, out):
        m, n = a.shape[-2:]
        if self.mode == "r":
            raise RuntimeError(
                "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr."
            )
        if self.mode == "complete" and m > n:
            raise RuntimeError(
                "The QR decomposition is not differentiable when mode='complete' and nrows > ncols."
            )
        other = "R" if self.part == "Q" else "Q"
        if is_array(a):
            q, r = (out, self.r) if self.part == "Q" else (self.q, out)
        else:
            f = call(Qr, a, mode=self.mode, part=other)
            q, r = (out, f) if self.part == "Q" else (f, out)
        x = -(swap_last(q) @ g) if self.part == "Q" else g @ swap_last(r)
        if m >= n:
            sym = tri(x, True)
            sym = sym + swap_last(sym)
            sym = sym - _diag_embed(_diagonal(sym) * 0.5)
            ga = q @ sym
            if self.part == "Q":
                ga = ga + g
            return (call(SolveTriangular, swap_last(r), ga, upper=False, left=False),)
        skew = tri(swap_last(x) - x, False)
        ga = call(
            SolveTriangular,
            swap_last(r[..., :, :m]),
            q @ skew,
            upper=False,
            left=False,
        )
        # NOTE: n - m zero columns appended, as a product (means the same on Tensors)
        ga = (ga[..., :, :, None] * np.eye(m, n, dtype=constant(a).dtype)).sum(-2)
        return (ga + q @ g if self.part == "R" else ga,)
