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
        if isinstance(data, (list, tuple)):
            data = _nested_to_list(data)
        try:
            arr = np.array(data)
        except ValueError:
            raise ValueError(_ragged_message(data)) from None
        if arr.dtype == object or arr.dtype.kind in "USV":
            leaf = arr.reshape(-1)[0] if arr.size and arr.dtype == object else data
            if leaf is None:
                raise RuntimeError("Could not infer dtype of NoneType")
            raise TypeError(f"new(): invalid data type '{type(leaf).__name__}'")
        if dtype is None:
            kind = arr.dtype.kind
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
