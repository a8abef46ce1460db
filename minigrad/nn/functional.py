"""nn.functional: the layers' computations as functions, validating as torch does."""

from __future__ import annotations

import math
import warnings

import numpy as np

from minigrad import ops
from minigrad._broadcast import broadcast_shape
from minigrad._namespace import listing
from minigrad.engine import grad_mode
from minigrad.nn._activations import (  # noqa: F401  (re-exported)
    elu,
    elu_,
    leaky_relu,
    leaky_relu_,
    softplus,
)
from minigrad.nn._activations_more import *  # noqa: F403  (gelu, silu, ... softmin)
from minigrad.nn._attention import scaled_dot_product_attention  # noqa: F401
from minigrad.nn._bilinear_functional import bilinear  # noqa: F401
from minigrad.nn._conv_functional import *  # noqa: F403  (conv, pooling, pad, fold)
from minigrad.nn._conv_transpose_functional import *  # noqa: F403  (conv_transpose1d/2d)
from minigrad.nn._distance import *  # noqa: F403  (normalize, cosine_similarity, ...)
from minigrad.nn._dropout import *  # noqa: F403  (dropout, dropout1d/2d/3d, alpha)
from minigrad.nn._embedding_functional import embedding  # noqa: F401  (re-exported)
from minigrad.nn._gumbel_softmax import gumbel_softmax  # noqa: F401
from minigrad.nn._interpolate_functional import interpolate  # noqa: F401
from minigrad.nn._layer_norm_functional import layer_norm  # noqa: F401  (re-exported)
from minigrad.nn._loss_checks import (  # noqa: F401  (helpers shared with the losses)
    _broadcast_pair,
    _not_differentiable,
    _require_method,
    _require_size,
    _require_tensor,
    _size_warning,
    _torch_name,
)
from minigrad.nn._loss_functional import *  # noqa: F403  (l1_loss, kl_div, ... )
from minigrad.nn._loss_signature import torch_loss
from minigrad.nn._nll import cross_entropy, nll_loss  # noqa: F401
from minigrad.nn._norm_functional import batch_norm  # noqa: F401  (re-exported)
from minigrad.nn._norm_more_functional import *  # noqa: F403  (group_norm, ...)
from minigrad.nn._pdist import pdist  # noqa: F401  (re-exported)
from minigrad.nn._pixel_shuffle_functional import *  # noqa: F403  (pixel_shuffle, ...)
from minigrad.nn._pool1d_functional import *  # noqa: F403  (max_pool1d, ...)
from minigrad.nn._reduction import _REDUCTIONS, _reduction
from minigrad.nn._relu_inplace import relu_  # noqa: F401  (re-exported)
from minigrad.nn._softmax import log_softmax, one_hot, softmax  # noqa: F401
from minigrad.tensor import Tensor, apply

# --- layers and activations ---------------------------------------------------


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """input @ weight^T + bias: one graph node (AddmmBackward0 on 2-D input)."""
    try:
        x, w = input._data, weight._data
        b = None if bias is None else bias._data
    except AttributeError:
        _require_tensor("linear", input)
        _require_tensor("linear", weight, "weight", 2)
        _require_tensor("linear", bias, "bias", 3)  # the one left (not None here)
        raise
    # NOTE: the usual case costs a few attribute reads; odd or bad operands take
    # the slow path, which raises torch's error (a matmul shape mismatch is caught
    # as NumPy's ValueError below)
    odd = (
        x.dtype is not w.dtype
        or x.ndim == 0
        or w.ndim != 2
        or (
            b is not None
            and (b.dtype is not w.dtype or b.ndim != 1 or len(b) != len(w))
        )
    )
    if odd:
        _check_linear(x, w, b)
    try:
        if not odd and b is not None and x.ndim == 2:  # the usual layer: one addmm
            wt = apply(ops.Transpose, weight, d0=0, d1=1, name="TBackward0")
            return apply(ops.Linear, bias, input, wt)
        return _linear(input, weight, bias)
    except ValueError:
        _check_linear(x, w, b)
        raise


def sigmoid(input: Tensor) -> Tensor:
    """1 / (1 + exp(-x))."""
    _require_method(input, "sigmoid")
    return apply(ops.Sigmoid, input)


def tanh(input: Tensor) -> Tensor:
    _require_method(input, "tanh")
    return apply(ops.Tanh, input)


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """max(x, 0)."""
    _require_tensor("relu", input)
    if inplace:  # the result's values and graph node move into `input`
        return input._inplace(apply(ops.Relu, input))
    return apply(ops.Relu, input)


def _sigmoid(input: Tensor) -> Tensor:
    """torch.sigmoid (nn.Sigmoid calls it: a TypeError for a non-tensor)."""
    _require_tensor("sigmoid", input)
    return apply(ops.Sigmoid, input)


