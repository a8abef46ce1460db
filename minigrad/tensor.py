"""Tensor: an ndarray, its gradient and the node that made it; methods call ops."""

from __future__ import annotations

import copy
import warnings
import weakref
from collections.abc import Callable
from numbers import Number

import numpy as np

from minigrad import _interop, dtypes
from minigrad import ops as _ops
from minigrad._array import to_array
from minigrad._checks import (
    check_grad_assignment,
    check_inplace_result,
    check_requires_grad,
    wrap_dim,
)
from minigrad._device import CPU, device
from minigrad._size import Size, parse_size
from minigrad._storage import copy_sharing
from minigrad._tensor_methods import (
    ArithmeticMethods,
    BinaryMathMethods,
    BitwiseMethods,
    ComparisonMethods,
    ConversionMethods,
    CountingMethods,
    DecompositionMethods,
    FusedMethods,
    IndexingMethods,
    InplaceMathMethods,
    InplaceMethods,
    InplaceViewMethods,
    LinalgMethods,
    MatmulMethods,
    MulticlassMethods,
    NormMethods,
    OrderStatisticMethods,
    PointwiseMethods,
    PredicateMethods,
    ProductMethods,
    RandomMethods,
    RankMethods,
    RearrangeMethods,
    ReductionMethods,
    SelectionMethods,
    ShapeMethods,
    SpecialMethods,
    SplitMethods,
    UnaryMathMethods,
    WriteMethods,
)
from minigrad._tensor_str import tensor_repr
from minigrad.engine import api as _api
from minigrad.engine import backward as _engine
from minigrad.engine import grad_mode
from minigrad.engine.graph import OUTPUT, RemovableHandle, add_hook, new_seq
from minigrad.ops.op import torch_class

_new = object.__new__
_float_kinds = ("f",)


