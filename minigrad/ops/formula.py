"""The formula vocabulary: helpers that mean the same on ndarrays and on Tensors.

A backward formula gets arrays for a first-order backward and Tensors when
``create_graph=True``. Operators (``+``, ``*``, ``@``), ``reshape`` and ``.T``
already mean the same on both; these helpers cover the rest. On Tensors they
record new nodes through the Tensor's own ``_apply``, so the ops never import
the Tensor class.
"""

from __future__ import annotations

import numpy as np

from minigrad._broadcast import sum_to_shape
from minigrad._exact import transcendental as tr

__all__ = ["ARRAYS", "is_array", "record", "constant", "expand", "swap_last"]
__all__ += ["sum_to_shape", "promote", "log", "sign", "zeros_like", "scalar_array"]
__all__ += ["unary", "run"]

ARRAYS = (np.ndarray, np.generic, int, float, bool)


def is_array(x) -> bool:
    """True for an ndarray or a number, False for a Tensor."""
    return isinstance(x, ARRAYS)


def scalar_array(value, dtype) -> np.ndarray:
    """A read-only 0-d array: a constant operand for forward's arrays, which NumPy
    takes faster than a Python scalar, rounded the same way (cast to ``dtype``)."""
    a = np.array(value, dtype)
    a.flags.writeable = False
    return a


def record(op, *inputs, **params):
    """Apply ``op`` to inputs of which one at least is a Tensor (create_graph)."""
    tensor = next(x for x in inputs if x is not None and not isinstance(x, ARRAYS))
    return tensor._apply(op, *inputs, **params)


def run(op, x, **params):
    """``op`` applied to x: its forward alone on an array (a first-order backward),
    a recorded node on a Tensor (``create_graph``); for a backward that is an op."""
    if isinstance(x, ARRAYS):
        return object.__new__(op).forward(x, **params)
    return x._apply(op, x, **params)


def constant(x):
    """The values of x, outside any graph: its derivative is zero."""
    return x if x is None or isinstance(x, ARRAYS) else x._data


def expand(x, shape):
    if not isinstance(x, ARRAYS):
        return x.expand(shape)
    out = np.empty(shape, dtype=x.dtype)  # NOTE: faster than np.broadcast_to
    out[...] = x
    return out


def swap_last(x):
    return np.swapaxes(x, -1, -2) if isinstance(x, ARRAYS) else x.transpose(-1, -2)


def promote(a, b, dtype):
    """Forward-side: both operands in ``dtype`` (None: already the result type)."""
    if dtype is None:
        return a, b
    if isinstance(a, np.ndarray) and a.dtype != dtype:
        a = a.astype(dtype)
    if isinstance(b, np.ndarray) and b.dtype != dtype:
        b = b.astype(dtype)
    elif not isinstance(b, np.ndarray):
        b = np.asarray(b, dtype=dtype)
    return a, b


def log(x):
    """ln x, with log(0) = -inf and no warning (as torch)."""
    if not isinstance(x, ARRAYS):
        return x.log()
    with np.errstate(divide="ignore", invalid="ignore"):
        return tr.log(x)


def unary(x, array_fn, method: str):
    """``array_fn(x)`` on an array, ``x.<method>()`` on a Tensor (recording its node)."""
    return array_fn(x) if isinstance(x, ARRAYS) else getattr(x, method)()


def sign(x):
    """The sign of x as a constant: its derivative is zero (0 at nan, as torch)."""
    s = np.sign(constant(x))
    return np.where(s == s, s, 0) if s.dtype.kind == "f" else s


def zeros_like(g):
    """Zeros of g's shape and dtype outside any graph: torch's ``zeros_like(grad)``
    (0 even where g is inf or nan, unlike ``g * 0``)."""
    return np.zeros_like(g) if isinstance(g, ARRAYS) else g.new_zeros(g.shape)
