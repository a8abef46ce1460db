"""Transposed convolution: the input gradient of a convolution, plus a bias (one ConvolutionBackward0 node)."""

from __future__ import annotations

from minigrad.ops.conv import ConvInputGrad, bias_grad


class ConvTranspose(ConvInputGrad):
    """y = conv_transpose(x, w) + b;  dx = conv(g, w),  dw = ConvWeightGrad(g, x),
    db = g summed over all but the channel axis"""

    node_name = "ConvolutionBackward0"

    def forward(self, x, w, b, shape, stride, padding, dilation, groups):
        y = super().forward(x, w, shape, stride, padding, dilation, groups)
        if b is not None:
            y += b.reshape((-1,) + (1,) * (y.ndim - 2))
        return y

    def backward(self, g, x, w):
        need_x, need_w, need_b = (e is not None for e in self.next_edges)
        dx = self.conv(g, w) if need_x else None
        dw = self.weight_grad(g, x, w.shape) if need_w else None
        return dx, dw, bias_grad(g) if need_b else None
