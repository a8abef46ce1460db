"""Every primitive op: its forward on NumPy arrays beside its backward formula.

An op is a Node subclass. ``forward`` gets the inputs' arrays (Python scalars
stay scalars) and returns the output array; ``save`` names what ``backward``
needs (input positions, or OUTPUT). ``backward(grad, *saved)`` returns one
gradient per input and is written once, in a vocabulary that means the same on
ndarrays and on Tensors (operators, ``reshape``, ``.T`` and the helpers below):
the engine runs it on raw arrays for a first-order backward and on Tensors,
recording a graph, when ``create_graph=True``. Broadcasting is undone by the
engine (``sum_to_shape``), never here.
"""

from __future__ import annotations

import math

import numpy as np

from minigrad._checks import broadcast_shape
from minigrad._fma import add_scaled
from minigrad._reduce import full_sum, sum_leading
from minigrad.autograd import grad_mode
from minigrad.autograd.engine import sum_to_shape
from minigrad.autograd.graph import OUTPUT, Node, _sequence
from minigrad.tensor import Tensor, _wrap, _wrap_out

_new = object.__new__
_NO_META = ((), None)


class Op(Node):
    """Base of the primitives: ``apply`` runs forward and records the node."""

    save: tuple = ()

    @classmethod
    def apply(cls, *inputs, **params):
        node = _new(cls)
        out = node.forward(
            *[x._data if isinstance(x, Tensor) else x for x in inputs], **params
        )
        if type(out) is not np.ndarray:
            out = np.asarray(out)
        if grad_mode.enabled:
            for x in inputs:
                if isinstance(x, Tensor) and x._requires_grad:
                    return _record(node, out, inputs)
        return _wrap(out)


def _record(node: Op, out: np.ndarray, inputs: tuple) -> Tensor:
    """Make ``node`` the grad_fn of a new output tensor: its edges, saved values."""
    node.next_edges = [
        (x._grad_fn or x) if isinstance(x, Tensor) and x._requires_grad else None
        for x in inputs
    ]
    node.in_meta = [
        (x._data.shape, x._data.dtype) if isinstance(x, Tensor) else _NO_META
        for x in inputs
    ]
    save = node.save
    if save:
        node.saved = saved = tuple([i if i is OUTPUT else inputs[i] for i in save])
        node.versions = [t._version if isinstance(t, Tensor) else 0 for t in saved]
        node.out = out if OUTPUT in save else None
    else:
        node.saved = ()
        node.out = None
    node.seq = next(_sequence)
    node.retained = None
    return _wrap_out(out, node)


# --- the formula vocabulary: the same meaning on ndarrays and on Tensors -----


def _where(cond, a, b):
    if isinstance(cond, Tensor) or isinstance(a, Tensor) or isinstance(b, Tensor):
        return Where.apply(a, b, cond=_constant(cond))
    return np.where(cond, a, b)


def _constant(x):
    return x._data if isinstance(x, Tensor) else x


def _expand(x, shape):
    if isinstance(x, Tensor):
        return x.expand(shape)
    out = np.empty(shape, dtype=x.dtype)  # NOTE: faster than np.broadcast_to
    out[...] = x
    return out


def _swap_last(x):
    return x.transpose(-1, -2) if isinstance(x, Tensor) else np.swapaxes(x, -1, -2)


def _log(x):
    if isinstance(x, Tensor):
        return Log.apply(x)
    with np.errstate(divide="ignore", invalid="ignore"):  # log(0) = -inf, as torch
        return np.log(x)


def _sign(x):
    return np.sign(_constant(x))  # a constant: its derivative is zero


# --- unary -------------------------------------------------------------------


class Neg(Op):
    """y = -x;  dx = -g"""

    def forward(self, x):
        return -x

    def backward(self, g):
        return (-g,)


class Exp(Op):
    """y = e^x;  dx = g * y"""

    save = (OUTPUT,)

    def forward(self, x):
        return np.exp(x)

    def backward(self, g, y):
        return (g * y,)


class Log(Op):
    """y = ln x;  dx = g / x"""

    save = (0,)

    def forward(self, x):
        with np.errstate(divide="ignore", invalid="ignore"):  # log(0) = -inf, as torch
            return np.log(x)

    def backward(self, g, x):
        return (g / x,)