def _tanh(input: Tensor) -> Tensor:
    _require_tensor("tanh", input)
    return apply(ops.Tanh, input)


# --- losses -------------------------------------------------------------------


# NOTE: a loss's def lists torch's parameters in torch's order; @torch_loss gives
# them torch's defaults and types (nn/_loss_signature.py), and returns the def itself


@torch_loss()
def mse_loss(input, target, size_average, reduce, reduction, weight) -> Tensor:
    """(input - target)^2, reduced; broadcasts (with torch's warning) on a size
    mismatch."""
    if not (isinstance(target, Tensor) and isinstance(input, Tensor)):
        _require_size(target, input)
    x, y = input._data, target._data
    shape = None
    if y.shape != x.shape:
        known = _MSE_BROADCASTS.get((x.shape, y.shape))
        warnings.warn(
            _size_warning(x.shape, y.shape) if known is None else known[0],
            stacklevel=2,
        )
        if known is None:
            known = _mse_broadcast(x.shape, y.shape)
        shape = known[1]
    if reduction not in _REDUCTIONS or size_average is not None or reduce is not None:
        reduction = _reduction(reduction, size_average, reduce)
    if x.dtype.kind != "f" and y.dtype.kind != "f":
        raise NotImplementedError(f"\"mse_cpu\" not implemented for '{_torch_name(x)}'")
    if weight is None:
        return _mse_loss(input, target, reduction, shape)
    if weight._data.shape != x.shape:
        raise ValueError("Weights and input must have the same size.")
    weighted = (input - target) ** 2 * weight
    if reduction == "none":
        return weighted
    return weighted.sum() if reduction == "sum" else weighted.sum() / weight.sum()


@torch_loss()
def binary_cross_entropy(
    input, target, weight, size_average, reduce, reduction
) -> Tensor:
    """-w (y log x + (1 - y) log(1 - x)), each log clamped at -100, reduced."""
    reduction = _same_size_reduction(
        input, target, reduction, size_average, reduce, _BCE_SIZES
    )
    x, y = input._data, target._data
    if weight is not None:
        _check_weight("binary_cross_entropy", "weight", weight, x.shape)
    if x.dtype.kind != "f":
        raise NotImplementedError(
            f"\"binary_cross_entropy\" not implemented for '{_torch_name(x)}'"
        )
    if y.dtype != x.dtype:
        raise RuntimeError(
            f"Found dtype {_torch_name(y)} but expected {_torch_name(x)}"
        )
    if not _maybe_probabilities(x, y):
        if not bool(((x >= 0) & (x <= 1)).all()):
            raise RuntimeError("all elements of input should be between 0 and 1")
        if not bool(((y >= 0) & (y <= 1)).all()):
            raise RuntimeError("all elements of target should be between 0 and 1")
    return _binary_cross_entropy(input, target, weight, reduction)


@torch_loss()
def binary_cross_entropy_with_logits(
    input, target, weight, size_average, reduce, reduction, pos_weight
) -> Tensor:
    """-w (p y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))), computed stably."""
    reduction = _same_size_reduction(
        input, target, reduction, size_average, reduce, _BCE_LOGITS_SIZES
    )
    x, y = input._data, target._data
    if x.dtype.kind != "f":
        raise NotImplementedError(
            f"\"log_sigmoid_cpu\" not implemented for '{_torch_name(x)}'"
        )
    if y.dtype.kind != "f":
        raise RuntimeError(
            f"result type {_torch_name(x)} can't be cast to the desired output type {_torch_name(y)}"
        )
    name = "binary_cross_entropy_with_logits"
    if pos_weight is not None:
        _check_weight(name, "pos_weight", pos_weight, x.shape, weight_first=True)
    if weight is not None:
        _check_weight(name, "weight", weight, x.shape)
    return _binary_cross_entropy_with_logits(
        input, target, weight, pos_weight, reduction
    )


# --- validation helpers -------------------------------------------------------

_ONE_BITS = {
    np.dtype(np.float32): (np.uint32, np.uint32(0x3F800000)),
    np.dtype(np.float64): (np.uint64, np.uint64(0x3FF0000000000000)),
}


def _maybe_probabilities(x: np.ndarray, y: np.ndarray) -> bool:
    """True when all of x and y (same shape, same float dtype) lie in [0, 1]."""
    # NOTE: one reduction for both: read as unsigned ints, the bit patterns of
    # +0.0 .. 1.0 are exactly those <= the pattern of 1.0 (negatives and NaN are
    # larger); -0.0 alone gives a false alarm, which the exact check clears.
    uint, one = _ONE_BITS[x.dtype]
    bits = np.maximum(x.view(uint), y.view(uint))
    return np.maximum.reduce(bits, None, initial=0) <= one


