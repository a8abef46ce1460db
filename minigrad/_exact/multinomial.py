"""torch's CPU multinomial: Gumbel-style keys without replacement, a searched CDF with it."""

from __future__ import annotations

import numpy as np

from minigrad._arguments import sort_indices
from minigrad._exact import rng_kernels
from minigrad._exact.exponential import fill_exponential_
from minigrad._exact.generator import Engine
from minigrad._exact.ordering import topk_along
from minigrad.dtypes import scalar_type_name


def multinomial_indices(
    p: np.ndarray, num_samples: int, replacement: bool, g: Engine
) -> np.ndarray:
    """Indices drawn from each row of the (unnormalised) probabilities ``p`` (1-d or 2-d)."""
    if p.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if p.dtype.kind != "f":
        raise RuntimeError(
            f"multinomial only supports floating-point dtypes for input, got: {scalar_type_name(p.dtype)}"
        )
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    if not replacement and num_samples > p.shape[-1]:
        raise RuntimeError(
            "cannot sample n_sample > prob_dist.size(-1) samples without replacement"
        )
    shape = (num_samples,) if p.ndim == 1 else (p.shape[0], num_samples)
    if 0 in shape:
        return np.empty(shape, np.int64)
    if not replacement or num_samples == 1:
        return _without_replacement(p, num_samples, g)
    rows = p.reshape(-1, p.shape[-1])
    out = np.empty((rows.shape[0], num_samples), np.int64)
    for i, row in enumerate(rows):
        out[i] = _with_replacement(row, num_samples, g)
    return out.reshape(shape)


def _without_replacement(p: np.ndarray, num_samples: int, g: Engine) -> np.ndarray:
    if not (np.all(p >= 0) and np.all(p < np.inf)):
        raise RuntimeError(
            "probability tensor contains either `inf`, `nan` or element < 0"
        )
    if np.any(p.sum(axis=-1) == 0):
        raise RuntimeError(
            "invalid multinomial distribution (sum of probabilities <= 0)"
        )
    # NOTE: matches torch: the Gumbel trick with exp applied: the top keys of p / q,
    # q ~ Exponential(1) drawn in p's dtype
    keys = p / fill_exponential_(np.empty_like(p), 1.0, g)
    if num_samples == 1:
        return np.argmax(keys, axis=-1, keepdims=True).astype(np.int64)
    ranked = sort_indices(keys, -1, descending=True)
    return topk_along(keys, num_samples, keys.ndim - 1, True, True, ranked).astype(
        np.int64
    )


def _with_replacement(row: np.ndarray, num_samples: int, g: Engine) -> np.ndarray:
    # NOTE: matches torch's kernel: checks in order, a running sum in the input's dtype,
    # normalised, last bucket set to 1, the first bucket >= each double uniform
    for value in row:
        if not value >= 0:
            raise RuntimeError(
                "invalid multinomial distribution (encountering probability entry < 0)"
            )
        if not np.isfinite(value):
            raise RuntimeError(
                "invalid multinomial distribution (encountering probability entry = infinity or NaN)"
            )
    cumulative = np.add.accumulate(row)
    total = cumulative[-1]
    if not total > 0:
        raise RuntimeError(
            "invalid multinomial distribution (sum of probabilities <= 0)"
        )
    cumulative /= total
    cumulative[-1] = 1
    u = rng_kernels.uniform64(g._words(2 * num_samples))
    return np.searchsorted(cumulative.astype(np.float64), u, side="left")
