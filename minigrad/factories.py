"""Tensor factories: tensor(), from_numpy, zeros, ones, full, arange, linspace, eye."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from minigrad import dtypes
from minigrad._array import to_array
from minigrad._checks import check_number, fill_overflow
from minigrad._device import cpu_device
from minigrad._exact import fma as _fma
from minigrad._size import parse_size
from minigrad._tensor_methods.base import named
from minigrad.tensor import Tensor, _leaf, _wrap


def tensor(
    data,
    dtype: dtypes.dtype | None = None,
    device=None,
    requires_grad: bool = False,
    pin_memory: bool = False,
) -> Tensor:
    """A new leaf tensor holding a copy of ``data``."""
    cpu_device(device)
    if dtype is not None and not isinstance(dtype, dtypes.dtype):
        raise TypeError(
            f"tensor(): argument 'dtype' must be minigrad.dtype, not {type(dtype).__name__}"
        )
    if not isinstance(requires_grad, (bool, np.bool_)):
        raise TypeError(
            f"tensor(): argument 'requires_grad' must be bool, not {type(requires_grad).__name__}"
        )
    return _leaf(to_array(data, dtype), requires_grad)


def as_tensor(data, dtype: dtypes.dtype | None = None, device=None) -> Tensor:
    cpu_device(device)
    if isinstance(data, Tensor) and (dtype is None or data.dtype is dtype):
        return data
    if isinstance(data, np.ndarray) and (dtype is None or data.dtype == dtype.np):
        return from_numpy(data)
    return tensor(data, dtype)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing memory with ``array``."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    dtypes.from_numpy_dtype(array.dtype)
    return _wrap(array)


def _filled(size: tuple, value, dtype, requires_grad: bool) -> Tensor:
    np_dtype = dtypes.to_np(dtype, dtypes.default_float_np())
    return _leaf(np.full(parse_size(size), value, dtype=np_dtype), requires_grad)


def zeros(*size, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    cpu_device(device)
    return _filled(size, 0, dtype, requires_grad)


def ones(*size, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    cpu_device(device)
    return _filled(size, 1, dtype, requires_grad)


def empty(*size, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    cpu_device(device)
    return _filled(size, 0, dtype, requires_grad)  # NOTE: zeros stand for garbage


def full(
    size, fill_value, *, dtype=None, device=None, requires_grad: bool = False
) -> Tensor:
    cpu_device(device)
    if dtype is None:
        # NOTE: matches torch: the fill value's type decides the dtype
        dtype = (
            dtypes.bool
            if isinstance(fill_value, bool)
            else dtypes.int64
            if isinstance(fill_value, int)
            else None
        )
    check_number(fill_value, "full", "fill_value", 2)
    if isinstance(fill_value, Tensor):
        fill_value = fill_value.item()
    fill_overflow(fill_value, dtypes.to_np(dtype, dtypes.default_float_np()))
    return _filled(
        (size,) if isinstance(size, int) else tuple(size),
        fill_value,
        dtype,
        requires_grad,
    )


def _like(t: Tensor, value, dtype, requires_grad: bool, fn: str) -> Tensor:
    if not isinstance(t, Tensor):
        raise TypeError(
            f"{fn}(): argument 'input' (position 1) must be Tensor, not {type(t).__name__}"
        )
    np_dtype = t._data.dtype if dtype is None else dtype.np
    return _leaf(np.full(t._data.shape, value, dtype=np_dtype), requires_grad)


def _filled_like(name: str, value, doc: str) -> Callable:
    """The factory ``name(input)``: a new leaf of input's shape filled with ``value``."""

    def function(
        input: Tensor, *, dtype=None, device=None, requires_grad: bool = False
    ) -> Tensor:
        cpu_device(device)
        return _like(input, value, dtype, requires_grad, name)

    return named(function, name, doc)


zeros_like = _filled_like("zeros_like", 0, "A new tensor of zeros, input's shape.")
ones_like = _filled_like("ones_like", 1, "A new tensor of ones, input's shape.")
# NOTE: torch leaves empty_like's memory uninitialised; zeros here, deterministic
empty_like = _filled_like("empty_like", 0, "A new tensor of input's shape (zeros).")


def full_like(
    input: Tensor, fill_value, *, dtype=None, device=None, requires_grad: bool = False
) -> Tensor:
    cpu_device(device)
    check_number(fill_value, "full_like", "fill_value", 2)
    return _like(input, fill_value, dtype, requires_grad, "full_like")


def _number(x, name: str):
    if isinstance(x, Tensor):
        return x.item()
    if not isinstance(x, (int, float, np.number)) or isinstance(x, bool):
        raise TypeError(f"{name} must be a number, not {type(x).__name__}")
    return x


