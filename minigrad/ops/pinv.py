"""The pseudo-inverse and least squares through it (torch's gradients)."""

from __future__ import annotations

import numpy as np

from minigrad._linalg_checks import svd_or_raise
from minigrad.engine.graph import OUTPUT
from minigrad.ops.calls import call
from minigrad.ops.formula import swap_last
from minigrad.ops.op import Op

__all__ = ["Pinv", "Lstsq", "LstsqResiduals", "pinv_backward"]


def _pinv(a: np.ndarray, atol, rtol, hermitian: bool) -> np.ndarray:
    """A^+ from the SVD (eigh when hermitian), values below max(atol, rtol s_max) dropped."""
    if hermitian:
        w, v = np.linalg.eigh(a)
        s, left, right = np.abs(w), v * np.sign(w)[..., None, :], swap_last(v)
    else:
        left, s, right = svd_or_raise(a, full_matrices=False)
    top = s.max(-1, keepdims=True, initial=0)
    cutoff = np.maximum(atol, rtol * top)
    with np.errstate(divide="ignore"):
        inv = np.where(s > cutoff, 1 / s, 0).astype(a.dtype)
    return swap_last(right) @ (inv[..., :, None] * swap_last(left))


def pinv_backward(g, p, a):
    """torch's pinv_backward: dA for A^+ = p, in the smaller of the two sizes."""
    m, n = a.shape[-2:]
    ph, gh = swap_last(p), swap_last(g)
    if m <= n:
        k = gh @ p
        kph = k @ ph
        return -swap_last(p @ k) + kph - (a @ p) @ kph + (ph @ p) @ (gh - k @ a)
    k = p @ gh
    phk = ph @ k
    return -swap_last(k @ p) + ((gh - a @ k) @ p) @ ph + phk - (phk @ p) @ a


class Pinv(Op):
    """Y = A^+;  torch's pinv_backward"""

    node_name = "LinalgPinvBackward0"
    save = (0, OUTPUT)

    def forward(self, a, atol=0.0, rtol=0.0, hermitian=False):
        return _pinv(a, atol, rtol, hermitian)

    def backward(self, g, a, y):
        return (pinv_backward(g, y, a),)


class Lstsq(Op):
    """X = A^+ B (least squares);  dA = pinv_backward(g B^T),  dB = A^+T g"""

    node_name = "LinalgLstsqBackward0"
    save = (0, 1)

    def forward(self, a, b, rtol=0.0, vector=False):
        self.rtol, self.vector = rtol, vector
        p = _pinv(a, 0.0, rtol, False)
        return (p @ b[..., None])[..., 0] if vector else p @ b

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        p = call(Pinv, a, rtol=self.rtol)
        if self.vector:
            g, b = g[..., :, None], b[..., :, None]
        ga = pinv_backward(g @ swap_last(b), p, a) if need_a else None
        gb = swap_last(p) @ g if need_b else None
        if self.vector and gb is not None:
            gb = gb[..., 0]
        return ga, gb


class LstsqResiduals(Op):
    """r = ||A X - B||^2 per column, X the least-squares solution;  at the optimum
    (envelope) dA = 2 (A X - B) g X^T,  dB = -2 (A X - B) g"""

    node_name = "LinalgLstsqBackward0"
    save = (0, 1)

    def forward(self, a, b, rtol=0.0, vector=False):
        self.rtol, self.vector = rtol, vector
        x = object.__new__(Lstsq).forward(a, b, rtol, vector)
        if vector:
            x, b = x[..., None], b[..., None]
        return ((a @ x - b) ** 2).sum(-2)

    def backward(self, g, a, b):
        x = call(Lstsq, a, b, rtol=self.rtol, vector=self.vector)
        if self.vector:
            x, b = x[..., :, None], b[..., :, None]
        e = (a @ x - b) * (2 * g[..., None, :])
        gb = -e[..., 0] if self.vector else -e
        return e @ swap_last(x), gb
