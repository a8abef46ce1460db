"""In-place writes and views of a base: what torch records when a tensor, or a
view of it, is overwritten (ZeroBackward0, FillBackward2, CopyBackwards,
IndexPutBackward0, CopySlices, AsStridedBackward0).

An in-place op runs out of place first (its node saw the old value); the
Tensor layer then copies the result into the tensor's memory. On a view, the
base's history is extended with CopySlices, which hands the view's part of the
base's gradient to the op's node, and the view's ``grad_fn`` is rebuilt from
the base (AsStrided).
"""

from __future__ import annotations

import numpy as np

from minigrad.ops.binary import where
from minigrad.ops.formula import is_array, record, zeros_like
from minigrad.ops.op import Op
from minigrad.ops.rounding import Step
from minigrad.ops.saved import arrays, value
from minigrad.ops.shape import index_arrays


class Zero(Step):
    """y = 0 (x.zero_());  dx = 0"""

    def forward(self, x):
        return np.zeros_like(x)


class Fill(Op):
    """y = v everywhere (x.fill_(v));  dx = 0,  dv = sum of g (v a 0-d tensor)"""

    node_name = "FillBackward2"

    def forward(self, x, v=None, value=None, name=None):
        self.node_name = name or ("FillBackward2" if v is None else "FillBackward3")
        out = np.empty_like(x)
        out[...] = value if v is None else v
        return out

    def backward(self, g):
        gx = zeros_like(g)
        if len(self.next_edges) == 1 or self.next_edges[1] is None:
            return gx, None
        return gx, g.sum()


class Copy(Op):
    """y = src broadcast to x's shape (x.copy_(src));  dx = 0,  dsrc = g"""

    node_name = "torch::autograd::CopyBackwards"

    def forward(self, x, src):
        out = np.empty_like(x)
        out[...] = src
        return out

    def backward(self, g):
        return zeros_like(g), g


class IndexPutValues(Op):
    """y = x with v written at an advanced key;  dx = g, 0 at key;  dv = g[key]"""

    node_name = "IndexPutBackward0"
    torch_saved = {
        "_saved_accumulate": value(lambda n: False),
        "_saved_indices": arrays(lambda n: index_arrays(n.key)),
    }

    def forward(self, x, v, key):
        out = x.copy()
        out[key] = v
        self.key, self.v_shape = key, np.shape(v)
        self.written = np.zeros(x.shape, dtype=bool)
        self.written[key] = True
        return out

    def backward(self, g):
        gv = g[self.key]
        extra = len(self.v_shape) - gv.ndim
        if extra > 0:  # the value had leading size-1 dims
            gv = gv.reshape((1,) * extra + tuple(gv.shape))
        return where(self.written, 0, g), gv


# --- views of a base -------------------------------------------------------------


def replay(chain: tuple, array: np.ndarray) -> np.ndarray:
    """The view ``chain`` ((op, params), ...) applied to ``array``: a NumPy view."""
    for op, params in chain:
        array = object.__new__(op).forward(array, **params)
    return array


class AsStrided(Op):
    """y = the view of base x that ``chain`` describes;  dx = g at the view's
    places, 0 elsewhere"""

    node_name = "AsStridedBackward0"
    torch_saved = {
        "_saved_size": value(lambda n: n.geometry[0]),
        "_saved_stride": value(lambda n: n.geometry[1]),
        "_saved_storage_offset": value(lambda n: n.geometry[2]),
    }

    def forward(self, x, chain):
        self.chain, self.shape, self.dtype = chain, x.shape, x.dtype
        out = replay(chain, x)
        item = x.itemsize or 1  # torch's size, stride and offset, in elements
        start = out.__array_interface__["data"][0] - x.__array_interface__["data"][0]
        strides = tuple(s // item for s in out.strides)
        self.geometry = (out.shape, strides, start // item)
        return out

    def backward(self, g):
        if not is_array(g):
            return (record(AsStridedScatter, g, chain=self.chain, shape=self.shape),)
        return (_scatter(g, self.chain, self.shape),)


def _scatter(g: np.ndarray, chain: tuple, shape: tuple) -> np.ndarray:
    out = np.zeros(shape, dtype=g.dtype)
    replay(chain, out)[...] = g
    return out


class AsStridedScatter(Op):
    """y = zeros of the base's shape with x at the view's places;  dx = g's view"""

    node_name = "AsStridedScatterBackward0"

    def forward(self, x, chain, shape):
        self.chain = chain
        return _scatter(x, chain, shape)

    def backward(self, g):
        if not is_array(g):
            return (record(AsStrided, g, chain=self.chain),)
        return (replay(self.chain, g).copy(),)


class CopySlices(Op):
    """base[view] = fn(base[view]) in place;  the view's part of g goes through
    fn's backward, the rest of g to the base's old value.

    Recorded by the Tensor layer after ``fn`` ran (it has no forward of its
    own): ``saved`` holds ``fn`` (freed after backward, as torch frees it),
    ``chain`` the view, ``call_backward`` the engine's way to run ``fn``."""

    node_name = "torch::autograd::CopySlices"

    def backward(self, g, fn):
        create_graph = not is_array(g)
        if create_graph:
            g_view = record(AsStrided, g, chain=self.chain)
        else:
            g_view = replay(self.chain, g).copy()
        grads = self.call_backward(fn, g_view, create_graph)
        g_fn_view, others = grads[0], tuple(grads[1:])
        if g_fn_view is None:
            g_base = where(self.mask, 0, g)
        elif create_graph:
            shape = self.mask.shape
            scattered = record(
                AsStridedScatter, g_fn_view, chain=self.chain, shape=shape
            )
            g_base = where(self.mask, scattered, g)
        else:
            g_base = g.copy()
            replay(self.chain, g_base)[...] = g_fn_view
        return (g_base, *others)
