"""MaskedFill: a tensor with the elements under a boolean mask replaced by a value."""

from __future__ import annotations

import numpy as np

from minigrad.ops.binary import where
from minigrad.ops.formula import is_array
from minigrad.ops.op import Op


class MaskedFill(Op):
    """y = value where mask else x;  dx = g where not mask,  dvalue = sum of g under mask

    The value is a number (``fill``, not an input) or a 0-d tensor (a second input).
    """

    def forward(self, x, *value, mask, fill=None):
        self.mask, self.has_value = mask, bool(value)
        self.node_name = "MaskedFillBackward1" if value else "MaskedFillBackward0"
        v = value[0] if value else fill
        return np.where(mask, np.asarray(v).astype(x.dtype), x)

    def backward(self, g):
        dx = where(self.mask, 0, g)
        if not self.has_value:
            return (dx,)
        dvalue = where(self.mask, g, 0)
        return dx, (np.sum(dvalue) if is_array(dvalue) else dvalue.sum())
