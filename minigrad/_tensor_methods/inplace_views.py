"""View methods in place: t_, squeeze_, unsqueeze_, transpose_, swapaxes_, swapdims_."""

from __future__ import annotations

from minigrad._tensor_methods.base import TensorBase
from minigrad.ops.op import torch_class
from minigrad.ops.shape import View


def _restrided(t: TensorBase, view: TensorBase, name: str) -> TensorBase:
    """Make t the view ``view`` (computed out of place) in place: its shape and
    strides, and its node renamed as torch names the in-place form."""
    t._check_inplace()
    node = view._grad_fn
    if node is not None:
        node.__class__ = type(node).__bases__[0]  # the op, under torch_class's name
        node.node_name = name
        node.__class__ = torch_class(node)
        t._grad_fn, t._requires_grad = node, True
    if t._base is None:  # the views made before replay their steps from the old layout
        step = view._view_chain[-1]
        undo = (View, {"shape": t._data.shape}) if step[0] is View else step
        t._relayouts = (*t._relayouts, undo)
    t._data = view._data
    if t._base is not None:  # NOTE: matches torch: later writes reach the base
        t._view_chain, t._view_version = view._view_chain, t._vc[0]
    return t


class InplaceViewMethods(TensorBase):
    __slots__ = ()

    def t_(self) -> TensorBase:
        if self._data.ndim > 2:
            raise RuntimeError(
                f"t_() expects a tensor with <= 2 dimensions, but self is {self._data.ndim}D"
            )
        return _restrided(self, self.t(), "TBackward1")

    def squeeze_(self, dim=None) -> TensorBase:
        number = 3 if dim is None else 4 if isinstance(dim, int) else 5
        return _restrided(self, self.squeeze(dim), f"SqueezeBackward{number}")

    def unsqueeze_(self, dim: int) -> TensorBase:
        return _restrided(self, self.unsqueeze(dim), "UnsqueezeBackward1")

    def transpose_(self, dim0: int, dim1: int) -> TensorBase:
        return _restrided(self, self.transpose(dim0, dim1), "TransposeBackward1")

    def swapaxes_(self, axis0: int, axis1: int) -> TensorBase:
        return self.transpose_(axis0, axis1)

    def swapdims_(self, dim0: int, dim1: int) -> TensorBase:
        return self.transpose_(dim0, dim1)