class Tensor(
    ArithmeticMethods,
    BinaryMathMethods,
    PointwiseMethods,
    UnaryMathMethods,
    MatmulMethods,
    ComparisonMethods,
    ReductionMethods,
    ShapeMethods,
    IndexingMethods,
    InplaceMethods,
    RandomMethods,
    MulticlassMethods,
    ConversionMethods,
    RearrangeMethods,
    SelectionMethods,
    OrderStatisticMethods,
    ProductMethods,
    FusedMethods,
    InplaceMathMethods,
    InplaceViewMethods,
    PredicateMethods,
    SplitMethods,
    RankMethods,
    NormMethods,
    CountingMethods,
    WriteMethods,
    BitwiseMethods,
    SpecialMethods,
    LinalgMethods,
    DecompositionMethods,
):
    """A multi-dimensional array that can record the ops applied to it."""

    __slots__ = (
        "_data",
        "_grad",
        "_requires_grad",
        "_grad_fn",
        "_accumulator",
        "_retains_grad",
        "_vc",
        "_base",
        "_view_chain",  # views only: the view ops that make it from its base
        "_view_version",  # views only: the version its grad_fn was made at
        "__weakref__",
        "__dict__",
    )
    __array_ufunc__ = None  # NOTE: ndarray <op> Tensor defers to the Tensor's operator

    def __init__(self, *args) -> None:
        # NOTE: matches torch's legacy constructor: Tensor([1, 2]) is float32 data,
        # Tensor(2, 3) an uninitialised (here: zero) float32 tensor of that size.
        if len(args) == 1 and not isinstance(args[0], int):
            data = to_array(args[0], dtypes.get_default_dtype())
        else:
            data = np.zeros(parse_size(args), dtype=dtypes.default_float_np())
        _set_fields(self, data, False, None)

    # --- attributes ----------------------------------------------------------

    @property
    def data(self) -> Tensor:
        return _wrap(self._data)

    @data.setter
    def data(self, value: Tensor) -> None:
        if not isinstance(value, Tensor):
            raise TypeError(f"data must be a Tensor, not {type(value).__name__}")
        if self._requires_grad and value._data.dtype.kind != "f":
            raise RuntimeError(
                "data set to a tensor that requires gradients must be floating point or complex dtype"
            )
        self._data = value._data

    @property
    def grad(self) -> Tensor | None:
        if self._grad is None and self._grad_fn is not None and not self._retains_grad:
            warnings.warn(
                "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor.",
                UserWarning,
                stacklevel=2,
            )
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    f"assigned grad expected to be a Tensor or None but got grad of type {type(value).__name__}"
                )
            check_grad_assignment(value._data, self._data)
        self._grad = value

    @grad.deleter
    def grad(self) -> None:
        self._grad = None

    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, flag: bool) -> None:
        self.requires_grad_(flag)

    @property
    def grad_fn(self):
        if self._base is not None and self._view_version != self._vc[0]:
            _regenerate_view(self)
        return self._grad_fn

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def _version(self) -> int:
        """How many in-place writes this tensor's memory has seen (shared by views)."""
        return self._vc[0]

    def _is_view(self) -> bool:
        return self._base is not None

    @property
    def retains_grad(self) -> bool:
        return self._retains_grad

    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    @property
    def ndim(self) -> int:
        return self._data.ndim

    @property
    def dtype(self) -> dtypes.dtype:
        return dtypes._BY_NP[self._data.dtype]

    @property
    def device(self) -> device:
        return CPU

    is_cuda = False
    is_cpu = True

    def get_device(self) -> int:
        return -1  # NOTE: matches torch: -1 for a CPU tensor

    @property
    def T(self) -> Tensor:
        if self._data.ndim == 2:
            return self.permute(1, 0)
        return self.permute(*reversed(range(self._data.ndim)))

    @property
    def mT(self) -> Tensor:
        return self.transpose(-2, -1)

    def size(self, dim: int | None = None):
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[wrap_dim(dim, self._data.ndim)]

    def dim(self) -> int:
        return self._data.ndim

    ndimension = dim

    def numel(self) -> int:
        return self._data.size

    nelement = numel

    def element_size(self) -> int:
        return self._data.itemsize

    def is_floating_point(self) -> bool:
        return self._data.dtype.kind == "f"

    def is_contiguous(self) -> bool:
        return self._data.flags.c_contiguous

    def data_ptr(self) -> int:
        return self._data.__array_interface__["data"][0]

    # --- conversion to Python and NumPy ----------------------------------------

    def item(self) -> Number:
        if self._data.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar"
            )
        return self._data.item()

    def tolist(self):
        return self._data.tolist()

    def numpy(self, *, force: bool = False) -> np.ndarray:
        if self._requires_grad and not force:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
            )
        return self._data

    # --- interchange with NumPy, DLPack and torch (minigrad/_interop.py) ----

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return _interop.array(self.numpy(), dtype, copy)

    def __dlpack__(self, **kwargs):
        return _interop.dlpack(self._data, self._requires_grad, **kwargs)

    def __dlpack_device__(self) -> tuple[int, int]:
        return self._data.__dlpack_device__()

    def to_torch(self):
        """A torch tensor holding a copy of this tensor's data (requires_grad kept)."""
        return _interop.to_torch(self._data, self._requires_grad)

    def _scalar(self):
        if self._data.size != 1:
            raise ValueError(
                "only one element tensors can be converted to Python scalars"
            )
        return self._data.item()

    def __float__(self) -> float:
        if self._requires_grad and grad_mode.state.enabled:
            _warn_scalar_once()
        return float(self._scalar())

    def __int__(self) -> int:
        return int(self._scalar())

    def __index__(self) -> int:
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise TypeError(
                "only integer tensors of a single element can be converted to an index"
            )
        return int(self._data.item())

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise RuntimeError(
                f"Boolean value of Tensor with {'no values' if self._data.size == 0 else 'more than one value'} is ambiguous"
            )
        return bool(self._data.item())

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def __repr__(self) -> str:
        return tensor_repr(self)

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0 and spec:
            return self.item().__format__(spec)
        return repr(self)

    def __reduce_ex__(self, protocol):
        state = self.__dict__ or None  # NOTE: attributes set on a tensor are kept
        return (_rebuild, (self._data, self._requires_grad, type(self)), state)

    def __deepcopy__(self, memo):
        if self._grad_fn is not None:
            raise RuntimeError(
                "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001"  # noqa: E501
            )
        if id(self) in memo:
            return memo[id(self)]
        # NOTE: matches torch: views of one storage share one copy; grad and
        # attributes are copied too
        out = _wrap(copy_sharing(self._data, memo), self._requires_grad, type(self))
        if self._grad is not None:
            out._grad = copy.deepcopy(self._grad, memo)
        out.__dict__.update(copy.deepcopy(self.__dict__, memo))
        memo[id(self)] = out
        return out

    # --- autograd ----------------------------------------------------------------

    def backward(
        self, gradient=None, retain_graph=None, create_graph=False, inputs=None
    ) -> None:
        if (
            gradient is None
            and inputs is None
            and not create_graph
            and self._grad_fn is not None
            and self._data.size == 1
            and self._data.dtype.kind == "f"
        ):  # the common case: a scalar loss
            _engine.run_backward(
                [self],
                [_ONE[self._data.dtype].reshape(self._data.shape)],
                bool(retain_graph),
                False,
                as_tensor=_wrap,
            )
            return
        _api.backward(
            self, gradient, retain_graph, create_graph, inputs, as_tensor=_wrap
        )

    def detach(self) -> Tensor:
        out = _wrap(self._data)
        out._vc = self._vc  # NOTE: matches torch: detach() shares the version counter
        return out

    def detach_(self) -> Tensor:
        if self._base is not None:
            raise RuntimeError(
                "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution."
            )
        self._grad_fn = None
        self._requires_grad = False
        return self

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        if self._grad_fn is not None:
            if not requires_grad:
                raise RuntimeError(
                    "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
                )
            return self
        if requires_grad and self._data.dtype.kind != "f":
            raise RuntimeError(
                "only Tensors of floating point dtype can require gradients"
            )
        self._requires_grad = bool(requires_grad)
        return self

    def retain_grad(self) -> None:
        if not self._requires_grad:
            raise RuntimeError(
                "can't retain_grad on Tensor that has requires_grad=False"
            )
        if self._grad_fn is not None:
            self._grad_fn.retained = weakref.ref(self)  # NOTE: no tensor-node cycle
            self._retains_grad = True

    # a view made under no_grad of a base that requires grad (torch's NO_GRAD_MODE
    # creation meta): set in the instance dict only then
    _view_made_no_grad = False
    # a base laid out anew in place (t_, transpose_, squeeze_...): the view steps that
    # undo each change, and for a view how many of its base's changes it predates
    _relayouts: tuple = ()
    _view_layout = 0
    # hooks live in the instance dict once registered (None: no hook, no cost)
    _backward_hooks: dict | None = None
    _post_accumulate_hooks: dict | None = None

    def register_hook(self, hook: Callable[[Tensor], Tensor | None]) -> RemovableHandle:
        """``hook(grad)`` runs when this tensor's gradient is computed; a returned
        tensor replaces the gradient."""
        if not self._requires_grad:
            raise RuntimeError(
                "cannot register a hook on a tensor that doesn't require gradient"
            )
        if self._grad_fn is not None:
            return self._grad_fn._register_tensor_hook(hook)
        if self._backward_hooks is None:
            self._backward_hooks = {}
        return add_hook(self._backward_hooks, hook)

    def register_post_accumulate_grad_hook(
        self, hook: Callable[[Tensor], None]
    ) -> RemovableHandle:
        """``hook(tensor)`` runs after a leaf's ``.grad`` was accumulated."""
        if not self._requires_grad:
            raise RuntimeError(
                "cannot register a hook on a tensor that doesn't require gradient"
            )
        if self._grad_fn is not None:
            raise RuntimeError(
                "post accumulate grad hooks cannot be registered on non-leaf tensors"
            )
        if self._post_accumulate_hooks is None:
            self._post_accumulate_hooks = {}
        return add_hook(self._post_accumulate_hooks, hook)

    def _accumulate_grad(self, grad, create_graph: bool) -> None:
        """AccumulateGrad: the first gradient is stored, later ones are added."""
        if self._grad is None:
            if isinstance(grad, Tensor):
                self._grad = grad if create_graph else _wrap(grad._data.copy())
            else:
                self._grad = _wrap(np.array(grad, dtype=self._data.dtype, copy=True))
        elif create_graph:
            self._grad = self._grad + grad
        else:  # NOTE: matches torch: accumulated in place into the existing .grad
            old = self._grad._data
            np.add(old, grad._data if isinstance(grad, Tensor) else grad, out=old)
            self._grad._vc[0] += 1

    # the engine reaches the Tensor layer through this (and _apply, set at the end)
    def _output_of(self, data: np.ndarray, node) -> Tensor:
        return _wrap_out(data, node)

    # --- in-place writes: the checks and the graph (the op_ methods: inplace.py) ---

    def _check_inplace(self) -> None:
        """Refuse an in-place write torch refuses; count the write (``_version``)."""
        piece = self.__dict__.get("_multi_output")  # (op, index): a split's piece
        if piece is not None and self._requires_grad and grad_mode.state.enabled:
            raise RuntimeError(
                f"Output {piece[1]} of {piece[0]} is a view and is being modified inplace. This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one."
            )
        data = self._data
        if data.size > 1 and any(
            s == 0 and n > 1 for s, n in zip(data.strides, data.shape)
        ):
            raise RuntimeError(
                "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
            )
        if grad_mode.state.enabled:
            if self._view_made_no_grad:
                raise RuntimeError(_NO_GRAD_VIEW.format("is being modified inplace"))
            if self._requires_grad and self._grad_fn is None and self._base is None:
                raise RuntimeError(
                    "a leaf Variable that requires grad is being used in an in-place operation."
                )
            base = self._base
            if base is not None and base._requires_grad and base._grad_fn is None:
                raise RuntimeError(
                    "a view of a leaf Variable that requires grad is being used in an in-place operation."
                )
        self._vc[0] += 1

    def _inplace(self, result: Tensor) -> Tensor:
        """Write ``result`` (the op, run out of place on this tensor) into this
        tensor's memory, and its node into the graph: on a view, as CopySlices
        on the base (torch's model of in-place writes through views)."""
        out = result._data
        check_inplace_result(out, self._data)
        self._check_inplace()
        fn = result._grad_fn
        if fn is not None and fn.saved and any(t is self for t in fn.saved):
            # the op saved this tensor's old value, which the write below replaces
            old = (
                _wrap_out(self._data.copy(), self._grad_fn)
                if self._grad_fn
                else _wrap(self._data.copy(), self._requires_grad)
            )
            fn.saved = tuple(old if t is self else t for t in fn.saved)
            fn.versions = [0 if t is old else v for t, v in zip(fn.saved, fn.versions)]
        self._data[...] = out
        if fn is not None:
            if fn.out is not None:  # NOTE: matches torch: the output saved is self
                fn.out, fn.out_vc, fn.out_version = self._data, self._vc, self._vc[0]
            _rebase_history(self, fn)
            if fn.out is not None and self._base is not None:
                fn.out_owner = self._grad_fn.name()  # the view's rebuilt node
        return self

    def _recorded(self, *others) -> bool:
        """Whether an in-place write to this tensor (from ``others``) enters the graph."""
        if not grad_mode.state.enabled:
            return False
        if self._requires_grad or (
            self._base is not None and self._base._requires_grad
        ):
            return True
        return any(isinstance(o, Tensor) and o._requires_grad for o in others)