class Sqrt(Op):
    """y = sqrt(x);  dx = g / (2 y)"""

    save = (OUTPUT,)

    def forward(self, x):
        return np.sqrt(x)

    def backward(self, g, y):
        return (g / (2 * y),)


class Abs(Op):
    """y = |x|;  dx = g * sign(x)  (0 at x = 0, as torch)"""

    save = (0,)

    def forward(self, x):
        return np.abs(x)

    def backward(self, g, x):
        return (g * _sign(x),)


_EXP_LIMIT = {np.dtype(np.float32): np.float32(88.72283), np.dtype(np.float64): 709.78}


class Sigmoid(Op):
    """y = 1 / (1 + e^-x);  dx = g * (1 - y) * y"""

    save = (OUTPUT,)

    def forward(self, x):
        # NOTE: matches torch: 1 / (1 + exp(-x)) in the input's dtype, with exp's
        # overflow (x < -88 in float32) giving exactly 0 and no warning.
        z = -x
        limit = _EXP_LIMIT.get(x.dtype, 709.78)
        y = 1 / (1 + np.exp(np.minimum(z, limit)))
        return np.where(z > limit, 0, y).astype(y.dtype, copy=False)

    def backward(self, g, y):
        return (g * (1 - y) * y,)


class Tanh(Op):
    """y = tanh(x);  dx = g * (1 - y^2)"""

    save = (OUTPUT,)

    def forward(self, x):
        return np.tanh(x)

    def backward(self, g, y):
        return (g * (1 - y * y),)


class Sin(Op):
    """y = sin x;  dx = g * cos x"""

    save = (0,)

    def forward(self, x):
        return np.sin(x)

    def backward(self, g, x):
        return (g * (x.cos() if isinstance(x, Tensor) else np.cos(x)),)


class Cos(Op):
    """y = cos x;  dx = -g * sin x"""

    save = (0,)

    def forward(self, x):
        return np.cos(x)

    def backward(self, g, x):
        return (-g * (x.sin() if isinstance(x, Tensor) else np.sin(x)),)


class Round(Op):
    """y = x rounded half to even;  dx = 0 (a step function, as torch)"""

    def forward(self, x):
        return np.round(x)

    def backward(self, g):
        return (g * 0,)


class Relu(Op):
    """y = max(x, 0);  dx = g where y > 0 (relu'(0) = 0, as torch)"""

    save = (OUTPUT,)

    def forward(self, x):
        return np.maximum(x, 0)

    def backward(self, g, y):
        return (_where(_constant(y) > 0, g, 0),)


class Pow(Op):
    """y = x^p (p a number);  dx = g * (p * x^(p-1))"""

    save = (0,)

    def forward(self, x, exponent):
        self.exponent = exponent
        return np.power(x, exponent)

    def backward(self, g, x):
        p = self.exponent
        if p == 0:
            return (g * 0,)
        return (g * (p * x ** (p - 1)),)


class PowTensor(Op):
    """y = a^b;  da = g * b * a^(b-1),  db = g * y * ln a  (0 where a = 0, b >= 0)"""

    node_name = "PowBackward1"
    save = (0, 1, OUTPUT)

    def forward(self, a, b, dtype=None):
        a, b = _promoted(a, b, dtype)
        return np.power(a, b)

    def backward(self, g, a, b, y):
        da = g * (b * a ** (b - 1))
        zero_base = (_constant(a) == 0) & (_constant(b) >= 0)
        db = g * _where(zero_base, 0, y * _log(_where(zero_base, 1, a)))
        return da, db


class RPow(Op):
    """y = s^x (s a number);  dx = g * y * ln s"""

    node_name = "PowBackward2"
    save = (OUTPUT,)

    def forward(self, x, base):
        self.base = base
        out = np.power(base, x)
        return out.astype(x.dtype, copy=False) if x.dtype.kind == "f" else out

    def backward(self, g, y):
        if self.base == 0:
            return (g * 0,)
        return (g * (y * float(np.log(self.base))),)


