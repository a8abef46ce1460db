"""The parity cases every peer can express, in the peer vocabulary (base.NumpyOps).

Each entry names a case of benchmarks/parity_cases.py: its shapes, domains and
torch's side come from there; only the peer's side is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _unary(op: str) -> Callable[..., Any]:
    return lambda o, a: getattr(o, op)(a)


PEER_CASES: dict[str, Callable[..., Any]] = {
    "add": lambda o, a, b: a + b,
    "sub": lambda o, a, b: a - b,
    "mul": lambda o, a, b: a * b,
    "div": lambda o, a, b: a / b,
    "pow": lambda o, a, b: o.pow(a, b),
    "maximum": lambda o, a, b: o.maximum(a, b),
    "minimum": lambda o, a, b: o.minimum(a, b),
    "scalar ops: 2 - a * 3 / 4 + 1": lambda o, a: 2 - a * 3 / 4 + 1,
    "rdiv: 1 / a": lambda o, a: 1 / a,
    "pow scalar: a ** 3": lambda o, a: a**3,
    "neg": lambda o, a: -a,
    "exp": _unary("exp"),
    "log": _unary("log"),
    "sqrt": _unary("sqrt"),
    "abs": _unary("abs"),
    "sigmoid": _unary("sigmoid"),
    "tanh": _unary("tanh"),
    "relu": _unary("relu"),
    "clamp(-0.5, 0.5)": lambda o, a: o.clamp(a, -0.5, 0.5),
    "sum": lambda o, a: o.sum(a),
    "sum(dim=1)": lambda o, a: o.sum(a, 1),
    "sum(dim=-1, keepdim)": lambda o, a: o.sum(a, -1, True),
    "mean": lambda o, a: o.mean(a),
    "mean(dim=0)": lambda o, a: o.mean(a, 0),
    "max": lambda o, a: o.max(a),
    "mm": lambda o, a, b: o.matmul(a, b),
    "matmul": lambda o, a, b: o.matmul(a, b),
    "F.linear": lambda o, x, w, b: o.linear(x, w, b),
    "F.mse_loss": lambda o, a, b: o.mse_loss(a, b),
    "F.binary_cross_entropy": lambda o, p, y: o.binary_cross_entropy(p, y),
    "F.binary_cross_entropy at p = 0": (lambda o, p, y: o.binary_cross_entropy(p, y)),
    "F.binary_cross_entropy_with_logits": (
        lambda o, z, y: o.binary_cross_entropy_with_logits(z, y)
    ),
}