def _check_linear(x: np.ndarray, w: np.ndarray, b: np.ndarray | None) -> None:
    """Raise torch's error for operands F.linear cannot take (the slow path)."""
    if x.ndim == 0 or w.ndim == 0:
        raise RuntimeError(
            f"both arguments to linear need to be at least 1D, but they are {x.ndim}D and {w.ndim}D"
        )
    if w.ndim > 2:
        raise RuntimeError(
            f"t() expects a tensor with <= 2 dimensions, but self is {w.ndim}D"
        )
    for operands, a in (("mat1 and mat2", x), ("self and mat2", b)):
        if a is not None and a.dtype != w.dtype:
            raise RuntimeError(
                f"{operands} must have the same dtype, but got {_torch_name(a)} and {_torch_name(w)}"
            )
    if b is not None and w.ndim == 1:
        raise RuntimeError("mat2 must be a matrix, got 1-D tensor")
    rows = int(np.prod(x.shape[:-1]))
    if x.shape[-1] != w.shape[-1]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({rows}x{x.shape[-1]} and {w.shape[-1]}x{w.shape[0] if w.ndim == 2 else 1})"
        )
    if b is not None:
        _check_expand(b.shape, (rows, *w.shape[:-1]))


def _check_expand(shape: tuple, target: tuple) -> None:
    """Tensor.expand's check: ``shape`` must broadcast to exactly ``target``."""
    if len(shape) > len(target):
        raise RuntimeError(
            f"The expanded size of the tensor ({target[-1]}) must match the existing size ({shape[-1]}): the number of sizes provided ({len(target)}) must be greater or equal to the number of dimensions in the tensor ({len(shape)})"
        )
    for i in range(1, len(shape) + 1):
        if shape[-i] != 1 and shape[-i] != target[-i]:
            raise RuntimeError(
                f"The expanded size of the tensor ({target[-i]}) must match the existing size ({shape[-i]}) at non-singleton dimension {len(target) - i}.  Target sizes: {list(target)}.  Tensor sizes: {list(shape)}"
            )


_BCE_SIZES = "Using a target size ({target}) that is different to the input size ({input}) is deprecated. Please ensure they have the same size."
_BCE_LOGITS_SIZES = "Target size ({target}) must be the same as input size ({input})"


def _same_size_reduction(
    input: Tensor,
    target: Tensor,
    reduction: str,
    size_average: bool | None,
    reduce: bool | None,
    mismatch: str,
) -> str:
    """torch's first checks of a loss whose operands have one size: the reduction
    (legacy arguments folded in), then the sizes (``mismatch`` formats the error)."""
    if reduction not in _REDUCTIONS or size_average is not None or reduce is not None:
        reduction = _reduction(reduction, size_average, reduce)
    if not (isinstance(target, Tensor) and isinstance(input, Tensor)):
        _require_size(target, input)
    if target._data.shape != input._data.shape:
        raise ValueError(mismatch.format(target=target.size(), input=input.size()))
    return reduction


def _check_weight(
    function: str,
    argument: str,
    weight: Tensor,
    shape: tuple,
    weight_first: bool = False,
) -> None:
    """A loss's weight must broadcast to the input's shape and need no gradient."""
    if not isinstance(weight, Tensor):
        raise TypeError(
            f"{function}(): argument '{argument}' must be Tensor, not {type(weight).__name__}"
        )
    if weight._requires_grad and grad_mode.state.enabled:
        raise RuntimeError(
            f"The function '{function}' is not differentiable with respect to argument '{argument}'. This input cannot have requires_grad True."
        )
    w = weight._data.shape
    if w != shape:
        result = (
            broadcast_shape(w, shape) if weight_first else (broadcast_shape(shape, w))
        )
        if result != shape:
            raise RuntimeError(
                f"output with shape {list(shape)} doesn't match the broadcast shape {list(result)}"
            )


# --- one graph node per function, as torch's --------------------------------------


def _linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    # NOTE: matches torch: without a bias, linear is a matmul (MmBackward0 on 2-D
    # input, two edges); with one, a single addmm-like node
    shape = input._data.shape
    if (
        (bias is None and len(shape) == 2)
        or weight._data.ndim != 2
        or (bias is not None and bias._data.shape != weight._data.shape[:1])
    ):
        out = input.matmul(weight.t())  # torch's composite path
        return out if bias is None else out + bias
    if len(shape) == 2:
        return apply(ops.Linear, bias, input, weight.t())  # NOTE: torch's TBackward0
    # NOTE: matches torch's graph: other ranks are a 2-D addmm (mm without bias)
    # between reshapes (unsqueeze/squeeze for a vector without bias)
    vector = len(shape) == 1 and bias is None
    rows = (math.prod(shape[:-1]), shape[-1])
    x2 = apply(
        ops.View,
        input,
        shape=rows,
        name="UnsqueezeBackward0" if vector else "ViewBackward0",
        copy=True,
    )
    wt = weight.t()  # NOTE: made after the input's view, as torch (engine order)
    if bias is None:
        y = x2.matmul(wt)
        name = "SqueezeBackward4" if vector else "UnsafeViewBackward0"
    else:
        y, name = apply(ops.Linear, bias, x2, wt), "ViewBackward0"
    return apply(ops.View, y, shape=(*shape[:-1], wt._data.shape[1]), name=name)


