"""block_diag: matrices placed along a diagonal, zeros elsewhere (BlockDiagBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.op import Op


def as_matrix_shape(shape: tuple) -> tuple:
    """A block's shape as a matrix: 0-d as 1 x 1, a vector as one row."""
    return ((1, 1), (1, *shape), shape)[len(shape)]


class BlockDiag(Op):
    """y = the inputs as blocks on y's diagonal;  d(input i) = g's block i"""

    def forward(self, *xs, dtype):
        self.shapes = [x.shape for x in xs]
        blocks = [as_matrix_shape(x.shape) for x in xs]
        out = np.zeros((sum(r for r, _ in blocks), sum(c for _, c in blocks)), dtype)
        self.corners = []
        r0 = c0 = 0
        for x, (r, c) in zip(xs, blocks):
            out[r0 : r0 + r, c0 : c0 + c] = x.reshape(r, c)
            self.corners.append((r0, c0, r, c))
            r0, c0 = r0 + r, c0 + c
        return out

    def backward(self, g):
        return tuple(
            None if edge is None else g[r0 : r0 + r, c0 : c0 + c].reshape(shape)
            for edge, shape, (r0, c0, r, c) in zip(
                self.next_edges, self.shapes, self.corners
            )
        )
