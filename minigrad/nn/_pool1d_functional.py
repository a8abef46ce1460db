"""nn.functional's 1-d pooling and adaptive max pooling, built on the 2-d pools as torch's."""

from __future__ import annotations

import inspect
from collections.abc import Sequence

from minigrad import dtypes
from minigrad.nn._args import require_int_tuple, shape_str
from minigrad.nn._loss_checks import _require_tensor
from minigrad.nn._pool_functional import (
    _out_size,
    adaptive_avg_pool2d,
    avg_pool2d,
    max_pool2d,
)
from minigrad.ops import adaptive_max
from minigrad.tensor import Tensor, _wrap, apply

__all__ = ["max_pool1d", "max_pool1d_with_indices", "max_pool2d_with_indices"]
__all__ += ["avg_pool1d", "adaptive_avg_pool1d", "adaptive_max_pool1d"]
__all__ += ["adaptive_max_pool1d_with_indices", "adaptive_max_pool2d"]
__all__ += ["adaptive_max_pool2d_with_indices"]


def _one(name: str, what: str, value, omitted=None) -> int:
    """A 1-d pooling's size argument as an int (torch's 'should contain one int')."""
    if omitted is not None and (value is None or value == () or value == []):
        return omitted
    items = tuple(value) if isinstance(value, Sequence) else (value,)
    if len(items) != 1:
        raise RuntimeError(
            f"{name}() argument '{what}' should contain one int (got {len(items)})"
        )
    return int(items[0])


def _require_2d_or_3d(name: str, input: Tensor) -> None:
    if input.dim() not in (2, 3):
        raise RuntimeError(
            f"Expected 2 to 3 dimensions, but got {input.dim()}-dimensional tensor for argument #1 'self' (while checking arguments for {name})"
        )


def _sizes(value) -> tuple:
    return tuple(value) if isinstance(value, Sequence) else (value,)


def _check_max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode):
    """torch's max_pool1d checks (its path without indices), in torch's order."""
    x = input._data
    if x.ndim not in (2, 3) or 0 in x.shape[x.ndim - 2 :]:
        raise RuntimeError(
            f"max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:{shape_str(x.shape)}"
        )
    rule = {
        "kernel_size": "an int, list of ints or tuple of ints of size 1",
        "stride": "None, an int, list of ints, or tuple of ints of size 1",
        "padding": "an int, list of ints, or tuple of ints of size 1",
        "dilation": "an int, list of ints or tuple of ints of size 1",
    }
    given = {"kernel_size": kernel_size, "stride": stride}
    given.update(padding=padding, dilation=dilation)
    for what, value in given.items():
        n = len(_sizes(value)) if value is not None else 0
        if n > 1 or (n == 0 and what != "stride"):
            raise RuntimeError(
                f"max_pool1d() {what} must be {rule[what]} but got size {n}"
            )
    k = _sizes(kernel_size)[0]
    s = _sizes(stride)[0] if stride is not None and len(_sizes(stride)) else k
    p, d = _sizes(padding)[0], _sizes(dilation)[0]
    for what, value in (("kernel_size", k), ("stride", s)):
        if value <= 0:
            raise RuntimeError(
                f"max_pool1d() {what} must be greater than zero, but got {value}"
            )
    if p < 0:
        raise RuntimeError(f"max_pool1d() padding must be non-negative, but got {p}")
    if p > k // 2:
        raise RuntimeError(
            f"max_pool1d() padding should be at most half of kernel size, but got padding={p} and kernel_size={k}"
        )
    if d <= 0:
        raise RuntimeError(
            f"max_pool1d() dilation must be greater than zero, but got {d}"
        )
    out = _out_size(x.shape[-1], k, s, p, d, ceil_mode)
    if out <= 0:
        raise RuntimeError(f"max_pool1d() Invalid computed output size: {out}")
    if x.dtype.kind != "f":
        raise NotImplementedError(
            f"\"max_pool1d_impl\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
        )


# torch's max pooling functions all take max_pool2d's parameters
_MAX_POOL = inspect.signature(max_pool2d)


def _arguments(*args, **kwargs) -> dict:
    given = _MAX_POOL.bind(*args, **kwargs)
    given.apply_defaults()
    return given.arguments


