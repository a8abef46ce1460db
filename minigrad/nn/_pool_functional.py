"""nn.functional's 2-d pooling (max, average, adaptive average), checked as torch."""

from __future__ import annotations

from collections.abc import Sequence

from minigrad import dtypes, ops
from minigrad.nn._args import require_int_tuple, require_tensors, shape_str
from minigrad.ops.pool import adaptive_bins, avg_divisor, max_pool
from minigrad.tensor import Tensor, _wrap, apply

__all__ = ["max_pool2d", "avg_pool2d", "adaptive_avg_pool2d"]


def _pair(name: str, what: str, value, omitted: tuple | None = None) -> tuple:
    if omitted is not None and (value is None or value == () or value == []):
        return omitted
    items = tuple(value) if isinstance(value, Sequence) else (value,)
    if len(items) not in (1, 2):
        rule = (
            "either be omitted, a single int,"
            if what == "stride"
            else "either be a single int,"
        )
        if what == "dilation":
            rule = "be either a single int,"
        raise RuntimeError(f"{name}: {what} must {rule} or a tuple of two ints")
    return tuple(int(v) for v in items) * (2 // len(items))


def _out_size(n, k, s, p, d, ceil_mode) -> int:
    """torch's pooling_output_shape, with its checks of stride and padding."""
    if s == 0:
        raise RuntimeError("stride should not be zero")
    if p < 0:
        raise RuntimeError(f"pad must be non-negative, but got pad: {p}")
    if p > ((k - 1) * d + 1) // 2:
        raise RuntimeError(
            f"pad should be at most half of effective kernel size, but got pad={p}, kernel_size={k} and dilation={d}"
        )
    o = (n + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (o - 1) * s >= n + p:
        o -= 1
    return o


def _geometry(x, kernel, stride, padding, dilation, ceil_mode):
    """The output grid, checked as torch's pool2d_shape_check, and the pads
    (the right pad widened so that ceil_mode's last window fits)."""
    n_h, n_w = x.shape[-2:]
    out = tuple(
        _out_size(n, k, s, p, d, ceil_mode)
        for n, k, s, p, d in zip((n_h, n_w), kernel, stride, padding, dilation)
    )
    if kernel[0] <= 0 or kernel[1] <= 0:
        raise RuntimeError(
            f"kernel size should be greater than zero, but got kH: {kernel[0]} kW: {kernel[1]}"
        )
    if stride[0] <= 0 or stride[1] <= 0:
        raise RuntimeError(
            f"stride should be greater than zero, but got dH: {stride[0]} dW: {stride[1]}"
        )
    if dilation[0] <= 0 or dilation[1] <= 0:
        raise RuntimeError(
            f"dilation should be greater than zero, but got dilationH: {dilation[0]} dilationW: {dilation[1]}"
        )
    if 0 in x.shape[1:] or x.ndim not in (3, 4) or (x.ndim == 3 and x.shape[0] == 0):
        raise RuntimeError(
            f"Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:{shape_str(x.shape)}"
        )
    if kernel[1] // 2 < padding[1] or kernel[0] // 2 < padding[0]:
        raise RuntimeError(
            f"pad should be smaller than or equal to half of kernel size, but got padW = {padding[1]}, padH = {padding[0]}, kW = {kernel[1]}, kH = {kernel[0]}"
        )
    if out[0] < 1 or out[1] < 1:
        planes = x.shape[-3]
        raise RuntimeError(
            f"Given input size: ({planes}x{n_h}x{n_w}). Calculated output size: ({planes}x{out[0]}x{out[1]}). Output size is too small"
        )
    pairs = tuple(
        (p, max((o - 1) * s + d * (k - 1) + 1 - n - p, 0))
        for n, k, s, p, d, o in zip((n_h, n_w), kernel, stride, padding, dilation, out)
    )
    return out, pairs


def _window(name: str, input: Tensor, kernel_size, stride, padding) -> tuple:
    """torch's checks of a 2-d pooling's arguments, then its kernel, stride
    (the kernel's if omitted) and padding as pairs."""
    require_tensors(name, input)
    require_int_tuple(name, "kernel_size", 2, kernel_size)
    kernel = _pair(name, "kernel_size", kernel_size)
    stride = _pair(name, "stride", stride, omitted=kernel)
    return kernel, stride, _pair(name, "padding", padding)


def max_pool2d(
    input: Tensor,
    kernel_size,
    stride=None,
    padding=0,
    dilation=1,
    ceil_mode: bool = False,
    return_indices: bool = False,
):
    """The maximum of each window; with return_indices, also its flat index in the plane."""
    kernel, stride, padding = _window("max_pool2d", input, kernel_size, stride, padding)
    dilation = _pair("max_pool2d", "dilation", dilation)
    x = input._data
    if x.ndim not in (3, 4):
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    if x.dtype.kind == "b":
        raise NotImplementedError("\"max_pool2d\" not implemented for 'Bool'")
    out, pairs = _geometry(x, kernel, stride, padding, dilation, ceil_mode)
    result = max_pool(x, kernel, stride, pairs, dilation, out)
    # windows that never overlap nor reach into padding: each input gets at most one gradient
    disjoint = not any(padding) and all(
        s >= d * (k - 1) + 1 for k, s, d in zip(kernel, stride, dilation)
    )
    values = apply(
        ops.MaxPoolWithIndices, input, result=result, nd=2, disjoint=disjoint
    )
    if return_indices:
        return values, _wrap(result[1])
    return values


def avg_pool2d(
    input: Tensor,
    kernel_size,
    stride=None,
    padding=0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> Tensor:
    """The mean of each window (divisor as torch: count_include_pad, divisor_override)."""
    kernel, stride, padding = _window("avg_pool2d", input, kernel_size, stride, padding)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    x = input._data
    if x.ndim < 3:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-max(x.ndim, 1)}, {max(x.ndim, 1) - 1}], but got -3)"
        )
    if x.dtype.kind == "b":
        raise RuntimeError("\"avg_pool2d\" not implemented for 'Bool'")
    out, pairs = _geometry(x, kernel, stride, padding, (1, 1), ceil_mode)
    div = avg_divisor(
        x.shape[-2:], kernel, stride, padding, out, count_include_pad, divisor_override
    )
    return apply(
        ops.AvgPool, input, kernel=kernel, stride=stride, pairs=pairs, out=out, div=div
    )


