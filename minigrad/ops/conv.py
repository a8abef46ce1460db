"""Convolution (1-d, 2-d, 3-d; groups, stride, padding, dilation): im2col + one matmul.

The three ops below are closed under differentiation: the input gradient of a
convolution is ConvInputGrad(g, w), the weight gradient ConvWeightGrad(x, g),
and the gradients of those two are convolutions and each other, so any order
of backward is differentiable (``create_graph=True``) as in torch.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from numpy.lib.stride_tricks import as_strided

from minigrad.ops.formula import constant, is_array, record
from minigrad.ops.op import Op
from minigrad.ops.sliding import out_size, pad


def _grid(shape, kernel, stride, padding, dilation) -> tuple:
    return tuple(
        out_size(n, k, s, p, p, d)
        for n, k, s, p, d in zip(shape, kernel, stride, padding, dilation, strict=True)
    )


def _transpose(a):
    """The contiguous transpose of a contiguous 2-D array.

    NOTE: when a's rows are a multiple of 4 KiB apart, reading down a column
    hits one cache set again and again (6x slower here); the rows are first
    copied into a buffer whose rows are 64 bytes longer.
    """
    n, m = a.shape
    if n > 8 and (m * a.itemsize) % 4096 == 0:
        buf = np.empty((n, m + 64 // a.itemsize), dtype=a.dtype)
        buf[:, :m] = a
        a = buf[:, :m]
    return np.ascontiguousarray(a.T)


def _batch_last(x):
    """(N, C, *S) -> (C, *S, N), contiguous: the layout every product here uses.

    NOTE: with the batch innermost, the im2col copy and the col2im additions
    run over contiguous rows of N values, and each product is one 2-D GEMM.
    """
    n = x.shape[0]
    flat = np.ascontiguousarray(x).reshape(n, x.size // n if n else 0)
    return _transpose(flat).reshape(*x.shape[1:], n)


def _batch_first(y):
    n = y.shape[-1]
    flat = np.ascontiguousarray(y).reshape(y.size // n if n else 0, n)
    return _transpose(flat).reshape(n, *y.shape[:-1])


def conv_cols(x, kernel, stride, padding, dilation, groups):
    """x's windows as a (groups, C/groups * prod(kernel), prod(out) * N) matrix
    per group, and the output grid."""
    out = _grid(x.shape[2:], kernel, stride, padding, dilation)
    xt = _batch_last(x)
    if any(padding):
        xt = pad(xt, [(p, p) for p in padding] + [(0, 0)])
    st = xt.strides
    view = as_strided(
        xt,
        (xt.shape[0], *kernel, *out, xt.shape[-1]),
        (
            st[0],
            *(a * d for a, d in zip(st[1:-1], dilation, strict=True)),
            *(a * s for a, s in zip(st[1:-1], stride, strict=True)),
            st[-1],
        ),
        writeable=False,
    )
    cols = np.ascontiguousarray(view)
    rows = x.shape[1] // groups * math.prod(kernel)
    return cols.reshape(groups, rows, math.prod(out) * x.shape[0]), out


def _by_group(w, groups):
    return w.reshape(groups, w.shape[0] // groups, math.prod(w.shape[1:]))


def _rows(g, groups):
    """g (N, O, *out) as (groups, O/groups, prod(out) * N)."""
    o = g.shape[1]
    return _batch_last(g).reshape(groups, o // groups, g.size // o if o else 0)


def conv_forward(x, w, stride, padding, dilation, groups):
    """The convolution of x by w (no bias) and the im2col matrix it used."""
    cols, out = conv_cols(x, w.shape[2:], stride, padding, dilation, groups)
    wm = _by_group(w, groups)
    n, o = x.shape[0], w.shape[0]
    y = np.empty((o, math.prod(out) * n), dtype=np.result_type(x, w))
    og = o // groups
    for i in range(groups):
        np.matmul(wm[i], cols[i], out=y[i * og : (i + 1) * og])
    return _batch_first(y.reshape(o, *out, n)), cols


def conv_input_grad(g, w, shape, stride, padding, dilation, groups):
    """d<g, conv(x, w)>/dx: w's columns times g, each kernel offset's share added
    back where it was read (one vectorised addition per offset)."""
    return _input_grad(
        _rows(g, groups), g.shape[2:], w, shape, stride, padding, dilation, groups
    )


def _input_grad(gm, out, w, shape, stride, padding, dilation, groups):
    kernel, wm = w.shape[2:], _by_group(w, groups)
    gcols = np.empty((groups, wm.shape[2], gm.shape[2]), dtype=np.result_type(gm, w))
    for i in range(groups):  # NOTE: 2-D products: a stacked one misses BLAS here
        np.matmul(wm[i].T, gm[i], out=gcols[i])
    n, c = shape[:2]
    gcols = gcols.reshape(c, *kernel, *out, n)
    padded = (c, *(s + 2 * p for s, p in zip(shape[2:], padding, strict=True)), n)
    acc = np.zeros(padded, dtype=gcols.dtype)
    for offset in itertools.product(*(range(k) for k in kernel)):
        target = tuple(
            slice(o * d, o * d + s * (m - 1) + 1, s)
            for o, d, s, m in zip(offset, dilation, stride, out, strict=True)
        )
        acc[(slice(None), *target)] += gcols[(slice(None), *offset)]
    inner = tuple(slice(p, p + s) for s, p in zip(shape[2:], padding, strict=True))
    return _batch_first(acc[(slice(None), *inner)])


def conv_weight_grad(cols, g, wshape, groups):
    """d<g, conv(x, w)>/dw from x's im2col matrix: one GEMM per group."""
    return _weight_grad(cols, _rows(g, groups), wshape, groups)


