"""torch's CPU bernoulli_ draws on arrays, bit for bit (docs/torch_rng.md, Bernoulli)."""

from __future__ import annotations

import numpy as np

from minigrad._exact import rng_kernels as K
from minigrad._exact.generator import (
    Engine,
    _not_implemented,
    _num,
    _write_in_memory_order,
)


def _check_p(p: float) -> float:
    p = float(p)
    if not 0.0 <= p <= 1.0:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={_num(p)}")
    return p


def bernoulli_scalar_(array: np.ndarray, p: float, g: Engine) -> np.ndarray:
    """``array.bernoulli_(p)``: each element, in memory order, is ``U53 < p``.

    NOTE: matches torch on a non-Intel x86 CPU (this machine: AMD): ATen's serial
    default kernel, one 64-bit draw (two words) per element. On an Intel CPU the
    MKL build takes another path (one word seeds MKL's MCG31 stream), see the docs.
    """
    p = _check_p(p)
    if array.size:
        u = K.uniform64(g._words(2 * array.size))
        _write_in_memory_order(array, (u < p).astype(array.dtype))
    return array


def bernoulli_tensor_(array: np.ndarray, p: np.ndarray, g: Engine) -> np.ndarray:
    """``array.bernoulli_(p)`` with p an array of array's shape (expanded by the
    caller, as torch's expand_inplace): element i is ``U < p[i]``, with U a float64
    (two words) for float64 p, else a float32 (one word) compared in float32."""
    if p.dtype.kind != "f":
        raise _not_implemented("bernoulli_tensor_cpu_p_", p.dtype)
    if array.size == 0:
        return array
    flat_p = _in_memory_order(array, p)
    bad = ~((flat_p >= 0) & (flat_p <= 1))
    if bad.any():
        # NOTE: matches torch's stream: its serial kernel draws for every element
        # before the first bad p, then raises (minigrad leaves the output untouched)
        k = int(np.argmax(bad))
        g._words(2 * k if p.dtype == np.float64 else k)
        raise RuntimeError(
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)"
        )
    if p.dtype == np.float64:
        u = K.uniform64(g._words(2 * array.size))
    else:
        u = K.uniform32(g._words(array.size))
        flat_p = flat_p.astype(np.float32)
    _write_in_memory_order(array, (u < flat_p).astype(array.dtype))
    return array


def _in_memory_order(out: np.ndarray, values: np.ndarray) -> np.ndarray:
    """values (shaped as out) flattened in out's storage order."""
    if out.flags.c_contiguous:
        return np.ascontiguousarray(values).reshape(-1)
    axes = sorted(range(out.ndim), key=lambda d: -abs(out.strides[d]))
    return np.ascontiguousarray(values.transpose(axes)).reshape(-1)
