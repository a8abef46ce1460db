"""nn.functional's regression and margin losses, built as torch builds them (same graphs)."""

from __future__ import annotations

import math
import warnings

import numpy as np

from minigrad import ops
from minigrad._broadcast import broadcast_shape
from minigrad.engine import grad_mode
from minigrad.math import where
from minigrad.nn._loss_checks import (
    _broadcast_pair,
    _not_differentiable,
    _require_size,
    _require_tensor,
    _size_warning,
    _torch_name,
)
from minigrad.nn._loss_signature import torch_loss
from minigrad.nn._reduction import _REDUCTIONS, _legacy_get_string, _reduction
from minigrad.tensor import Tensor, apply

__all__ = [
    "l1_loss",
    "smooth_l1_loss",
    "huber_loss",
    "soft_margin_loss",
    "multi_margin_loss",
    "kl_div",
    "poisson_nll_loss",
    "gaussian_nll_loss",
    "hinge_embedding_loss",
    "margin_ranking_loss",
    "cosine_embedding_loss",
    "multilabel_margin_loss",
    "multilabel_soft_margin_loss",
    "triplet_margin_loss",
]


def _warn_size(input: Tensor, target: Tensor) -> None:
    """torch's warning for a target whose size differs from the input's."""
    _require_size(target, input)
    if target.size() != input.size():
        warnings.warn(_size_warning(input.shape, target.shape), stacklevel=3)


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    """torch's apply_loss_reduction: MeanBackward0, SumBackward0 or the loss itself."""
    if reduction == "mean":
        return loss.mean()
    return loss.sum() if reduction == "sum" else loss


def _weighted(loss: Tensor, weight: Tensor, input: Tensor, reduction: str, mean):
    """l1_loss and huber_loss with a weight: loss * weight, then reduced."""
    if weight.size() != input.size():
        raise ValueError("Weights and input must have the same size.")
    loss = loss * weight
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return mean(loss)
    raise ValueError(
        f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'."
    )


def _float_op(name: str, *arrays: np.ndarray) -> None:
    """A CPU kernel's dtype check: floating inputs only (after promotion)."""
    dtype = np.result_type(*arrays)
    if dtype.kind != "f":
        raise NotImplementedError(
            f"\"{name}\" not implemented for '{_torch_name(np.empty(0, dtype))}'"
        )


# NOTE: a loss's def lists torch's parameters in torch's order; @torch_loss gives
# them torch's defaults and types (nn/_loss_signature.py), and returns the def itself


@torch_loss()
def l1_loss(input, target, size_average, reduce, reduction, weight) -> Tensor:
    """|input - target|, reduced: MeanBackward0 <- AbsBackward0 <- SubBackward0."""
    _warn_size(input, target)
    if size_average is not None or reduce is not None:
        reduction = _legacy_get_string(size_average, reduce)
    input_, target_ = _broadcast_pair(input, target)
    if weight is not None:
        loss = (input_ - target_).abs()
        return _weighted(
            loss, weight, input, reduction, lambda w: w.sum() / weight.sum()
        )
    reduction = _reduction(reduction, None, None)
    loss = (input_ - target_).abs()
    if reduction != "none" and loss._data.dtype.kind != "f":
        raise RuntimeError(
            f"mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {_torch_name(loss._data)}"
        )
    return _reduce(loss, reduction)


@torch_loss(beta=1.0)
def smooth_l1_loss(input, target, size_average, reduce, reduction, beta) -> Tensor:
    """0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta: SmoothL1LossBackward0."""
    _warn_size(input, target)
    if size_average is not None or reduce is not None:
        reduction = _legacy_get_string(size_average, reduce)
    input_, target_ = _broadcast_pair(input, target)
    if beta == 0.0:  # NOTE: matches torch: an L1 loss
        return l1_loss(input_, target_, reduction=reduction)
    reduction = _reduction(reduction, None, None)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    _float_op("smooth_l1_cpu", input._data, target._data)
    return apply(
        ops.SmoothL1Loss, input_, target_, reduction=reduction, beta=float(beta)
    )


