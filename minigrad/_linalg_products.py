"""torch.linalg's products and views: multi_dot, vecdot, cross, diagonal, matmul."""

from __future__ import annotations

from minigrad import dtypes
from minigrad._linalg_checks import check_floating
from minigrad.tensor import Tensor

__all__ = ["cross", "diagonal", "matmul", "multi_dot", "vecdot"]

# NOTE: matches torch: multi_dot names dtypes as C++ does (caffe2::TypeMeta)
_CPP_NAMES = {"float32": "float", "float64": "double", "int64": "long int"}
_CPP_NAMES |= {"int32": "int", "int16": "short int", "int8": "signed char"}
_CPP_NAMES |= {"uint8": "unsigned char", "bool": "bool", "float16": "c10::Half"}


def _tensor(x, fn: str, arg: str) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(
            f"{fn}(): argument '{arg}' (position 1) must be Tensor, not {type(x).__name__}"
        )
    return x


def matmul(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """input @ other (torch.matmul)."""
    return _tensor(input, "linalg_matmul", "input").matmul(other)


def diagonal(A: Tensor, *, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:  # noqa: N803
    """The diagonals of the matrices (a view)."""
    return _tensor(A, "linalg_diagonal", "A").diagonal(offset, dim1, dim2)


def cross(input: Tensor, other: Tensor, *, dim: int = -1) -> Tensor:  # noqa: A002
    """The cross product of 3-vectors along dim (broadcast)."""
    return _tensor(input, "linalg_cross", "input").cross(other, dim=dim)


def vecdot(x: Tensor, y: Tensor, *, dim: int = -1) -> Tensor:
    """sum(x * y) along dim (broadcast)."""
    a, b = (
        _tensor(x, "linalg_vecdot", "x")._data,
        _tensor(y, "linalg_vecdot", "y")._data,
    )
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"linalg.vecdot: Expected x and y to have the same dtype, but found x of type {dtypes.scalar_type_name(a.dtype)} and y of type {dtypes.scalar_type_name(b.dtype)} instead"
        )
    check_floating("linalg.vecdot", a.dtype, low_precision=False)
    return (x * y).sum(dim)


def _check_chain(tensors: list) -> None:
    n = len(tensors)
    if n < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {n}")
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(
                f"expected Tensor as element {i} in argument 0, but got {type(t).__name__}"
            )
    for i, t in enumerate(tensors):
        d = t._data.ndim
        if i in (0, n - 1) and d not in (1, 2):
            which = "first" if i == 0 else "last"
            raise RuntimeError(
                f"multi_dot(): the {which} tensor must be 1D or 2D but got {d}D"
            )
        if 0 < i < n - 1 and d != 2:
            raise RuntimeError(f"multi_dot(): tensor {i} must be 2D but got {d}D")
    first = tensors[0]._data.dtype
    for i, t in enumerate(tensors[1:], 1):
        if t._data.dtype != first:
            raise RuntimeError(
                f"multi_dot(): all tensors must have be the same dtype but tensor 0 is {_CPP_NAMES.get(first.name, first.name)} and tensor {i} {_CPP_NAMES.get(t._data.dtype.name, t._data.dtype.name)}"
            )
    for i in range(n - 1):
        a, b = tensors[i]._data.shape, tensors[i + 1]._data.shape
        if a[-1] != b[0]:
            raise RuntimeError(
                f"multi_dot(): tensors {i} and {i + 1} with shapes {list(a)} and {list(b)} cannot be multiplied"
            )


def _chain_order(dims: list[int]) -> list[list[int]]:
    """The cheapest parenthesisation (torch's matrix_chain_order): split[i][j]."""
    n = len(dims) - 1
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = None
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if cost[i][j] is None or c < cost[i][j]:
                    cost[i][j], split[i][j] = c, k
    return split


def _chain(tensors: list, split: list, i: int, j: int) -> Tensor:
    if i == j:
        return tensors[i]
    k = split[i][j]
    return _chain(tensors, split, i, k).mm(_chain(tensors, split, k + 1, j))


def multi_dot(tensors) -> Tensor:
    """The product of the chain of matrices, in the cheapest order (1-D ends as vectors)."""
    if isinstance(tensors, Tensor):
        raise TypeError(
            "linalg_multi_dot(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor"
        )
    tensors = list(tensors)
    _check_chain(tensors)
    row, col = tensors[0]._data.ndim == 1, tensors[-1]._data.ndim == 1
    mats = [tensors[0].unsqueeze(0) if row else tensors[0], *tensors[1:-1]]
    mats.append(tensors[-1].unsqueeze(-1) if col else tensors[-1])
    if len(mats) == 3:
        (a, b), (_, c), (_, d) = (m._data.shape for m in mats)
        # NOTE: matches torch: cost (ab)c = a*c*(b+d), a(bc) = b*d*(a+c)
        if a * c * (b + d) > b * d * (a + c):
            out = mats[0].mm(mats[1].mm(mats[2]))
        else:
            out = mats[0].mm(mats[1]).mm(mats[2])
    else:
        dims = [m._data.shape[0] for m in mats] + [mats[-1]._data.shape[1]]
        out = _chain(mats, _chain_order(dims), 0, len(mats) - 1)
    # NOTE: matches torch: the result is always a view (ViewBackward0), which
    # drops the 1-D ends
    return out.view(out._data.shape[row : 2 - col])
