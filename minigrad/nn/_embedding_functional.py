"""F.embedding: rows of a weight table picked by integer indices, as torch."""

from __future__ import annotations

import numpy as np

from minigrad.engine.grad_mode import no_grad
from minigrad.ops.embedding import Embedding
from minigrad.tensor import Tensor, apply


def _padding_row(padding_idx: int | None, num_weights: int) -> int:
    if padding_idx is None:
        return -1
    if not -num_weights <= padding_idx < num_weights:
        raise AssertionError("Padding_idx must be within num_embeddings")
    return padding_idx % num_weights


def embedding(
    input: Tensor,
    weight: Tensor,
    padding_idx: int | None = None,
    max_norm: float | None = None,
    norm_type: float = 2.0,
    scale_grad_by_freq: bool = False,
    sparse: bool = False,
) -> Tensor:
    """``weight[input]``: one row per index (one graph node, EmbeddingBackward0)."""
    indices = input._data
    if indices.dtype not in (np.int64, np.int32):
        raise RuntimeError(
            f"Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got {input.type().replace('minigrad.', 'torch.')} instead (while checking arguments for embedding)"
        )
    if weight.ndim != 2:
        raise RuntimeError("'weight' must be 2-D")
    if sparse:
        raise NotImplementedError(
            "minigrad has no sparse tensors: embedding(sparse=True) is not supported"
        )
    num_weights = weight.shape[0]
    padding = _padding_row(padding_idx, num_weights)
    if indices.size and (indices.min() < 0 or indices.max() >= num_weights):
        raise IndexError("index out of range in self")
    if max_norm is not None:
        embedding_renorm_(weight, indices, max_norm, norm_type)
    return apply(
        Embedding,
        weight,
        indices=indices.astype(np.int64),
        padding_idx=padding,
        scale_by_freq=scale_grad_by_freq,
    )


def embedding_renorm_(
    weight: Tensor, indices: np.ndarray, max_norm: float, norm_type: float
) -> None:
    """Scale, in place, each looked-up row whose norm exceeds ``max_norm`` down to it."""
    with no_grad():
        for row in np.unique(indices):
            norm = weight[int(row)].norm(norm_type).item()
            if norm > max_norm:
                rows = weight._data[int(row)]
                rows *= rows.dtype.type(max_norm / (norm + 1e-7))
    weight._vc[0] += 1  # NOTE: matches torch: one in-place op on the whole weight
