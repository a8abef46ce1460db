"""nn.functional's transposed convolutions (conv_transpose1d/2d), checking arguments as torch."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from minigrad._signature import bind
from minigrad.nn._args import shape_str
from minigrad.nn._conv_functional import _check_dtypes, _expand, check_params, conv1d
from minigrad.nn._functional_module import params_of
from minigrad.nn._loss_checks import _require_tensor
from minigrad.ops.conv_transpose import ConvTranspose
from minigrad.tensor import Tensor, apply

__all__ = ["conv_transpose1d", "conv_transpose2d"]


# NOTE: matches torch: conv's parameters, output_padding after padding, dilation last
_SIGNATURE = inspect.Signature(
    params_of(
        conv1d,
        "input weight bias stride padding output_padding groups dilation",
        {"output_padding": 0},
    ),
    return_annotation="Tensor",
)


def _transposed(nd: int, layout: str) -> Callable[..., Tensor]:
    """torch's ``conv_transpose{nd}d``, its call bound to _SIGNATURE."""
    name = f"conv_transpose{nd}d"

    def conv_transpose(*args: Any, **kwargs: Any) -> Tensor:
        return _conv_transpose(nd, *bind(_SIGNATURE, name, args, kwargs).values())

    conv_transpose.__name__ = conv_transpose.__qualname__ = name
    conv_transpose.__doc__ = f"{nd}-d transposed convolution over {layout} input."
    conv_transpose.__signature__ = _SIGNATURE
    return conv_transpose


conv_transpose1d = _transposed(1, "(N, C, L) or unbatched (C, L)")
conv_transpose2d = _transposed(2, "(N, C, H, W) or unbatched (C, H, W)")


def _conv_transpose(
    nd, input, weight, bias, stride, padding, out_pad, groups, dilation
):
    name = f"conv_transpose{nd}d"
    _require_tensor(name, input)
    _require_tensor(name, weight, "weight", 2)
    if isinstance(padding, str):
        raise TypeError(f"{name}(): argument 'padding' must be tuple of ints, not str")
    x, w = input._data, weight._data
    if x.ndim not in (nd + 1, nd + 2):
        raise RuntimeError(
            f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) input to {name}, but got input of size: {shape_str(x.shape)}"
        )
    stride, padding = _expand(stride, nd), _expand(padding, nd)
    dilation, out_pad = _expand(dilation, nd), _expand(out_pad, nd)
    named = {"stride": stride, "padding": padding, "dilation": dilation}
    check_params(nd, groups, **named, output_padding=out_pad)
    _check_dtypes(nd, x, w, None if bias is None else bias._data)
    batched = x.ndim == nd + 2
    shape = x.shape if batched else (1, *x.shape)
    _check_shapes(shape, w, None if bias is None else bias._data, groups)
    _check_output_padding(out_pad, stride, dilation)
    out = [
        (n - 1) * s - 2 * p + d * (k - 1) + op + 1
        for n, s, p, d, k, op in zip(
            shape[2:], stride, padding, dilation, w.shape[2:], out_pad, strict=True
        )
    ]
    if min(out) <= 0:
        raise RuntimeError(
            f"Given input size per channel: ({' x '.join(map(str, shape[2:]))}). Calculated output size per channel: ({' x '.join(map(str, out))}). Output size is too small"
        )
    full = (shape[0], w.shape[1] * groups, *out)
    if not batched:
        input = input.unsqueeze(0)
    y = apply(
        ConvTranspose,
        input,
        weight,
        bias,
        shape=full,
        stride=stride,
        padding=padding,
        dilation=dilation,
        groups=groups,
    )
    return y if batched else y.squeeze(0)


def _check_shapes(shape, w, b, groups) -> None:
    ws = shape_str(w.shape)
    if w.shape[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, but got weight of size [{ws}] instead"
        )
    if shape[1] != w.shape[0]:
        raise RuntimeError(
            f"Given transposed=1, weight of size {ws}, expected input{shape_str(shape)} to have {w.shape[0]} channels, but got {shape[1]} channels instead"
        )
    channels = w.shape[1] * groups
    if b is not None and (b.ndim != 1 or b.shape[0] != channels):
        raise RuntimeError(
            f"Given transposed=1, weight of size {ws}, expected bias to be 1-dimensional with {channels} elements, but got bias of size {shape_str(b.shape)} instead"
        )


def _check_output_padding(out_pad, stride, dilation) -> None:
    """torch's check, in 2-d terms (a 1-d convolution is a 2-d one of height 1)."""
    if all(op < s or op < d for op, s, d in zip(out_pad, stride, dilation)):
        return
    pads, strides, dils = (
        [0] * (2 - len(out_pad)) + list(v) for v in (out_pad, stride, dilation)
    )
    if len(out_pad) == 1:
        strides[0] = dils[0] = 1
    raise RuntimeError(
        f"output padding must be smaller than either stride or dilation, but got output_padding_height: {pads[0]} output_padding_width: {pads[1]} stride_height: {strides[0]} stride_width: {strides[1]} dilation_height: {dils[0]} dilation_width: {dils[1]}"
    )
