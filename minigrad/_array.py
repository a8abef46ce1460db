"""Python data (nested sequences, scalars, arrays) to a fresh array, with torch's
dtype inference."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes


def _is_tensor(x) -> bool:
    return isinstance(getattr(x, "_data", None), np.ndarray)


def _nested_to_list(data):
    if _is_tensor(data):
        return data._data
    if isinstance(data, (list, tuple)):
        return [_nested_to_list(d) for d in data]
    return data


def to_array(data, dtype: dtypes.dtype | None) -> np.ndarray:
    """Python data to a fresh array with torch's dtype inference."""
    if _is_tensor(data):
        arr = data._data.copy()
    elif isinstance(data, np.ndarray):
        arr = np.array(data, copy=True)
    else:
        given = data
        if isinstance(data, (list, tuple)):
            data = _nested_to_list(data)
        try:
            arr = np.array(data)
        except (ValueError, OverflowError):
            _check_nested(given)
            raise ValueError(_ragged_message(data)) from None
        if arr.dtype == object or arr.dtype.kind in "USV":
            _check_nested(given)
            _check_int64(data, dtype)
            raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
        kind = arr.dtype.kind
        if kind == "u" or (kind == "f" and not _has_float(data)):
            _check_int64(data, dtype)  # Python ints beyond int64 (NumPy widened)
        if dtype is None:
            # NOTE: matches torch: Python floats give the default dtype, ints int64;
            # NumPy scalars keep their own dtype
            if kind == "f" and _has_python_float(data):
                arr = arr.astype(dtypes.default_float_np(), copy=False)
            elif kind in "iu":
                arr = arr.astype(np.int64, copy=False)
    if dtype is not None:
        arr = arr.astype(dtype.np, copy=False)
    elif arr.dtype not in dtypes._BY_NP:
        dtypes.from_numpy_dtype(arr.dtype)  # raises TypeError naming the dtype
    return arr


def _has_python_float(data) -> bool:
    if isinstance(data, (list, tuple)):
        return any(_has_python_float(d) for d in data) or not data
    return not isinstance(data, (np.generic, np.ndarray))


def _has_float(data) -> bool:
    if isinstance(data, (list, tuple)):
        return any(_has_float(d) for d in data)
    return isinstance(data, (float, np.floating))


_INT64 = (-(2**63), 2**63 - 1)


def _leaves(data):
    if isinstance(data, (list, tuple)):
        for d in data:
            yield from _leaves(d)
    else:
        yield data


def _check_int64(data, dtype) -> None:
    """torch's error for a Python int that does not fit int64 (unless the data
    holds a float or the dtype is floating: then it converts to a float)."""
    if dtype is not None and dtype.np.kind == "f":
        return
    leaves = list(_leaves(data))
    if any(isinstance(v, float) for v in leaves):
        return
    for v in leaves:
        if isinstance(v, int) and not _INT64[0] <= v <= _INT64[1]:
            raise ValueError("Overflow when unpacking long long")


def _has_empty(data) -> bool:
    return isinstance(data, (list, tuple)) and (
        not data or any(_has_empty(d) for d in data)
    )


def _check_nested(data) -> None:
    """torch's error for nested data that is not a tensor: a scalar where a
    sequence belongs (or the reverse), None, a string (no-op when none applies)."""
    shape, seq = [], data
    while isinstance(seq, (list, tuple)):
        shape.append(len(seq))
        if not seq:
            break
        seq = seq[0]
    if isinstance(seq, str) and shape:
        raise ValueError(f"too many dimensions '{type(seq).__name__}'")
    leaves = list(_leaves(data))
    for v in leaves:
        if v is None:
            raise RuntimeError("Could not infer dtype of NoneType")
        if not isinstance(v, (bool, int, float, complex, np.generic, np.ndarray)):
            if not (hasattr(v, "_data") or isinstance(v, str)):
                continue
            if isinstance(v, str):
                raise TypeError(f"new(): invalid data type '{type(v).__name__}'")
    # NOTE: matches torch: an empty list infers the default (floating) dtype
    floating = any(isinstance(v, (float, np.floating)) for v in leaves) or _has_empty(
        data
    )

    def store(obj, dim: int) -> None:
        if dim == len(shape):
            if isinstance(obj, (list, tuple)):
                name = type(obj).__name__
                if floating or (not shape or shape[-1] == 0):
                    raise TypeError(f"must be real number, not {name}")
                raise TypeError(f"'{name}' object cannot be interpreted as an integer")
            return
        if not isinstance(obj, (list, tuple)):
            raise TypeError("not a sequence")
        if len(obj) != shape[dim]:
            raise ValueError(
                f"expected sequence of length {shape[dim]} at dim {dim} (got {len(obj)})"
            )
        for item in obj:
            store(item, dim + 1)

    store(data, 0)


def _ragged_message(data, dim: int = 0) -> str:
    """torch's words for the first sequence whose length differs from its siblings."""
    if isinstance(data, (list, tuple)) and data:
        lengths = [len(d) if isinstance(d, (list, tuple)) else None for d in data]
        first = lengths[0]
        for n in lengths[1:]:
            if n != first:
                return f"expected sequence of length {first} at dim {dim + 1} (got {n})"
        for d in data:
            if isinstance(d, (list, tuple)):
                msg = _ragged_message(d, dim + 1)
                if msg:
                    return msg
    return "" if dim else "expected a rectangular (non-ragged) nested sequence"