def max_pool1d_with_indices(*args, **kwargs) -> tuple[Tensor, Tensor]:
    """The maximum of each window of the last dim and its index there."""
    a = _arguments(*args, **kwargs)
    input, kernel_size = a["input"], a["kernel_size"]
    _require_tensor("max_pool1d_with_indices", input)
    _require_2d_or_3d("max_pool1d", input)
    require_int_tuple("max_pool1d_with_indices", "kernel_size", 2, kernel_size)
    k = _one("max_pool1d", "kernel_size", kernel_size)
    s = _one("max_pool1d", "stride", a["stride"], omitted=k)
    p = _one("max_pool1d", "padding", a["padding"])
    d = _one("max_pool1d", "dilation", a["dilation"])
    values, indices = max_pool2d(
        input.unsqueeze(-2), (1, k), (1, s), (0, p), (1, d), a["ceil_mode"], True
    )
    return values.squeeze(-2), indices.squeeze(-2)


def max_pool2d_with_indices(*args, **kwargs) -> tuple[Tensor, Tensor]:
    """The maximum of each window and its flat index in the plane."""
    return max_pool2d(**{**_arguments(*args, **kwargs), "return_indices": True})


max_pool1d_with_indices.__signature__ = _MAX_POOL
max_pool2d_with_indices.__signature__ = _MAX_POOL


def _boolean_dispatch(name: str, index: int, if_true, if_false, doc: str):
    """torch's boolean_dispatch: if_true when return_indices (argument ``index``
    or keyword) is true, else if_false; the signature is (*args, **kwargs), as torch's."""

    def fn(*args, **kwargs):
        if "return_indices" in kwargs:
            flag = kwargs["return_indices"]
        else:
            flag = args[index] if index < len(args) else False
        return if_true(*args, **kwargs) if flag else if_false(*args, **kwargs)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


def _max_pool1d(*args, **kwargs) -> Tensor:
    """max_pool1d without indices: torch's own checks first."""
    a = _arguments(*args, **kwargs)
    _require_tensor("max_pool1d", a["input"])
    require_int_tuple("max_pool1d", "kernel_size", 2, a["kernel_size"])
    _check_max_pool1d(*(a[k] for k in list(a)[:6]))
    return max_pool1d_with_indices(*args, **kwargs)[0]


max_pool1d = _boolean_dispatch(
    "max_pool1d",
    6,
    max_pool1d_with_indices,
    _max_pool1d,
    "The maximum of each window of the last dim; with return_indices, also its index.",
)


def avg_pool1d(*args, **kwargs) -> Tensor:
    """The mean of each window of the last dim."""
    given = _AVG_POOL.bind(*args, **kwargs)
    given.apply_defaults()
    input, kernel_size, stride, padding, ceil_mode, include = given.arguments.values()
    _require_tensor("avg_pool1d", input)
    require_int_tuple("avg_pool1d", "kernel_size", 2, kernel_size)
    _require_2d_or_3d("avg_pool1d", input)
    k = _one("avg_pool1d", "kernel_size", kernel_size)
    s = _one("avg_pool1d", "stride", stride, omitted=k)
    p = _one("avg_pool1d", "padding", padding)
    out = avg_pool2d(input.unsqueeze(-2), (1, k), (1, s), (0, p), ceil_mode, include)
    return out.squeeze(-2)


# NOTE: matches torch: avg_pool2d's parameters but divisor_override
_AVG_POOL = inspect.signature(avg_pool2d)
_AVG_POOL = _AVG_POOL.replace(
    parameters=list(_AVG_POOL.parameters.values())[:-1], return_annotation="Tensor"
)
avg_pool1d.__signature__ = _AVG_POOL


def _require_sizes(name: str, output_size) -> None:
    """torch's TypeErrors for an output_size that is not an int or ints."""
    if isinstance(output_size, Sequence):
        for i, v in enumerate(output_size):
            if isinstance(v, bool) or not isinstance(v, int):
                raise TypeError(
                    f"{name}(): argument 'output_size' (position 2) must be tuple of ints, but found element of type {type(v).__name__} at pos {i}"
                )
    require_int_tuple(name, "output_size", 2, output_size)


