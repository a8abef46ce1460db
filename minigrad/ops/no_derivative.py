"""A node for an op torch has no derivative for (unique): its backward raises torch's error."""

from __future__ import annotations

import numpy as np

from minigrad.ops.op import Op


class NoDerivative(Op):
    """y = a result computed beforehand (``out``);  no derivative: backward raises"""

    def forward(self, x, out: np.ndarray, name: str, what: str):
        self.node_name, self.what = name, what
        return out

    def backward(self, g):
        raise NotImplementedError(
            f"the derivative for '{self.what}' is not implemented."
        )