class Clamp(Op):
    """y = min(max(x, lo), hi) (numbers);  dx = g where lo <= x <= hi"""

    node_name = "ClampBackward1"
    save = (0,)

    def forward(self, x, lo, hi):
        self.lo, self.hi = lo, hi
        return np.clip(x, lo, hi).astype(x.dtype, copy=False)

    def backward(self, g, x):
        x = _constant(x)
        inside = np.ones(x.shape, dtype=bool)
        if self.lo is not None:
            inside &= x >= self.lo
        if self.hi is not None:
            inside &= x <= self.hi
        return (_where(inside, g, 0),)


class ToCopy(Op):
    """y = x in another dtype;  dx = g (cast back by the engine)"""

    def forward(self, x, dtype):
        return x.astype(dtype)

    def backward(self, g):
        return (g,)


class Clone(Op):
    """y = a copy of x;  dx = g"""

    def forward(self, x):
        return x.copy()

    def backward(self, g):
        return (g,)


# --- binary (broadcasting; the engine sums gradients back to each shape) -----


def _promoted(a, b, dtype):
    if dtype is None:
        return a, b
    if isinstance(a, np.ndarray) and a.dtype != dtype:
        a = a.astype(dtype)
    if isinstance(b, np.ndarray) and b.dtype != dtype:
        b = b.astype(dtype)
    elif not isinstance(b, np.ndarray):
        b = np.asarray(b, dtype=dtype)
    return a, b


class Add(Op):
    """y = a + alpha * b;  da = g,  db = alpha * g"""

    def forward(self, a, b, alpha=1, dtype=None):
        a, b = _promoted(a, b, dtype)
        self.alpha = alpha
        return (
            a + b if alpha == 1 else add_scaled(a, b, alpha)
        )  # NOTE: one FMA, as torch

    def backward(self, g):
        return g, (g if self.alpha == 1 else g * self.alpha)


class Sub(Op):
    """y = a - alpha * b;  da = g,  db = -g * alpha"""

    def forward(self, a, b, alpha=1, dtype=None):
        a, b = _promoted(a, b, dtype)
        self.alpha = alpha
        return a - b if alpha == 1 else add_scaled(a, b, -alpha)

    def backward(self, g):
        return g, (-g if self.alpha == 1 else -g * self.alpha)


class RSub(Op):
    """y = s - x (s a number);  dx = -g"""

    node_name = "RsubBackward1"

    def forward(self, x, s, dtype=None):
        x, s = _promoted(x, s, dtype)
        return s - x

    @classmethod
    def apply(cls, x, s, dtype=None):
        return super().apply(x, s=s, dtype=dtype)  # one input: torch records only x

    def backward(self, g):
        return (-g,)


class Mul(Op):
    """y = a * b;  da = g * b,  db = g * a"""

    save = (0, 1)

    def forward(self, a, b, dtype=None):
        a, b = _promoted(a, b, dtype)
        return a * b

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (g * b if need_a else None), (g * a if need_b else None)


class Div(Op):
    """y = a / b;  da = g / b,  db = -g * ((a / b) / b)"""

    save = (0, 1)

    def forward(self, a, b, dtype=None):
        a, b = _promoted(a, b, dtype)
        return a / b

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (g / b if need_a else None), (-g * ((a / b) / b) if need_b else None)


class Reciprocal(Op):
    """y = 1 / x;  dx = -g * y^2"""

    save = (OUTPUT,)

    def forward(self, x):
        return 1 / x

    def backward(self, g, y):
        return (-g * (y * y),)


class Maximum(Op):
    """y = max(a, b);  the gradient goes to the larger input, split evenly on ties"""

    save = (0, 1)
    pick = staticmethod(np.maximum)
    loses = staticmethod(np.less)  # a gets no gradient where loses(a, b)

    def forward(self, a, b, dtype=None):
        a, b = _promoted(a, b, dtype)
        return self.pick(a, b)

    def backward(self, g, a, b):
        a, b = _constant(a), _constant(b)
        half = _where(a == b, g / 2, g)
        return _where(self.loses(a, b), 0, half), _where(self.loses(b, a), 0, half)


class Minimum(Maximum):
    """y = min(a, b);  the gradient goes to the smaller input, split evenly on ties"""

    pick = staticmethod(np.minimum)
    loses = staticmethod(np.greater)


