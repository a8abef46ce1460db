"""F.bilinear: x1^T A x2 + b over the last dims, one TrilinearBackward0 node between views, as torch."""

from __future__ import annotations

from minigrad.nn._conv_functional import _c_name
from minigrad.nn._loss_checks import _require_tensor
from minigrad.ops.trilinear import Trilinear
from minigrad.tensor import Tensor, apply


def bilinear(
    input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | None = None
) -> Tensor:
    """y[..., o] = sum_ij input1[..., i] weight[o, i, j] input2[..., j] + bias[o]."""
    _require_tensor("bilinear", input1, "input1", 1)
    _require_tensor("bilinear", input2, "input2", 2)
    _require_tensor("bilinear", weight, "weight", 3)
    if input1.dim() != input2.dim():
        raise RuntimeError(
            f"bilinear(): input dimensions do not match: got {input1.dim()} and {input2.dim()}"
        )
    for d in range(input1.dim() - 1):
        if input1.shape[d] != input2.shape[d]:
            raise RuntimeError(
                f"bilinear(): input batch dimensions do not match at dim {d}: got {input1.shape[d]} and {input2.shape[d]}"
            )
    for which, x, k in (("input1", input1, 1), ("input2", input2, 2)):
        if x.shape[-1] != weight.shape[k]:
            raise RuntimeError(
                f"bilinear(): {which} size does not match weight size: got {x.shape[-1]} but expected {weight.shape[k]}"
            )
    if bias is not None and bias.shape[-1] != weight.shape[0]:
        raise RuntimeError(
            f"bilinear(): bias size does not match weight size: got {bias.shape[-1]} but expected {weight.shape[0]}"
        )
    kinds = {"input1": input1, "input2": input2, "weight": weight}
    if len({t.dtype for t in kinds.values()}) > 1:
        got = ", ".join(f"{k}: {_c_name(t._data.dtype)}" for k, t in kinds.items())
        raise RuntimeError(f"All tensors must have the same dtype, got {got}")
    lead = tuple(input1.shape[:-1])
    x1 = input1.view(-1, input1.shape[-1])
    x2 = input2.view(-1, input2.shape[-1])
    y = apply(Trilinear, x1, weight, x2).view(*lead, weight.shape[0])
    return y if bias is None else y + bias