# the seed gradient of a scalar loss (read-only: formulas never write in place)
_ONE = {np.dtype(d): np.ones((), d) for d in (np.float32, np.float64)}
for _one in _ONE.values():
    _one.flags.writeable = False


# --- applying an op: run its forward on arrays, record its node -------------------


def apply(op: type, *inputs, **params) -> Tensor:
    """Run ``op`` on the inputs' arrays; record its node when grad is needed."""
    node = _new(op)
    arrays = []
    need = False
    for x in inputs:
        if isinstance(x, Tensor):
            arrays.append(x._data)
            if x._requires_grad:
                need = True
        else:
            arrays.append(x)
    out = node.forward(*arrays, **params)
    if type(out) is not np.ndarray:
        out = np.asarray(out)
    if need and grad_mode.state.enabled:
        result = _record(node, out, inputs)
    else:
        result = _new(Tensor)
        _set_fields(result, out, False, None)
    if node.view:
        _as_view_of(result, inputs[0], (op, params))
    return result


_NOT_A_TENSOR = ((), None)  # the shape and dtype of an input that is not a tensor


def _record(node, out: np.ndarray, inputs: tuple) -> Tensor:
    """Make ``node`` the grad_fn of a new output: its edges and saved values."""
    edges = []
    meta = []
    for x in inputs:
        if isinstance(x, Tensor):
            data = x._data
            meta.append((data.shape, data.dtype))
            if not x._requires_grad:
                edges.append(None)
            elif x._base is None:
                edges.append(x._grad_fn or x)
            else:
                edges.append(_edge(x))
        else:
            meta.append(_NOT_A_TENSOR)
            edges.append(None)
    node.next_edges = edges
    node.in_meta = meta
    result = _new(Tensor)
    _set_fields(result, out, True, node)
    save = node.save
    if save:
        # NOTE: one pass: the saved values and their versions (save_when: an
        # entry whose input needs no gradient is not kept)
        when = node.save_when
        saved = []
        versions = []
        k = 0
        for i in save:
            if when is not None and when[k] is not None and edges[when[k]] is None:
                saved.append(None)
                versions.append(None)
            elif i is OUTPUT:
                saved.append(OUTPUT)
                versions.append(None)
            else:
                x = inputs[i]
                saved.append(x)
                versions.append(x._vc[0] if isinstance(x, Tensor) else None)
            k += 1
        node.saved = tuple(saved)
        node.versions = versions
        if OUTPUT in save:
            node.out, node.out_vc = out, result._vc
        else:
            node.out = None
    else:
        node.saved = ()
        node.out = None
    node.seq = new_seq()
    node.retained = None
    node.__class__ = torch_class(node)
    return result


