"""Broadcasting: the shape two shapes broadcast to, and its undoing for gradients."""

from __future__ import annotations

import numpy as np

from minigrad._exact.sums import sum_leading


def broadcast_shape(a: tuple, b: tuple) -> tuple:
    """The broadcast of two shapes, or torch's RuntimeError naming the clash."""
    n = max(len(a), len(b))
    out = []
    for i in range(n - 1, -1, -1):  # right-aligned, as NumPy and torch
        j, k = i - n + len(a), i - n + len(b)
        m = a[j] if j >= 0 else 1
        q = b[k] if k >= 0 else 1
        if m != q and m != 1 and q != 1:
            raise RuntimeError(
                f"The size of tensor a ({m}) must match the size of tensor b ({q}) at non-singleton dimension {i}"
            )
        out.append(q if m == 1 else m)
    return tuple(reversed(out))


# (gradient shape, input shape) -> how to sum one to the other: a training loop
# sums the same shapes at every step
_SUM_PLANS: dict = {}


def _sum_plan(gshape: tuple, shape: tuple) -> tuple:
    """The axes to sum (kept), whether they lead, and how many leading axes go."""
    lead = len(gshape) - len(shape)
    axes = tuple(range(lead)) + tuple(
        i + lead for i, n in enumerate(shape) if n == 1 and gshape[i + lead] != 1
    )
    plan = (axes, axes == tuple(range(len(axes))), lead)
    if len(_SUM_PLANS) >= 1024:  # NOTE: bounded: shapes may vary without end
        _SUM_PLANS.clear()
    _SUM_PLANS[gshape, shape] = plan
    return plan


def sum_to_shape(grad, shape: tuple):
    """Undo broadcasting: sum ``grad`` (array or Tensor) down to ``shape``."""
    gshape = tuple(grad.shape)
    axes, leading, lead = _SUM_PLANS.get((gshape, shape)) or _sum_plan(gshape, shape)
    if axes:
        if type(grad) is np.ndarray:
            if leading:  # leading axes: torch's order
                grad = sum_leading(grad, len(axes)).reshape(
                    (1,) * len(axes) + grad.shape[len(axes) :]
                )
            else:
                grad = np.add.reduce(grad, axis=axes, keepdims=True)
        else:
            grad = grad.sum(dim=axes, keepdim=True)
    if lead:
        grad = grad.reshape(shape)
    if tuple(grad.shape) != tuple(shape):
        raise RuntimeError(
            f"minigrad internal error: gradient of shape {tuple(grad.shape)} cannot be summed to the input's shape {tuple(shape)}"
        )
    return grad
