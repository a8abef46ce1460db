"""torch's CPU batch-norm kernels on arrays, in torch's order of operations.

ATen (aten/src/ATen/native/cpu/batch_norm_kernel.cpp, torch 2.13, x86 GCC
build) computes per channel with these roundings, reproduced here:
- 2-D input (N, C): per-thread float buffers summed row by row (the variance
  buffer by fused multiply-adds), then added in double (N <= T threads: one
  buffer); 3-D and more: one sequential double sum per channel.
- mean = dtype(sum / N); var = dtype(var_sum / N);
  invstd = dtype(1 / sqrt(double(var) + eps)); in eval mode
  invstd = 1 / sqrt(running_var + dtype(eps)) in the dtype.
- alpha = invstd * w, beta = fma(-mean, alpha, b), y = fma(x, alpha, beta).
T is torch's intra-op thread count (torch.get_num_threads(), see torch_threads);
minigrad cannot see torch.set_num_threads, so a changed count changes the bits.
"""

from __future__ import annotations

import functools
import os

import numpy as np

from minigrad._exact import fma as _fma
from minigrad._exact.fma import fma32, fma64

F64 = np.float64


@functools.cache
def torch_threads() -> int:
    """torch's default intra-op thread count: the machine's physical cores, or
    fewer when OMP_NUM_THREADS / MKL_NUM_THREADS asks for fewer (observed: a
    larger request is capped at the cores)."""
    cores = _physical_cores()
    for name in ("MKL_NUM_THREADS", "OMP_NUM_THREADS"):
        value = os.environ.get(name, "")
        if value.isdigit() and int(value) > 0:
            return min(int(value), cores)
    return cores


def _physical_cores() -> int:
    try:
        with open("/proc/cpuinfo") as f:
            cores, physical = set(), "0"
            for line in f:
                key, _, value = line.partition(":")
                key = key.strip()
                if key == "physical id":
                    physical = value.strip()
                elif key == "core id":
                    cores.add((physical, value.strip()))
        if cores:
            return len(cores)
    except OSError:
        pass
    return os.cpu_count() or 1


def fma(a, b, c):
    """a*b + c rounded once (twice on torch's DEFAULT kernels), in a's dtype."""
    if not _fma.fused():
        return (a * b + c).astype(a.dtype, copy=False)
    return fma32(a, b, c) if a.dtype == np.float32 else fma64(a, b, c)


def _lanes(dtype: np.dtype) -> int:
    """Vectorized<T>::size() of torch's batch-norm kernel: 32 bytes (observed on an
    AVX512 machine too: torch runs its AVX2 kernel here)."""
    return 32 // dtype.itemsize


