"""normal, multinomial, randint_like: draws shaped by tensors, on torch's CPU streams (docs/torch_rng.md)."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad._broadcast import broadcast_shape
from minigrad._checks import check_requires_grad
from minigrad._device import cpu_device
from minigrad._exact.generator import (
    _not_implemented,
    engine_of,
    fill_normal_,
)
from minigrad._size import parse_size
from minigrad.ops.sampling import Sampled
from minigrad.random import Generator, randint
from minigrad.tensor import Tensor, _wrap, apply

_NORMAL_SIGNATURES = "(Tensor mean, Tensor std, *, Generator generator), (Tensor mean, float std = 1, *, Generator generator), (float mean, Tensor std, *, Generator generator), (float mean, float std, tuple of ints size, *, Generator generator, dtype dtype, device device, bool requires_grad)"


def normal(
    mean,
    std=1.0,
    size=None,
    *,
    generator: Generator | None = None,
    dtype=None,
    device=None,
    requires_grad: bool = False,
) -> Tensor:
    """Normal samples: ``normal(mean, std)`` with tensors (broadcast) or
    ``normal(mean, std, size)`` with numbers, as torch's four overloads."""
    cpu_device(device)
    tensor_mean, tensor_std = isinstance(mean, Tensor), isinstance(std, Tensor)
    g = engine_of(generator, "normal")
    if not (tensor_mean or tensor_std):
        if size is None or not _is_number(mean) or not _is_number(std):
            raise TypeError(
                f"normal() received an invalid combination of arguments - got ({type(mean).__name__}, {type(std).__name__}), but expected one of: {_NORMAL_SIGNATURES}"
            )
        _check_std(std)
        out = np.empty(
            parse_size((size,)), dtypes.to_np(dtype, dtypes.default_float_np())
        )
        fill_normal_(out, float(mean), float(std), g)
        check_requires_grad(requires_grad, out.dtype)
        return _wrap(out, requires_grad)
    if size is not None or dtype is not None or requires_grad:
        raise TypeError(
            f"normal() received an invalid combination of arguments - got a tensor with size, dtype or requires_grad, but expected one of: {_NORMAL_SIGNATURES}"
        )
    for t in (mean, std):
        if isinstance(t, Tensor) and t._data.dtype.kind != "f":
            raise _not_implemented("normal_kernel_cpu", t._data.dtype)
    if tensor_std and np.any(std._data < 0):
        raise RuntimeError("normal expects all elements of std >= 0.0")
    if not tensor_std:
        _check_std(std)
    # NOTE: matches torch: draw N(0, 1) (or N(0, std) for a number std) in the first
    # tensor argument's dtype, then scale by a tensor std and shift by the mean, one
    # rounding per step
    first = mean if tensor_mean else std
    shape = broadcast_shape(
        mean.shape if tensor_mean else (), std.shape if tensor_std else ()
    )
    out = np.empty(shape, first._data.dtype)
    fill_normal_(out, 0.0, 1.0 if tensor_std else float(std), g)
    if tensor_std:
        np.multiply(out, std._data, out=out, casting="unsafe")
    np.add(out, mean._data if tensor_mean else mean, out=out, casting="unsafe")
    inputs = [t for t in (mean, std) if isinstance(t, Tensor)]
    name = (
        "NormalBackward3"
        if tensor_mean and tensor_std
        else ("NormalBackward1" if tensor_mean else "NormalBackward2")
    )
    return apply(Sampled, *inputs, value=out, name=name)


def _is_number(x) -> bool:
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(
        x, bool
    )


def _check_std(std) -> None:
    if not std >= 0.0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")


def multinomial(
    input: Tensor,
    num_samples: int,
    replacement: bool = False,
    *,
    generator: Generator | None = None,
) -> Tensor:
    """Category indices drawn from each row of (unnormalised) probabilities, as torch."""
    if not isinstance(input, Tensor):
        raise TypeError(
            f"multinomial(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}"
        )
    return input.multinomial(num_samples, replacement, generator=generator)


def randint_like(
    input: Tensor,
    low: int = 0,
    high: int | None = None,
    *,
    generator: Generator | None = None,
    dtype=None,
    device=None,
    requires_grad: bool = False,
) -> Tensor:
    """Integers uniform on [low, high) in ``input``'s shape and dtype:
    ``randint_like(x, high)`` or ``randint_like(x, low, high)``."""
    if high is None:
        low, high = 0, low
    return randint(
        low,
        high,
        tuple(input.shape),
        generator=generator,
        dtype=input.dtype if dtype is None else dtype,
        device=device,
        requires_grad=requires_grad,
    )
