"""F.dropout: zero elements with probability p, scale the rest by 1/(1-p), as torch."""

from __future__ import annotations

import numpy as np

from minigrad.tensor import Tensor, _wrap


def dropout(
    input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False
) -> Tensor:
    """input * mask / (1-p) in training (mask ~ Bernoulli(1-p)); input itself otherwise."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    # NOTE: matches torch's CPU path (ATen's _dropout_impl): the same tensor comes
    # back untouched for p = 0, in eval mode or when empty; p = 1 multiplies by a
    # 0-d zero without drawing; else noise.bernoulli_(1-p), noise /= (1-p) in the
    # input's dtype, then one multiplication (MulBackward0).
    if p == 0 or not training or input._data.size == 0:
        return input
    if p == 1:
        noise = _wrap(np.zeros((), input._data.dtype))
    else:
        noise = _wrap(np.empty_like(input._data))
        noise.bernoulli_(1 - p)
        noise.div_(1 - p)
    return input.mul_(noise) if inplace else input.mul(noise)