def _edge(x: Tensor):
    """Where x's gradient goes: its node (rebuilt first if x is a stale view)."""
    if x._base is not None:
        if x._view_version != x._vc[0]:
            _regenerate_view(x)
        if x._view_made_no_grad:
            return None  # NOTE: matches torch: no gradient reaches such a view
    return x._grad_fn or x


_SCALAR_WARNED = []


def _warn_scalar_once() -> None:
    # NOTE: matches torch: a C++ TORCH_WARN_ONCE, so once per process
    if not _SCALAR_WARNED:
        _SCALAR_WARNED.append(True)
        warnings.warn(
            "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\nConsider using tensor.detach() first.",
            UserWarning,
            stacklevel=3,
        )


# --- views and in-place writes (torch's view + version-counter model) ---------------


def _as_view_of(view: Tensor, src: Tensor, step: tuple) -> None:
    """Mark ``view`` as a view of src's base: shared memory and version counter,
    and the chain of view ops that makes it from the base."""
    view._vc = src._vc
    if src._base is None:
        view._base, view._view_chain = src, (step,)
    else:
        view._base, view._view_chain = src._base, _chain(src) + (step,)
    if view._base._relayouts:
        view._view_layout = len(view._base._relayouts)
    view._view_version = src._vc[0]
    if src._requires_grad and not grad_mode.state.enabled:
        # NOTE: matches torch: such a view requires grad, has no grad_fn, and may
        # not be written in place (nor its base) with grad enabled
        view._requires_grad = view._view_made_no_grad = True


