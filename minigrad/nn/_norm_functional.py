"""F.batch_norm: normalise each channel by batch or running statistics, as torch."""

from __future__ import annotations

import math

import numpy as np

from minigrad import dtypes, ops
from minigrad.ops.norm import batch_stats
from minigrad.tensor import Tensor, apply


def batch_norm(
    input: Tensor,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Batch normalisation over dim 1 of a (N, C, ...) input (one graph node)."""
    if training:
        _verify_batch_size(input.shape)
    if training and eps <= 0.0:
        raise ValueError(
            f"batch_norm eps must be positive during training, but got {eps}"
        )
    elif eps < 0.0:
        raise ValueError(f"batch_norm eps must be non-negative, but got {eps}")
    x = input._data
    if x.ndim < 2:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [-{max(x.ndim, 1)}, {max(x.ndim, 1) - 1}], but got 1)"
        )
    channels = x.shape[1]
    for name, t in (
        ("weight", weight),
        ("bias", bias),
        ("running_mean", running_mean),
        ("running_var", running_var),
    ):
        if t is not None and t._data.size != channels:
            raise RuntimeError(
                f"{name} should contain {channels} elements not {t._data.size}"
            )
    _check_dtypes(x, weight, bias, running_mean, running_var)
    for name, t in (("running_mean", running_mean), ("running_var", running_var)):
        if t is not None and t.requires_grad:
            raise RuntimeError(
                f"The function 'native_batch_norm' is not differentiable with respect to argument '{name}'. This input cannot have requires_grad True."
            )
    if training:
        mean, var_sum, n = batch_stats(x)
        invstd = (1.0 / np.sqrt(var_sum.astype(np.float64) / n + eps)).astype(x.dtype)
        _update_running(running_mean, running_var, mean, var_sum, n, momentum)
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError(
                f"{'running_mean' if running_mean is None else 'running_var'} must be defined in evaluation mode"
            )
        mean = running_mean._data.astype(x.dtype)
        # NOTE: matches torch: in eval mode invstd is computed in the input's dtype
        var = running_var._data.astype(x.dtype)
        invstd = 1 / np.sqrt(var + x.dtype.type(eps))
    return apply(
        ops.BatchNorm,
        input,
        weight,
        bias,
        mean=mean,
        invstd=invstd,
        eps=eps,
        training=training,
    )


def _verify_batch_size(size) -> None:
    if size[0] * math.prod(size[2:]) == 1:
        raise ValueError(
            f"Expected more than 1 value per channel when training, got input size {size}"
        )


def _check_dtypes(x: np.ndarray, *params: Tensor | None) -> None:
    for t in params:
        if t is not None and t._data.dtype != x.dtype:
            if x.dtype == np.float32:
                raise RuntimeError(
                    "mixed dtype (CPU): expect parameter to have scalar type of Float"
                )
            raise RuntimeError(
                "mixed dtype (CPU): all inputs must share same datatype."
            )
    if x.dtype.kind != "f":
        raise NotImplementedError(
            f"\"batch_norm\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
        )


def _update_running(running_mean, running_var, mean, var_sum, n, momentum) -> None:
    # NOTE: matches torch: the moving averages are formed in double, then rounded;
    # the running variance takes the unbiased estimate var_sum / (n - 1).
    momentum = float(momentum)
    if running_mean is not None:
        old = running_mean._data.astype(np.float64)
        running_mean._data[...] = (
            momentum * mean.astype(np.float64) + (1 - momentum) * old
        )
        running_mean._version += 1
    if running_var is not None:
        unbiased = (
            var_sum.astype(np.float64) / (n - 1)
            if n > 1
            else np.full(var_sum.shape, np.nan)
        )
        old = running_var._data.astype(np.float64)
        running_var._data[...] = momentum * unbiased + (1 - momentum) * old
        running_var._version += 1
