"""Pooling over the trailing dims: max (with torch's indices), average, adaptive average.

Each op's backward is a linear map whose own backward is the forward map (or a
gather by the saved indices), so second derivatives work as in torch.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op
from minigrad.ops.sliding import pad

# --- max ------------------------------------------------------------------------


def _lowest(dtype):
    if dtype.kind == "f":
        return -np.inf
    if dtype.kind == "b":
        return False
    return np.iinfo(dtype).min


def max_pool(x, kernel, stride, pairs, dilation, out):
    """The maxima of the windows and their flat indices into the input plane.

    NOTE: matches torch's scan: kernel offsets in row-major order, a later value
    wins only when greater (or NaN), so ties keep the first position.
    """
    nd = len(kernel)
    rows = _row_lengths(x.shape[-nd:])
    xp = pad(x, pairs, _lowest(x.dtype))
    nan = x.dtype.kind == "f" and bool(np.isnan(np.add.reduce(x, axis=None)))
    padded = any(lo or hi for lo, hi in pairs)
    offsets = list(itertools.product(*(range(q) for q in kernel)))
    small = np.min_scalar_type(-len(offsets))  # NOTE: narrow ints: faster passes
    best = arg = better = None
    for k, offset in enumerate(offsets):
        part = xp[(Ellipsis, *_window_slices(offset, dilation, stride, out))]
        if best is None:
            best, arg = part.copy(), np.zeros(part.shape, small)
            better = np.empty(part.shape, bool)
            continue
        np.greater(part, best, out=better)
        if nan:
            better |= np.isnan(part)
        # arg = k where better (arithmetic: much faster than a masked copy)
        arg += better.view(np.int8) * (small.type(k) - arg)
        np.maximum(best, part, out=best)
    if padded:  # the offsets may point into the padding: the slow, exact path
        return best, _flat_indices(
            arg.astype(np.int64), x.shape[-nd:], kernel, stride, pairs, dilation, out
        )
    deltas = np.array(
        [
            sum(o * d * r for o, d, r in zip(off, dilation, rows, strict=True))
            for off in offsets
        ],
        np.int64,
    )
    return best, deltas[arg] + _window_starts(x.shape[-nd:], stride, pairs, out, rows)


def _row_lengths(shape) -> list:
    """The flat-index step of each spatial dim (row-major)."""
    return [math.prod(shape[i + 1 :]) for i in range(len(shape))]


def _window_starts(shape, stride, pairs, out, rows):
    """The flat index (in the unpadded plane) of each window's first position."""
    nd = len(shape)
    start = np.zeros((1,) * nd, np.int64)
    for i in range(nd):
        base = (np.arange(out[i]) * stride[i] - pairs[i][0]) * rows[i]
        start = start + base.reshape((-1,) + (1,) * (nd - 1 - i))
    return start


def _window_slices(offset, dilation, stride, out):
    return tuple(
        slice(o * d, o * d + s * (n - 1) + 1, s)
        for o, d, s, n in zip(offset, dilation, stride, out, strict=True)
    )


def _flat_indices(arg, shape, kernel, stride, pairs, dilation, out):
    """Window offsets ``arg`` (row-major kernel index) as flat plane indices.

    NOTE: matches torch: a window whose maximum is only padding (its inputs all
    -inf, or none) reports its first in-range position.
    """
    nd = len(kernel)
    flat = np.zeros(arg.shape, np.int64)
    first = np.zeros(arg.shape, np.int64)
    outside = np.zeros(arg.shape, bool)
    rest = arg
    row = 1
    for i in reversed(range(nd)):
        kpos = rest % kernel[i]
        rest = rest // kernel[i]
        base = np.arange(out[i]) * stride[i] - pairs[i][0]
        start = np.where(
            base < 0,
            base + (-base + dilation[i] - 1) // dilation[i] * dilation[i],
            base,
        )
        dims = (-1,) + (1,) * (nd - 1 - i)
        pos = base.reshape(dims) + kpos * dilation[i]
        outside |= (pos < 0) | (pos >= shape[i])
        flat += pos * row
        first += start.reshape(dims) * row
        row *= shape[i]
    return np.where(outside, first, flat) if outside.any() else flat


