"""F.unfold and F.fold (sliding blocks <-> columns), checked as torch."""

from __future__ import annotations

import math
from collections.abc import Sequence

from minigrad import dtypes, ops
from minigrad.nn._args import require_tensors, shape_str
from minigrad.ops.sliding import out_size
from minigrad.tensor import Tensor, apply

__all__ = ["unfold", "fold"]


def _two(what: str, value) -> tuple:
    items = tuple(value) if isinstance(value, Sequence) else (value,) * 2
    if len(items) != 2:
        raise RuntimeError(
            f"It is expected {what} equals to 2, but got size {len(items)}"
        )
    return tuple(int(v) for v in items)


def _params(kernel_size, dilation, padding, stride) -> tuple:
    kernel, dilation = _two("kernel_size", kernel_size), _two("dilation", dilation)
    padding, stride = _two("padding", padding), _two("stride", stride)
    if min(kernel) <= 0:
        raise RuntimeError(
            f"kernel size should be greater than zero, but got kernel_height: {kernel[0]} kernel_width: {kernel[1]}"
        )
    if min(stride) <= 0:
        raise RuntimeError(
            f"stride should be greater than zero, but got stride_height: {stride[0]} stride_width: {stride[1]}"
        )
    if min(dilation) <= 0:
        raise RuntimeError(
            f"dilation should be greater than zero, but got dilation_height: {dilation[0]} dilation_width: {dilation[1]}"
        )
    if min(padding) < 0:
        raise RuntimeError(
            f"padding should be non-negative, but got pad_height: {padding[0]} pad_width: {padding[1]}"
        )
    return kernel, dilation, padding, stride


def _blocks(shape, kernel, dilation, padding, stride) -> tuple:
    return tuple(
        out_size(n, k, s, p, p, d)
        for n, k, s, p, d in zip(shape, kernel, stride, padding, dilation, strict=True)
    )


def unfold(input: Tensor, kernel_size, dilation=1, padding=0, stride=1) -> Tensor:
    """The sliding blocks of (N, C, H, W) as columns (N, C * kh * kw, L)."""
    require_tensors("unfold", input)
    x = input._data
    if x.ndim < 3:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-max(x.ndim, 1)}, {max(x.ndim, 1) - 1}], but got {x.ndim})"
        )
    kernel, dilation, padding, stride = _params(kernel_size, dilation, padding, stride)
    if x.ndim > 4 or 0 in x.shape[-3:]:
        raise RuntimeError(
            f"Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: {shape_str(x.shape)}"
        )
    out = _blocks(x.shape[-2:], kernel, dilation, padding, stride)
    if min(out) < 1:
        raise RuntimeError(
            f"Given input with spatial size ({x.shape[-2]}, {x.shape[-1]}), kernel_size=({kernel[0]}, {kernel[1]}), dilation=({dilation[0]}, {dilation[1]}), padding=({padding[0]}, {padding[1]}), calculated shape of the array of sliding blocks as ({out[0]}, {out[1]}), but its components must be at least one."
        )
    return apply(
        ops.Im2Col,
        input,
        kernel=kernel,
        dilation=dilation,
        padding=padding,
        stride=stride,
        out=out,
    )


def fold(
    input: Tensor, output_size, kernel_size, dilation=1, padding=0, stride=1
) -> Tensor:
    """Columns (N, C * kh * kw, L) summed back into (N, C, H, W)."""
    require_tensors("fold", input)
    x = input._data
    shape = _two("output_size", output_size)
    kernel, dilation, padding, stride = _params(kernel_size, dilation, padding, stride)
    if x.ndim not in (2, 3) or 0 in x.shape[-2:]:
        raise RuntimeError(
            f"Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: {shape_str(x.shape)}"
        )
    _check_dtype("col2im_out_cpu", x)
    kk = math.prod(kernel)
    if x.shape[-2] % kk:
        raise RuntimeError(
            f"Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)={x.shape[-2]} and kernel_size=({kernel[0]}, {kernel[1]})."
        )
    out = _blocks(shape, kernel, dilation, padding, stride)
    if min(out) < 1:
        raise RuntimeError(
            f"Given output_size=({shape[0]}, {shape[1]}), kernel_size=({kernel[0]}, {kernel[1]}), dilation=({dilation[0]}, {dilation[1]}), padding=({padding[0]}, {padding[1]}), stride=({stride[0]}, {stride[1]}), calculated shape of the array of sliding blocks as ({out[0]}, {out[1]}), but its components must be at least one."
        )
    if x.shape[-1] != out[0] * out[1]:
        raise RuntimeError(
            f"Given output_size=({shape[0]}, {shape[1]}), kernel_size=({kernel[0]}, {kernel[1]}), dilation=({dilation[0]}, {dilation[1]}), padding=({padding[0]}, {padding[1]}), stride=({stride[0]}, {stride[1]}), expected size of input's dimension 2 to match the calculated number of sliding blocks {out[0]} * {out[1]} = {out[0] * out[1]}, but got input.size(2)={x.shape[-1]}."
        )
    return apply(
        ops.Col2Im,
        input,
        shape=shape,
        kernel=kernel,
        dilation=dilation,
        padding=padding,
        stride=stride,
        out=out,
    )


def _check_dtype(kernel: str, x) -> None:
    if x.dtype.kind in "iu":  # NOTE: matches torch: floats and bool only
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
        )
