"""Top-level index functions (``minigrad.index_select``, ``nonzero``, ``take`` ...): each calls the Tensor method."""

from __future__ import annotations

from minigrad.math import _tensor
from minigrad.tensor import Tensor


def index_select(input: Tensor, dim: int, index: Tensor) -> Tensor:
    return _tensor(input).index_select(dim, index)


def masked_select(input: Tensor, mask: Tensor) -> Tensor:
    return _tensor(input).masked_select(mask)


def nonzero(input: Tensor, *, as_tuple: bool = False):
    return _tensor(input).nonzero(as_tuple=as_tuple)


def argwhere(input: Tensor) -> Tensor:
    return _tensor(input).argwhere()


def take(input: Tensor, index: Tensor) -> Tensor:
    return _tensor(input).take(index)


def take_along_dim(input: Tensor, indices: Tensor, dim=None) -> Tensor:
    return _tensor(input).take_along_dim(indices, dim)


def index_add(input: Tensor, dim: int, index: Tensor, source: Tensor, *, alpha=1):
    return _tensor(input).index_add(dim, index, source, alpha=alpha)


def index_copy(input: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:
    return _tensor(input).index_copy(dim, index, source)


def index_fill(input: Tensor, dim: int, index: Tensor, value) -> Tensor:
    return _tensor(input).index_fill(dim, index, value)