def scatter_max_grad(g, indices, shape, nd, disjoint=False):
    """The adjoint of gathering the input plane at ``indices``: sums per position
    (a plain scatter when no two windows overlap)."""
    plane = math.prod(shape[-nd:])
    rows = math.prod(shape[:-nd])
    offsets = (np.arange(rows, dtype=np.int64) * plane).reshape(shape[:-nd] + (1,) * nd)
    where = (indices + offsets).ravel()
    if disjoint:
        out = np.zeros(rows * plane, dtype=g.dtype)
        out[where] = g.ravel()
        return out.reshape(shape)
    sums = np.bincount(where, weights=g.ravel(), minlength=rows * plane)
    # NOTE: matches torch: an index past its plane (a window of padding only)
    # lands in the next plane's memory, or nowhere after the last
    return sums[: rows * plane].astype(g.dtype, copy=False).reshape(shape)


def gather_plane(h, indices, nd):
    """h's input planes read at ``indices``."""
    plane = math.prod(h.shape[-nd:])
    rows = math.prod(h.shape[:-nd])
    offsets = (np.arange(rows, dtype=np.int64) * plane).reshape(
        h.shape[:-nd] + (1,) * nd
    )
    where = indices + offsets
    flat = np.append(h.ravel(), np.zeros(1, h.dtype))  # past the end: zero
    return flat[np.minimum(where, rows * plane)]


class MaxPoolWithIndices(Op):
    """y = the window maxima;  dx = g added at the arg-max positions"""

    def forward(self, x, result, nd, disjoint=False):
        values, self.indices = result
        self.shape, self.nd, self.disjoint = x.shape, nd, disjoint
        self.node_name = f"MaxPool{nd}DWithIndicesBackward0"
        return values

    def backward(self, g):
        if is_array(g):
            return (
                scatter_max_grad(g, self.indices, self.shape, self.nd, self.disjoint),
            )
        name = self.node_name.replace("Backward0", "BackwardBackward0")
        return (record(MaxPoolScatter, g, owner=self, name=name),)


class MaxPoolScatter(Op):
    """y = g added at the arg-max positions;  dg = h read at those positions"""

    def forward(self, g, owner, name):
        self.owner, self.node_name = owner, name
        return scatter_max_grad(g, owner.indices, owner.shape, owner.nd)

    def backward(self, h):
        if is_array(h):
            return (gather_plane(h, self.owner.indices, self.owner.nd),)
        return (record(MaxPoolGather, h, owner=self.owner),)


class MaxPoolGather(Op):
    """y = h read at the arg-max positions;  dh = g added at those positions"""

    node_name = "GatherBackward0"

    def forward(self, h, owner):
        self.owner = owner
        return gather_plane(h, owner.indices, owner.nd)

    def backward(self, g):
        o = self.owner
        if is_array(g):
            return (scatter_max_grad(g, o.indices, o.shape, o.nd),)
        return (record(MaxPoolScatter, g, owner=o, name="ScatterAddBackward0"),)


# --- average --------------------------------------------------------------------


def avg_divisor(shape, kernel, stride, padding, out, include_pad, override):
    """Each output's divisor, as torch: the window clipped to the padded input
    (count_include_pad) or to the input itself; divisor_override replaces it."""
    if override is not None:
        return override
    counts = []
    for n, k, s, p, o in zip(shape, kernel, stride, padding, out, strict=True):
        start = np.arange(o) * s - p
        end = np.minimum(start + k, n + p)
        if include_pad:
            counts.append(end - start)
        else:
            counts.append(np.minimum(end, n) - np.maximum(start, 0))
    div = counts[0]
    for c in counts[1:]:
        div = np.multiply.outer(div, c)
    return div


def _offsets(kernel):
    return itertools.product(*(range(k) for k in kernel))


def _target(offset, stride, out):
    return tuple(
        slice(o, o + s * (n - 1) + 1, s)
        for o, s, n in zip(offset, stride, out, strict=True)
    )


def _divide(total, div):
    if total.dtype.kind == "f":
        return total / np.asarray(div, dtype=total.dtype)
    return (np.trunc(total / div)).astype(total.dtype)  # NOTE: C++ integer division


def avg_pool(x, kernel, stride, pairs, out, div):
    """Window sums (one vectorised addition per kernel offset) over the divisor."""
    xp = pad(x, pairs, 0)
    total = None
    for offset in _offsets(kernel):
        part = xp[(Ellipsis, *_target(offset, stride, out))]
        total = part.copy() if total is None else total + part
    return _divide(total, div)


