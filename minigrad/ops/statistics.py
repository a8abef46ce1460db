"""Statistics of a tensor: var, std, vector norms, prod and cumsum."""

from __future__ import annotations

import math

import numpy as np

from minigrad.engine.graph import OUTPUT
from minigrad.ops.binary import where
from minigrad.ops.formula import constant, is_array, record, sign
from minigrad.ops.op import Op
from minigrad.ops.reduce import Mean, Sum, _kept_shape, _unsqueeze_grad


def _mean_kept(x, dims):
    """x's mean over dims (None: all), kept as size-1 dims, in torch's summation order."""
    if is_array(x):
        out = Mean().forward(x, dims=dims, keepdim=True)
        return out if dims is not None else out.reshape((1,) * x.ndim)
    return record(
        Mean, x, dims=dims if dims is not None else tuple(range(x.ndim)), keepdim=True
    )


def _sum_kept(x, dims):
    if is_array(x):
        return np.sum(x, axis=dims, keepdims=True)
    return record(Sum, x, dims=dims, keepdim=True)


_WELFORD_MAX = 4096  # elements per output reduced by Welford's update, one by one


def _welford_m2(x: np.ndarray, dims: tuple) -> tuple[np.ndarray, int]:
    """The sum of squared deviations over dims by Welford's update in float64, element
    after element (torch's CPU kernel for a reduction to several outputs)."""
    keep = [d for d in range(x.ndim) if d not in dims]
    rows = np.transpose(x, keep + list(dims)).reshape([x.shape[d] for d in keep] + [-1])
    rows = rows.astype(np.float64)
    n = rows.shape[-1]
    if n > _WELFORD_MAX:  # NOTE: a Python loop per element is too slow: two passes
        dev = rows - np.mean(rows, axis=-1, keepdims=True)
        return np.sum(dev * dev, axis=-1), n
    mean = np.zeros(rows.shape[:-1])
    m2 = np.zeros(rows.shape[:-1])
    for i in range(n):
        v = rows[..., i]
        delta = v - mean
        mean = mean + delta / (i + 1)
        m2 = m2 + delta * (v - mean)
    return m2, n


def _two_pass_m2(x: np.ndarray) -> np.ndarray:
    """The sum of squared deviations over all of x: torch's mean (in x's dtype), then
    the squares summed one after another in float64 (torch's single-output kernel)."""
    mean = float(Mean().forward(x))
    dx = x.reshape(-1).astype(np.float64) - mean
    return np.cumsum(dx * dx)[-1] if dx.size else np.float64(0.0)