@torch_loss(delta=1.0)
def huber_loss(input, target, reduction, delta, weight) -> Tensor:
    """0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta): HuberLossBackward0."""
    _warn_size(input, target)
    input_, target_ = _broadcast_pair(input, target)
    if weight is not None:
        loss = _huber(input_, target_, "none", delta)
        return _weighted(loss, weight, input, reduction, lambda w: w.mean())
    return _huber(input_, target_, _reduction(reduction, None, None), delta)


def _huber(x: Tensor, t: Tensor, reduction: str, delta: float) -> Tensor:
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    _float_op("huber_cpu", x._data)
    return apply(ops.HuberLoss, x, t, reduction=reduction, delta=float(delta))


@torch_loss()
def soft_margin_loss(input, target, size_average, reduce, reduction) -> Tensor:
    """ln(1 + exp(-target * input)), reduced: SoftMarginLossBackward0."""
    reduction = _reduction(reduction, size_average, reduce)
    _require_tensor("soft_margin_loss", input)
    _require_tensor("soft_margin_loss", target, "target", 2)
    x, t = input._data, target._data
    if x.dtype.kind != "f":
        raise RuntimeError(
            f"result type Float can't be cast to the desired output type {_torch_name(x)}"
        )
    shape = broadcast_shape(x.shape, t.shape)
    if shape != x.shape:
        raise RuntimeError(
            f"output with shape {list(x.shape)} doesn't match the broadcast shape {list(shape)}"
        )
    _not_differentiable(target, "soft_margin_loss", "target")
    t = np.broadcast_to(t, x.shape).astype(x.dtype, copy=False)
    return apply(ops.SoftMarginLoss, input, t=t, reduction=reduction)


@torch_loss(p=1, margin=1.0)
def multi_margin_loss(
    input, target, p: int, margin, weight, size_average, reduce, reduction
) -> Tensor:
    """sum over i != y of max(0, margin - x[y] + x[i])^p * weight[y] / C, per sample."""
    reduction = _reduction(reduction, size_average, reduce)
    if p != 1 and p != 2:
        raise ValueError("only p == 1 and p == 2 supported")
    if weight is not None and weight.dim() != 1:
        raise ValueError("weight must be one-dimensional")
    _require_tensor("multi_margin_loss", input)
    _require_tensor("multi_margin_loss", target, "target", 2)
    x, y = input._data, target._data
    classes = _margin_classes(x)
    rows = x.shape[0] if x.ndim == 2 else 1
    if y.ndim > 1 or y.size != rows:
        raise RuntimeError(
            f"multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch size). Expected target size [{rows}], but got {list(y.shape)}. Input has shape {list(x.shape)}."
        )
    _check_margin_dtypes("multi_margin_loss_cpu_kernel", x, y)
    w = None
    if weight is not None:
        _not_differentiable(weight, "multi_margin_loss", "weight")
        w = weight._data
        if w.size != classes:
            raise RuntimeError(
                f"inconsistent weight size, expected {classes} but got {list(w.shape)}"
            )
        if w.dtype != x.dtype:
            raise RuntimeError(
                f"expected scalar type {_torch_name(x)} but found {_torch_name(w)}"
            )
    if y.size and (y.min() < 0 or y.max() >= classes):
        raise RuntimeError("target out of range")
    return apply(
        ops.MultiMarginLoss,
        input,
        target=y,
        p=p,
        margin=margin,
        weight=w,
        reduction=reduction,
    )


@torch_loss()
def multilabel_margin_loss(input, target, size_average, reduce, reduction) -> Tensor:
    """sum over the target's labels j (up to the first -1) and the other classes i
    of max(0, 1 - x[j] + x[i]) / C, per sample."""
    reduction = _reduction(reduction, size_average, reduce)
    _require_tensor("multilabel_margin_loss", input)
    _require_tensor("multilabel_margin_loss", target, "target", 2)
    x, y = input._data, target._data
    classes = _margin_classes(x)
    if y.shape != x.shape:
        raise RuntimeError(
            f"inconsistent target size: {list(y.shape)} for input of size: {list(x.shape)}"
        )
    _check_margin_dtypes("multilabel_margin_loss_forward_out_frame", x, y)
    if y.size and (y.min() < -1 or y.max() >= classes):
        raise RuntimeError("argument #2 'target' is out of range")
    return apply(ops.MultilabelMarginLoss, input, target=y, reduction=reduction)


