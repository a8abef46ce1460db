"""The top-level math functions (``minigrad.add`` ...): each calls the Tensor method."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes, ops
from minigrad._checks import wrap_dim
from minigrad._einsum import explicit_equation, has_diagonal
from minigrad._method_functions import _tensor, method_function
from minigrad.tensor import Tensor, _operand, _wrap, apply

# The functions that pass their arguments on: ``minigrad.exp(x)`` is ``x.exp()``,
# with the method's signature (``input`` for ``self``); each named in this table.
PASS_ON = ["neg", "exp", "log", "sqrt", "abs", "sigmoid", "tanh", "sin", "cos"]
PASS_ON += ["round", "relu", "clamp", "maximum", "minimum", "matmul", "dot", "bmm"]
PASS_ON += ["sum", "mean", "prod", "cumsum", "var", "std", "max", "min", "argmax"]
PASS_ON += ["argmin", "topk", "allclose", "equal", "numel", "is_floating_point"]
PASS_ON += ["flatten", "unflatten", "squeeze", "unsqueeze", "transpose", "t"]
PASS_ON += ["clone", "masked_fill", "chunk"]
# these take a number or a list as input too, as torch.add(2, x)
NUMBER_FIRST = ["add", "sub", "mul", "div", "eq", "ne", "lt", "le", "gt", "ge"]
globals().update({name: method_function(name) for name in PASS_ON})
globals().update({name: method_function(name, _operand) for name in NUMBER_FIRST})
clip = globals()["clamp"]  # NOTE: matches torch: another name of the same function


def pow(input, exponent) -> Tensor:  # noqa: A001
    if not isinstance(input, Tensor):
        return _tensor(exponent, "exponent").__rpow__(input)
    return input.pow(exponent)


def mm(input: Tensor, mat2: Tensor) -> Tensor:
    return _tensor(input).mm(mat2)


def _sequence(tensors, name: str) -> list:
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(
            f"{name}(): argument 'tensors' (position 1) must be tuple of Tensors, not {type(tensors).__name__}"
        )
    if not tensors:
        # NOTE: matches torch: cat says ValueError, stack RuntimeError
        raise (ValueError if name == "cat" else RuntimeError)(
            f"{name}(): expected a non-empty list of Tensors"
        )
    for t in tensors:
        _tensor(t, "expected Tensor as element in argument 'tensors', but got")
    return list(tensors)


def _common_dtype(tensors: list):
    """The dtype torch.cat/stack compute in, or None when all inputs share one."""
    first = tensors[0]._data.dtype
    if all(t._data.dtype is first or t._data.dtype == first for t in tensors):
        return None
    dims = [t._data.dtype for t in tensors if t._data.ndim]
    zeros = [t._data.dtype for t in tensors if not t._data.ndim]
    return dtypes.result_type(dims, zeros, [])


def cat(tensors, dim: int = 0) -> Tensor:
    tensors = _sequence(tensors, "cat")
    # NOTE: matches torch: 1-D empty tensors may stand anywhere and are skipped
    shaped = [t for t in tensors if t._data.shape != (0,)]
    ref = shaped[0] if shaped else tensors[0]
    if ref._data.ndim == 0:
        raise RuntimeError(
            "zero-dimensional tensor (at position 0) cannot be concatenated"
        )
    d = wrap_dim(dim, ref._data.ndim)
    for i, t in enumerate(tensors):
        if t._data.shape == (0,) and t is not ref:
            continue
        if t._data.ndim != ref._data.ndim:
            raise RuntimeError(
                f"Tensors must have same number of dimensions: got {ref._data.ndim} and {t._data.ndim}"
            )
        for j, (m, n) in enumerate(zip(ref._data.shape, t._data.shape)):
            if j != d and m != n:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size {m} but got size {n} for tensor number {i} in the list."
                )
    return apply(ops.Cat, *tensors, dim=d, dtype=_common_dtype(tensors))


concat = cat
concatenate = cat


def stack(tensors, dim: int = 0) -> Tensor:
    tensors = _sequence(tensors, "stack")
    shape = tensors[0]._data.shape
    for i, t in enumerate(tensors):
        if t._data.shape != shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(shape)} at entry 0 and {list(t._data.shape)} at entry {i}"
            )
    d = wrap_dim(dim, len(shape) + 1)
    return apply(ops.Stack, *tensors, dim=d, dtype=_common_dtype(tensors))


def where(condition: Tensor, input=None, other=None):
    condition = _tensor(condition, "condition")
    if input is None and other is None:
        return tuple(_wrap(i.astype(np.int64)) for i in np.nonzero(condition._data))
    return _operand(input).where(condition, other)


def isclose(
    input: Tensor,
    other: Tensor,
    rtol: float = 1e-05,
    atol: float = 1e-08,
    equal_nan: bool = False,
) -> Tensor:
    return _wrap(np.isclose(input._data, other._data, rtol, atol, equal_nan))


def reshape(input: Tensor, shape) -> Tensor:
    return _tensor(input).reshape(shape)


def permute(input: Tensor, dims) -> Tensor:
    return _tensor(input).permute(dims)


def is_tensor(obj: object, /) -> bool:
    return isinstance(obj, Tensor)


# --- deep networks (issue 11): statistics, pieces, sorting, batched products ----------


def norm(
    input: Tensor, p="fro", dim=None, keepdim=False, out=None, dtype=None
) -> Tensor:
    if out is not None:
        raise NotImplementedError("minigrad: norm(out=...) is not supported")
    return _tensor(input).norm(p, dim, keepdim, dtype)


def split(tensor: Tensor, split_size_or_sections, dim: int = 0) -> tuple:
    return _tensor(tensor, "tensor").split(split_size_or_sections, dim)


def sort(input: Tensor, dim: int = -1, descending: bool = False, stable=None):
    return _tensor(input).sort(dim, descending, stable=stable)


def einsum(equation: str, *operands) -> Tensor:
    """Sums of products over the subscripts of ``equation`` ('ij,jk->ik' is a matmul)."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    for x in operands:
        _tensor(x, "einsum(): expected Tensor operands, but an operand")
    eq = explicit_equation(equation, [x._data.shape for x in operands])
    first = operands[0]._data.dtype if operands else None
    for x in operands:
        if x._data.dtype != first:
            raise RuntimeError(
                f"expected scalar type {dtypes.scalar_type_name(first)} but found {dtypes.scalar_type_name(x._data.dtype)}"
            )
    if has_diagonal(eq) and any(x.requires_grad for x in operands):
        raise NotImplementedError(
            "minigrad: einsum's gradient through a repeated subscript in one operand (a diagonal) is not supported"
        )
    return apply(ops.Einsum, *operands, equation=eq)


