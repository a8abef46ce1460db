"""Flatten and Unflatten: layers that merge dims into one, or split one into several."""

from __future__ import annotations

from minigrad.nn._functional_module import functional_module


def _check_unflatten(dim: int, unflattened_size) -> None:
    """torch's TypeErrors for an unflattened_size that is not a tuple of ints."""
    if not isinstance(unflattened_size, (tuple, list)):
        raise TypeError(
            f"unflattened_size must be a tuple of ints, but found type {type(unflattened_size).__name__}"
        )
    for i, n in enumerate(unflattened_size):
        if not isinstance(n, int):
            raise TypeError(
                f"unflattened_size must be tuple of ints, but found element of type {type(n).__name__} at pos {i}"
            )


Flatten = functional_module(
    "Flatten",
    "flatten",
    "start_dim end_dim",
    doc="Merges dims start_dim..end_dim into one (by default all but the batch dim).",
    defaults={"start_dim": 1},
)
Unflatten = functional_module(
    "Unflatten",
    "unflatten",
    "dim unflattened_size",
    doc="Splits dim ``dim`` into ``unflattened_size`` (one entry may be -1).",
    check=_check_unflatten,
)