def adaptive_avg_pool2d(input: Tensor, output_size) -> Tensor:
    """Averages over torch's adaptive bins [floor(i*n/o), ceil((i+1)*n/o))."""
    require_tensors("adaptive_avg_pool2d", input)
    x = input._data
    if isinstance(output_size, Sequence):
        if x.ndim <= len(output_size):
            raise ValueError(
                f"Input dimension should be at least {len(output_size) + 1}"
            )
        defaults = x.shape[-len(output_size) :]
        output_size = [
            d if v is None else int(v) for v, d in zip(output_size, defaults)
        ]
        if len(output_size) != 2:
            raise RuntimeError("adaptive_avg_pool2d: output_size must be 2")
    else:
        output_size = [int(output_size)] * 2
    if x.ndim not in (3, 4):
        raise RuntimeError(
            f"adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got {shape_str(x.shape)}"
        )
    for dim in range(1, x.ndim):
        if x.shape[dim] == 0:
            raise RuntimeError(
                f"adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes {shape_str(x.shape)} with dimension {dim} being empty"
            )
    if output_size[0] < 0 or output_size[1] < 0:
        raise RuntimeError(
            f"adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {{{output_size[0]}, {output_size[1]}}}"
        )
    if x.dtype.kind != "f":
        raise NotImplementedError(
            f"\"adaptive_avg_pool2d\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
        )
    if output_size == [1, 1]:
        return input.mean(
            dim=(-1, -2), keepdim=True
        )  # NOTE: matches torch (MeanBackward1)
    mats = tuple(adaptive_bins(n, o) for n, o in zip(x.shape[-2:], output_size))
    return apply(ops.AdaptiveAvgPool, input, mats=mats)