def variance(x: np.ndarray, dims, correction: float, keepdim: bool, sqrt: bool):
    """torch.var / torch.std forward: float64 accumulation, one rounding at the end."""
    reduced = tuple(range(x.ndim)) if dims is None else dims
    count = math.prod(x.shape[d] for d in reduced)
    out_shape = [n for d, n in enumerate(x.shape) if d not in reduced]
    if x.size and math.prod(out_shape) == 1:
        m2 = _two_pass_m2(x).reshape(out_shape)
    elif x.size:
        m2, _ = _welford_m2(x, reduced)
    else:
        m2 = np.zeros(out_shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        var = m2 / np.float64(max(0.0, count - correction))
        out = np.sqrt(var) if sqrt else var
    out = np.asarray(out).astype(x.dtype)
    if keepdim:
        out = out.reshape(_kept_shape(x.shape, reduced))
    return out


def _var_backward(g, x, shape, dims, correction, keepdim):
    g = _unsqueeze_grad(g, shape, dims, keepdim)
    reduced = range(len(shape)) if dims is None else dims
    dof = np.float64(math.prod(shape[d] for d in reduced)) - correction
    centred = x - _mean_kept(x, dims)
    if dof <= 0 and (dims is None or not shape):
        # NOTE: matches torch: nan where x equals the mean, else inf
        mean = constant(_mean_kept(x, dims))
        with np.errstate(invalid="ignore"):
            return g * np.where(constant(x) == mean, np.nan, np.inf).astype(mean.dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = float(np.float64(2.0) / dof)
        return scale * g * centred


class _Spread(Op):
    """var and std: the arguments their backward needs, kept by one forward."""

    _sqrt = False

    def forward(self, x, dims, correction, keepdim):
        self.shape, self.dims = x.shape, dims
        self.correction, self.keepdim = correction, keepdim
        return variance(x, dims, correction, keepdim, sqrt=self._sqrt)

    def _grad_of_var(self, g, x):
        return _var_backward(g, x, self.shape, self.dims, self.correction, self.keepdim)


class Var(_Spread):
    """y = sum((x - mean)^2) / (n - correction);  dx = (2 / (n - correction)) * g * (x - mean)"""

    save = (0,)

    def backward(self, g, x):
        return (self._grad_of_var(g, x),)


class Std(_Spread):
    """y = sqrt(var(x));  dx = var's gradient of g / (2 y) (0 where y = 0)"""

    save = (0, OUTPUT)
    _sqrt = True

    def backward(self, g, x, y):
        zero = constant(y) == 0
        return (self._grad_of_var(where(zero, 0, g / (where(zero, 1, y) * 2)), x),)


def _abs(x):
    return np.abs(x) if is_array(x) else x.abs()


def _pow(x, p):
    return np.power(x, p) if is_array(x) else x.pow(p)


class VectorNorm(Op):
    """y = (sum |x|^p)^(1/p) over dims (p = inf: max |x|, p = 0: the count of nonzeros)"""

    node_name = "LinalgVectorNormBackward0"
    save = (0, OUTPUT)

    def forward(self, x, p, dims, keepdim, dtype=None, name=None):
        self.shape, self.p, self.dims, self.keepdim = x.shape, p, dims, keepdim
        if name is not None:  # torch.norm's NormBackward1
            self.node_name = name
        if dtype is not None:
            x = x.astype(dtype)
        a = np.abs(x)
        if p == 2:
            out = np.sqrt(np.sum(x * x, axis=dims, keepdims=keepdim))
        elif p == 1:
            out = np.sum(a, axis=dims, keepdims=keepdim)
        elif p == math.inf:
            out = np.max(a, axis=dims, keepdims=keepdim)
        elif p == -math.inf:
            out = np.min(a, axis=dims, keepdims=keepdim)
        elif p == 0:
            out = np.sum(x != 0, axis=dims, keepdims=keepdim).astype(x.dtype)
        else:
            out = np.power(np.sum(np.power(a, p), axis=dims, keepdims=keepdim), 1.0 / p)
        return np.asarray(out, dtype=x.dtype)

    def backward(self, g, x, y):
        p = self.p
        g = _unsqueeze_grad(g, self.shape, self.dims, self.keepdim)
        y = _unsqueeze_grad(y, self.shape, self.dims, self.keepdim)
        norm = constant(y)
        if p == 0:
            return (None,)  # NOTE: matches torch: no gradient flows from the count
        if p == 1:
            return (sign(x) * g,)
        if p == 2:
            return (x * where(norm == 0, 0, g / where(norm == 0, 1, y)),)
        if math.isinf(p):
            xa = np.abs(constant(x))
            mask = (xa == norm) | np.isnan(xa)
            count = np.sum(mask, axis=self.dims, keepdims=True).astype(norm.dtype)
            return (sign(x) * ((g / count) * mask),)
        if p < 1:
            scaled = sign(x) * where(constant(x) == 0, 0, _pow(_abs(x), p - 1))
            return (scaled * g * _pow(y, 1 - p),)
        if p < 2:
            scaled = sign(x) * _pow(_abs(x), p - 1)
        else:
            scaled = x * _pow(_abs(x), p - 2)
        safe = where(norm == 0, 1, y)
        return (scaled * where(norm == 0, 0, g / _pow(safe, p - 1)),)


class Prod(Op):
    """y = product of x (all, or along dim);  dx = g * (product of the others)"""

    save = (0, OUTPUT)

    def forward(self, x, dim=None, keepdim=False, dtype=None):
        self.shape, self.dim, self.keepdim = x.shape, dim, keepdim
        self.node_name = "ProdBackward0" if dim is None else "ProdBackward1"
        axis = dim if x.ndim else None
        return np.asarray(np.prod(x, axis=axis, keepdims=keepdim, dtype=dtype))

    def backward(self, g, x, y):
        if not self.shape:
            return (g,)
        if self.dim is not None and not self.keepdim:
            g = g.reshape(_kept_shape(self.shape, (self.dim,)))
            y = y.reshape(_kept_shape(self.shape, (self.dim,)))
        xs = constant(x)
        if not (xs == 0).any():
            return (g * (y / x),)
        if self.dim is None:
            return (g * _others(x.reshape(-1), 0).reshape(self.shape),)
        return (g * _others(x, self.dim),)


def _others(x, dim: int):
    return _others_product(x, dim) if is_array(x) else record(OthersProduct, x, dim=dim)


class OthersProduct(Op):
    """y_i = product of the x_k, k != i, along dim (prod's backward through zeros);
    dx_j = sum over i != j of g_i * (product of the x_k, k not i or j)"""

    node_name = "ProdBackwardBackward0"
    save = (0,)

    def forward(self, x, dim):
        self.dim = dim
        return _others_product(x, dim)

    def backward(self, g, x):
        if not (is_array(g) and is_array(x)):
            raise NotImplementedError(
                "minigrad: the third derivative of prod through a zero is not supported"
            )
        dim, out = self.dim, np.zeros_like(x)
        for j in range(x.shape[dim]):
            at_j = (slice(None),) * dim + (j,)
            without_j = x.copy()
            without_j[at_j] = 1
            terms = g * _others_product(without_j, dim)
            terms[at_j] = 0
            out[at_j] = np.sum(terms, axis=dim)
        return (out,)


def _others_product(x: np.ndarray, dim: int) -> np.ndarray:
    """Each element's product of the other elements along dim (zeros allowed), as
    torch: the exclusive products from the front times those from the back."""
    ones = np.ones(_kept_shape(x.shape, (dim,)), dtype=x.dtype)
    front = np.cumprod(
        np.concatenate([ones, np.delete(x, -1, axis=dim)], axis=dim), axis=dim
    )
    back_in = np.flip(np.delete(x, 0, axis=dim), axis=dim)
    back = np.flip(
        np.cumprod(np.concatenate([ones, back_in], axis=dim), axis=dim), axis=dim
    )
    return front * back


def cumsum_array(x: np.ndarray, dim: int, dtype=None) -> np.ndarray:
    """torch's CPU cumsum: element after element, floats accumulated in float64."""
    out_dtype = dtype or x.dtype
    if x.ndim == 0:
        return x.astype(out_dtype)
    if out_dtype.kind == "f":
        return np.cumsum(x.astype(np.float64), axis=dim).astype(out_dtype)
    return np.cumsum(x, axis=dim, dtype=out_dtype)


def _reversed_cumsum(g, dim):
    if is_array(g):
        return np.flip(cumsum_array(np.flip(g, dim), dim), dim)
    return record(ReversedCumsum, g, dim=dim)


class Cumsum(Op):
    """y_i = x_0 + ... + x_i along dim;  dx = g summed from the back"""

    def forward(self, x, dim, dtype=None):
        self.dim = dim
        return cumsum_array(x, dim, dtype)

    def backward(self, g):
        if g.ndim == 0 or math.prod(g.shape) <= 1 or g.shape[self.dim] == 1:
            return (g,)
        return (_reversed_cumsum(g, self.dim),)


class ReversedCumsum(Op):
    """y_i = x_i + ... + x_n along dim (cumsum's backward);  dx = cumsum of g"""

    node_name = "CumsumBackwardBackward0"

    def forward(self, x, dim):
        self.dim = dim
        return np.flip(cumsum_array(np.flip(x, dim), dim), dim)

    def backward(self, g):
        return (
            cumsum_array(g, self.dim)
            if is_array(g)
            else record(Cumsum, g, dim=self.dim),
        )
