"""nn.functional's nll_loss and cross_entropy: torch's graphs, checks and messages."""

from __future__ import annotations

import numpy as np

from minigrad import ops
from minigrad.dtypes import scalar_type_name
from minigrad.engine import grad_mode
from minigrad.nn._loss_signature import torch_loss
from minigrad.nn._reduction import _legacy_get_string, _reduction
from minigrad.tensor import Tensor, _wrap, apply

_TARGET_DTYPES = (np.dtype(np.int64), np.dtype(np.uint8))


# NOTE: a loss's def lists torch's parameters in torch's order; @torch_loss gives
# them torch's defaults and types (nn/_loss_signature.py), and returns the def itself


@torch_loss()
def nll_loss(
    input, target, weight, size_average, ignore_index, reduce, reduction
) -> Tensor:
    """-weight[t] * input[n, t] for each class index t, reduced (mean: by the weights' sum)."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_get_string(size_average, reduce)
    _require_tensors("nll_loss_nd", input, target, weight)
    reduction = _reduction(reduction, None, None)
    return _nll_loss_nd(input, target, weight, reduction, ignore_index)


@torch_loss()
def cross_entropy(
    input,
    target,
    weight,
    size_average,
    ignore_index,
    reduce,
    reduction,
    label_smoothing,
) -> Tensor:
    """log_softmax over the class dim, then nll_loss (class indices) or
    -sum(target * log_softmax) (class probabilities: target shaped as input)."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_get_string(size_average, reduce)
    _require_tensors("cross_entropy_loss", input, target, weight)
    if not isinstance(ignore_index, int) or isinstance(ignore_index, bool):
        raise TypeError(
            f"cross_entropy_loss(): argument 'ignore_index' (position 5) must be int, not {type(ignore_index).__name__}"
        )
    reduction = _reduction(reduction, None, None)
    x, t = input._data, target._data
    class_dim = 0 if x.ndim == 1 else 1
    if x.shape == t.shape:
        if t.dtype.kind != "f":
            raise RuntimeError(
                f"Expected floating point type for target with class probabilities, got {scalar_type_name(t.dtype)}"
            )
        if ignore_index >= 0:
            raise RuntimeError(
                "ignore_index is not supported for floating point target"
            )
        return _cross_entropy_probabilities(
            input, target, weight, reduction, label_smoothing
        )
    if label_smoothing > 0:
        _check_smoothing(label_smoothing)
        return _cross_entropy_smoothed(
            input, target, weight, reduction, ignore_index, label_smoothing
        )
    return _nll_loss_nd(
        input.log_softmax(class_dim), target, weight, reduction, ignore_index
    )


# --- nll_loss over any number of dims (torch's nll_loss_nd) ----------------------------


def _nll_loss_nd(
    input: Tensor, target: Tensor, weight, reduction: str, ignore_index: int
) -> Tensor:
    x, t = input._data, target._data
    if x.ndim < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {x.ndim})")
    if x.ndim != 1 and x.shape[0] != (t.shape[0] if t.ndim else 0):
        raise ValueError(
            f"Expected input batch_size ({x.shape[0]}) to match target batch_size ({t.shape[0] if t.ndim else 0})."
        )
    if x.ndim <= 2:
        return _nll_loss(input, target, weight, reduction, ignore_index, spatial=False)
    if x.ndim == 4:
        return _nll_loss(input, target, weight, reduction, ignore_index, spatial=True)
    n, c = x.shape[:2]
    out_size = (n, *x.shape[2:])
    if t.shape[1:] != x.shape[2:]:
        raise RuntimeError(
            f"Expected target size {list(out_size)}, got {list(t.shape)}"
        )
    # NOTE: matches torch: other dims are viewed as (N, C, 1, -1) for nll_loss2d
    flat = (
        input.contiguous().view(n, c, 1, -1)
        if x.size
        else input.contiguous().view(n, c, 0, 0)
    )
    t_flat = t.reshape((n, 1, -1) if t.size else (n, 0, 0))
    out = _nll_loss(flat, t_flat, weight, reduction, ignore_index, spatial=True)
    return out.view(out_size) if reduction == "none" else out


def _nll_loss(
    input: Tensor, target, weight, reduction: str, ignore_index: int, spatial: bool
) -> Tensor:
    """One NllLoss node (NllLoss2DBackward0 for 4-d input), after torch's checks in its order."""
    x = input._data
    t = target._data if isinstance(target, Tensor) else target
    w = None if weight is None else weight._data
    name = "nll_loss2d_forward" if spatial else "nll_loss_forward"
    if weight is not None and weight._requires_grad and grad_mode.state.enabled:
        raise RuntimeError(
            f"The function '{name}' is not differentiable with respect to argument 'weight'. This input cannot have requires_grad True."
        )
    if spatial:
        _check_spatial(x, t, w)
    else:
        _check_flat(x, t, w)
    if t.dtype not in _TARGET_DTYPES:
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {scalar_type_name(t.dtype)}"
        )
    if x.dtype.kind != "f":
        kernel = "nll_loss2d_forward_out_frame" if spatial else "nll_loss_out_frame"
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{scalar_type_name(x.dtype)}'"
        )
    if w is not None and w.dtype != x.dtype:
        raise RuntimeError(
            f"expected scalar type {scalar_type_name(x.dtype)} but found {scalar_type_name(w.dtype)}"
        )
    node = "NllLoss2DBackward0" if spatial else "NllLossBackward0"
    return apply(
        ops.NllLoss,
        input,
        target=t,
        weight=w,
        reduction=reduction,
        ignore_index=ignore_index,
        name=node,
    )


