"""Values by rank: kthvalue, msort, quantile, nanquantile."""

from __future__ import annotations

from numbers import Real

import numpy as np

from minigrad import return_types
from minigrad._checks import wrap_dim
from minigrad._exact.quickselect import kth_indices
from minigrad._tensor_methods.base import TensorBase
from minigrad._tensor_methods.order_statistics import _picked

_MODES = ("linear", "lower", "higher", "midpoint", "nearest")
_INVALID_Q = '{}() received an invalid combination of arguments - got ({}), but expected one of:\n * (Tensor q, int dim = None, bool keepdim = False, *, str interpolation = "linear")\n * (float q, int dim = None, bool keepdim = False, *, str interpolation = "linear")\n'


class RankMethods(TensorBase):
    __slots__ = ()

    def kthvalue(self, k: int, dim: int = -1, keepdim: bool = False):
        if self._data.dtype.kind == "b":
            raise NotImplementedError("\"kthvalue_cpu\" not implemented for 'Bool'")
        d = wrap_dim(dim, self._data.ndim)
        size = self._data.shape[d] if self._data.ndim else 1
        if not 1 <= k <= max(size, 1):
            raise RuntimeError(
                f"kthvalue(): selected number k out of range for dimension {d}"
            )
        if not self._data.ndim:
            idx = np.zeros((), np.int64)
        elif not self._data.size:
            idx = np.zeros(
                self._data.shape[:d] + (1,) + self._data.shape[d + 1 :], np.int64
            )
        else:
            idx = kth_indices(self._data, k, d)
        return _picked(
            self, idx, d, keepdim, "KthvalueBackward0", return_types.kthvalue
        )

    def msort(self) -> TensorBase:
        return self.sort(0).values

    def quantile(
        self, q, dim=None, keepdim: bool = False, *, interpolation: str = "linear"
    ):
        return _quantile(self, q, dim, keepdim, interpolation, False)

    def nanquantile(
        self, q, dim=None, keepdim: bool = False, *, interpolation: str = "linear"
    ):
        return _quantile(self, q, dim, keepdim, interpolation, True)


def _q_array(t: TensorBase, q, name: str) -> np.ndarray:
    """q as an array of t's dtype, with torch's checks, in torch's order."""
    if isinstance(q, Real) and not isinstance(q, bool):
        if not 0 <= q <= 1:
            raise RuntimeError(f"quantile() q must be in the range [0, 1] but got {q}")
        q_data = None
    elif isinstance(q, TensorBase):
        q_data = q._data
    else:
        raise TypeError(_INVALID_Q.format(name, type(q).__name__))
    x = t._data
    if not x.size:
        raise RuntimeError("quantile() input tensor must be non-empty")
    if q_data is not None and q_data.ndim > 1:
        raise RuntimeError("quantile() q must be a scalar or 1D tensor")
    if x.dtype.kind != "f":
        raise RuntimeError(
            "quantile() input tensor must be either float or double dtype"
        )
    if q_data is None:
        return np.asarray(q, x.dtype)
    if q_data.dtype != x.dtype:
        raise RuntimeError("quantile() q tensor must be same dtype as the input tensor")
    if not ((q_data >= 0) & (q_data <= 1)).all():
        raise RuntimeError("quantile() q values must be in the range [0, 1]")
    return q_data


def _quantile(
    t: TensorBase, q, dim, keepdim: bool, interpolation: str, ignore_nan: bool
):
    name = "nanquantile" if ignore_nan else "quantile"
    if not isinstance(interpolation, str):
        given = [type(q).__name__] + ([type(dim).__name__] if dim is not None else [])
        got = ", ".join([*given, f"interpolation={type(interpolation).__name__}"])
        raise TypeError(_INVALID_Q.format(name, got))
    q = _q_array(t, q, name)
    if interpolation not in _MODES:
        raise RuntimeError(
            f"quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got {interpolation}"
        )
    nd = t._data.ndim
    if dim is None:
        out_shape = [1] * nd if keepdim else []
        ordered = t.flatten().sort().values
    else:
        d = wrap_dim(dim, nd)
        out_shape = list(t._data.shape)
        if nd:
            if keepdim:
                out_shape[d] = 1
            else:
                del out_shape[d]
        # NOTE: matches torch's graph: the reduced dim moved last, then sorted
        last = t if nd and d == nd - 1 else t.unsqueeze(-1).transpose(d, -1)
        ordered = last.sort().values
    n = ordered._data.shape[-1]
    ordered = ordered.view(tuple(out_shape) + (n,))
    ranks = _ranks(ordered._data, q, ignore_nan)
    if interpolation == "lower":
        ranks = np.floor(ranks)
    elif interpolation == "higher":
        ranks = np.ceil(ranks)
    elif interpolation == "nearest":
        ranks = np.round(ranks)
    below = ranks.astype(np.int64)
    values = ordered.gather(-1, t._wrap(below))
    if interpolation in ("linear", "midpoint"):
        if interpolation == "midpoint":
            weights = np.full_like(ranks, 0.5)
        else:
            weights = ranks - below.astype(ranks.dtype)
        above = ordered.gather(-1, t._wrap(np.ceil(ranks).astype(np.int64)))
        values = values.lerp(above, t._wrap(weights))
    if not q.ndim:
        return values.squeeze_(-1)
    return values.unsqueeze_(0).transpose_(0, -1).squeeze_(-1)


def _ranks(ordered: np.ndarray, q: np.ndarray, ignore_nan: bool) -> np.ndarray:
    """The (fractional) rank of each quantile in each sorted row, as torch computes it."""
    nans = np.isnan(ordered)
    if ignore_nan:
        count = (~nans).sum(-1, keepdims=True) - 1
        ranks = q * count.astype(q.dtype)
        return np.where(ranks < 0, q.dtype.type(0), ranks)
    last = ordered.shape[-1] - 1
    scaled = q * q.dtype.type(last)
    has_nan = nans.any(-1, keepdims=True)
    shape = np.broadcast_shapes(scaled.shape, has_nan.shape)
    return np.where(has_nan, q.dtype.type(last), np.broadcast_to(scaled, shape))
