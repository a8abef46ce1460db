"""Top-level reductions (``minigrad.amax``, ``median``, ``std_mean`` ...): each calls
the Tensor method, or records torch's pair of outputs."""

from __future__ import annotations

from minigrad import ops
from minigrad._checks import wrap_dims
from minigrad.math import _tensor
from minigrad.tensor import Tensor, apply


def amax(input: Tensor, dim=(), keepdim: bool = False) -> Tensor:
    return _tensor(input).amax(dim, keepdim)


def amin(input: Tensor, dim=(), keepdim: bool = False) -> Tensor:
    return _tensor(input).amin(dim, keepdim)


def aminmax(input: Tensor, *, dim=None, keepdim: bool = False):
    return _tensor(input).aminmax(dim=dim, keepdim=keepdim)


def logsumexp(input: Tensor, dim, keepdim: bool = False) -> Tensor:
    return _tensor(input).logsumexp(dim, keepdim)


def median(input: Tensor, dim=None, keepdim: bool = False):
    return _tensor(input).median(dim, keepdim)


def nanmedian(input: Tensor, dim=None, keepdim: bool = False):
    return _tensor(input).nanmedian(dim, keepdim)


def mode(input: Tensor, dim: int = -1, keepdim: bool = False):
    return _tensor(input).mode(dim, keepdim)


def cumprod(input: Tensor, dim: int, *, dtype=None) -> Tensor:
    return _tensor(input).cumprod(dim, dtype=dtype)


def cummax(input: Tensor, dim: int):
    return _tensor(input).cummax(dim)


def cummin(input: Tensor, dim: int):
    return _tensor(input).cummin(dim)


def nansum(input: Tensor, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    return _tensor(input).nansum(dim, keepdim, dtype=dtype)


def nanmean(input: Tensor, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    return _tensor(input).nanmean(dim, keepdim, dtype=dtype)


def all(input: Tensor, dim=None, keepdim: bool = False) -> Tensor:  # noqa: A001
    return _tensor(input).all(dim, keepdim)


def any(input: Tensor, dim=None, keepdim: bool = False) -> Tensor:  # noqa: A001
    return _tensor(input).any(dim, keepdim)


def count_nonzero(input: Tensor, dim=None) -> Tensor:
    return _tensor(input).count_nonzero(dim)


def argsort(
    input: Tensor, dim: int = -1, descending: bool = False, stable: bool = False
):
    return _tensor(input).argsort(dim, descending, stable=stable)


def unique(
    input: Tensor,
    sorted: bool = True,
    return_inverse: bool = False,
    return_counts: bool = False,
    dim=None,
):  # noqa: A002
    return _tensor(input).unique(sorted, return_inverse, return_counts, dim)


def diff(input: Tensor, n: int = 1, dim: int = -1, prepend=None, append=None):
    return _tensor(input).diff(n, dim, prepend, append)


def std_mean(input: Tensor, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _spread_and_mean(
        input, ops.StdOfPair, "std_mean", dim, unbiased, keepdim, correction
    )


def var_mean(input: Tensor, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _spread_and_mean(
        input, ops.VarOfPair, "var_mean", dim, unbiased, keepdim, correction
    )


def _spread_and_mean(x, op, name, dim, unbiased, keepdim, correction) -> tuple:
    x = _tensor(x)
    if isinstance(dim, bool):  # NOTE: matches torch: std_mean(x, True) is unbiased
        dim, unbiased = None, dim
    spread = x._spread(op, name, dim, unbiased, keepdim, correction)
    dims = wrap_dims(dim, x._data.ndim)
    node = "StdMeanBackward0" if name == "std_mean" else "VarMeanBackward0"
    mean = apply(ops.MeanOfPair, x, dims=dims, keepdim=keepdim, name=node)
    return spread, mean
