"""Embedding lookup: rows of a weight table picked by an index array (EmbeddingBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op


def embedding_backward(
    g, num_weights: int, indices: np.ndarray, padding_idx: int, scale_by_freq: bool
):
    """zeros(num_weights, dim) with each row of g added at its index, in index order
    (the padding row left at zero; each row divided by its index's count if asked)."""
    if not is_array(g):
        return record(
            EmbeddingDenseBackward,
            g,
            num_weights=num_weights,
            indices=indices,
            padding_idx=padding_idx,
            scale_by_freq=scale_by_freq,
        )
    flat = indices.reshape(-1)
    rows = g.reshape(flat.size, g.shape[-1])
    if scale_by_freq:
        counts = np.bincount(flat, minlength=num_weights)
        rows = rows * (1.0 / counts[flat]).astype(g.dtype)[:, None]
    keep = flat != padding_idx
    out = np.zeros((num_weights, g.shape[-1]), g.dtype)
    # NOTE: matches torch's CPU kernel: rows are added one by one, in index order
    np.add.at(out, flat[keep], rows[keep])
    return out


class Embedding(Op):
    """y = weight[indices];  dweight = zeros with g's rows added at the indices"""

    def forward(self, weight, indices, padding_idx, scale_by_freq):
        self.num_weights = weight.shape[0]
        self.indices, self.padding_idx, self.scale = indices, padding_idx, scale_by_freq
        return weight[indices]

    def backward(self, g):
        return (
            embedding_backward(
                g, self.num_weights, self.indices, self.padding_idx, self.scale
            ),
        )


class EmbeddingDenseBackward(Op):
    """y = Embedding's gradient of g;  dg = gg's rows at the indices (zero at padding)"""

    node_name = "EmbeddingDenseBackwardBackward0"

    def forward(self, g, num_weights, indices, padding_idx, scale_by_freq):
        self.indices, self.padding_idx, self.scale = indices, padding_idx, scale_by_freq
        self.shape = g.shape
        return embedding_backward(g, num_weights, indices, padding_idx, scale_by_freq)

    def backward(self, gg):
        keep = (self.indices != self.padding_idx)[..., None]
        if is_array(gg):
            return (gg[self.indices] * keep,)
        picked = record(
            Embedding, gg, indices=self.indices, padding_idx=-1, scale_by_freq=False
        )
        return (picked * keep.astype(picked._data.dtype),)
