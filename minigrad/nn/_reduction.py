"""Loss reductions: the reduction's name from torch's arguments (torch.nn._reduction)."""

from __future__ import annotations

import warnings

_REDUCTIONS = ("mean", "sum", "none")


def _reduction(reduction: str, size_average: bool | None, reduce: bool | None) -> str:
    """torch's _Reduction.get_enum, and legacy_get_string for the old flags."""
    if size_average is not None or reduce is not None:
        return _legacy_get_string(size_average, reduce)
    if reduction in _REDUCTIONS:
        return reduction
    if reduction == "elementwise_mean":
        warnings.warn(
            "reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.",
            stacklevel=3,
        )
        return "mean"
    raise ValueError(f"{reduction} is not a valid value for reduction")


def _legacy_get_string(size_average: bool | None, reduce: bool | None) -> str:
    """The reduction meant by the deprecated size_average / reduce flags."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = "none" if not reduce else ("mean" if size_average else "sum")
    warnings.warn(
        f"size_average and reduce args will be deprecated, please use reduction='{reduction}' instead.",
        stacklevel=3,
    )
    return reduction