class Where(Op):
    """y = a where cond else b;  da = g where cond,  db = g elsewhere"""

    def forward(self, a, b, cond, dtype=None):
        a, b = _promoted(a, b, dtype)
        self.cond = cond
        return np.where(cond, a, b)

    def backward(self, g):
        return _where(self.cond, g, 0), _where(self.cond, 0, g)


class ClampTensor(Op):
    """y = min(max(x, lo), hi) (tensors);  each gets g where it is the result"""

    node_name = "ClampBackward0"
    save = (0, 1, 2)

    def forward(self, x, lo, hi):
        y = x
        if lo is not None:
            y = np.maximum(y, lo)
        if hi is not None:
            y = np.minimum(y, hi)
        return y

    def backward(self, g, x, lo, hi):
        x = _constant(x)
        below = x < _constant(lo) if lo is not None else np.zeros(x.shape, bool)
        above = x > _constant(hi) if hi is not None else np.zeros(x.shape, bool)
        return (
            _where(below | above, 0, g),
            None if lo is None else _where(below & ~above, g, 0),
            None if hi is None else _where(above, g, 0),
        )


# --- matrix products -----------------------------------------------------------


class Mm(Op):
    """y = a @ b (2-D);  da = g @ b.T,  db = a.T @ g"""

    save = (0, 1)

    def forward(self, a, b):
        return a @ b

    def backward(self, g, a, b):
        need_a, need_b = (e is not None for e in self.next_edges)
        return (g @ b.T if need_a else None), (a.T @ g if need_b else None)


class Matmul(Op):
    """y = a @ b (1-D, 2-D, batched with broadcasting);  the same two products"""

    save = (0, 1)

    def forward(self, a, b):
        self.ndims = (a.ndim, b.ndim)
        return np.matmul(a, b)

    def name(self) -> str:
        names = {
            (1, 1): "DotBackward0",
            (2, 1): "MvBackward0",
            (2, 2): "MmBackward0",
            (1, 2): "SqueezeBackward4",
        }
        return names.get(self.ndims, "UnsafeViewBackward0")

    def backward(self, g, a, b):
        if a.ndim == 1 and b.ndim == 1:
            return g * b, g * a
        if a.ndim == 1:
            return g[..., None, :] @ _swap_last(b), a[:, None] @ g[..., None, :]
        if b.ndim == 1:
            return g[..., :, None] @ b[None, :], (_swap_last(a) @ g[..., :, None])[
                ..., 0
            ]
        return g @ _swap_last(b), _swap_last(a) @ g


class Linear(Op):
    """y = x @ W.T + b;  dx = g @ W,  dW = g.T @ x,  db = g summed over rows"""

    save = (1, 2)

    def forward(self, b, x, w):
        self.has_bias = b is not None
        self.x_ndim = x.ndim
        y = x @ w.T
        if b is not None:
            if y.dtype == np.result_type(y, b) and y.ndim:
                y += b  # NOTE: in place into the fresh product: one array, as addmm
            else:
                y = y + b
        return y

    def name(self) -> str:
        # NOTE: matches torch: F.linear is addmm on 2-D input (mm without bias);
        # other ranks show the reshape torch wraps around it.
        if self.x_ndim == 2:
            return "AddmmBackward0" if self.has_bias else "MmBackward0"
        if self.has_bias:
            return "ViewBackward0"
        return "SqueezeBackward4" if self.x_ndim == 1 else "UnsafeViewBackward0"

    def backward(self, g, x, w):
        edges = self.next_edges
        need_b, need_x, need_w = (
            edges[0] is not None,
            edges[1] is not None,
            (edges[2] is not None),
        )
        gx = g @ w if need_x else None  # NOTE: skipped for data inputs (BLAS-bound)
        if not need_w:
            gw = None
        elif self.x_ndim == 1:
            gw = g[:, None] @ x[None, :]
        elif self.x_ndim == 2:
            gw = g.T @ x
        else:
            rows = math.prod(g.shape[:-1])
            gw = g.reshape((rows, g.shape[-1])).T @ x.reshape((rows, x.shape[-1]))
        gb = None
        if need_b:
            if self.x_ndim == 1:
                gb = g
            elif isinstance(g, Tensor):
                gb = g.sum(dim=tuple(range(g.ndim - 1)))
            else:
                gb = sum_leading(g, g.ndim - 1)
        return gb, gx, gw


