"""Argument checks with torch's errors: dims, shapes and matmul operands (on arrays)."""

from __future__ import annotations

import numpy as np

from minigrad import dtypes
from minigrad._broadcast import broadcast_shape
from minigrad._size import Size


def check_bool_sub(a_bool: bool, b_bool: bool) -> None:
    """torch refuses ``-`` with a bool operand."""
    if a_bool and b_bool:
        raise RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
        )
    if a_bool or b_bool:
        raise RuntimeError(
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
        )


def check_mm(a: np.ndarray, b: np.ndarray) -> None:
    if a.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    check_matmul(a, b)


def check_matmul(a: np.ndarray, b: np.ndarray) -> None:
    sa, sb = a.shape, b.shape
    if not sa or not sb:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {len(sa)}D and {len(sb)}D"
        )
    k_a = sa[-1]
    k_b = sb[0] if len(sb) == 1 else sb[-2]
    if len(sa) > 2 and len(sb) > 2:
        broadcast_shape(sa[:-2], sb[:-2])
    if k_a != k_b:
        if len(sa) == 2 and len(sb) == 1:
            raise RuntimeError(
                f"size mismatch, got input ({sa[0]}), mat ({sa[0]}x{sa[1]}), vec ({sb[0]})"
            )
        if len(sa) <= 2 and len(sb) <= 2:
            if len(sa) == 1 and len(sb) == 1:
                raise RuntimeError(
                    f"inconsistent tensor size, expected tensor [{sa[0]}] and src [{sb[0]}] to have the same number of elements, but got {sa[0]} and {sb[0]} elements respectively"
                )
            ma = "x".join(map(str, sa if len(sa) == 2 else (1,) + sa))
            mb = "x".join(map(str, sb if len(sb) == 2 else sb + (1,)))
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({ma} and {mb})"
            )
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: {list(sa[:-2])} but got: {list(sb[:-2])} (matmul of {list(sa)} and {list(sb)}: {k_a} != {k_b})"
        )
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {dtypes.scalar_type_name(a.dtype).lower()} != {dtypes.scalar_type_name(b.dtype).lower()}"
        )


def wrap_dim(d, ndim: int) -> int:
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)):
        raise TypeError(f"dim must be an int, not {type(d).__name__}")
    n = max(ndim, 1)
    if not -n <= d < n:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {d})"
        )
    return int(d) % n if ndim else 0


def wrap_dims(dim, ndim: int) -> tuple | None:
    if dim is None:
        return None
    if isinstance(dim, (list, tuple)):
        if not dim:
            return tuple(range(ndim))  # NOTE: matches torch: [] reduces every dim
        dims = tuple(wrap_dim(d, ndim) for d in dim)
        if len(set(dims)) != len(dims):
            raise RuntimeError(
                f"dim {dims[0]} appears multiple times in the list of dims"
            )
        return dims if ndim else ()
    d = wrap_dim(dim, ndim)
    return (d,) if ndim else ()


def shape_args(args: tuple, fn: str = "view", arg: str = "size") -> tuple:
    """Sizes as varargs or one sequence, each an int (torch's TypeError if not)."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = tuple(args[0])
    elif len(args) == 1 and not hasattr(args[0], "__index__"):
        raise TypeError(
            f"{fn}(): argument '{arg}' (position 1) must be tuple of ints, not {type(args[0]).__name__}"
        )
    out = []
    for i, a in enumerate(args):
        if type(a) is not int:
            if isinstance(a, bool) or not hasattr(a, "__index__"):
                raise TypeError(
                    f"{fn}(): argument '{arg}' failed to unpack the object at pos {i + 1} with error \"type must be tuple of ints,but got {type(a).__name__}\""
                )
            a = a.__index__()
        out.append(a)
    return tuple(out)


def check_number(value, fn: str, arg: str, position: int | None = None) -> None:
    """torch's TypeError for a non-number where its signature wants a Number."""
    if isinstance(value, (bool, int, float, complex, np.number)):
        return
    if hasattr(value, "_data") and getattr(value, "ndim", 1) == 0:
        return  # a 0-d tensor converts
    where = "" if position is None else f" (position {position})"
    raise TypeError(
        f"{fn}(): argument '{arg}'{where} must be Number, not {type(value).__name__}"
    )


