"""copy.deepcopy and pickle of tensors as torch's: storage sharing, grad, attributes."""

from __future__ import annotations

import copy

import numpy as np

from minigrad._pickle_torch import storage_view
from minigrad.tensor import Tensor, _wrap

_NOT_LEAF = "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001"  # noqa: E501


def _copy_data(data: np.ndarray, memo: dict) -> np.ndarray:
    """A copy of ``data``; views of one storage copied together share the copy."""
    found = storage_view(data)
    if found is None:
        return data.copy(order="K")
    root, offset, strides = found
    new_root = copy.deepcopy(root, memo).reshape(-1)  # one copy per root and memo
    item = data.itemsize
    if data.size == 0:
        return np.empty(data.shape, data.dtype)
    byte_strides = tuple(s * item for s in strides)
    return np.ndarray(data.shape, data.dtype, new_root, offset * item, byte_strides)


def deepcopy_tensor(t: Tensor, memo: dict) -> Tensor:
    if t._grad_fn is not None:
        raise RuntimeError(_NOT_LEAF)
    if id(t) in memo:
        return memo[id(t)]
    from minigrad.nn.parameter import Parameter

    if isinstance(t, Parameter):
        # NOTE: matches torch: a Parameter's copy is a clone of its data, no more
        new = type(t)(_wrap(t._data.copy(order="K")), t.requires_grad)
        memo[id(t)] = new
        return new
    new = _wrap(_copy_data(t._data, memo), t._requires_grad, type(t))
    if t._grad is not None:
        new._grad = copy.deepcopy(t._grad, memo)
    new.__dict__.update(copy.deepcopy(t.__dict__, memo))
    memo[id(t)] = new
    return new


def rebuild(data: np.ndarray, requires_grad: bool, cls: type = Tensor) -> Tensor:
    return _wrap(data, requires_grad, cls)


def reduce_tensor(t: Tensor) -> tuple:
    """Pickle's reduction: the array, requires_grad, the class, the attributes."""
    return rebuild, (t._data, t._requires_grad, type(t)), t.__dict__ or None