# --- reductions --------------------------------------------------------------


def _kept_shape(shape, dims):
    return tuple(1 if i in dims else n for i, n in enumerate(shape))


def _torch_order_sum(x: np.ndarray, dims: tuple | None) -> np.ndarray | None:
    """The sum in torch's order where minigrad knows it (every element, or the
    leading axes), else None."""
    if dims is None:
        return full_sum(x)
    if dims == tuple(range(len(dims))):
        return sum_leading(x, len(dims))
    return None


class Sum(Op):
    """y = sum of x over dims;  dx = g broadcast back to x's shape"""

    def forward(self, x, dims=None, keepdim=False, dtype=None):
        self.shape, self.dims, self.keepdim = x.shape, dims, keepdim
        self.node_name = "SumBackward0" if dims is None else "SumBackward1"
        if dtype is None and x.dtype.kind == "f":
            out = _torch_order_sum(x, dims)
            if out is not None:
                return (
                    out.reshape(_kept_shape(x.shape, dims or range(x.ndim)))
                    if (keepdim)
                    else out
                )
        return np.sum(x, axis=dims, keepdims=keepdim, dtype=dtype)

    def backward(self, g):
        if self.dims is not None and not self.keepdim:
            g = g.reshape(_kept_shape(self.shape, self.dims))
        return (_expand(g, self.shape),)


class Mean(Op):
    """y = mean of x over dims;  dx = g broadcast back, divided by the count"""

    def forward(self, x, dims=None, keepdim=False, dtype=None):
        self.shape, self.dims, self.keepdim = x.shape, dims, keepdim
        self.node_name = "MeanBackward0" if dims is None else "MeanBackward1"
        self.count = x.size if dims is None else math.prod([x.shape[d] for d in dims])
        if dtype is None and x.dtype.kind == "f" and self.count:
            out = _torch_order_sum(x, dims)
            if out is not None:  # NOTE: torch's mean: its sum, then a division
                out = out / self.count
                return (
                    out.reshape(_kept_shape(x.shape, dims or range(x.ndim)))
                    if (keepdim)
                    else out
                )
        return np.mean(x, axis=dims, keepdims=keepdim, dtype=dtype)

    def backward(self, g):
        if self.dims is not None and not self.keepdim:
            g = g.reshape(_kept_shape(self.shape, self.dims))
        return (_expand(g, self.shape) / self.count,)


class MaxAll(Op):
    """y = max of all x;  dx = g shared evenly by the maximal elements"""

    node_name = "MaxBackward1"
    save = (0, OUTPUT)
    reduce = staticmethod(np.max)

    def forward(self, x):
        return self.reduce(x)

    def backward(self, g, x, y):
        hit = _constant(x) == _constant(y)
        return (_where(hit, g / int(hit.sum()), 0),)


class MinAll(MaxAll):
    """y = min of all x;  dx = g shared evenly by the minimal elements"""

    node_name = "MinBackward1"
    reduce = staticmethod(np.min)


class MaxDim(Op):
    """y = max of x along dim;  dx = g at the (first) arg-max, 0 elsewhere"""

    node_name = "MaxBackward0"
    pick = staticmethod(np.argmax)

    def forward(self, x, dim, keepdim):
        idx = np.expand_dims(self.pick(x, axis=dim), dim)
        self.shape, self.dim, self.keepdim = x.shape, dim, keepdim
        self.hit = (
            np.arange(x.shape[dim]).reshape(
                [-1 if i == dim else 1 for i in range(x.ndim)]
            )
            == idx
        )
        self.indices = idx if keepdim else np.squeeze(idx, dim)
        out = np.take_along_axis(x, idx, dim)
        return out if keepdim else np.squeeze(out, dim)

    def backward(self, g):
        if not self.keepdim:
            g = g.reshape(_kept_shape(self.shape, (self.dim,)))
        return (_where(self.hit, _expand(g, self.shape), 0),)


