"""Sampled integrals and powers: trapezoid (trapz), cumulative_trapezoid, vander."""

from __future__ import annotations

from numbers import Number

import numpy as np

from minigrad import dtypes, ops
from minigrad._checks import wrap_dim
from minigrad.math import _tensor
from minigrad.tensor import Tensor, _wrap, apply

_INVALID = "trapezoid() received an invalid combination of arguments - got ({}), but expected one of:\n * (Tensor y, Tensor x, *, int dim = -1)\n * (Tensor y, *, Number dx = 1, int dim = -1)\n"


def _times(t: Tensor, s: float) -> Tensor:
    """t * s as torch's C++ tensor-times-number (MulBackward1)."""
    return apply(ops.MulScalar, t, s=s) if t._data.dtype.kind == "f" else t * s


def _over(t: Tensor, s: float) -> Tensor:
    return apply(ops.DivScalar, t, s=s) if t._data.dtype.kind == "f" else t / s


def _spacing(y: Tensor, x: Tensor, d: int, name: str) -> Tensor:
    """x's differences along d, shaped to broadcast against y's."""
    if x._data.ndim == 1:
        if x._data.shape[0] != y._data.shape[d]:
            raise RuntimeError(
                f"{name}: There must be one `x` value for each sample point"
            )
        shape = [1] * y._data.ndim
        shape[d] = x._data.shape[0]
        x = x.view(shape)
    elif x._data.ndim < y._data.ndim:
        x = x.view((1,) * (y._data.ndim - x._data.ndim) + x._data.shape)
    n = x._data.shape[d]
    return x.narrow(d, 1, max(n - 1, 0)) - x.narrow(d, 0, max(n - 1, 0))


def _arguments(y, x, dx, dim: int, name: str):
    y = _tensor(y, "y")
    if x is not None and dx is not None:
        got = f"Tensor, {type(x).__name__}, dx={type(dx).__name__}"
        raise TypeError(_INVALID.replace("trapezoid()", f"{name}()").format(got))
    if not y._data.ndim:
        raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
    d = wrap_dim(dim, y._data.ndim)
    if y._data.dtype.kind == "b":
        raise RuntimeError(
            f"{name}: received a bool input for `y`, but bool is not supported"
        )
    if dx is not None and not isinstance(dx, Number):
        got = f"Tensor, dx={type(dx).__name__}"
        raise TypeError(_INVALID.replace("trapezoid()", f"{name}()").format(got))
    if isinstance(dx, bool):
        raise RuntimeError(f"{name}: Currently, we only support dx as a real number.")
    return y, d


def trapezoid(y: Tensor, x: Tensor | None = None, *, dx=None, dim: int = -1) -> Tensor:
    """The integral of y along dim by the trapezoidal rule (spacing x, or dx)."""
    y, d = _arguments(y, x, dx, dim, "trapezoid")
    n = y._data.shape[d]
    if n == 0:
        return _wrap(
            np.zeros(y._data.shape[:d] + y._data.shape[d + 1 :], y._data.dtype)
        )
    if x is None:
        ends = _times(y.select(d, 0) + y.select(d, -1), 0.5)
        return _times(y.sum(d) - ends, float(1 if dx is None else dx))
    pairs = y.narrow(d, 1, n - 1) + y.narrow(d, 0, n - 1)
    return _over((pairs * _spacing(y, _tensor(x, "x"), d, "trapezoid")).sum(d), 2.0)


trapz = trapezoid


def cumulative_trapezoid(
    y: Tensor, x: Tensor | None = None, *, dx=None, dim: int = -1
) -> Tensor:
    """The running integral of y along dim by the trapezoidal rule."""
    y, d = _arguments(y, x, dx, dim, "cumulative_trapezoid")
    n = max(y._data.shape[d] - 1, 0)
    pairs = y.narrow(d, 0, n) + y.narrow(d, 1, n)
    if x is None:
        return _times(pairs, float(1 if dx is None else dx) / 2.0).cumsum(d)
    spacing = _spacing(y, _tensor(x, "x"), d, "cumulative_trapezoid")
    return _over((pairs * spacing).cumsum(d), 2.0)


def vander(x: Tensor, N: int | None = None, increasing: bool = False) -> Tensor:  # noqa: N803
    """Columns of powers of x (decreasing, or increasing)."""
    x = _tensor(x, "x")
    if x._data.ndim != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    n = x._data.shape[0] if N is None else N
    if n < 0:
        raise RuntimeError("N must be non-negative.")
    dtype = dtypes.promote(x._data.dtype, np.dtype(np.int64))
    result = _wrap(np.empty((x._data.shape[0], n), dtype))
    # NOTE: matches torch's graph: ones, x copied in, then its cumprod copied in
    if n > 0:
        result.select(1, 0).fill_(1)
        if n > 1:
            result[:, 1:].copy_(x.unsqueeze(1))
            result[:, 1:].copy_(result[:, 1:].cumprod(1))
    return result if increasing else result.flip(1)