def _margin_classes(x: np.ndarray) -> int:
    """The class count of a margin loss's input: a vector or a batch of them."""
    if x.ndim > 2 or (x.ndim and not x.size):
        raise RuntimeError(
            f"Expected non-empty vector or matrix with optional 0-dim batch size, but got: {list(x.shape)}"
        )
    return x.shape[-1] if x.ndim else 1


def _check_margin_dtypes(kernel: str, x: np.ndarray, y: np.ndarray) -> None:
    if x.dtype.kind != "f":
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{_torch_name(x)}'"
        )
    if y.dtype != np.int64:
        raise RuntimeError(f"expected scalar type Long but found {_torch_name(y)}")


@torch_loss()
def kl_div(input, target, size_average, reduce, reduction, log_target) -> Tensor:
    """target (log target - input), pointwise, reduced ('batchmean': sum / batch)."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_get_string(size_average, reduce)
    elif reduction == "mean":
        warnings.warn(
            "reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.",
            stacklevel=2,
        )
    inner = _reduction("sum" if reduction == "batchmean" else reduction, None, None)
    _require_tensor("kl_div", input)
    _require_tensor("kl_div", target, "target", 2)
    if log_target:
        loss = target.exp() * (target - input)
    else:
        loss = target.xlogy(target) - target * input
    reduced = _reduce(loss, inner)
    if reduction == "batchmean" and input.dim() != 0:
        # NOTE: matches torch: an empty batch gives nan, silently
        reduced = apply(ops.DivCount, reduced, input.size()[0])
    return reduced


@torch_loss(eps=1e-8)
def poisson_nll_loss(
    input, target, log_input, full, size_average, eps, reduce, reduction
) -> Tensor:
    """exp(input) - target * input (log_input), or input - target * log(input + eps);
    with ``full``, Stirling's term where target > 1."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_get_string(size_average, reduce)
    if reduction not in _REDUCTIONS:
        raise ValueError(reduction + " is not a valid value for reduction")
    _require_tensor("poisson_nll_loss", input)
    _require_tensor("poisson_nll_loss", target, "target", 2)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if log_input:
            loss = input.exp() - target * input
        else:
            loss = input - target * apply(ops.AddScalar, input, s=eps).log()
        if full:
            scaled = apply(ops.MulScalar, target, s=2 * math.pi)
            half_log = apply(ops.MulScalar, scaled.log(), s=0.5)
            stirling = target * target.log() - target + half_log
            loss = loss + stirling.masked_fill(target <= 1, 0)
    return _reduce(loss, reduction)