class MinDim(MaxDim):
    """y = min of x along dim;  dx = g at the (first) arg-min, 0 elsewhere"""

    node_name = "MinBackward0"
    pick = staticmethod(np.argmin)


# --- shape ---------------------------------------------------------------------


class View(Op):
    """y = x with another shape (same elements);  dx = g reshaped back"""

    def forward(self, x, shape, name="ViewBackward0", copy=False):
        self.shape, self.node_name = x.shape, name
        try:  # raises ValueError when a view would need a copy, as torch's view
            return np.reshape(x, shape, copy=False)
        except ValueError:
            if not copy:
                raise
            self.node_name = (
                "UnsafeViewBackward0"  # NOTE: torch's name for reshape's copy
            )
            return np.reshape(x, shape)

    def backward(self, g):
        return (g.reshape(self.shape),)


class Expand(Op):
    """y = x broadcast to a larger shape;  dx = g summed back"""

    def forward(self, x, shape):
        self.shape = x.shape
        return np.broadcast_to(x, shape)

    def backward(self, g):
        return (sum_to_shape(g, self.shape),)


class Transpose(Op):
    """y = x with dims d0, d1 swapped;  dx = g swapped back"""

    def forward(self, x, d0, d1, name="TransposeBackward0"):
        self.dims, self.node_name = (d0, d1), name
        return np.swapaxes(x, d0, d1)

    def backward(self, g):
        d0, d1 = self.dims
        return (
            g.transpose(d0, d1) if isinstance(g, Tensor) else np.swapaxes(g, d0, d1),
        )


class Permute(Op):
    """y = x with dims reordered;  dx = g with the inverse order"""

    def forward(self, x, dims):
        self.inverse = tuple(np.argsort(dims))
        return np.transpose(x, dims)

    def backward(self, g):
        inv = self.inverse
        return (g.permute(inv) if isinstance(g, Tensor) else np.transpose(g, inv),)


class Cat(Op):
    """y = the inputs joined along dim;  each input gets its slice of g"""

    def forward(self, *xs, dim, dtype=None):
        # NOTE: matches torch: 1-D empty inputs are legal anywhere and skipped
        self.dim, self.skipped = (
            dim,
            [
                x.shape == (0,)
                and x.ndim != xs[0].ndim
                or (x.shape == (0,) and any(y.shape != (0,) for y in xs))
                for x in xs
            ],
        )
        kept = [
            x if dtype is None else x.astype(dtype, copy=False)
            for x, skip in zip(xs, self.skipped)
            if not skip
        ]
        self.bounds = np.cumsum([0] + [x.shape[dim] for x in kept])
        if not kept:
            return np.concatenate([x.astype(dtype or x.dtype) for x in xs])
        return np.concatenate(kept, axis=dim)

    def backward(self, g):
        lead = (slice(None),) * self.dim
        b, grads, i = self.bounds, [], 0
        for skip in self.skipped:
            if skip:
                grads.append(
                    g.reshape(-1)[:0]
                    if isinstance(g, Tensor)
                    else np.zeros((0,), g.dtype)
                )
            else:
                grads.append(g[lead + (slice(b[i], b[i + 1]),)])
                i += 1
        return tuple(grads)


class Stack(Op):
    """y = the inputs stacked along a new dim;  each input gets its index of g"""

    def forward(self, *xs, dim, dtype=None):
        self.dim, self.n = dim, len(xs)
        return np.stack(xs, axis=dim, dtype=dtype)

    def backward(self, g):
        lead = (slice(None),) * self.dim
        return tuple(g[lead + (i,)] for i in range(self.n))


class Index(Op):
    """y = x[key];  dx = zeros of x's shape with g added at key"""

    def forward(self, x, key, name="IndexBackward0"):
        self.shape, self.key, self.node_name = x.shape, key, name
        return np.asarray(x[key])

    def backward(self, g):
        if isinstance(g, Tensor):
            return (IndexPut.apply(g, shape=self.shape, key=self.key),)
        return (_index_put(g, self.shape, self.key),)


def _index_put(g, shape, key):
    out = np.zeros(shape, dtype=g.dtype)
    np.add.at(out, key, g)  # repeated indices accumulate, as torch's index_put
    return out


