"""Top-level forms of the methods torch also has as functions (``minigrad.addcmul``,
``tensor_split``, ``is_nonzero`` ...)."""

from __future__ import annotations

from minigrad._method_functions import method_function
from minigrad._tensor_methods.fused import addc
from minigrad._tensor_methods.splits import repeated_indices
from minigrad.math import _tensor
from minigrad.ops.addc import Addcdiv, Addcmul
from minigrad.tensor import Tensor, _wrap

is_nonzero = method_function("is_nonzero")
is_complex = method_function("is_complex")
is_signed = method_function("is_signed")
tensor_split = method_function("tensor_split")
hsplit = method_function("hsplit")
vsplit = method_function("vsplit")
dsplit = method_function("dsplit")
split_with_sizes = method_function("split_with_sizes")
kthvalue = method_function("kthvalue")
msort = method_function("msort")
quantile = method_function("quantile")
nanquantile = method_function("nanquantile")
diagflat = method_function("diagflat")
dist = method_function("dist")
renorm = method_function("renorm")
histc = method_function("histc")
scatter_reduce = method_function("scatter_reduce")
index_put = method_function("index_put")
index_put_ = method_function("index_put_")
masked_scatter = method_function("masked_scatter")
select_scatter = method_function("select_scatter")
slice_scatter = method_function("slice_scatter")
diagonal_scatter = method_function("diagonal_scatter")
narrow_copy = method_function("narrow_copy")
sin_ = method_function("sin_")
cos_ = method_function("cos_")
clip_ = method_function("clip_")
clamp_ = method_function("clamp_")


def _input(x, name: str) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(
            f"{name}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}"
        )
    return x


def addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value=1) -> Tensor:
    return addc(Addcmul, _input(input, "addcmul"), tensor1, tensor2, value, first=2)


def addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value=1) -> Tensor:
    return addc(Addcdiv, _input(input, "addcdiv"), tensor1, tensor2, value, first=2)


def is_same_size(input: Tensor, other: Tensor) -> bool:
    if not isinstance(other, Tensor):
        raise TypeError(
            f"is_same_size(): argument 'other' (position 2) must be Tensor, not {type(other).__name__}"
        )
    return _tensor(input).is_same_size(other)


def repeat_interleave(input: Tensor, repeats=None, dim=None, *, output_size=None):
    """input repeated along dim; with one tensor argument, its indices repeated."""
    if repeats is None:
        return _wrap(repeated_indices(_tensor(input)))
    return _tensor(input).repeat_interleave(repeats, dim, output_size=output_size)


def bincount(
    input: Tensor, weights: Tensor | None = None, minlength: int = 0
) -> Tensor:
    if weights is not None and not isinstance(weights, Tensor):
        raise TypeError(
            f"bincount(): argument 'weights' (position 2) must be Tensor, not {type(weights).__name__}"
        )
    return _tensor(input).bincount(weights, minlength)
