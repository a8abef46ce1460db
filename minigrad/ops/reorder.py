"""Copies with the elements moved: flip, roll, rot90 (FlipBackward0, RollBackward0, Rot90Backward0)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op
from minigrad.ops.saved import value


class Flip(Op):
    """y = x reversed along dims;  dx = g reversed along dims"""

    node_name = "FlipBackward0"
    torch_saved = {"_saved_dims": value(lambda n: n.dims)}

    def forward(self, x, dims):
        self.dims = dims
        return np.flip(x, dims).copy()

    def backward(self, g):
        if is_array(g):
            return (np.flip(g, self.dims).copy(),)
        return (record(Flip, g, dims=self.dims),)


class Roll(Op):
    """y = x shifted cyclically along dims (flattened when dims is empty);  dx = g shifted back"""

    node_name = "RollBackward0"
    torch_saved = {
        "_saved_dims": value(lambda n: n.dims),
        "_saved_shifts": value(lambda n: n.shifts),
    }

    def forward(self, x, shifts, dims):
        self.shifts, self.dims = shifts, dims
        return _roll(x, shifts, dims)

    def backward(self, g):
        back = tuple(-s for s in self.shifts)
        if is_array(g):
            return (_roll(g, back, self.dims),)
        return (record(Roll, g, shifts=back, dims=self.dims),)


def _roll(x: np.ndarray, shifts: tuple, dims: tuple) -> np.ndarray:
    if not dims:
        return np.roll(x.reshape(-1), shifts[0]).reshape(x.shape)
    return np.roll(x, shifts, dims)


class Rot90(Op):
    """y = x turned k quarter turns in the plane dims;  dx = g turned -k quarter turns"""

    node_name = "Rot90Backward0"
    torch_saved = {
        "_saved_dims": value(lambda n: n.dims),
        "_saved_k": value(lambda n: n.k),
    }

    def forward(self, x, k, dims):
        self.k, self.dims = k, dims
        return np.rot90(x, k, dims).copy()

    def backward(self, g):
        if is_array(g):
            return (np.rot90(g, -self.k, self.dims).copy(),)
        return (record(Rot90, g, k=-self.k, dims=self.dims),)