# (input shape, target shape) -> (torch's warning, broadcast shape): a loop with
# broadcast targets (the course's regressions) warns at every step
_MSE_BROADCASTS: dict = {}


def _mse_broadcast(input: tuple, target: tuple) -> tuple[str, tuple]:
    """Remember the warning and the broadcast shape (torch's error if none)."""
    known = (_size_warning(input, target), broadcast_shape(input, target))
    if len(_MSE_BROADCASTS) >= 256:  # NOTE: bounded: shapes may vary without end
        _MSE_BROADCASTS.clear()
    _MSE_BROADCASTS[input, target] = known
    return known


def _mse_loss(
    input: Tensor, target: Tensor, reduction: str = "mean", shape=None
) -> Tensor:
    input, target = _broadcast_pair(input, target, shape)
    return apply(ops.MseLoss, input, target, reduction=reduction)


def _binary_cross_entropy(
    input: Tensor, target: Tensor, weight=None, reduction: str = "mean"
) -> Tensor:
    _not_differentiable(weight, "binary_cross_entropy", "weight")
    w = None if weight is None else np.broadcast_to(weight._data, input._data.shape)
    return apply(ops.BinaryCrossEntropy, input, target, weight=w, reduction=reduction)


def _binary_cross_entropy_with_logits(
    input: Tensor, target: Tensor, weight=None, pos_weight=None, reduction: str = "mean"
):
    _not_differentiable(weight, "binary_cross_entropy_with_logits", "weight")
    _not_differentiable(pos_weight, "binary_cross_entropy_with_logits", "pos_weight")
    return apply(
        ops.BinaryCrossEntropyWithLogits,
        input,
        target,
        weight=None if weight is None else weight._data,
        pos_weight=None if pos_weight is None else pos_weight._data,
        reduction=reduction,
    )


# NOTE: the public API; a tuple, as ruff cannot follow the star imports above
_API = (
    "adaptive_avg_pool1d",
    "adaptive_avg_pool2d",
    "adaptive_max_pool1d",
    "adaptive_max_pool1d_with_indices",
    "adaptive_max_pool2d",
    "adaptive_max_pool2d_with_indices",
    "alpha_dropout",
    "avg_pool1d",
    "avg_pool2d",
    "batch_norm",
    "bilinear",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "celu",
    "celu_",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "cosine_embedding_loss",
    "cosine_similarity",
    "cross_entropy",
    "dropout",
    "dropout1d",
    "dropout2d",
    "dropout3d",
    "elu",
    "elu_",
    "embedding",
    "feature_alpha_dropout",
    "fold",
    "gaussian_nll_loss",
    "gelu",
    "glu",
    "group_norm",
    "gumbel_softmax",
    "hardshrink",
    "hardsigmoid",
    "hardswish",
    "hardtanh",
    "hardtanh_",
    "hinge_embedding_loss",
    "huber_loss",
    "instance_norm",
    "interpolate",
    "kl_div",
    "l1_loss",
    "layer_norm",
    "leaky_relu",
    "leaky_relu_",
    "linear",
    "log_softmax",
    "logsigmoid",
    "margin_ranking_loss",
    "max_pool1d",
    "max_pool1d_with_indices",
    "max_pool2d",
    "max_pool2d_with_indices",
    "mish",
    "mse_loss",
    "multi_margin_loss",
    "multilabel_margin_loss",
    "multilabel_soft_margin_loss",
    "nll_loss",
    "normalize",
    "one_hot",
    "pad",
    "pairwise_distance",
    "pdist",
    "pixel_shuffle",
    "pixel_unshuffle",
    "poisson_nll_loss",
    "prelu",
    "relu",
    "relu6",
    "relu_",
    "rms_norm",
    "scaled_dot_product_attention",
    "selu",
    "selu_",
    "sigmoid",
    "silu",
    "smooth_l1_loss",
    "soft_margin_loss",
    "softmax",
    "softmin",
    "softplus",
    "softshrink",
    "softsign",
    "tanh",
    "tanhshrink",
    "threshold",
    "threshold_",
    "triplet_margin_loss",
    "unfold",
)
__all__ = list(_API)
__dir__ = listing(globals())
