"""nn.functional's softmax, log_softmax and one_hot, with torch's arguments and errors."""

from __future__ import annotations

import warnings

import numpy as np

from minigrad.tensor import Tensor, _wrap


def _get_softmax_dim(name: str, ndim: int, stacklevel: int) -> int:
    """torch's implicit dim (deprecated): 0 for 0-, 1- and 3-d input, else 1."""
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X as an argument.",
        stacklevel=stacklevel,
    )
    return 0 if ndim in (0, 1, 3) else 1


def softmax(
    input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None
) -> Tensor:
    """exp(x) / sum(exp(x)) along dim, computed stably (one SoftmaxBackward0 node)."""
    if dim is None:
        dim = _get_softmax_dim("softmax", input.dim(), _stacklevel)
    return input.softmax(dim) if dtype is None else input.softmax(dim, dtype=dtype)


def log_softmax(
    input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None
) -> Tensor:
    """x - log(sum(exp(x))) along dim, computed stably (one LogSoftmaxBackward0 node)."""
    if dim is None:
        dim = _get_softmax_dim("log_softmax", input.dim(), _stacklevel)
    return (
        input.log_softmax(dim) if dtype is None else input.log_softmax(dim, dtype=dtype)
    )


def one_hot(input: Tensor, num_classes: int = -1) -> Tensor:
    """An int64 tensor with a trailing dim of num_classes: 1 at each class index."""
    if not isinstance(input, Tensor):
        raise TypeError(
            f"one_hot(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}"
        )
    if not isinstance(num_classes, (int, np.integer)) or isinstance(num_classes, bool):
        raise TypeError(
            f"one_hot(): argument 'num_classes' (position 2) must be int, not {type(num_classes).__name__}"
        )
    x = input._data
    if x.dtype != np.int64:
        raise RuntimeError(
            "one_hot is only applicable to index tensor of type LongTensor."
        )
    if not x.size:
        if num_classes == -1:
            raise RuntimeError(
                "Can not infer total number of classes from empty tensor."
            )
        return _wrap(np.zeros((*x.shape, num_classes), np.int64))
    if x.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if num_classes == -1:
        num_classes = int(x.max()) + 1
    elif x.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    return _wrap((x[..., None] == np.arange(num_classes)).astype(np.int64))
