"""nn.functional's convolutions (conv1d/2d/3d), checking arguments as torch does."""

from __future__ import annotations

import warnings
from collections.abc import Callable

from minigrad import dtypes, ops
from minigrad.nn._args import ntuple, require_tensors, shape_str
from minigrad.nn._fold_functional import fold, unfold
from minigrad.nn._pad_functional import pad
from minigrad.nn._pool_functional import adaptive_avg_pool2d, avg_pool2d, max_pool2d
from minigrad.tensor import Tensor, apply

__all__ = ["conv1d", "conv2d", "conv3d", "pad", "unfold", "fold"]
__all__ += ["max_pool2d", "avg_pool2d", "adaptive_avg_pool2d"]


def _convolution(nd: int, layout: str) -> Callable[..., Tensor]:
    """torch's ``conv{nd}d``: one signature for the three dimensionalities."""

    def conv(
        input: Tensor,
        weight: Tensor,
        bias: Tensor | None = None,
        stride=1,
        padding=0,
        dilation=1,
        groups=1,
    ) -> Tensor:
        return _conv(nd, input, weight, bias, stride, padding, dilation, groups)

    conv.__name__ = conv.__qualname__ = f"conv{nd}d"
    conv.__doc__ = f"{nd}-d convolution over {layout} input."
    return conv


conv1d = _convolution(1, "(N, C, L) or unbatched (C, L)")
conv2d = _convolution(2, "(N, C, H, W) or unbatched (C, H, W)")
conv3d = _convolution(3, "(N, C, D, H, W) or unbatched (C, D, H, W)")


def _conv(nd, input, weight, bias, stride, padding, dilation, groups) -> Tensor:
    require_tensors(f"conv{nd}d", input, weight, bias)
    x, w = input._data, weight._data
    if x.ndim not in (nd + 1, nd + 2):
        raise RuntimeError(
            f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) input to conv{nd}d, but got input of size: {shape_str(x.shape)}"
        )
    if isinstance(padding, str) and padding not in ("same", "valid"):
        raise RuntimeError(f"Invalid padding string: '{padding}'")
    stride, dilation = _expand(stride, nd), _expand(dilation, nd)
    if padding == "same" and any(s != 1 for s in stride):
        raise RuntimeError("padding='same' is not supported for strided convolutions")
    if not isinstance(padding, str):
        padding = _expand(padding, nd)
    check_params(w.ndim - 2, groups, stride=stride, padding=padding, dilation=dilation)
    _check_dtypes(nd, x, w, None if bias is None else bias._data)
    batched = x.ndim == nd + 2
    shape = x.shape if batched else (1, *x.shape)
    _check_shapes(shape, w, None if bias is None else bias._data, groups)
    if padding == "valid":
        padding = (0,) * nd
    elif padding == "same":
        input, padding = _same(input, w.shape[2:], dilation, batched)
        shape = input.shape if batched else (1, *input.shape)
    _check_kernel(shape, w.shape[2:], padding, dilation)
    if not batched:
        input = input.unsqueeze(0)
    out = apply(
        ops.Convolution,
        input,
        weight,
        bias,
        stride=stride,
        padding=padding,
        dilation=dilation,
        groups=groups,
    )
    return out if batched else out.squeeze(0)


def check_params(k: int, groups: int, **named) -> None:
    """torch's checks of a convolution's groups and its stride, padding, dilation
    (and output_padding): each k values (padding may be a string)."""
    for name, value in named.items():
        if not isinstance(value, str) and len(value) != k:
            raise RuntimeError(
                f"expected {name} to be a single integer value or a list of {k} values to match the convolution dimensions, but got {name}={list(value)}"
            )
    padding = named["padding"]
    if not isinstance(padding, str) and any(p < 0 for p in padding):
        raise RuntimeError("negative padding is not supported")
    if any(s <= 0 for s in named["stride"]):
        raise RuntimeError("non-positive stride is not supported")
    if any(d <= 0 for d in named["dilation"]):
        raise RuntimeError(
            f"dilation should be greater than zero, but got {list(named['dilation'])}"
        )
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")


def _expand(value, nd: int) -> tuple:
    """torch's expand_param_if_needed: an int or a 1-element list for every dim."""
    items = ntuple(value, nd)
    return items * nd if len(items) == 1 else items


def _same(input, kernel, dilation, batched):
    """padding='same': symmetric padding, and a zero pad on the right when odd."""
    totals = [d * (k - 1) for d, k in zip(dilation, kernel, strict=True)]
    left = tuple(t // 2 for t in totals)
    extra = [t - 2 * lo for t, lo in zip(totals, left, strict=True)]
    if any(extra):
        # NOTE: matches torch: a warning, then ConstantPadNd pads the odd one
        warnings.warn(
            "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the input be created",
            UserWarning,
            stacklevel=4,
        )
        pads = []
        for e in reversed(extra):
            pads += [0, e]
        input = pad(input, pads)
    return input, left


def _check_dtypes(nd, x, w, b) -> None:
    if x.dtype != w.dtype:
        raise RuntimeError(
            f"expected scalar type {dtypes.scalar_type_name(x.dtype)} but found {dtypes.scalar_type_name(w.dtype)}"
        )
    if b is not None and b.dtype != x.dtype:
        raise RuntimeError(
            f"Input type ({_c_name(x.dtype)}) and bias type ({_c_name(b.dtype)}) should be the same"
        )
    if x.dtype.kind == "b" or x.dtype.kind == "c":
        kernel = "slow_conv2d_cpu" if nd < 3 else "slow_conv3d_cpu"
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
        )


def _c_name(dtype) -> str:
    names = {"float32": "float", "float64": "double", "int64": "long", "int32": "int"}
    return names.get(dtype.name, dtype.name)


def _check_shapes(shape, w, b, groups) -> None:
    ws = shape_str(w.shape)
    if w.shape[0] < groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be at least {groups} at dimension 0, but got weight of size {ws} instead"
        )
    if w.shape[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, but got weight of size [{ws}] instead"
        )
    if shape[1] != w.shape[1] * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {ws}, expected input{shape_str(shape)} to have {w.shape[1] * groups} channels, but got {shape[1]} channels instead"
        )
    if b is not None and (b.ndim != 1 or b.shape[0] != w.shape[0]):
        raise RuntimeError(
            f"Given weight of size {ws}, expected bias to be 1-dimensional with {w.shape[0]} elements, but got bias of size {shape_str(b.shape)} instead"
        )


def _check_kernel(shape, kernel, padding, dilation) -> None:
    padded = [n + 2 * p for n, p in zip(shape[2:], padding, strict=True)]
    dilated = [d * (k - 1) + 1 for k, d in zip(kernel, dilation, strict=True)]
    if any(k <= 0 for k in kernel) or any(
        p < k for p, k in zip(padded, dilated, strict=True)
    ):
        sizes = " x ".join(map(str, padded))
        ks = " x ".join(map(str, dilated))
        raise RuntimeError(
            f"Calculated padded input size per channel: ({sizes}). Kernel size: ({ks}). Kernel size can't be greater than actual input size"
        )