def arange(
    start=0, end=None, step=1, *, dtype=None, device=None, requires_grad: bool = False
) -> Tensor:
    """[start, end) in steps; floats computed in double, then cast (as torch)."""
    cpu_device(device)
    if end is None:
        start, end = 0, start
    start, end, step = (
        _number(v, n) for v, n in ((start, "start"), (end, "end"), (step, "step"))
    )
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0 and end != start:
        raise RuntimeError("upper bound and larger bound inconsistent with step sign")
    is_float = any(isinstance(v, (float, np.floating)) for v in (start, end, step))
    if dtype is None:
        dtype = dtypes.get_default_dtype() if is_float else dtypes.int64
    n = max(math.ceil((end - start) / step), 0)
    if is_float and dtype.is_floating_point:
        values = _arange_float(float(start), float(step), n, dtype.np)
    else:
        values = start + np.arange(n, dtype=np.float64 if is_float else np.int64) * step
    return _leaf(values.astype(dtype.np), requires_grad)


def _arange_float(start: float, step: float, n: int, np_dtype: np.dtype) -> np.ndarray:
    # NOTE: matches torch's CPU kernel bit for bit: values are start + step * i in
    # double, but the leading whole pairs of SIMD vectors are filled vector by
    # vector, each from its first value rounded to the output dtype.
    lanes = 32 // np_dtype.itemsize
    i = np.arange(n)
    vectorized = i < (n // (2 * lanes)) * 2 * lanes
    first = (i // lanes) * lanes
    base = _muladd(first.astype(np.float64), step, start).astype(np_dtype)
    by_vector = _muladd((i - first).astype(np.float64), step, base.astype(np.float64))
    return np.where(vectorized, by_vector, _muladd(i.astype(np.float64), step, start))


def _muladd(x: np.ndarray, mul: float, add) -> np.ndarray:
    """x * mul + add in double, fused as torch's vectorised CPU kernels fuse it."""
    if not _fma.fused():
        return x * mul + add
    return _fma.fma64(x, mul, add)


def linspace(
    start, end, steps: int, *, dtype=None, device=None, requires_grad: bool = False
) -> Tensor:
    """``steps`` evenly spaced values from start to end, as torch's CPU kernel."""
    cpu_device(device)
    if not isinstance(steps, int) or steps < 0:
        raise RuntimeError("linspace(): number of steps must be non-negative")
    np_dtype = dtypes.to_np(dtype, dtypes.default_float_np())
    return _leaf(
        _linspace(_number(start, "start"), _number(end, "end"), steps, np_dtype),
        requires_grad,
    )


def _linspace(start, end, steps: int, np_dtype: np.dtype) -> np.ndarray:
    if steps <= 1:
        return np.full(steps, start, dtype=np_dtype)
    ft = np_dtype if np_dtype.kind == "f" else np.dtype(np.float64)
    lo, hi = ft.type(start), ft.type(end)
    step = ft.type((hi - lo) / ft.type(steps - 1))
    idx = np.arange(steps)
    up = idx < steps // 2
    # NOTE: matches torch's CPU kernel: the first half counts up from start, the
    # second half down from end, each value one fused multiply-add (when the
    # CPU kernel fuses) in the output's floating dtype.
    count = np.where(up, idx, steps - idx - 1).astype(ft)
    out = np.empty(steps, dtype=ft)
    for part, origin, stride in ((up, lo, step), (~up, hi, -step)):
        if not _fma.fused():
            out[part] = origin + stride * count[part]
        elif ft == np.float32:
            out[part] = _fma.fma32(count[part], stride, origin)
        else:
            out[part] = _fma.fma64(count[part], float(stride), float(origin))
    return out.astype(np_dtype)


def eye(
    n: int,
    m: int | None = None,
    *,
    dtype=None,
    device=None,
    requires_grad: bool = False,
) -> Tensor:
    cpu_device(device)
    for name, v in (("n", n), ("m", m)):
        if v is not None and v < 0:
            raise RuntimeError(f"{name} must be greater or equal to 0, got {v}")
    np_dtype = dtypes.to_np(dtype, dtypes.default_float_np())
    return _leaf(np.eye(n, n if m is None else m, dtype=np_dtype), requires_grad)


class _LegacyTensorType(type):
    """torch.FloatTensor and friends: call to construct, isinstance to test."""

    def __instancecheck__(cls, obj) -> bool:
        return isinstance(obj, Tensor) and obj._data.dtype == cls.dtype.np

    def __call__(cls, *args) -> Tensor:
        if len(args) == 1 and not isinstance(args[0], int):
            return tensor(args[0], dtype=cls.dtype)
        return zeros(*args, dtype=cls.dtype)


def _legacy(name: str, dtype: dtypes.dtype) -> type:
    return _LegacyTensorType(name, (), {"dtype": dtype, "__module__": "minigrad"})


FloatTensor = _legacy("FloatTensor", dtypes.float32)
DoubleTensor = _legacy("DoubleTensor", dtypes.float64)
LongTensor = _legacy("LongTensor", dtypes.int64)
IntTensor = _legacy("IntTensor", dtypes.int32)
ByteTensor = _legacy("ByteTensor", dtypes.uint8)
BoolTensor = _legacy("BoolTensor", dtypes.bool)
