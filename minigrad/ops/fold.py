"""unfold (im2col) and fold (col2im): (N, C, H, W) <-> (N, C * kh * kw, L)."""

from __future__ import annotations

import math

from minigrad.ops.formula import is_array, record
from minigrad.ops.op import Op
from minigrad.ops.sliding import col2im, im2col


def unfold_array(x, kernel, dilation, padding, stride, out):
    cols = im2col(x, kernel, stride, [(p, p) for p in padding], dilation, out)
    lead = x.shape[:-3]
    return cols.reshape(*lead, x.shape[-3] * math.prod(kernel), math.prod(out))


def fold_array(cols, shape, kernel, dilation, padding, stride, out):
    lead = cols.shape[:-2]
    c = cols.shape[-2] // math.prod(kernel)
    blocks = cols.reshape(*lead, c, *kernel, *out)
    return col2im(
        blocks, (*lead, c, *shape), kernel, stride, [(p, p) for p in padding], dilation
    )


class Im2Col(Op):
    """y = the windows of x as columns;  dx = Col2Im(g)"""

    def forward(self, x, kernel, dilation, padding, stride, out):
        self.args = (kernel, dilation, padding, stride, out)
        self.shape = x.shape[-2:]
        return unfold_array(x, *self.args)

    def backward(self, g):
        if is_array(g):
            return (fold_array(g, self.shape, *self.args),)
        kernel, dilation, padding, stride, out = self.args
        params = {"kernel": kernel, "dilation": dilation, "padding": padding}
        return (record(Col2Im, g, shape=self.shape, stride=stride, out=out, **params),)


class Col2Im(Op):
    """y = the columns added back into their windows;  dg = Im2Col(h)"""

    def forward(self, g, shape, kernel, dilation, padding, stride, out):
        self.args = (kernel, dilation, padding, stride, out)
        self.shape = shape
        return fold_array(g, shape, *self.args)

    def backward(self, h):
        if is_array(h):
            return (unfold_array(h, *self.args),)
        kernel, dilation, padding, stride, out = self.args
        params = {"kernel": kernel, "dilation": dilation, "padding": padding}
        return (record(Im2Col, h, stride=stride, out=out, **params),)
