"""Activation ops of deeper networks: leaky ReLU, ELU and softplus."""

from __future__ import annotations

import numpy as np

from minigrad._exact import transcendental as tr
from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import where
from minigrad.ops.formula import constant, is_array
from minigrad.ops.op import Op


def _exp(x):
    return tr.exp(x) if is_array(x) else x.exp()


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
    """y = x s if x > 0 else alpha s (e^(x i) - 1) (scale s, input scale i);  dx = g s, or g i alpha s e^(x i)"""

    save = (0,)

    def forward(self, x, alpha, name="EluBackward0", scale=1.0, input_scale=1.0):
        self.alpha, self.node_name = alpha, name
        self.scale, self.input_scale = scale, input_scale
        return _elu(x, alpha, scale, input_scale)

    def backward(self, g, x):
        xs = constant(x)
        i, s = self.input_scale, self.scale
        # NOTE: matches torch: the second derivative is masked by x < 0 (0 at x = 0);
        # exp never sees x > 0 (no inf in the discarded branch, no nan downstream)
        neg = g * i * (self.alpha * s) * _exp(where(xs < 0, x, 0) * i)
        return (where(xs <= 0, neg, g if s == 1 else g * s),)


def _elu(x, alpha: float, scale: float, input_scale: float) -> np.ndarray:
    """torch's ELU kernel: expm1(x i) * (alpha s) below 0, x s above."""
    dt = x.dtype
    scaled = x if input_scale == 1 else x * np.asarray(input_scale, dt)
    with np.errstate(over="ignore"):
        neg = tr.expm1(np.minimum(scaled, 0))
    neg = neg * (np.asarray(alpha, dt) * np.asarray(scale, dt))
    return np.where(x > 0, x if scale == 1 else x * np.asarray(scale, dt), neg)


class EluInplace(Elu):
    """elu_: Elu's forward, y saved instead of x;  dx = g s, or g i (y + alpha s) where y <= 0"""

    save = (OUTPUT,)

    def forward(self, x, alpha, name="EluBackward1", scale=1.0, input_scale=1.0):
        return super().forward(x, alpha, name, scale, input_scale)

    def backward(self, g, y):
        ys = constant(y)
        i, s = self.input_scale, self.scale
        neg = g * i * (where(ys < 0, y, 0) + self.alpha * s)
        return (where(ys <= 0, neg, g if s == 1 else g * s),)


class Softplus(Op):
    """y = log(1 + e^(beta x)) / beta (x where beta x > threshold);  dx = g * z / (z + 1), z = e^(beta x)"""

    save = (0,)

    def forward(self, x, beta, threshold):
        self.beta, self.threshold = beta, threshold
        bx = x * np.asarray(beta, x.dtype)
        linear = bx > threshold
        with np.errstate(over="ignore"):
            soft = tr.log1p(tr.exp(np.where(linear, 0, bx))) / np.asarray(beta, x.dtype)
        return np.where(linear, x, soft)

    def backward(self, g, x):
        bx = x * self.beta
        bxs = constant(bx)
        linear = bxs > self.threshold
        # NOTE: matches torch: the second derivative is masked by beta x < threshold
        z = _exp(where(bxs < self.threshold, bx, where(linear, 0, bxs)))
        return (where(linear, g, g * z / (z + 1)),)