def avg_pool_adjoint(g, shape, kernel, stride, pairs, div):
    """The adjoint of avg_pool: g over the divisor, added back into each window."""
    nd = len(kernel)
    out = g.shape[-nd:]
    share = g / np.asarray(div, dtype=g.dtype)
    padded = shape[:-nd] + tuple(
        n + lo + hi for n, (lo, hi) in zip(shape[-nd:], pairs, strict=True)
    )
    acc = np.zeros(padded, dtype=g.dtype)
    for offset in _offsets(kernel):
        acc[(Ellipsis, *_target(offset, stride, out))] += share
    inner = tuple(slice(lo, lo + n) for n, (lo, _) in zip(shape[-nd:], pairs))
    return np.ascontiguousarray(acc[(Ellipsis, *inner)])


class AvgPool(Op):
    """y = window sums / divisor;  dx = AvgPoolAdjoint(g)"""

    def forward(self, x, kernel, stride, pairs, out, div):
        self.args = (kernel, stride, pairs, div)
        self.shape = x.shape
        self.node_name = f"AvgPool{len(kernel)}DBackward0"
        return avg_pool(x, kernel, stride, pairs, out, div)

    def backward(self, g):
        if is_array(g):
            return (avg_pool_adjoint(g, self.shape, *self.args),)
        return (record(AvgPoolAdjoint, g, owner=self),)


class AvgPoolAdjoint(Op):
    """y = g / divisor added into each window;  dg = AvgPool(h)"""

    def forward(self, g, owner):
        self.owner = owner
        self.node_name = owner.node_name.replace("Backward0", "BackwardBackward0")
        self.grid = g.shape
        return avg_pool_adjoint(g, owner.shape, *owner.args)

    def backward(self, h):
        kernel, stride, pairs, div = self.owner.args
        nd = len(kernel)
        out = self.grid[-nd:]
        if is_array(h):
            return (avg_pool(h, kernel, stride, pairs, out, div),)
        return (
            record(
                AvgPool, h, kernel=kernel, stride=stride, pairs=pairs, out=out, div=div
            ),
        )


# --- adaptive average -----------------------------------------------------------


def adaptive_bins(n: int, o: int) -> np.ndarray:
    """The 0/1 matrix (o, n) of torch's adaptive windows [floor(i n/o), ceil((i+1) n/o))."""
    i = np.arange(o)
    start = (i * n) // o
    end = -((-(i + 1) * n) // o)
    j = np.arange(n)
    return ((j >= start[:, None]) & (j < end[:, None])).astype(np.int8)


def _apply_bins(x, mats, transpose):
    nd = len(mats)
    for axis, m in enumerate(mats):
        ax = x.ndim - nd + axis
        m = m.astype(x.dtype)
        x = np.moveaxis(
            np.tensordot(x, m if transpose else m.T, axes=([ax], [0])), -1, ax
        )
    return x


def adaptive_pool(x, mats):
    y = _apply_bins(x, mats, False)
    return np.ascontiguousarray(y / adaptive_divisor(mats).astype(x.dtype))


def adaptive_divisor(mats):
    div = mats[0].sum(1)
    for m in mats[1:]:
        div = np.multiply.outer(div, m.sum(1))
    return div


class AdaptiveAvgPool(Op):
    """y = bin sums / bin sizes;  dx = AdaptiveAvgPoolAdjoint(g)"""

    def forward(self, x, mats):
        self.mats = mats
        self.node_name = f"AdaptiveAvgPool{len(mats)}DBackward0"
        return adaptive_pool(x, mats)

    def backward(self, g):
        if is_array(g):
            return (_adaptive_adjoint(g, self.mats),)
        return (record(AdaptiveAvgPoolAdjoint, g, owner=self),)


def _adaptive_adjoint(g, mats):
    share = g / adaptive_divisor(mats).astype(g.dtype)
    return np.ascontiguousarray(_apply_bins(share, mats, True))


class AdaptiveAvgPoolAdjoint(Op):
    """y = g / bin sizes spread over the bins;  dg = AdaptiveAvgPool(h)"""

    def forward(self, g, owner):
        self.owner = owner
        self.node_name = owner.node_name.replace("Backward0", "BackwardBackward0")
        return _adaptive_adjoint(g, owner.mats)

    def backward(self, h):
        if is_array(h):
            return (adaptive_pool(h, self.owner.mats),)
        return (record(AdaptiveAvgPool, h, mats=self.owner.mats),)