def _chunks(n: int, threads: int) -> list[slice]:
    """at::parallel_for(0, n, grain 1) with OpenMP: one slice per thread used."""
    used = min(threads, n)
    size = -(-n // used)
    return [
        slice(t * size, min(n, (t + 1) * size)) for t in range(used) if t * size < n
    ]


def _planes(x: np.ndarray) -> np.ndarray:
    """(C, N * image) with each channel's elements in memory order."""
    return np.moveaxis(x, 1, 0).reshape(x.shape[1], -1)


def _seq_sum64(rows: np.ndarray) -> np.ndarray:
    """A sequential double sum along axis 1 (np.cumsum is left to right)."""
    if rows.shape[1] == 0:
        return np.zeros(rows.shape[0], F64)
    return np.cumsum(rows.astype(F64), axis=1)[:, -1]


def stats(x: np.ndarray, threads: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(mean, sum of squared deviations) per channel, in x's dtype, as torch's
    training forward rounds them."""
    threads = threads or torch_threads()
    n = x.size // x.shape[1]
    if x.ndim == 2:
        # NOTE: matches torch (observed for N = 2 on 2 threads): the statistics
        # of a batch no larger than the thread count take one float buffer
        parts = _chunks(n, threads) if n > threads else [slice(0, n)]
        sums = [np.cumsum(x[s], axis=0, dtype=x.dtype)[-1] for s in parts]
        mean = (sum(p.astype(F64) for p in sums) / n).astype(x.dtype)
        var_sum = np.zeros(x.shape[1], F64)
        for s in parts:
            acc = np.zeros(x.shape[1], x.dtype)
            for row in x[s]:
                d = row - mean
                acc = fma(d, d, acc)
            var_sum += acc.astype(F64)
    else:
        planes = _planes(x)
        mean = (_seq_sum64(planes) / n).astype(x.dtype)
        d = planes - mean[:, None]
        var_sum = _seq_sum64(d * d)
    return mean, var_sum.astype(x.dtype)


def train_invstd(var_sum: np.ndarray, n: int, eps: float) -> np.ndarray:
    """invstd = dtype(1 / sqrt(var + eps)) in double, var = var_sum / n in dtype."""
    var = var_sum / var_sum.dtype.type(n)
    return (1.0 / np.sqrt(var.astype(F64) + eps)).astype(var_sum.dtype)


def running_stats(running_mean, running_var, mean, var_sum, n, momentum):
    """The new running mean and variance (None where not tracked), as ATen's
    batch_norm_cpu_update_stats_template rounds them: momentum in the dtype,
    the unbiased variance var_sum / (n - 1) in the dtype, and the variance's
    momentum * unbiased term in double."""
    dt = mean.dtype.type
    m = dt(momentum)
    keep = dt(1) - m
    new_mean = new_var = None
    with np.errstate(divide="ignore", invalid="ignore"):
        if running_mean is not None:
            new_mean = m * mean + keep * running_mean
        if running_var is not None:
            unbiased = var_sum / dt(n - 1)
            kept = (keep * running_var).astype(F64)
            new_var = (F64(m) * unbiased.astype(F64) + kept).astype(mean.dtype)
    return new_mean, new_var


def eval_invstd(running_var: np.ndarray, eps: float) -> np.ndarray:
    dt = running_var.dtype.type
    return dt(1) / np.sqrt(running_var + dt(eps))


def eval_backward_invstd(running_var: np.ndarray, eps: float) -> np.ndarray:
    """The backward's eval-mode invstd: 1 / sqrt(running_var + eps) in double."""
    return (1.0 / np.sqrt(running_var.astype(F64) + eps)).astype(running_var.dtype)


def transform(x, mean, invstd, weight, bias) -> np.ndarray:
    """y = x * alpha + beta per channel, fused as torch's vector loop."""
    dt = x.dtype.type
    alpha = invstd if weight is None else invstd * weight
    beta = fma(-mean, alpha, np.zeros_like(mean) if bias is None else bias)
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return fma(x, alpha.reshape(shape), beta.reshape(shape)).astype(dt, copy=False)


# --- backward ------------------------------------------------------------------------


def _tree(acc: np.ndarray) -> np.ndarray:
    """vec_reduce_all: for float, shuffles (lane i + lane i^4, i^2, then i^1); for
    double, the lanes added in order."""
    if acc.dtype != np.float32:
        return np.cumsum(acc, axis=-1, dtype=acc.dtype)[..., -1]
    step = acc.shape[-1] // 2
    while step:
        idx = np.arange(acc.shape[-1]) ^ step
        acc = acc + acc[..., idx]
        step //= 2
    return acc[..., 0]


def _reduce_all(v: np.ndarray, dy: np.ndarray | None = None) -> np.ndarray:
    """vec::reduce_all(+) over the last axis (or map2_reduce_all of v * dy, the
    products accumulated by fused multiply-adds), in the dtype."""
    lanes = _lanes(v.dtype)
    size = v.shape[-1]
    prod = v if dy is None else v * dy
    if size < lanes:  # one partial vector, its lanes added in order
        return np.cumsum(prod, axis=-1, dtype=v.dtype)[..., -1]
    acc = prod[..., :lanes].copy()
    full = size - size % lanes
    for d in range(lanes, full, lanes):
        if dy is None:
            acc = acc + v[..., d : d + lanes]
        else:
            acc = acc + v[..., d : d + lanes] * dy[..., d : d + lanes]
    if full < size:
        r = size - full
        if dy is None:
            acc[..., :r] = acc[..., :r] + v[..., full:]
        else:
            # NOTE: matches torch: only the tail's accumulation is fused
            acc[..., :r] = fma(v[..., full:], dy[..., full:], acc[..., :r])
    return _tree(acc)


def backward(
    g, x, mean, invstd, weight, training, need=(True, True, True), threads=None
):
    """(dx, dw, db) as torch's CPU batch_norm backward rounds them; mean and invstd
    are the saved batch statistics (train) or the running mean and
    dtype(1 / sqrt(double(running_var) + eps)) (eval)."""
    threads = threads or torch_threads()
    dt = x.dtype.type
    channels = x.shape[1]
    n = x.size // channels
    w = np.ones(channels, x.dtype) if weight is None else weight
    if x.size == 0:  # NOTE: matches torch: an empty batch has zero gradients
        zeros = np.zeros(channels, x.dtype)
        return (np.zeros_like(x) if need[0] else None), zeros, zeros.copy()
    if x.ndim == 2:  # the channels-last kernel: per-thread float buffers
        sums, dots = [], []
        for s in _chunks(n, threads):
            sums.append(np.cumsum(g[s], axis=0, dtype=x.dtype)[-1])
            acc = np.zeros(channels, x.dtype)
            for xr, gr in zip(x[s], g[s], strict=True):
                acc = fma(xr - mean, gr, acc)
            dots.append(acc)
        g_sum = sum(p.astype(F64) for p in sums).astype(x.dtype)
        dotp = sum(p.astype(F64) for p in dots).astype(x.dtype)
        k = dotp * invstd * invstd / dt(n)
        grad_mean = g_sum / dt(n)
        shape = (1, channels)
        dw = dotp * invstd
    else:  # the contiguous kernel: per-plane vector reductions, added in double
        xc = x.reshape(x.shape[0], channels, -1)
        gc = g.reshape(xc.shape)
        g_sum64 = _seq_rows(_reduce_all(gc))
        dotp64 = _seq_rows(_reduce_all(xc - mean[:, None], gc))
        g_sum = g_sum64.astype(x.dtype)
        k = dotp64.astype(x.dtype) * invstd * invstd / dt(n)
        grad_mean = (g_sum64 / n).astype(x.dtype)
        shape = (1, channels) + (1,) * (x.ndim - 2)
        dw = (dotp64 * invstd.astype(F64)).astype(x.dtype)
    dx = None
    if need[0]:
        r = lambda a: a.reshape(shape)  # noqa: E731
        if training:
            # NOTE: matches torch: (dy - grad_mean - (x - mean) * k) * invstd * w,
            # the product fused into the subtraction
            fused = fma(-(x - r(mean)), r(k), g - r(grad_mean))
            if x.ndim == 2:
                # NOTE: matches torch: its channels-last loop fuses the product in
                # whole vectors but not in the tail of partial vectors
                tail = channels - channels % _lanes(x.dtype)
                plain = (g - r(grad_mean)) - (x - r(mean)) * r(k)
                fused[:, tail:] = plain[:, tail:]
            dx = fused
            dx = dx * r(invstd) * r(w)
        else:
            dx = g * r(invstd) * r(w)
    return dx, (dw if need[1] else None), (g_sum if need[2] else None)


def _seq_rows(per_plane: np.ndarray) -> np.ndarray:
    """Per channel, the double sum over the batch (axis 0) in order."""
    return np.cumsum(per_plane.astype(F64), axis=0)[-1]
