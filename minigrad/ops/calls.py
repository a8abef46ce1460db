"""call: an op applied to arrays (its forward alone) or to Tensors (a recorded node)."""

from __future__ import annotations

from minigrad.ops.formula import is_array, record

__all__ = ["call"]


def call(op: type, *inputs, **params):
    """``op`` on the inputs: its forward alone on arrays, a recorded node when one
    is a Tensor (create_graph); the multi-input form of formula.run."""
    if all(x is None or is_array(x) for x in inputs):
        return object.__new__(op).forward(*inputs, **params)
    return record(op, *inputs, **params)