# --- multiclass: softmax, gather, scatter -------------------------------------------


def softmax(input: Tensor, dim: int, dtype=None) -> Tensor:
    return _tensor(input, "softmax(): argument 'input' (position 1)").softmax(
        _int_dim(dim, "softmax"), dtype
    )


def log_softmax(input: Tensor, dim: int, dtype=None) -> Tensor:
    return _tensor(input, "log_softmax(): argument 'input' (position 1)").log_softmax(
        _int_dim(dim, "log_softmax"), dtype
    )


def _int_dim(dim, name: str) -> int:
    if not isinstance(dim, (int, np.integer)) or isinstance(dim, bool):
        raise TypeError(
            f"{name}(): argument 'dim' (position 2) must be int, not {type(dim).__name__}"
        )
    return dim


def gather(
    input: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False
) -> Tensor:
    return _tensor(input, "gather(): argument 'input' (position 1)").gather(dim, index)


def scatter(
    input: Tensor, dim: int, index: Tensor, src=None, *, value=None, reduce=None
) -> Tensor:
    return _tensor(input, "scatter(): argument 'input' (position 1)").scatter(
        dim, index, src, value=value, reduce=reduce
    )


def scatter_add(input: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    return _tensor(input, "scatter_add(): argument 'input' (position 1)").scatter_add(
        dim, index, src
    )
