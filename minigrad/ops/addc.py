"""addcmul and addcdiv: x + value * t1 * t2 and x + value * t1 / t2 (AddcmulBackward0, AddcdivBackward0)."""

from __future__ import annotations

import numpy as np

from minigrad._exact.fma import fma32, fma64, fused
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, value


def _cast(arrays: tuple, dtype: np.dtype) -> tuple:
    return tuple(a if a.dtype == dtype else a.astype(dtype) for a in arrays)


class Addcmul(Op):
    """y = x + value * t1 * t2;  dx = g,  dt1 = g * (t2 * value),  dt2 = g * (t1 * value)"""

    torch_saved = {
        "_saved_tensor1": arg(1, needed_by=2),
        "_saved_tensor2": arg(2, needed_by=1),
        "_saved_value": value(lambda n: n.value),
    }
    save = (1, 2)
    save_when = (2, 1)

    def forward(self, x, t1, t2, value, dtype):
        self.value = value
        x, t1, t2 = _cast((x, t1, t2), dtype)
        # NOTE: matches torch's kernel: one fused multiply-add of value * t1 and t2
        # onto x (when the CPU fuses), value in the result dtype
        scaled = np.asarray(value, dtype) * t1
        if dtype.kind == "f" and fused():
            fma = fma32 if dtype == np.float32 else fma64
            return fma(*np.broadcast_arrays(scaled, t2, x))
        return x + scaled * t2

    def backward(self, g, t1, t2):
        _, need1, need2 = (e is not None for e in self.next_edges)
        v = self.value
        return g, (g * (t2 * v) if need1 else None), (g * (t1 * v) if need2 else None)


class Addcdiv(Op):
    """y = x + value * t1 / t2;  dx = g,  dt1 = g * (value / t2),
    dt2 = -g * (value * t1 / (t2 * t2))"""

    torch_saved = {
        "_saved_tensor1": arg(1, needed_by=2),
        "_saved_tensor2": arg(2),
        "_saved_value": value(lambda n: n.value),
    }
    save = (1, 2)
    save_when = (2, None)

    def forward(self, x, t1, t2, value, dtype):
        self.value = value
        x, t1, t2 = _cast((x, t1, t2), dtype)
        with np.errstate(divide="ignore", invalid="ignore"):
            return x + np.asarray(value, dtype) * t1 / t2

    def backward(self, g, t1, t2):
        _, need1, need2 = (e is not None for e in self.next_edges)
        v = self.value
        g1 = g * (v / t2) if need1 else None
        g2 = -g * (v * t1 / (t2 * t2)) if need2 else None
        return g, g1, g2
