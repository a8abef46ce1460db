"""Indexing keys: index tensors become arrays, and torch's node name for the key."""

from __future__ import annotations

import numpy as np


def index_key(key) -> tuple:
    """Index arrays (Tensors already unwrapped by the caller) checked; returns
    (key, torch's node name)."""
    if type(key) is int:  # the common case: a dataset's x[i]
        return (key, Ellipsis), "SelectBackward0"
    if not isinstance(key, tuple):
        key = (key,)
    out, kinds = [], []
    for k in key:
        if isinstance(k, np.ndarray):
            if k.dtype.kind == "f":
                raise IndexError(
                    "tensors used as indices must be long, int, byte or bool tensors"
                )
            k = k if k.ndim or k.dtype.kind == "b" else int(k)
        if isinstance(k, (list, np.ndarray)):
            kinds.append("index")
        elif k is None:
            kinds.append("unsqueeze")
        elif isinstance(k, slice):
            if k.step is not None and k.step <= 0:
                raise ValueError("step must be greater than zero")
            kinds.append("slice")
        elif k is Ellipsis:
            kinds.append("alias")
        elif isinstance(k, (int, np.integer)) and not isinstance(k, bool):
            kinds.append("select")
        elif isinstance(k, bool):
            kinds.append("index")
        else:
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                "Variables are valid indices (got " + type(k).__name__ + ")"
            )
        out.append(k)
    if "alias" not in kinds and "index" not in kinds:
        out.append(Ellipsis)  # so that x[0] stays a (0-d) view, as torch's select
    if "index" in kinds:
        name = "IndexBackward0"
    else:
        last = [k for k in kinds if k != "alias"]
        name = (
            {
                "select": "SelectBackward0",
                "slice": "SliceBackward0",
                "unsqueeze": "UnsqueezeBackward0",
            }[last[-1]]
            if last
            else "AliasBackward0"
        )
    return tuple(out), name


def tensor_words(msg: str) -> str:
    return msg.replace("axis", "dimension").replace("array", "tensor")
