"""Convolution (1-d, 2-d, 3-d; groups, stride, padding, dilation): im2col + one matmul.

The three ops below are closed under differentiation: the input gradient of a
convolution is ConvInputGrad(g, w), the weight gradient ConvWeightGrad(x, g),
and the gradients of those two are convolutions and each other, so any order
of backward is differentiable (``create_graph=True``) as in torch.
"""

from __future__ import annotations

import math

import numpy as np

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op
from minigrad.ops.sliding import col2im, im2col, out_size


def _grid(shape, kernel, stride, padding, dilation) -> tuple:
    return tuple(
        out_size(n, k, s, p, p, d)
        for n, k, s, p, d in zip(shape, kernel, stride, padding, dilation, strict=True)
    )


def _pairs(padding) -> list:
    return [(p, p) for p in padding]


def conv_cols(x, kernel, stride, padding, dilation, groups):
    """x's windows as (N, groups, C/groups * prod(kernel), prod(out)), and the grid."""
    out = _grid(x.shape[2:], kernel, stride, padding, dilation)
    cols = im2col(x, kernel, stride, _pairs(padding), dilation, out)
    n, c = x.shape[:2]
    return cols.reshape(n, groups, c // groups * math.prod(kernel), math.prod(out)), out


def conv_forward(x, w, stride, padding, dilation, groups):
    """The convolution of x by w (no bias) and the im2col matrix it used."""
    cols, out = conv_cols(x, w.shape[2:], stride, padding, dilation, groups)
    wm = w.reshape(groups, w.shape[0] // groups, cols.shape[2])
    y = np.matmul(wm, cols)  # (N, G, O/G, L): one batched matmul
    return y.reshape(x.shape[0], w.shape[0], *out), cols


def conv_input_grad(g, w, shape, stride, padding, dilation, groups):
    """d<g, conv(x, w)>/dx: the products with w's columns folded back (col2im)."""
    n, kernel = g.shape[0], w.shape[2:]
    gm = g.reshape(n, groups, w.shape[0] // groups, math.prod(g.shape[2:]))
    wm = w.reshape(groups, w.shape[0] // groups, math.prod(w.shape[1:]))
    gcols = np.matmul(np.swapaxes(wm, -1, -2), gm)
    gcols = gcols.reshape(n, shape[1], *kernel, *g.shape[2:])
    return col2im(gcols, tuple(shape), kernel, stride, _pairs(padding), dilation)


def conv_weight_grad(cols, g, wshape, groups):
    """d<g, conv(x, w)>/dw from x's im2col matrix: one batched matmul, summed over N."""
    n = g.shape[0]
    gm = g.reshape(n, groups, wshape[0] // groups, math.prod(g.shape[2:]))
    if n == 1:
        gw = np.matmul(gm[0], np.swapaxes(cols[0], -1, -2))
    else:
        gw = np.add.reduce(np.matmul(gm, np.swapaxes(cols, -1, -2)), axis=0)
    return gw.reshape(wshape)


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
        y, self.cols = conv_forward(x, w, stride, padding, dilation, groups)
        if b is not None:
            y += b.reshape((-1,) + (1,) * (y.ndim - 2))
        return y

    def backward(self, g, x, w):
        need_x, need_w, need_b = (e is not None for e in self.next_edges)
        gx = self.input_grad(g, w, x.shape) if need_x else None
        gw = None
        if need_w:
            if is_array(g) and is_array(x):  # NOTE: reuses the forward's im2col
                gw = conv_weight_grad(self.cols, g, w.shape, self.groups)
            else:
                gw = self.weight_grad(x, g, w.shape)
        gb = None
        if need_b:
            axes = (0, *range(2, g.ndim))
            gb = np.add.reduce(g, axis=axes) if is_array(g) else g.sum(dim=axes)
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
