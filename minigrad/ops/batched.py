"""Batched products: bmm and einsum."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import expand, is_array, record, swap_last
from minigrad.ops.op import Op


def _bmm(a, b):
    return np.matmul(a, b) if is_array(a) and is_array(b) else record(Bmm, a, b)


class Bmm(Op):
    """y = a @ b per batch (3-D);  da = g @ b^T,  db = a^T @ g"""

    save = (0, 1)

    def forward(self, a, b):
        return np.matmul(a, b)

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (
            _bmm(g, swap_last(b)) if need_a else None,
            _bmm(swap_last(a), g) if need_b else None,
        )


def einsum_array(equation: str, *operands: np.ndarray) -> np.ndarray:
    """np.einsum with BLAS where it applies (torch contracts with bmm)."""
    out = np.einsum(equation, *operands, optimize=len(operands) > 1)
    return np.asarray(out)


class Einsum(Op):
    """y = einsum(equation, *xs) (explicit form, single letters);  dx_k = einsum of g
    with the other operands, out to x_k's letters (broadcast where x_k alone has a letter)"""

    node_name = "EinsumBackward0"

    def forward(self, *xs, equation):
        self.equation = equation
        self.shapes = [x.shape for x in xs]
        self.save = tuple(range(len(xs)))
        return einsum_array(equation, *xs)

    def backward(self, g, *xs):
        lhs, out = self.equation.split("->")
        terms = lhs.split(",")
        grads = []
        for k, (term, edge) in enumerate(zip(terms, self.next_edges)):
            if edge is None:
                grads.append(None)
                continue
            others = [(t, x) for i, (t, x) in enumerate(zip(terms, xs)) if i != k]
            seen = set(out).union(*[set(t) for t, _ in others])
            kept = "".join(c for c in term if c in seen)
            eq = ",".join([out] + [t for t, _ in others]) + "->" + kept
            args = [g] + [x for _, x in others]
            gk = (
                einsum_array(eq, *args)
                if all(is_array(a) for a in args)
                else record(Einsum, *args, equation=eq)
            )
            if (
                kept != term
            ):  # letters summed inside x_k alone: their gradient is broadcast
                view = tuple(
                    self.shapes[k][i] if c in seen else 1 for i, c in enumerate(term)
                )
                gk = expand(gk.reshape(view), self.shapes[k])
            grads.append(gk)
        return tuple(grads)
