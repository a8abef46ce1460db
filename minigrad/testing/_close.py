"""assert_close: torch.testing.assert_close's defaults and messages, for any inputs."""

from __future__ import annotations

import cmath
from collections.abc import Callable
from typing import Any

import numpy as np

from minigrad.testing._values import (
    Value,
    is_mapping,
    is_number,
    is_sequence,
    is_tensor_like,
    to_value,
)

# NOTE: matches torch.testing.assert_close's defaults (rtol, atol) per dtype;
# every other dtype is compared for equality.
TOLERANCES = {
    "float16": (1e-3, 1e-5),
    "bfloat16": (1.6e-2, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
    "complex64": (1.3e-6, 1e-5),
    "complex128": (1e-7, 1e-7),
}
_NUMBER_DTYPES = {bool: "bool", int: "int64", float: "float64", complex: "complex128"}


class _Mismatch(Exception):
    """One failed comparison: the exception class, its message, where it was."""

    def __init__(self, kind: type[Exception], message: str, where: tuple = ()):
        super().__init__(message)
        self.kind, self.message, self.where = kind, message, where


def default_tolerances(*dtype_names: str) -> tuple[float, float]:
    """The largest default (rtol, atol) among the dtypes (torch's rule)."""
    pairs = [TOLERANCES.get(name, (0.0, 0.0)) for name in dtype_names]
    return max(p[0] for p in pairs), max(p[1] for p in pairs)


def assert_close(
    actual: Any,
    expected: Any,
    *,
    allow_subclasses: bool = True,
    rtol: float | None = None,
    atol: float | None = None,
    equal_nan: bool = False,
    check_device: bool = True,
    check_dtype: bool = True,
    check_layout: bool = True,
    check_stride: bool = False,
    msg: str | Callable[[str], str] | None = None,
) -> None:
    """Raise AssertionError unless ``actual`` and ``expected`` are close.

    As ``torch.testing.assert_close`` (same default tolerances per dtype, same
    messages), and inputs may be minigrad tensors, torch tensors (detached, any
    device), NumPy arrays, Python numbers, or sequences and mappings of these.
    A number or nested list compared with a tensor-like takes its dtype.
    ``allow_subclasses``, ``check_layout`` and ``check_stride`` are accepted for
    torch's signature; minigrad has one layout and compares no strides.
    """
    if (rtol is None) != (atol is None):
        raise ValueError(
            f"Both 'rtol' and 'atol' must be either specified or omitted, but got no {'rtol' if rtol is None else 'atol'}."
        )
    options = dict(
        rtol=rtol,
        atol=atol,
        equal_nan=equal_nan,
        check_device=check_device,
        check_dtype=check_dtype,
    )
    try:
        _compare(actual, expected, (), options)
    except _Mismatch as failure:
        if isinstance(msg, str):
            raise failure.kind(msg) from None
        text = failure.message
        if failure.where:
            items = "".join(str([item]) for item in failure.where)
            text += f"\n\nThe failure occurred for item {items}"
        raise failure.kind(msg(text) if callable(msg) else text) from None


def _compare(actual: Any, expected: Any, where: tuple, options: dict) -> None:
    if not is_tensor_like(actual) and not is_tensor_like(expected):
        if is_mapping(actual) and is_mapping(expected):
            return _compare_mappings(actual, expected, where, options)
        if is_sequence(actual) and is_sequence(expected):
            if len(actual) != len(expected):
                raise _Mismatch(
                    AssertionError,
                    f"The length of the sequences mismatch: {len(actual)} != {len(expected)}",
                    where,
                )
            for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
                _compare(a, e, (*where, i), options)
            return None
        if is_number(actual) and is_number(expected):
            return _compare_numbers(actual, expected, where, options)
    try:
        a, e = to_value(actual), to_value(expected)
    except TypeError:
        raise _Mismatch(
            TypeError,
            f"No comparison pair was able to handle inputs of type {type(actual)} and {type(expected)}.",
            where,
        ) from None
    _compare_values(_adopt(a, e), _adopt(e, a), where, options)
    return None


def _adopt(value: Value, other: Value) -> Value:
    """A number or nested list takes the dtype of the tensor-like it meets."""
    if value.from_python and not other.from_python:
        array = value.array.astype(other.array.dtype)
        return Value(array, other.library, other.device, dtype=other.dtype)
    return value


def _compare_mappings(actual, expected, where: tuple, options: dict) -> None:
    missing = set(expected) - set(actual)
    additional = set(actual) - set(expected)
    if missing or additional:
        raise _Mismatch(
            AssertionError,
            f"The keys of the mappings do not match:\nMissing keys in the actual mapping: {sorted(missing)}\nAdditional keys in the actual mapping: {sorted(additional)}",
            where,
        )
    for key in sorted(actual, key=repr):
        _compare(actual[key], expected[key], (*where, key), options)


def _compare_numbers(actual, expected, where: tuple, options: dict) -> None:
    if options["check_dtype"] and type(actual) is not type(expected):
        raise _Mismatch(
            AssertionError,
            f"The (d)types do not match: {type(actual)} != {type(expected)}.",
            where,
        )
    rtol, atol = options["rtol"], options["atol"]
    if rtol is None:
        rtol, atol = default_tolerances(
            *(_NUMBER_DTYPES.get(type(x), "") for x in (actual, expected))
        )
    if actual == expected:
        return
    if options["equal_nan"] and cmath.isnan(actual) and cmath.isnan(expected):
        return
    diff = abs(actual - expected)
    if cmath.isfinite(diff) and diff <= atol + rtol * abs(expected):
        return
    raise _Mismatch(AssertionError, scalar_message(actual, expected, rtol, atol), where)


def _compare_values(a: Value, e: Value, where: tuple, options: dict) -> None:
    def mismatch(attribute: str, actual: object, expected: object) -> _Mismatch:
        return _Mismatch(
            AssertionError,
            f"The values for attribute '{attribute}' do not match: {actual} != {expected}.",
            where,
        )

    if a.array.shape != e.array.shape:
        raise mismatch("shape", a.shape_name, e.shape_name)
    if options["check_device"] and a.device != e.device:
        raise mismatch("device", a.device, e.device)
    same_dtype = (a.dtype or a.array.dtype.name) == (e.dtype or e.array.dtype.name)
    if options["check_dtype"] and not same_dtype:
        raise mismatch("dtype", a.dtype_name, e.dtype_name)
    rtol, atol = options["rtol"], options["atol"]
    if rtol is None:
        rtol, atol = default_tolerances(
            a.dtype or a.array.dtype.name, e.dtype or e.array.dtype.name
        )
    x, y = a.array, e.array
    if x.dtype != y.dtype:
        common = np.result_type(x, y)
        x, y = x.astype(common), y.astype(common)
    matches = _isclose(x, y, rtol, atol, options["equal_nan"])
    if matches.all():
        return
    if x.shape == ():
        message = scalar_message(x.item(), y.item(), rtol, atol)
    else:
        message = tensor_message(x, y, matches, rtol, atol)
    raise _Mismatch(AssertionError, message, where)


def _isclose(x: np.ndarray, y: np.ndarray, rtol, atol, equal_nan) -> np.ndarray:
    """torch.isclose: equal values (infinities too) or |x - y| <= atol + rtol|y|."""
    if x.dtype.kind in "biu" or (rtol == 0 and atol == 0):
        same = x == y
        if equal_nan and x.dtype.kind in "fc":
            same |= np.isnan(x) & np.isnan(y)
        return np.asarray(same)
    with np.errstate(all="ignore"):
        close = np.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)
    return np.asarray(close | (x == y))