class IndexPut(Op):
    """y = zeros with x added at key (Index's backward);  dx = g[key]"""

    def forward(self, x, shape, key):
        self.key = key
        return _index_put(x, shape, key)

    def backward(self, g):
        return (g[self.key],)


class CopySlices(Op):
    """x[key] = v, in place;  dx = g with zeros at key,  dv = g[key]"""

    node_name = "torch::autograd::CopySlices"

    def forward(self, x, v, key):
        x[key] = v
        self.key, self.v_shape = key, np.shape(v)
        self.written = np.zeros(x.shape, dtype=bool)
        self.written[key] = True
        return x

    def backward(self, g):
        gv = g[self.key]
        extra = len(self.v_shape) - gv.ndim
        if extra > 0:  # the value had leading size-1 dims
            gv = gv.reshape((1,) * extra + tuple(gv.shape))
        return _where(self.written, 0, g), gv


# --- losses ------------------------------------------------------------------------


def _reduce(loss, reduction):
    if reduction == "mean":
        if not loss.size:
            return np.array(np.nan, dtype=loss.dtype)  # NOTE: matches torch: 0 / 0
        return full_sum(loss) / loss.size
    if reduction == "sum":
        return full_sum(loss)
    return loss


def _reduced_grad(g, reduction, shape):
    """The upstream gradient of a reduced loss, broadcast over the elements."""
    if reduction == "mean":
        return g / max(math.prod(shape), 1)  # a 0-d g broadcasts in the formula
    return g


class MseLoss(Op):
    """l = reduce((x - t)^2);  dx = (x - t) * (2 or 2/N) * g,  dt = -dx"""

    save = (0, 1)

    def forward(self, x, t, reduction):
        self.reduction, self.shape, self.count = reduction, x.shape, x.size
        d = x - t
        return _reduce(d * d, reduction)

    def backward(self, g, x, t):
        if self.reduction == "none":
            gx = (x - t) * 2 * g
        else:
            norm = 2 / max(self.count, 1) if self.reduction == "mean" else 2
            gx = (x - t) * norm * g  # a 0-d g broadcasts
        return gx, -gx


_EPS = 1e-12
# log(tiny) < -100: clamping the argument first gives the clamped log, silently
_TINY = {np.dtype(np.float32): np.float32(1e-44), np.dtype(np.float64): 1e-300}
_BELOW_ONE = {
    np.dtype(np.float32): np.float32(1 - 2**-24),
    np.dtype(np.float64): 1 - 2**-53,
}


class BinaryCrossEntropy(Op):
    """l = -w (t ln x + (1 - t) ln(1 - x)), logs clamped at -100;
    dx = w * g * (x - t) / max((1 - x) x, 1e-12)"""

    save = (0, 1)

    def forward(self, x, t, weight, reduction):
        self.weight, self.reduction = weight, reduction
        # NOTE: matches torch: each log is clamped at -100, so x = 0 or 1 is finite
        log_x = np.maximum(np.log(np.maximum(x, _TINY[x.dtype])), -100)
        log_1mx = np.maximum(np.log1p(-np.minimum(x, _BELOW_ONE[x.dtype])), -100)
        log_1mx = np.where(x >= 1, -100, log_1mx)
        loss = (t - 1) * log_1mx - t * log_x
        if weight is not None:
            loss = loss * weight
        return _reduce(loss, reduction)

    def backward(self, g, x, t):
        g = _reduced_grad(g, self.reduction, x.shape)
        denom = (1 - x) * x
        denom = _where(_constant(denom) < _EPS, _EPS, denom)
        gx = g * (x - t) / denom
        if self.weight is not None:
            gx = gx * self.weight
        gt = None
        if self.next_edges[1] is not None:
            gt = g * (_log(1 - x) - _log(x))
            if self.weight is not None:
                gt = gt * self.weight
        return gx, gt


