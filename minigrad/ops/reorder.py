"""Copies with the elements moved: flip, roll, rot90 (FlipBackward0, RollBackward0, Rot90Backward0)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op
from minigrad.ops.saved import value


def _saved(*names: str) -> dict:
    return {f"_saved_{k}": value(lambda n, k=k: n.params[k]) for k in names}


class _Reorder(Op):
    """y = move(x, **params);  dx = move(g, **undo(params)): each op moves the
    elements back with its own kind of move."""

    def forward(self, x, **params):
        self.params = params
        return self.move(x, **params)

    @staticmethod
    def move(x: np.ndarray, **params) -> np.ndarray:
        raise NotImplementedError

    def undo(self) -> dict:
        raise NotImplementedError

    def backward(self, g):
        if is_array(g):
            return (self.move(g, **self.undo()),)
        return (record(type(self), g, **self.undo()),)


class Flip(_Reorder):
    """y = x reversed along dims;  dx = g reversed along dims"""

    node_name = "FlipBackward0"
    torch_saved = _saved("dims")

    @staticmethod
    def move(x, dims):
        return np.flip(x, dims).copy()

    def undo(self) -> dict:
        return self.params


class Roll(_Reorder):
    """y = x shifted cyclically along dims (flattened when dims is empty);  dx = g shifted back"""

    node_name = "RollBackward0"
    torch_saved = _saved("dims", "shifts")

    @staticmethod
    def move(x, shifts, dims):
        if not dims:
            return np.roll(x.reshape(-1), shifts[0]).reshape(x.shape)
        return np.roll(x, shifts, dims)

    def undo(self) -> dict:
        back = tuple(-s for s in self.params["shifts"])
        return {"shifts": back, "dims": self.params["dims"]}


class Rot90(_Reorder):
    """y = x turned k quarter turns in the plane dims;  dx = g turned -k quarter turns"""

    node_name = "Rot90Backward0"
    torch_saved = _saved("dims", "k")

    @staticmethod
    def move(x, k, dims):
        return np.rot90(x, k, dims).copy()

    def undo(self) -> dict:
        return {"k": -self.params["k"], "dims": self.params["dims"]}
