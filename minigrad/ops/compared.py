"""A comparison written in place (eq_, lt_ ...): EqBackward0/1 and the others, zero gradients."""

from __future__ import annotations

from minigrad.ops.formula import zeros_like
from minigrad.ops.op import Op


class Compared(Op):
    """y = a comparison's result (computed beforehand) in x's dtype;  dx = 0,  dother = 0"""

    def forward(self, x, *other, out, name):
        self.node_name = name
        return out

    def backward(self, g):
        if len(self.next_edges) == 1:  # a number compared with: not an input
            return (zeros_like(g),)
        return zeros_like(g), (
            zeros_like(g) if self.next_edges[1] is not None else None
        )