def _require_nonempty(name: str, shape) -> None:
    """torch's error for an empty non-batch dim of an adaptive pooling's input."""
    empty = [d for d in range(1, len(shape)) if shape[d] == 0]
    if empty:
        raise RuntimeError(
            f"{name}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes {shape_str(shape)} with dimension {empty[0]} being empty"
        )


def _output_size_1d(name: str, input: Tensor, output_size) -> int:
    _require_tensor(name, input)
    _require_sizes(name, output_size)
    o = _one(name, "output_size", output_size)
    _require_2d_or_3d(name, input)
    return o


def adaptive_avg_pool1d(input: Tensor, output_size) -> Tensor:
    """Averages over output_size adaptive bins of the last dim."""
    o = _output_size_1d("adaptive_avg_pool1d", input, output_size)
    return adaptive_avg_pool2d(input.unsqueeze(-2), (1, o)).squeeze(-2)


def adaptive_max_pool1d_with_indices(
    input: Tensor, output_size, return_indices: bool = False
) -> tuple[Tensor, Tensor]:
    """The maxima of output_size adaptive bins of the last dim and their indices."""
    o = _output_size_1d("adaptive_max_pool1d", input, output_size)
    _require_nonempty("adaptive_max_pool1d", input._data.shape)
    values, indices = _adaptive_max_pool2d(input.unsqueeze(-2), [1, o])
    return values.squeeze(-2), indices.squeeze(-2)


def adaptive_max_pool2d_with_indices(
    input: Tensor, output_size, return_indices: bool = False
) -> tuple[Tensor, Tensor]:
    """The maxima of the adaptive bins of the last two dims and their flat indices."""
    _require_tensor("adaptive_max_pool2d", input)
    if isinstance(output_size, Sequence):
        if input.dim() <= len(output_size):
            raise ValueError(
                f"Input dimension should be at least {len(output_size) + 1}"
            )
        defaults = input.shape[-len(output_size) :]
        output_size = [d if v is None else v for v, d in zip(output_size, defaults)]
    elif not isinstance(output_size, int):
        len(output_size)  # NOTE: matches torch: a TypeError naming the type
    return _adaptive_max_pool2d(input, output_size)


def _adaptive_max_pool2d(input: Tensor, output_size) -> tuple[Tensor, Tensor]:
    """torch's adaptive_max_pool2d (its checks in torch's order), one graph node."""
    _require_sizes("adaptive_max_pool2d", output_size)
    x = input._data
    if x.ndim not in (3, 4):
        raise RuntimeError(
            f"adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: {shape_str(x.shape)}"
        )
    _require_nonempty("adaptive_max_pool2d", x.shape)
    out = list(output_size) if isinstance(output_size, Sequence) else [output_size] * 2
    if len(out) != 2:
        raise RuntimeError(
            "adaptive_max_pool2d(): internal error: output_size.size() must be 2"
        )
    shape = [*x.shape[:-2], *out]
    for n in out:
        if n < 0:
            raise RuntimeError(
                f"Trying to create tensor with negative dimension {n}: {shape_str(shape)}"
            )
    if x.dtype.kind != "f":
        raise NotImplementedError(
            f"\"adaptive_max_pool2d\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
        )
    result = adaptive_max.adaptive_max_pool2d(x, tuple(out))
    return apply(adaptive_max.AdaptiveMaxPool, input, result=result), _wrap(result[1])


def _first(pool):
    def values(*args, **kwargs) -> Tensor:
        return pool(*args, **kwargs)[0]

    return values


adaptive_max_pool1d = _boolean_dispatch(
    "adaptive_max_pool1d",
    2,
    adaptive_max_pool1d_with_indices,
    _first(adaptive_max_pool1d_with_indices),
    "The maxima of output_size adaptive bins of the last dim (with their indices).",
)
adaptive_max_pool2d = _boolean_dispatch(
    "adaptive_max_pool2d",
    2,
    adaptive_max_pool2d_with_indices,
    _first(adaptive_max_pool2d_with_indices),
    "The maxima of the adaptive bins of the last two dims (with their flat indices).",
)
