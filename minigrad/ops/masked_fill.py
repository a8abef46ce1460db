"""MaskedFill: a tensor with the elements under a boolean mask replaced by a value."""

from __future__ import annotations

import numpy as np

from minigrad.ops.binary import where
from minigrad.ops.formula import is_array
from minigrad.ops.op import Op


class MaskedFill(Op):
    """y = value where mask else x;  dx = g where not mask,  dvalue = sum of g under mask"""

    def forward(self, x, value, mask):
        self.mask = mask
        self.node_name = (
            "MaskedFillBackward0"
            if np.ndim(value) == 0 and not isinstance(value, np.ndarray)
            else "MaskedFillBackward1"
        )
        out = np.where(mask, np.asarray(value, dtype=x.dtype), x)
        return out

    def backward(self, g):
        dvalue = where(self.mask, g, 0)
        dvalue = np.sum(dvalue) if is_array(dvalue) else dvalue.sum()
        return where(self.mask, 0, g), dvalue