def _weight_grad(cols, gm, wshape, groups):
    gw = np.empty((groups, gm.shape[1], cols.shape[1]), dtype=np.result_type(gm, cols))
    for i in range(groups):
        np.matmul(gm[i], cols[i].T, out=gw[i])
    return gw.reshape(wshape)


def bias_grad(g):
    """A bias's gradient: g summed over all but the channel axis."""
    axes = (0, *range(2, g.ndim))
    return np.add.reduce(g, axis=axes) if is_array(g) else g.sum(dim=axes)


class _Conv(Op):
    node_name = "ConvolutionBackwardBackward0"

    def _params(self, stride, padding, dilation, groups) -> None:
        self.stride, self.padding = stride, padding
        self.dilation, self.groups = dilation, groups

    @property
    def params(self) -> dict:
        return {
            "stride": self.stride,
            "padding": self.padding,
            "dilation": self.dilation,
            "groups": self.groups,
        }

    def conv(self, x, w):
        if is_array(x) and is_array(w):
            return conv_forward(x, w, **self.params)[0]
        return record(Convolution, x, w, None, **self.params)

    def input_grad(self, g, w, shape):
        if is_array(g) and is_array(w):
            return conv_input_grad(g, w, shape, **self.params)
        return record(ConvInputGrad, g, w, shape=shape, **self.params)

    def weight_grad(self, x, g, wshape):
        if is_array(x) and is_array(g):
            kernel = wshape[2:]
            cols, _ = conv_cols(
                x, kernel, self.stride, self.padding, self.dilation, self.groups
            )
            return conv_weight_grad(cols, g, wshape, self.groups)
        return record(ConvWeightGrad, x, g, wshape=wshape, **self.params)


class Convolution(_Conv):
    """y = conv(x, w) + b;  dx = ConvInputGrad(g, w),  dw = ConvWeightGrad(x, g),
    db = g summed over all but the channel axis"""

    node_name = "ConvolutionBackward0"
    save = (0, 1)

    def forward(self, x, w, b, stride, padding, dilation, groups):
        self._params(stride, padding, dilation, groups)
        self.bias_shape = None if b is None else b.shape
        if x.shape[1] == 0:
            # NOTE: matches torch: no input channels give (N, 0, *out), whatever w
            out = _grid(x.shape[2:], w.shape[2:], stride, padding, dilation)
            return np.zeros((x.shape[0], 0, *out), dtype=np.result_type(x, w))
        # NOTE: the im2col matrix is not kept for backward (it is kernel-size
        # times the input); backward rebuilds it, a copy costing far less than
        # the products
        y, _ = conv_forward(x, w, stride, padding, dilation, groups)
        if b is not None:
            y += b.reshape((-1,) + (1,) * (y.ndim - 2))
        return y

    def backward(self, g, x, w):
        need_x, need_w, need_b = (e is not None for e in self.next_edges)
        if x.shape[1] == 0:  # nothing flows: zero gradients of the right shapes
            zeros = [
                None if s is None or not need else np.zeros(s, dtype=constant(g).dtype)
                for s, need in (
                    (x.shape, need_x),
                    (w.shape, need_w),
                    (self.bias_shape, need_b),
                )
            ]
            return tuple(zeros)
        if is_array(g) and is_array(x) and is_array(w):
            return self._backward_arrays(g, x, w, need_x, need_w, need_b)
        gx = self.input_grad(g, w, x.shape) if need_x else None
        gw = self.weight_grad(x, g, w.shape) if need_w else None
        return gx, gw, bias_grad(g) if need_b else None

    def _backward_arrays(self, g, x, w, need_x, need_w, need_b):
        """The first-order backward: g transposed once, x's im2col rebuilt once."""
        gm = _rows(g, self.groups)  # (G, O/G, prod(out) * N)
        gx = gw = gb = None
        if need_x:
            gx = _input_grad(gm, g.shape[2:], w, x.shape, **self.params)
        if need_w:
            kernel = w.shape[2:]
            cols, _ = conv_cols(
                x, kernel, self.stride, self.padding, self.dilation, self.groups
            )
            gw = _weight_grad(cols, gm, w.shape, self.groups)
        if need_b:
            gb = np.add.reduce(gm, axis=2).reshape(w.shape[0])
        return gx, gw, gb


class ConvInputGrad(_Conv):
    """y = d<g, conv(x, w)>/dx;  dg = conv(h, w),  dw = ConvWeightGrad(h, g)"""

    save = (0, 1)

    def forward(self, g, w, shape, stride, padding, dilation, groups):
        self._params(stride, padding, dilation, groups)
        return conv_input_grad(g, w, shape, stride, padding, dilation, groups)

    def backward(self, h, g, w):
        need_g, need_w = (e is not None for e in self.next_edges)
        dg = self.conv(h, w) if need_g else None
        dw = self.weight_grad(h, g, w.shape) if need_w else None
        return dg, dw


class ConvWeightGrad(_Conv):
    """y = d<g, conv(x, w)>/dw;  dx = ConvInputGrad(g, h),  dg = conv(x, h)"""

    save = (0, 1)

    def forward(self, x, g, wshape, stride, padding, dilation, groups):
        self._params(stride, padding, dilation, groups)
        cols, _ = conv_cols(x, wshape[2:], stride, padding, dilation, groups)
        return conv_weight_grad(cols, g, wshape, groups)

    def backward(self, h, x, g):
        need_x, need_g = (e is not None for e in self.next_edges)
        dx = self.input_grad(g, h, x.shape) if need_x else None
        dg = self.conv(x, h) if need_g else None
        return dx, dg
