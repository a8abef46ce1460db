"""F.relu_: max(x, 0) written into x, as torch.relu_."""

from __future__ import annotations

from minigrad.nn._loss_checks import _require_tensor
from minigrad.tensor import Tensor


def relu_(input: Tensor) -> Tensor:
    """max(x, 0) in place (ReluBackward0, the input's version bumped)."""
    _require_tensor("relu_", input)
    return input.relu_()