_NO_GRAD_VIEW = "A view was created in no_grad mode and {} with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked)."


def _chain(view: Tensor) -> tuple:
    """The view ops that make ``view`` from its base as the base is laid out now:
    if the base was laid out anew in place since (``t_``...), undo that first."""
    undo = view._base._relayouts[view._view_layout :]
    if undo:
        view._view_chain = tuple(reversed(undo)) + view._view_chain
        view._view_layout += len(undo)
    return view._view_chain


def _regenerate_view(view: Tensor) -> None:
    """After its base changed in place, a view's grad_fn is rebuilt from the base's
    history (AsStridedBackward0), as torch does."""
    base = view._base
    if view._view_made_no_grad:
        raise RuntimeError(
            _NO_GRAD_VIEW.format(
                "its base or another view of its base has been modified inplace"
            )
        )
    view._view_version = view._vc[0]
    if not base._requires_grad:
        return
    node = _new(_ops.AsStrided)
    data = node.forward(base._data, chain=_chain(view))
    view._grad_fn = _record(node, data, (base,))._grad_fn
    view._requires_grad = True


def _rebase_history(tensor: Tensor, fn) -> None:
    """``fn`` just wrote into ``tensor``: it becomes tensor's grad_fn, or, for a
    view, the base's history grows a CopySlices node around fn."""
    base = tensor._base
    if base is None:
        tensor._grad_fn, tensor._requires_grad = fn, True
        return
    chain = _chain(tensor)
    node = _new(_ops.CopySlices)
    node.chain, node.call_backward = chain, _engine.call_backward
    node.mask = np.zeros(base._data.shape, dtype=bool)
    _ops.inplace.replay(chain, node.mask)[...] = True
    old = base._grad_fn or (base if base._requires_grad else None)
    node.next_edges = [old, *fn.next_edges[1:]]
    node.in_meta = [(base._data.shape, base._data.dtype), *fn.in_meta[1:]]
    node.saved, node.versions, node.out = (fn,), [None], None
    node.seq, node.retained = new_seq(), None
    node.__class__ = torch_class(node)
    base._grad_fn, base._requires_grad = node, True
    _regenerate_view(tensor)


