"""Bernoulli draws as graph nodes: torch gives them a zero (or no) derivative."""

from __future__ import annotations

import numpy as np

from minigrad._exact.bernoulli import bernoulli_scalar_, bernoulli_tensor_
from minigrad.ops.op import Op


class Bernoulli(Op):
    """y ~ Bernoulli(x), x the probabilities;  dx = 0 (as torch)"""

    node_name = "BernoulliBackward0"

    def forward(self, p, engine=None):
        return bernoulli_tensor_(np.empty_like(p), p, engine)

    def backward(self, g):
        return (g * 0,)


class BernoulliScalar(Op):
    """y ~ Bernoulli(p) shaped as x, p a number;  no derivative (torch: NotImplemented)"""

    node_name = "torch::autograd::NotImplemented"

    def forward(self, x, p=0.5, engine=None):
        return bernoulli_scalar_(np.empty_like(x), p, engine)

    def backward(self, g):
        raise RuntimeError("derivative for aten::bernoulli is not implemented")