def _message(identifier: str, extra: str, abs_diff, rel_diff, rtol, atol) -> str:
    equality = rtol == 0 and atol == 0
    text = f"{identifier} are not {'equal' if equality else 'close'}!\n\n{extra}\n"
    for kind, (diff, index), tol in (
        ("absolute", abs_diff, atol),
        ("relative", rel_diff, rtol),
    ):
        if index is None:
            text += f"{kind.title()} difference: {diff}"
        else:
            text += f"Greatest {kind} difference: {diff} at index {index}"
        text += "\n" if equality else f" (up to {tol} allowed)\n"
    return text.strip()


def scalar_message(actual, expected, rtol: float, atol: float) -> str:
    """torch's 'Scalars are not close!' message."""
    diff = abs(actual - expected)
    rel = float("inf") if expected == 0 else diff / abs(expected)
    return _message(
        "Scalars",
        f"Expected {expected} but got {actual}.",
        (diff, None),
        (rel, None),
        rtol,
        atol,
    )


def tensor_message(x, y, matches: np.ndarray, rtol: float, atol: float) -> str:
    """torch's 'Tensor-likes are not close!' message: counts, worst differences."""
    total, bad = matches.size, int(matches.size - matches.sum())
    extra = f"Mismatched elements: {bad} / {total} ({bad / total:.1%})"
    xf, yf, ok = x.ravel(), y.ravel(), matches.ravel()
    if xf.dtype.kind in "biu":
        xf, yf = xf.astype(np.int64), yf.astype(np.int64)
    with np.errstate(all="ignore"):
        abs_diff = np.abs(xf - yf)
        abs_diff[ok] = 0
        rel_diff = abs_diff / np.abs(yf)
    if xf.dtype.kind in "biu":  # NOTE: matches torch: int / int is float32
        rel_diff = rel_diff.astype(np.float32)
    rel_diff[ok] = 0

    def worst(diff: np.ndarray) -> tuple[object, tuple[int, ...]]:
        # NOTE: matches torch.max: a nan is the maximum
        i = (
            int(np.argmax(np.isnan(diff)))
            if np.isnan(diff).any()
            else int(np.argmax(diff))
        )
        index = tuple(int(j) for j in np.unravel_index(i, matches.shape))
        return diff[i].item(), index

    return _message("Tensor-likes", extra, worst(abs_diff), worst(rel_diff), rtol, atol)
