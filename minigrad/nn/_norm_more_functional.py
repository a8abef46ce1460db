"""F.group_norm, F.instance_norm and F.rms_norm, as torch computes them."""

from __future__ import annotations

import inspect
import math
from typing import Any

import numpy as np

from minigrad import dtypes, ops
from minigrad._signature import bind
from minigrad.nn._args import shape_str
from minigrad.nn._functional_module import params_of
from minigrad.nn._layer_norm_functional import check_inputs
from minigrad.nn._norm_functional import _check_dtypes, _verify_batch_size, batch_norm
from minigrad.ops.group_norm import GroupNorm
from minigrad.tensor import Tensor, apply

__all__ = ["group_norm", "instance_norm", "rms_norm"]


def group_norm(
    input: Tensor,
    num_groups: int,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise each (sample, group of channels), then scale and shift per channel."""
    if input.dim() < 2:
        raise RuntimeError(
            f"Expected at least 2 dimensions for input tensor but received {input.dim()}"
        )
    shape = tuple(input.shape)
    _verify_batch_size([shape[0] * shape[1] // num_groups, num_groups, *shape[2:]])
    if shape[1] % num_groups:
        raise RuntimeError(
            f"Expected number of channels in input to be divisible by num_groups, but got input of shape {shape_str(shape)} and num_groups={num_groups}"
        )
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and (t.dim() != 1 or t.numel() != shape[1]):
            raise RuntimeError(
                f"Expected {name} to be a vector of size equal to the number of channels in input, but got {name} of shape {shape_str(t.shape)} and input of shape {shape_str(shape)}"
            )
    x = input._data
    if x.dtype.kind != "f":
        raise NotImplementedError(
            f"\"GroupNormKernelImpl\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
        )
    _check_dtypes(x, weight, bias)
    return apply(GroupNorm, input, weight, bias, groups=num_groups, eps=eps)


# NOTE: matches torch: batch_norm's parameters, the statistics optional and
# training named use_input_stats (True by default)
_INSTANCE_NORM = inspect.Signature(
    [
        p.replace(name="use_input_stats", default=True) if p.name == "training" else p
        for p in params_of(
            batch_norm,
            "input running_mean running_var weight bias training momentum eps",
            {"running_mean": None, "running_var": None},
        )
    ],
    return_annotation="Tensor",
)


def instance_norm(*args: Any, **kwargs: Any) -> Tensor:
    """Normalise each (sample, channel) of a (N, C, ...) input, as torch."""
    return _instance_norm(*bind(_INSTANCE_NORM, "instance_norm", args, kwargs).values())


instance_norm.__signature__ = _INSTANCE_NORM


def _instance_norm(
    input, running_mean, running_var, weight, bias, use_input_stats, momentum, eps
) -> Tensor:
    """Normalise each (sample, channel): batch_norm of the (1, N*C, ...) view."""
    if use_input_stats and math.prod(input.shape[2:]) == 1:
        raise ValueError(
            f"Expected more than 1 spatial element when training, got input size {input.size()}"
        )
    if not use_input_stats and (running_mean is None or running_var is None):
        raise RuntimeError(
            "Expected running_mean and running_var to be defined when use_input_stats is false"
        )
    n, c = input.shape[:2]

    def repeated(t):
        return None if t is None else t.repeat(n)

    stats = [repeated(t) for t in (running_mean, running_var)]
    # NOTE: matches torch: a contiguous view (1, N*C, ...) through batch_norm
    flat = input.contiguous().view(1, n * c, *input.shape[2:])
    out = batch_norm(
        flat, *stats, repeated(weight), repeated(bias), use_input_stats, momentum, eps
    )
    for t, r in zip((running_mean, running_var), stats, strict=True):
        if t is not None:  # NOTE: matches torch: the mean over the samples, copied in
            t._data[...] = np.mean(r._data.reshape(n, c), axis=0)
            t._vc[0] += 1
    return out.view(input.shape)


def rms_norm(
    input: Tensor,
    normalized_shape: list[int],
    weight: Tensor | None = None,
    eps: float | None = None,
) -> Tensor:
    """x / sqrt(mean(x^2) + eps) over the last dims, times weight (eps: the dtype's by default)."""
    if isinstance(normalized_shape, int):
        raise TypeError(
            f"rms_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, not {type(normalized_shape).__name__}"
        )
    axes = check_inputs(input, normalized_shape, weight, None, "rms_norm", "*")
    if eps is None:
        eps = float(np.finfo(input._data.dtype).eps)
    # NOTE: matches torch's composite: pow, mean, add, rsqrt, mul (then mul by weight)
    mean = input.pow(2).mean(axes, keepdim=True)
    scale = apply(ops.AddScalar, mean, s=eps).rsqrt()
    out = input.mul(scale)
    return out if weight is None else out.mul(weight)