class BinaryCrossEntropyWithLogits(Op):
    """l = w ((1 - t) x + lw sp),  lw = 1 + (p - 1) t,  sp = ln(1 + e^-x);
    dx = w g (lw sigmoid(x) - p t),  dt = w g ((p - 1) sp - x)"""

    save = (0, 1)

    def forward(self, x, t, weight, pos_weight, reduction):
        self.w, self.p, self.reduction = weight, pos_weight, reduction
        # NOTE: a stable softplus: ln(1 + e^-x) = ln1p(e^-|x|) + max(-x, 0)
        sp = _softplus_neg(x)
        p = pos_weight
        loss = (1 - t) * x + (sp if p is None else ((p - 1) * t + 1) * sp)
        return _reduce(loss if weight is None else loss * weight, reduction)

    def backward(self, g, x, t):
        w, p = self.w, self.p
        need_x, need_t = (e is not None for e in self.next_edges)
        g = _reduced_grad(g, self.reduction, x.shape)
        wg = g if w is None else g * w
        gx = gt = None
        if need_x:
            s = Sigmoid.apply(x) if isinstance(x, Tensor) else Sigmoid().forward(x)
            gx = (s - t if p is None else ((p - 1) * t + 1) * s - p * t) * wg
        if need_t:
            gt = (-x if p is None else (p - 1) * _softplus_neg(x) - x) * wg
        return gx, gt


def _softplus_neg(x):
    """ln(1 + e^-x), stable for large |x| (differentiable for a Tensor x)."""
    if isinstance(x, Tensor):
        return SoftplusNeg.apply(x)
    return np.log1p(np.exp(-np.abs(x))) + np.maximum(-x, 0)


class SoftplusNeg(Op):
    """y = ln(1 + e^-x);  dx = -g * sigmoid(-x)"""

    node_name = "SoftplusBackward0"
    save = (0,)

    def forward(self, x):
        return _softplus_neg(x)

    def backward(self, g, x):
        s = Sigmoid.apply(-x) if isinstance(x, Tensor) else Sigmoid().forward(-x)
        return (-g * s,)


# --- functions the rest of minigrad calls ----------------------------------------


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    if weight._data.ndim != 2 or (
        bias is not None and bias._data.shape != weight._data.shape[:1]
    ):
        out = input.matmul(weight.t())  # the rare shapes: torch's composite path
        return out if bias is None else out + bias
    return Linear.apply(bias, input, weight)


def sigmoid(x: Tensor) -> Tensor:
    return Sigmoid.apply(x)


def relu(x: Tensor) -> Tensor:
    return Relu.apply(x)


def tanh(x: Tensor) -> Tensor:
    return Tanh.apply(x)


def _broadcast_pair(a: Tensor, b: Tensor) -> tuple[Tensor, Tensor]:
    """torch.broadcast_tensors: ExpandBackward0 nodes where a shape grows."""
    if a._data.shape == b._data.shape:
        return a, b
    shape = broadcast_shape(a._data.shape, b._data.shape)
    if a._data.shape != shape:
        a = Expand.apply(a, shape=shape)
    if b._data.shape != shape:
        b = Expand.apply(b, shape=shape)
    return a, b


def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    input, target = _broadcast_pair(input, target)
    return MseLoss.apply(input, target, reduction=reduction)


def binary_cross_entropy(
    input: Tensor, target: Tensor, weight=None, reduction: str = "mean"
) -> Tensor:
    _not_differentiable(weight, "binary_cross_entropy", "weight")
    w = None if weight is None else np.broadcast_to(weight._data, input._data.shape)
    return BinaryCrossEntropy.apply(input, target, weight=w, reduction=reduction)


def binary_cross_entropy_with_logits(
    input: Tensor, target: Tensor, weight=None, pos_weight=None, reduction: str = "mean"
):
    _not_differentiable(weight, "binary_cross_entropy_with_logits", "weight")
    _not_differentiable(pos_weight, "binary_cross_entropy_with_logits", "pos_weight")
    return BinaryCrossEntropyWithLogits.apply(
        input,
        target,
        weight=_constant(weight),
        pos_weight=_constant(pos_weight),
        reduction=reduction,
    )


def _not_differentiable(t: Tensor | None, fn: str, arg: str) -> None:
    if t is not None and t._requires_grad and grad_mode.enabled:
        raise RuntimeError(
            f"The function '{fn}' is not differentiable with respect to argument "
            f"'{arg}'. This input cannot have requires_grad True."
        )