def infer_shape(shape: tuple, size: int) -> tuple:
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for n in shape:
        if n != -1:
            if n < 0:
                raise RuntimeError(f"invalid shape dimension {n}")
            known *= n
    if -1 in shape:
        if known == 0 or size % known:
            raise RuntimeError(
                f"shape '{list(shape)}' is invalid for input of size {size}"
            )
        shape = tuple(size // known if n == -1 else n for n in shape)
    elif known != size:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {size}")
    return shape


def check_requires_grad(requires_grad: bool, np_dtype: np.dtype) -> None:
    """torch refuses requires_grad on dtypes that have no gradients."""
    if requires_grad and np_dtype.kind != "f":
        raise RuntimeError(
            "Only Tensors of floating point and complex dtype can require gradients"
        )


def permutation(dims: tuple, ndim: int) -> tuple:
    """``permute``'s dims, wrapped and checked."""
    if len(dims) != ndim:
        raise RuntimeError(
            f"permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {ndim} is not equal to len(dims) = {len(dims)}"
        )
    dims = tuple(wrap_dim(d, ndim) for d in dims)
    if len(set(dims)) != ndim:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return dims


def expanded_shape(shape: tuple, sizes: tuple) -> tuple:
    """``expand``'s target shape (-1 keeps a size), checked as torch checks it."""
    if len(sizes) < len(shape):
        raise RuntimeError(
            f"expand(torch.FloatTensor{{{list(shape)}}}, size={list(sizes)}): the number of sizes provided ({len(sizes)}) must be greater or equal to the number of dimensions in the tensor ({len(shape)})"
        )
    lead = len(sizes) - len(shape)
    target = []
    for i, n in enumerate(sizes):
        own = shape[i - lead] if i >= lead else None
        if n == -1:
            if own is None:
                raise RuntimeError(
                    "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0"
                )
            n = own
        elif own is not None and own != n and own != 1:
            raise RuntimeError(
                f"The expanded size of the tensor ({n}) must match the existing size ({own}) at non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor sizes: {list(shape)}"
            )
        target.append(n)
    if any(
        n < 0 for n in target
    ):  # NOTE: matches torch's message (its numel overflows)
        raise RuntimeError(
            f"numel: integer multiplication overflow (a negative size in {list(sizes)})"
        )
    return tuple(target)


def check_inplace_result(out: np.ndarray, target: np.ndarray) -> None:
    """An in-place op's result must fit its target's dtype and shape."""
    if out.dtype != target.dtype:
        if not np.can_cast(out.dtype, target.dtype, "same_kind") or (
            out.dtype.kind == "f" and target.dtype.kind != "f"
        ):
            raise RuntimeError(
                f"result type {dtypes.scalar_type_name(out.dtype)} can't be cast to the desired output type {dtypes.scalar_type_name(target.dtype)}"
            )
    if out.shape != target.shape:
        raise RuntimeError(
            f"output with shape {list(target.shape)} doesn't match the broadcast shape {list(out.shape)}"
        )


def check_grad_assignment(grad: np.ndarray, data: np.ndarray) -> None:
    """``t.grad = g`` needs g of t's dtype and shape."""
    if grad.dtype != data.dtype:
        raise RuntimeError(
            f"assigned grad has data of a different type: {dtypes.from_numpy_dtype(grad.dtype)} vs {dtypes.from_numpy_dtype(data.dtype)}"
        )
    if grad.shape != data.shape:
        raise RuntimeError(
            f"assigned grad has data of a different size: {Size(grad.shape)} vs {Size(data.shape)}"
        )


def fill_overflow(value, np_dtype: np.dtype) -> None:
    """torch's error for an int fill value that does not fit an integer dtype."""
    if isinstance(value, int) and np_dtype.kind in "iu":
        info = np.iinfo(np_dtype)
        if not info.min <= value <= info.max:
            raise RuntimeError(
                f"value cannot be converted to type {np_dtype.name}_t without overflow"
            )
