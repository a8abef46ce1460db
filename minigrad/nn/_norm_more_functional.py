"""F.group_norm, F.instance_norm and F.rms_norm, as torch computes them."""

from __future__ import annotations

import math

import numpy as np

from minigrad import dtypes, ops
from minigrad.nn._args import shape_str
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


def instance_norm(
    input: Tensor,
    running_mean: Tensor | None = None,
    running_var: Tensor | None = None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    use_input_stats: bool = True,
    momentum: float = 0.1,
    eps: float = 1e-5,
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