@torch_loss(eps=1e-6)
def gaussian_nll_loss(input, target, var, full, eps, reduction) -> Tensor:
    """0.5 (log(max(var, eps)) + (input - target)^2 / max(var, eps)), reduced."""
    if isinstance(var, float):
        if var < 0:
            raise ValueError("var has negative entry/entries")
        var = var * input.new_ones(input.shape)
    elif not isinstance(var, Tensor):
        # NOTE: matches torch: a non-float number reaches torch.any(var < 0) and fails there
        raise TypeError(
            f"gaussian_nll_loss(): var must be a Tensor or a float, not {type(var).__name__}"
        )
    elif bool((var._data < 0).any()):
        raise ValueError("var has negative entry/entries")
    if var.size() != input.size():
        if input.size()[:-1] == var.size():
            var = var.unsqueeze(-1)
        elif not (
            input.dim() == var.dim()
            and sum(b for a, b in zip(input.size(), var.size()) if a != b) == 1
        ):
            raise ValueError("var is of incorrect size")
    if reduction not in _REDUCTIONS:
        raise ValueError(reduction + " is not valid")
    var = var.clone()
    with grad_mode.no_grad():
        var.clamp_(min=eps)
    loss = 0.5 * (var.log() + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce(loss, reduction)


def _scalar_like(value: float, like: Tensor) -> Tensor:
    """A number as torch's wrapped-number tensor: 0-d, in ``like``'s dtype, no grad."""
    return Tensor(np.asarray(value, dtype=like._data.dtype))


@torch_loss(margin=0.0)
def margin_ranking_loss(
    input1, input2, target, margin, size_average, reduce, reduction
) -> Tensor:
    """max(0, -target * (input1 - input2) + margin), reduced."""
    reduction = _reduction(reduction, size_average, reduce)
    if input1.dim() != input2.dim() or input1.dim() != target.dim():
        raise RuntimeError(
            f"margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: {input1.size()}, input2: {input2.size()}, target: {target.size()} "
        )
    scaled = -target * (input1 - input2)
    return _reduce(apply(ops.AddScalar, scaled, s=margin).clamp_min(0), reduction)


@torch_loss(margin=1.0)
def hinge_embedding_loss(
    input, target, margin, size_average, reduce, reduction
) -> Tensor:
    """input where target is 1, max(0, margin - input) where it is -1, reduced."""
    reduction = _reduction(reduction, size_average, reduce)
    zeros = input.new_zeros(input.shape)
    margin_clamp = (_scalar_like(margin, input) - input).clamp_min(0)
    output_margin = where(target != 1, margin_clamp, zeros)
    output_self = where(target != -1, input, zeros)
    return _reduce(output_margin + output_self, reduction)


@torch_loss(margin=0.0)
def cosine_embedding_loss(
    input1, input2, target, margin, size_average, reduce, reduction
) -> Tensor:
    """1 - cos(x1, x2) where target is 1, max(0, cos(x1, x2) - margin) where -1."""
    reduction = _reduction(reduction, size_average, reduce)
    dim = target.dim()
    if dim not in (0, 1):
        raise RuntimeError(
            "0D or 1D target tensor expected, multi-target not supported"
        )
    if (input1.dim(), input2.dim()) != (dim + 1, dim + 1):
        raise RuntimeError(
            f"{dim}D target tensor expects {dim + 1}D input tensors, but found inputs with sizes {list(input1.shape)} and {list(input2.shape)}."
        )
    prod_sum = (input1 * input2).sum(dim)
    mag_square1 = apply(ops.AddScalar, (input1 * input1).sum(dim), s=1e-12)
    mag_square2 = apply(ops.AddScalar, (input2 * input2).sum(dim), s=1e-12)
    cos = prod_sum / (mag_square1 * mag_square2).sqrt()
    zeros = cos.new_zeros(cos.shape)
    pos = _scalar_like(1, cos) - cos
    neg = apply(ops.SubScalar, cos, s=margin).clamp_min(0)
    output = where(target == 1, pos, zeros) + where(target == -1, neg, zeros)
    return _reduce(output, reduction)


@torch_loss()
def multilabel_soft_margin_loss(
    input, target, weight, size_average, reduce, reduction
) -> Tensor:
    """-(y log sigmoid(x) + (1 - y) log sigmoid(-x)), weighted, averaged over classes."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_get_string(size_average, reduce)
    # NOTE: nn's activations part provides logsigmoid (imported when first used)
    from minigrad.nn._activations_more import logsigmoid

    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    class_dim = input.dim() - 1
    loss = loss.sum(dim=class_dim) / input.size(class_dim)
    if reduction not in _REDUCTIONS:
        raise ValueError(reduction + " is not valid")
    return _reduce(loss, reduction)


@torch_loss(margin=1.0, p=2, eps=1e-6)
def triplet_margin_loss(
    anchor, positive, negative, margin, p, eps, swap, size_average, reduce, reduction
) -> Tensor:
    """max(0, margin + d(a, p) - d(a, n)) with pairwise p-norm distances, reduced."""
    reduction = _reduction(reduction, size_average, reduce)
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    dims = (anchor.dim(), positive.dim(), negative.dim())
    if len(set(dims)) != 1:
        raise RuntimeError(
            f"The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor {dims[0]}D, positive {dims[1]}D, and negative {dims[2]}D inputs"
        )
    # NOTE: nn's distances part provides pairwise_distance (imported when first used)
    from minigrad.nn._distance import pairwise_distance

    dist_pos = pairwise_distance(anchor, positive, p, eps)
    dist_neg = pairwise_distance(anchor, negative, p, eps)
    if swap:
        dist_neg = dist_neg.minimum(pairwise_distance(positive, negative, p, eps))
    output = apply(ops.AddScalar, dist_pos, s=margin) - dist_neg
    return _reduce(output.clamp_min(0), reduction)
