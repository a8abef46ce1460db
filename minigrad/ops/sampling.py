"""Random draws recorded in the graph: the value is drawn before the op runs, and no gradient flows."""

from __future__ import annotations

from minigrad.ops.formula import zeros_like
from minigrad.ops.op import Op


class Sampled(Op):
    """y = a draw shaped by the inputs (normal(mean, std));  d(inputs) = 0"""

    node_name = "NormalBackward3"

    def forward(self, *inputs, value, name):
        self.node_name = name
        return value

    def backward(self, g):
        return tuple(zeros_like(g) for _ in self.next_edges)
