"""Shape ops: views, expand, transpose, permute, cat, stack and indexing."""

from __future__ import annotations

import numpy as np

from minigrad.ops.formula import is_array, run, sum_to_shape
from minigrad.ops.op import Op
from minigrad.ops.saved import arrays, sizes, value


class View(Op):
    """y = x with another shape (same elements);  dx = g reshaped back"""

    view = True

    torch_saved = {
        "ViewBackward0": {"_saved_self_sym_sizes": sizes(0)},
        "UnsafeViewBackward0": {"_saved_self_sym_sizes": sizes(0)},
        "ExpandBackward0": {"_saved_self_sym_sizes": sizes(0)},
        "SqueezeBackward0": {"_saved_self_sym_sizes": sizes(0)},
    }

    def forward(self, x, shape, name="ViewBackward0", copy=False):
        self.shape, self.node_name = x.shape, name
        if name == "UnsafeViewBackward0":
            self.view = False  # NOTE: matches torch: _unsafe_view makes no view
        try:  # raises ValueError when a view would need a copy, as torch's view
            return np.reshape(x, shape, copy=False)
        except ValueError:
            if not copy:
                raise
            self.view = False
            self.node_name = (
                "UnsafeViewBackward0"  # NOTE: torch's name for reshape's copy
            )
            return np.reshape(x, shape)

    def backward(self, g):
        return (g.reshape(self.shape),)


_BROADCAST_FLAGS = ["multi_index", "refs_ok", "zerosize_ok"]  # as np.broadcast_to
_READONLY = ["readonly"]


class Expand(Op):
    """y = x broadcast to a larger shape;  dx = g summed back"""

    view = True

    torch_saved = {"_saved_self_sym_sizes": sizes(0)}

    def forward(self, x, shape):
        self.shape = x.shape
        for n in shape:
            if n < 0:  # nditer would take it as "any size"
                return np.broadcast_to(x, shape)  # raises NumPy's error
        try:  # NOTE: np.broadcast_to's own view, without its Python checks
            view = np.nditer(
                (x,), _BROADCAST_FLAGS, _READONLY, order="C", itershape=shape
            ).itviews[0]
        except ValueError:
            return np.broadcast_to(x, shape)  # raises NumPy's error
        if view.size == x.size and x.flags.writeable:
            # NOTE: matches torch: an expand that repeats nothing may be written to
            view = np.lib.stride_tricks.as_strided(x, view.shape, view.strides)
        return view

    def backward(self, g):
        return (sum_to_shape(g, self.shape),)


class Transpose(Op):
    """y = x with dims d0, d1 swapped;  dx = g swapped back"""

    view = True

    torch_saved = {
        "TransposeBackward0": {
            "_saved_dim0": value(lambda n: n.dims[0]),
            "_saved_dim1": value(lambda n: n.dims[1]),
        },
    }

    def forward(self, x, d0, d1, name="TransposeBackward0"):
        self.dims, self.node_name = (d0, d1), name
        return x.swapaxes(d0, d1)  # NOTE: the method: np.swapaxes adds a Python call

    def backward(self, g):
        d0, d1 = self.dims
        return (g.swapaxes(d0, d1) if is_array(g) else g.transpose(d0, d1),)


class Permute(Op):
    """y = x with dims reordered;  dx = g with the inverse order"""

    view = True

    torch_saved = {"_saved_dims": value(lambda n: n.dims)}

    def forward(self, x, dims):
        self.dims = dims
        self.inverse = tuple(np.argsort(dims))
        return np.transpose(x, dims)

    def backward(self, g):
        inv = self.inverse
        return (np.transpose(g, inv) if is_array(g) else g.permute(inv),)


class Cat(Op):
    """y = the inputs joined along dim;  each input gets its slice of g"""

    torch_saved = {"_saved_dim": value(lambda n: n.dim)}

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
                    g.reshape(-1)[:0] if not is_array(g) else np.zeros((0,), g.dtype)
                )
            else:
                grads.append(g[lead + (slice(b[i], b[i + 1]),)])
                i += 1
        return tuple(grads)


class Stack(Op):
    """y = the inputs stacked along a new dim;  each input gets its index of g"""

    torch_saved = {"_saved_dim": value(lambda n: n.dim)}

    def forward(self, *xs, dim, dtype=None):
        self.dim, self.n = dim, len(xs)
        return np.stack(xs, axis=dim, dtype=dtype)

    def backward(self, g):
        lead = (slice(None),) * self.dim
        return tuple(g[lead + (i,)] for i in range(self.n))


def _basic_entry(key) -> tuple:
    """(dim, entry): the first entry of a basic key that is not a full slice."""
    dim = 0
    for k in key:
        if k is Ellipsis:
            break
        if not (isinstance(k, slice) and k == slice(None)):
            return dim, k
        dim += 1
    return 0, slice(None)  # pragma: no cover - an alias has its own node name


def _slice_end(k: slice) -> int:
    return (
        2**63 - 1 if k.stop is None else k.stop
    )  # NOTE: torch's INT64_MAX for "to the end"


def index_arrays(key) -> tuple:
    """torch's saved indices: None for each slice before the last index array."""
    arrays = [None if isinstance(k, slice) else np.asarray(k) for k in key]
    while arrays and arrays[-1] is None or arrays and key[len(arrays) - 1] is Ellipsis:
        arrays.pop()
    return tuple(arrays)


class Index(Op):
    """y = x[key];  dx = zeros of x's shape with g added at key"""

    view = True

    torch_saved = {
        "SelectBackward0": {
            "_saved_dim": value(lambda n: _basic_entry(n.key)[0]),
            "_saved_index": value(lambda n: int(_basic_entry(n.key)[1])),
            "_saved_self_sym_sizes": sizes(0),
        },
        "SliceBackward0": {
            "_saved_dim": value(lambda n: _basic_entry(n.key)[0]),
            "_saved_start": value(lambda n: _basic_entry(n.key)[1].start or 0),
            "_saved_end": value(lambda n: _slice_end(_basic_entry(n.key)[1])),
            "_saved_step": value(lambda n: _basic_entry(n.key)[1].step or 1),
            "_saved_self_sym_sizes": sizes(0),
        },
        "IndexBackward0": {
            "_saved_indices": arrays(lambda n: index_arrays(n.key)),
            "_saved_self_sym_sizes": sizes(0),
        },
    }

    def forward(self, x, key, name="IndexBackward0"):
        self.shape, self.key, self.node_name = x.shape, key, name
        self.view = name != "IndexBackward0"  # basic indexing gives a view
        return np.asarray(x[key])

    def backward(self, g):
        return (run(IndexPut, g, shape=self.shape, key=self.key),)


class IndexPut(Op):
    """y = zeros with x added at key (Index's backward);  dx = g[key]"""

    def forward(self, x, shape, key):
        self.key = key
        out = np.zeros(shape, dtype=x.dtype)
        np.add.at(out, key, x)  # repeated indices accumulate, as torch's index_put
        return out

    def backward(self, g):
        return (g[self.key],)
