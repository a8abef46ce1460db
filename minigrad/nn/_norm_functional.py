"""F.batch_norm: normalise each channel by batch or running statistics, as torch."""

from __future__ import annotations

import math

import numpy as np

from minigrad import dtypes, ops
from minigrad._exact import batchnorm as exact
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
    if x.size == 0:  # NOTE: matches torch: nothing to normalise, no update
        mean = np.zeros(channels, x.dtype)
        invstd = bwd_invstd = np.ones(channels, x.dtype)
    elif training:
        mean, var_sum = exact.stats(x)
        n = x.size // channels
        invstd = exact.train_invstd(var_sum, n, eps)
        bwd_invstd = invstd
        _update_running(running_mean, running_var, mean, var_sum, n, momentum)
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError(
                f"{'running_mean' if running_mean is None else 'running_var'} must be defined in evaluation mode"
            )
        # NOTE: matches torch: in eval mode invstd is computed in the input's dtype
        mean = running_mean._data
        invstd = exact.eval_invstd(running_var._data, eps)
        bwd_invstd = exact.eval_backward_invstd(running_var._data, eps)
    return apply(
        ops.BatchNorm,
        input,
        weight,
        bias,
        mean=mean,
        invstd=invstd,
        bwd_invstd=bwd_invstd,
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
    for t, new in zip(
        (running_mean, running_var),
        exact.running_stats(
            None if running_mean is None else running_mean._data,
            None if running_var is None else running_var._data,
            mean,
            var_sum,
            n,
            momentum,
        ),
        strict=True,
    ):
        if t is not None:
            t._data[...] = new
            t._vc[0] += 1  # an in-place write, as torch counts it
