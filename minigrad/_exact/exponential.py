"""torch's CPU exponential draws (``exponential_``, and multinomial's sampling without replacement)."""

from __future__ import annotations

import math

import numpy as np

from minigrad._exact import rng_kernels
from minigrad._exact.generator import (
    Engine,
    _write_in_memory_order,
)
from minigrad.dtypes import scalar_type_name


def fill_exponential_(out: np.ndarray, lambd: float, g: Engine) -> np.ndarray:
    """out[...] = -1/lambd * log1p(-u), u uniform double on [0, 1), one per element in
    memory order (torch's serial kernel; docs/torch_rng.md)."""
    if out.dtype.kind != "f":
        raise RuntimeError(
            f"Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified {scalar_type_name(out.dtype)}"
        )
    if not lambd > 0:
        raise RuntimeError(
            f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}"
        )
    u = rng_kernels.uniform64(g._words(2 * out.size))
    # NOTE: matches torch: glibc's log1p on doubles, element by element, then the cast
    scale = -1.0 / lambd
    values = np.fromiter(
        (scale * math.log1p(-x) for x in u.tolist()), np.float64, u.size
    )
    _write_in_memory_order(out, values.astype(out.dtype))
    return out
