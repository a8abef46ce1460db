"""F.pdist: the p-norm distances between the rows of a matrix, checked as torch."""

from __future__ import annotations

from minigrad.nn._loss_checks import _require_tensor
from minigrad.ops.pdist import Pdist
from minigrad.tensor import Tensor, apply


def pdist(input: Tensor, p: float = 2) -> Tensor:
    """||x[i] - x[j]||_p for every pair of rows i < j, in row-major order."""
    _require_tensor("pdist", input)
    if input.dim() != 2:
        raise RuntimeError(f"pdist only supports 2D tensors, got: {input.dim()}D")
    if not input.is_floating_point():
        raise RuntimeError("pdist only supports floating-point dtypes")
    if p < 0:
        raise RuntimeError("pdist only supports non-negative p values")
    return apply(Pdist, input, p=float(p))
