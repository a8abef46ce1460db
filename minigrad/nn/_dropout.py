"""F.dropout and its channel-wise (dropout1d/2d/3d) and alpha forms, drawing as torch."""

from __future__ import annotations

import math
import warnings

import numpy as np

from minigrad.tensor import Tensor, _wrap

__all__ = ["alpha_dropout", "dropout", "dropout1d", "dropout2d", "dropout3d"]
__all__ += ["feature_alpha_dropout"]

_SELU_ALPHA = 1.7580993408473766  # -SELU's negative saturation: scale * alpha


def _check_p(p: float) -> None:
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def _feature_rank(spatial: int, input: Tensor, p: float) -> int:
    """dropout2d/3d's checks: p, and a deprecation warning for an input of another
    rank; the input's rank."""
    _check_p(p)
    ndim = input.dim()
    if ndim not in (spatial + 1, spatial + 2):
        name = f"dropout{spatial}d"
        warnings.warn(
            f"{name}: Received a {ndim}-D input to {name}, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that {name} exists to provide channel-wise dropout on inputs with {spatial} spatial dimensions, a channel dimension, and an optional batch dimension (i.e. {spatial + 1}D or {spatial + 2}D inputs).",
            stacklevel=3,
        )
    return ndim


def _dropout_impl(
    input: Tensor,
    p: float,
    training: bool,
    inplace: bool,
    feature: bool = False,
    alpha: bool = False,
    unbatched: bool = False,
) -> Tensor:
    # NOTE: matches torch's CPU path (ATen's _dropout_impl): the same tensor comes
    # back untouched for p = 0, in eval mode or when empty; p = 1 multiplies by a
    # 0-d zero without drawing; else noise.bernoulli_(1-p) (one value per (N, C)
    # channel for feature dropout), then noise /= (1-p) in the input's dtype (alpha
    # dropout: noise *= a and a shift b) and one multiplication (MulBackward0).
    x = input._data
    if p == 0 or not training or x.size == 0:
        return input
    if p == 1:
        noise = _wrap(np.zeros((), x.dtype))
        return input.mul_(noise) if inplace else input.mul(noise)
    if feature:
        if x.ndim + unbatched < 2:
            raise RuntimeError(
                "Feature dropout requires at least 2 dimensions in the input"
            )
        lead = 1 if unbatched else 2  # unbatched: (C, ...) as a batch of one
        shape = x.shape[:lead] + (1,) * (x.ndim - lead)
    noise = _wrap(np.empty(shape if feature else x.shape, x.dtype))
    noise.bernoulli_(1 - p)
    if not alpha:
        noise.div_(1 - p)
        return input.mul_(noise) if inplace else input.mul(noise)
    a = 1.0 / math.sqrt((_SELU_ALPHA * _SELU_ALPHA * p + 1) * (1 - p))
    b = noise.add(-1).mul_(_SELU_ALPHA * a).add_(_SELU_ALPHA * a * p)
    noise.mul_(a)
    out = input.mul_(noise) if inplace else input.mul(noise)
    return out.add_(b)


def dropout(
    input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False
) -> Tensor:
    """input * mask / (1-p) in training (mask ~ Bernoulli(1-p)); input itself otherwise."""
    _check_p(p)
    return _dropout_impl(input, p, training, inplace)


def _channelwise(input: Tensor, p: float, training: bool, inplace: bool, batched: bool):
    """Feature dropout; an unbatched input is seen as a batch of one."""
    if batched:
        return _dropout_impl(input, p, training, inplace, feature=True)
    if inplace:  # NOTE: torch's unsqueeze_/squeeze_ pair: one mask per channel
        return _dropout_impl(input, p, training, True, feature=True, unbatched=True)
    out = _dropout_impl(input.unsqueeze(0), p, training, False, feature=True)
    return out.squeeze(0)


def dropout1d(
    input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False
) -> Tensor:
    """Zero whole channels of (N, C, L) or (C, L) input with probability p."""
    _check_p(p)
    ndim = input.dim()
    if ndim not in (2, 3):
        raise RuntimeError(
            f"dropout1d: Expected 2D or 3D input, but received a {ndim}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs)."
        )
    return _channelwise(input, p, training, inplace, ndim == 3)


def dropout2d(
    input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False
) -> Tensor:
    """Zero whole channels of (N, C, H, W) input with probability p."""
    ndim = _feature_rank(2, input, p)
    if ndim == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.",
            stacklevel=2,
        )
    return _dropout_impl(input, p, training, inplace, feature=True)


def dropout3d(
    input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False
) -> Tensor:
    """Zero whole channels of (N, C, D, H, W) or (C, D, H, W) input with probability p."""
    ndim = _feature_rank(3, input, p)
    return _channelwise(input, p, training, inplace, ndim == 5)


def alpha_dropout(
    input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False
) -> Tensor:
    """Dropout keeping SELU's mean and variance: dropped values go to -alpha', then an affine map."""
    _check_p(p)
    return _dropout_impl(input, p, training, inplace, alpha=True)


def feature_alpha_dropout(
    input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False
) -> Tensor:
    """alpha_dropout with one mask value per (N, C) channel."""
    _check_p(p)
    return _dropout_impl(input, p, training, inplace, feature=True, alpha=True)
