"""F.gumbel_softmax: softmax of logits plus Gumbel noise (drawn from torch's stream), optionally one-hot."""

from __future__ import annotations

import warnings

from minigrad.factories import empty_like, zeros_like
from minigrad.tensor import Tensor


def gumbel_softmax(
    logits: Tensor,
    tau: float = 1,
    hard: bool = False,
    eps: float = 1e-10,
    dim: int = -1,
) -> Tensor:
    """softmax((logits + g) / tau), g ~ Gumbel(0, 1); hard: the one-hot arg-max with
    the soft sample's gradient (straight through)."""
    if eps != 1e-10:
        warnings.warn("`eps` parameter is deprecated and has no effect.", stacklevel=2)
    # NOTE: matches torch: the noise is -log of an exponential_ draw
    gumbels = -empty_like(logits).exponential_().log()
    y_soft = ((logits + gumbels) / tau).softmax(dim)
    if not hard:
        return y_soft
    index = y_soft.max(dim, keepdim=True)[1]
    y_hard = zeros_like(logits).scatter_(dim, index, 1.0)
    return y_hard - y_soft.detach() + y_soft
