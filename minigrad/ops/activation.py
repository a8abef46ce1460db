"""Activation ops of deeper networks: leaky ReLU, ELU and softplus."""

from __future__ import annotations

import numpy as np

from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import where
from minigrad.ops.formula import constant, is_array
from minigrad.ops.op import Op


def _exp(x):
    return np.exp(x) if is_array(x) else x.exp()


class LeakyRelu(Op):
    """y = x if x > 0 else slope * x;  dx = g where x > 0, else slope * g"""

    save = (0,)

    def forward(self, x, negative_slope, name="LeakyReluBackward0"):
        self.slope, self.node_name = negative_slope, name
        return np.where(x > 0, x, x * np.asarray(negative_slope, x.dtype))

    def backward(self, g, x):
        # NOTE: matches torch: the in-place variant saves the output, whose sign is x's
        return (where(constant(x) > 0, g, g * self.slope),)


class LeakyReluInplace(LeakyRelu):
    """leaky_relu_: the same rule, reading the sign from the saved output"""

    save = (OUTPUT,)

    def backward(self, g, y):
        if self.slope < 0:
            raise RuntimeError(
                "In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope"
            )
        return super().backward(g, y)


class Elu(Op):
    """y = x if x > 0 else alpha * (e^x - 1);  dx = g, or g * alpha * e^x"""

    save = (0,)

    def forward(self, x, alpha, name="EluBackward0"):
        self.alpha, self.node_name = alpha, name
        with np.errstate(over="ignore"):
            neg = np.expm1(np.minimum(x, 0)) * np.asarray(alpha, x.dtype)
        return np.where(x > 0, x, neg)

    def backward(self, g, x):
        xs = constant(x)
        # NOTE: matches torch: the second derivative is masked by x < 0 (0 at x = 0);
        # exp never sees x > 0 (no inf in the discarded branch, no nan downstream)
        return (where(xs > 0, g, g * self.alpha * _exp(where(xs < 0, x, 0))),)


class EluInplace(Op):
    """elu_: y saved instead of x;  dx = g, or g * (y + alpha) where y <= 0"""

    save = (OUTPUT,)

    def forward(self, x, alpha, name="EluBackward1"):
        self.alpha, self.node_name = alpha, name
        neg = np.expm1(np.minimum(x, 0)) * np.asarray(alpha, x.dtype)
        return np.where(x > 0, x, neg)

    def backward(self, g, y):
        ys = constant(y)
        return (where(ys > 0, g, g * (where(ys < 0, y, 0) + self.alpha)),)


class Softplus(Op):
    """y = log(1 + e^(beta x)) / beta (x where beta x > threshold);  dx = g * z / (z + 1), z = e^(beta x)"""

    save = (0,)

    def forward(self, x, beta, threshold):
        self.beta, self.threshold = beta, threshold
        bx = x * np.asarray(beta, x.dtype)
        linear = bx > threshold
        with np.errstate(over="ignore"):
            soft = np.log1p(np.exp(np.where(linear, 0, bx))) / np.asarray(beta, x.dtype)
        return np.where(linear, x, soft)

    def backward(self, g, x):
        bx = x * self.beta
        bxs = constant(bx)
        linear = bxs > self.threshold
        # NOTE: matches torch: the second derivative is masked by beta x < threshold
        z = _exp(where(bxs < self.threshold, bx, where(linear, 0, bxs)))
        return (where(linear, g, g * z / (z + 1)),)
