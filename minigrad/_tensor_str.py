"""Tensor printing in torch's format: ``tensor([[1., 2.]], grad_fn=<MulBackward0>)``."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from minigrad import dtypes

# torch's default print options (torch.set_printoptions is not part of minigrad)
PRECISION = 4
THRESHOLD = 1000  # more elements than this: summarise with "..."
EDGEITEMS = 3  # elements kept at each end of a summarised dimension
LINEWIDTH = 80


class _Formatter:
    """One number format and one column width shared by every element."""

    def __init__(self, array: np.ndarray) -> None:
        self.floating = array.dtype.kind == "f"
        self.int_mode = True  # floats that are all whole numbers print as "3."
        self.sci_mode = False
        self.width = 1
        flat = array.reshape(-1)
        if not self.floating:
            self.width = max(len(str(value)) for value in flat.tolist())
            return
        # NOTE: matches torch: the mode and width come from the nonzero finite
        # values only, so 0., inf and nan may be wider than the column.
        shown = flat[np.isfinite(flat) & (flat != 0)]
        if shown.size == 0:
            return
        magnitude = np.abs(shown).astype(np.float64)
        smallest, largest = float(magnitude.min()), float(magnitude.max())
        self.int_mode = bool(np.all(shown == np.ceil(shown)))
        self.sci_mode = (
            largest / smallest > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4
        )
        if self.sci_mode:
            spec, extra = f".{PRECISION}e", 0
        elif self.int_mode:
            spec, extra = ".0f", 1  # room for the trailing "."
        else:
            spec, extra = f".{PRECISION}f", 0
        self.width = max(len(format(value, spec)) for value in shown.tolist()) + extra

    def format(self, value: Any) -> str:
        if not self.floating:
            text = str(value)
        elif self.sci_mode:
            text = format(value, f".{PRECISION}e")
        elif self.int_mode:
            text = format(value, ".0f")
            if math.isfinite(value):
                text += "."
        else:
            text = format(value, f".{PRECISION}f")
        return text.rjust(self.width)


def _summarized(array: np.ndarray) -> np.ndarray:
    """The elements a summarised print shows: the edge items of every dimension."""
    index = [
        np.r_[0:EDGEITEMS, n - EDGEITEMS : n] if n > 2 * EDGEITEMS else np.arange(n)
        for n in array.shape
    ]
    return array[np.ix_(*index)]


def _edge_rows(n: int, summarize: bool) -> list[int | None]:
    """Row indices to print, None standing for the "..." row."""
    if summarize and n > 2 * EDGEITEMS:
        return [*range(EDGEITEMS), None, *range(n - EDGEITEMS, n)]
    return list(range(n))


def _vector_str(
    array: np.ndarray, indent: int, summarize: bool, formatter: _Formatter
) -> str:
    # NOTE: matches torch: line breaks count formatter.width + 2 per element,
    # even where an element (0., inf) prints wider than the column.
    per_line = max(1, (LINEWIDTH - indent) // (formatter.width + 2))
    if summarize and len(array) > 2 * EDGEITEMS:
        head, tail = array[:EDGEITEMS].tolist(), array[-EDGEITEMS:].tolist()
        items = [*map(formatter.format, head), " ...", *map(formatter.format, tail)]
    else:
        items = [formatter.format(value) for value in array.tolist()]
    lines = [
        ", ".join(items[start : start + per_line])
        for start in range(0, len(items), per_line)
    ]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _nested_str(
    array: np.ndarray, indent: int, summarize: bool, formatter: _Formatter
) -> str:
    if array.ndim == 0:
        return formatter.format(array.item())
    if array.ndim == 1:
        return _vector_str(array, indent, summarize, formatter)
    rows = [
        "..." if i is None else _nested_str(array[i], indent + 1, summarize, formatter)
        for i in _edge_rows(array.shape[0], summarize)
    ]
    separator = "," + "\n" * (array.ndim - 1) + " " * (indent + 1)
    return "[" + separator.join(rows) + "]"


def _data_str(array: np.ndarray, indent: int) -> str:
    summarize = array.size > THRESHOLD
    formatter = _Formatter(_summarized(array) if summarize else array)
    return _nested_str(array, indent, summarize, formatter)


_RENAME_EXTRA = len("minigrad.") - len("torch.")


def _torch_length(suffix: str) -> int:
    # NOTE: suffixes are measured as torch spells them ("dtype=torch.float64"),
    # so lines wrap where torch's do and the text is torch's, renamed.
    return len(suffix) - suffix.count("minigrad.") * _RENAME_EXTRA


def _add_suffixes(text: str, suffixes: list[str], indent: int) -> str:
    # NOTE: matches torch: the current line's length is measured as
    # len - rfind("\n") + 1, two more than its true length.
    line_length = len(text) - text.rfind("\n") + 1
    parts = [text]
    for suffix in suffixes:
        length = _torch_length(suffix)
        if line_length + length + 2 > LINEWIDTH:
            parts.append(",\n" + " " * indent + suffix)
            line_length = indent + length
        else:
            parts.append(", " + suffix)
            line_length += length + 2
    parts.append(")")
    return "".join(parts)


def tensor_repr(t: Any) -> str:
    """``repr(t)`` as torch prints it, dtypes shown as ``minigrad.float64``."""
    array, dtype = t._data, t.dtype
    prefix = "tensor("
    default = dtypes.get_default_dtype()
    suffixes = []
    if array.size == 0:
        if array.ndim != 1:
            suffixes.append(f"size={tuple(array.shape)}")
        # NOTE: matches torch: an empty tensor shows every non-default dtype,
        # int64 and bool included, since no element reveals it.
        if dtype is not default:
            suffixes.append(f"dtype={dtype!r}")
        text = "[]"
    else:
        if dtype not in (default, dtypes.int64, dtypes.bool):
            suffixes.append(f"dtype={dtype!r}")
        text = _data_str(array, len(prefix))
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{t.grad_fn.name()}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + text, suffixes, len(prefix))


def parameter_repr(t: Any) -> str:
    """``repr`` of an ``nn.Parameter``: ``Parameter containing:`` above the tensor."""
    return "Parameter containing:\n" + tensor_repr(t)