def _check_flat(x: np.ndarray, t: np.ndarray, w: np.ndarray | None) -> None:
    if t.ndim > 1:
        raise RuntimeError(
            "0D or 1D target tensor expected, multi-target not supported"
        )
    if x.ndim == 1 and t.ndim == 1 and t.shape[0] != 1:
        raise ValueError(
            f"For 1D input, 1D target must have size 1, but got target size: {t.shape[0]}"
        )
    if x.ndim == 2 and x.shape[0] != t.shape[0]:
        raise RuntimeError(
            f"size mismatch (got input: {list(x.shape)}, target: {list(t.shape)})"
        )
    classes = x.shape[-1]
    if w is not None and (w.ndim != 1 or w.size != classes):
        raise RuntimeError(
            f"weight tensor should be defined either for all {classes} classes or no classes but got weight tensor of shape: {list(w.shape)}"
        )


def _check_spatial(x: np.ndarray, t: np.ndarray, w: np.ndarray | None) -> None:
    if t.ndim != 3:
        raise RuntimeError(
            f"only batches of spatial targets supported (3D tensors) but got targets of dimension: {t.ndim}"
        )
    if w is not None and w.size != x.shape[1]:
        raise RuntimeError(
            "weight tensor should be defined either for all or no classes"
        )
    if x.shape[0] != t.shape[0] or x.shape[2:] != t.shape[1:]:
        raise RuntimeError(
            f"size mismatch (got input: {list(x.shape)} , target: {list(t.shape)}"
        )


# --- cross_entropy's other two paths (torch's composite graphs) -------------------------


def _check_smoothing(label_smoothing: float) -> None:
    if label_smoothing > 1.0:
        raise RuntimeError(
            f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}"
        )


def _class_view(weight: Tensor, ndim: int, class_dim: int) -> Tensor:
    """weight shaped to broadcast along the class dim of an ndim-d input."""
    if ndim <= 1:
        return weight
    return weight.view(
        [weight._data.shape[0] if d == class_dim else 1 for d in range(ndim)]
    )


def _cross_entropy_probabilities(
    input: Tensor, target: Tensor, weight, reduction: str, label_smoothing: float
) -> Tensor:
    x = input._data
    class_dim = 0 if x.ndim == 1 else 1
    classes = input.size(class_dim)
    if weight is not None and (weight._data.ndim != 1 or weight._data.size != classes):
        raise RuntimeError(
            f"cross_entropy: weight tensor should be defined either for all {classes} classes or no classes but got weight tensor of shape: {list(weight._data.shape)}"
        )
    logp = input.log_softmax(class_dim)
    if label_smoothing > 0:
        _check_smoothing(label_smoothing)
        scaled = apply(ops.MulScalar, target, s=1 - label_smoothing)
        target = apply(ops.AddScalar, scaled, s=label_smoothing / classes)
    terms = logp * target
    if weight is not None:
        terms = terms * _class_view(weight, x.ndim, class_dim)
    if reduction == "none":
        return -terms.sum(class_dim)
    total = -terms.sum()
    if reduction == "sum":
        return total
    if not x.size:  # NOTE: matches torch: the mean over no elements is nan
        return apply(ops.MulScalar, total, s=float("nan"))
    return apply(ops.DivScalar, total, s=x.size // classes)


def _cross_entropy_smoothed(
    input: Tensor,
    target: Tensor,
    weight,
    reduction: str,
    ignore_index: int,
    label_smoothing: float,
) -> Tensor:
    x = input._data
    class_dim = 0 if x.ndim == 1 else 1
    classes = input.size(class_dim)
    logp = input.log_softmax(class_dim)
    nll = _nll_loss_nd(logp, target, weight, reduction, ignore_index)
    ignored = target._data == ignore_index
    terms = logp if weight is None else logp * _class_view(weight, x.ndim, class_dim)
    smooth = apply(ops.MaskedFillScalar, -terms.sum(class_dim), mask=ignored, value=0.0)
    if reduction == "mean":
        if weight is None:
            count = _wrap(np.asarray((~ignored).sum(), np.int64))
        else:
            kept = target._data[~ignored].reshape(-1)
            count = _wrap(np.asarray(weight._data[kept].sum(dtype=weight._data.dtype)))
        smooth = apply(ops.DivCount, smooth.sum(), count, dtype=x.dtype)
    elif reduction == "sum":
        smooth = smooth.sum()
    return apply(ops.MulScalar, nll, s=1 - label_smoothing) + apply(
        ops.MulScalar, smooth, s=label_smoothing / classes
    )


def _require_tensors(function: str, input, target, weight) -> None:
    for position, (name, value) in enumerate(
        (("input", input), ("target", target), ("weight", weight)), 1
    ):
        if not isinstance(value, Tensor) and not (name == "weight" and value is None):
            raise TypeError(
                f"{function}(): argument '{name}' (position {position}) must be Tensor, not {type(value).__name__}"
            )