# --- construction -------------------------------------------------------------------


def _set_fields(t: Tensor, data: np.ndarray, requires_grad: bool, grad_fn) -> None:
    t._data = data
    t._grad = None
    t._requires_grad = requires_grad
    t._grad_fn = grad_fn
    t._accumulator = None
    t._retains_grad = False
    t._vc = [0]  # the version counter, one list shared by a base and its views
    t._base = None


def _wrap(data: np.ndarray, requires_grad: bool = False, cls: type = Tensor) -> Tensor:
    """A new leaf tensor around ``data`` (no copy)."""
    t = _new(cls)
    _set_fields(t, data, requires_grad, None)
    return t


def _wrap_out(data: np.ndarray, node) -> Tensor:
    """The output tensor of a recorded op."""
    t = _new(Tensor)
    _set_fields(t, data, True, node)
    return t


def _leaf(data: np.ndarray, requires_grad: bool) -> Tensor:
    """A new leaf, refusing requires_grad on a dtype that cannot have gradients."""
    check_requires_grad(requires_grad, data.dtype)
    return _wrap(data, requires_grad)


def _rebuild(data, requires_grad, cls=None):
    return _wrap(data, requires_grad, cls or Tensor)


# --- operands: a number, list or ndarray as a tensor ------------------------------


def _operand(x) -> Tensor:
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray):
        return _wrap(x)
    return _wrap(to_array(x, None))


# --- what the method groups (minigrad/_tensor_methods/) call on self --------------
# NOTE: static methods, not wrappers: self._apply(...) costs no extra call

Tensor._apply = staticmethod(apply)
Tensor._wrap = staticmethod(_wrap)
Tensor._leaf = staticmethod(_leaf)
Tensor._operand = staticmethod(_operand)
Tensor._as_view_of = staticmethod(_as_view_of)
