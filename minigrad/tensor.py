"""Tensor: an ndarray, its gradient and the node that made it; methods call ops."""

from __future__ import annotations

import copy
import math
import warnings
import weakref
from collections.abc import Callable
from numbers import Number

import numpy as np

from minigrad import _arguments as _args
from minigrad import _interop, dtypes, return_types
from minigrad import ops as _ops
from minigrad._array import to_array
from minigrad._broadcast import broadcast_shape
from minigrad._checks import (
    check_bool_sub,
    check_grad_assignment,
    check_inplace_result,
    check_matmul,
    check_mm,
    check_number,
    check_requires_grad,
    expanded_shape,
    fill_overflow,
    infer_shape,
    permutation,
    shape_args,
    wrap_dim,
    wrap_dims,
)
from minigrad._exact.bernoulli import bernoulli_scalar_, bernoulli_tensor_
from minigrad._exact.generator import engine_of, fill_normal_, fill_uniform_
from minigrad._exact.ordering import sort_along, topk_along
from minigrad._indexing import index_key, tensor_words
from minigrad._size import Size, parse_size
from minigrad._storage import copy_sharing
from minigrad._tensor_str import tensor_repr
from minigrad.engine import api as _api
from minigrad.engine import backward as _engine
from minigrad.engine import grad_mode
from minigrad.engine.graph import OUTPUT, RemovableHandle, add_hook, new_seq
from minigrad.ops.op import torch_class

_new = object.__new__
_float_kinds = ("f",)


class Tensor:
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
    def device(self) -> str:
        return "cpu"

    is_cuda = False

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

    __hash__ = object.__hash__  # NOTE: by identity (== is elementwise), as torch

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

    # the engine and the formula vocabulary reach the Tensor layer through these
    def _apply(self, op, *inputs, **params) -> Tensor:
        return apply(op, *inputs, **params)

    def _output_of(self, data: np.ndarray, node) -> Tensor:
        return _wrap_out(data, node)

    # --- new tensors like this one -------------------------------------------------

    def new_tensor(self, data, dtype=None, device=None, requires_grad=False) -> Tensor:
        if isinstance(data, Tensor):
            data = data._data
        dtype = self.dtype if dtype is None else dtype
        return _leaf(to_array(data, dtype), requires_grad)

    def new_full(
        self, size, fill_value, *, dtype=None, device=None, requires_grad=False
    ) -> Tensor:
        np_dtype = self._data.dtype if dtype is None else dtypes.to_np(dtype)
        check_number(fill_value, "new_full", "fill_value", 2)
        fill_overflow(fill_value, np_dtype)
        return _leaf(np.full(parse_size((size,)), fill_value, np_dtype), requires_grad)

    def new_zeros(self, *size, dtype=None, device=None, requires_grad=False) -> Tensor:
        return self.new_full(
            parse_size(size), 0, dtype=dtype, requires_grad=requires_grad
        )

    def new_ones(self, *size, dtype=None, device=None, requires_grad=False) -> Tensor:
        return self.new_full(
            parse_size(size), 1, dtype=dtype, requires_grad=requires_grad
        )

    def new_empty(self, *size, dtype=None, device=None, requires_grad=False) -> Tensor:
        return self.new_zeros(*size, dtype=dtype, requires_grad=requires_grad)

    # --- dtype conversion ------------------------------------------------------------

    def to(self, *args, **kwargs) -> Tensor:
        dtype = kwargs.get("dtype")
        for a in args:
            if isinstance(a, dtypes.dtype):
                dtype = a
            elif isinstance(a, Tensor):
                dtype = a.dtype
            elif a not in ("cpu", None) and not str(a).startswith("cpu"):
                raise RuntimeError(f"minigrad runs on the CPU only; got device {a!r}")
        if dtype is None or dtype.np == self._data.dtype:
            return self
        if (
            not dtype.is_floating_point
        ):  # NOTE: matches torch: no gradient flows to ints
            return _wrap(self._data.astype(dtype.np))
        return apply(_ops.ToCopy, self, dtype=dtype.np)

    def type(self, dtype=None):
        if dtype is None:
            return dtypes.TYPE_NAMES[self._data.dtype]
        if isinstance(dtype, str):
            for np_dtype, name in dtypes.TYPE_NAMES.items():
                if dtype in (name, name.replace("torch.", "minigrad.")):
                    return self.to(dtypes._BY_NP[np_dtype])
            raise ValueError(f"invalid type: '{dtype}'")
        if isinstance(dtype, type) and hasattr(dtype, "dtype"):
            dtype = dtype.dtype
        return self.to(dtype)

    def float(self) -> Tensor:
        return self.to(dtypes.float32)

    def double(self) -> Tensor:
        return self.to(dtypes.float64)

    def long(self) -> Tensor:
        return self.to(dtypes.int64)

    def int(self) -> Tensor:
        return self.to(dtypes.int32)

    def bool(self) -> Tensor:
        return self.to(dtypes.bool)

    def byte(self) -> Tensor:
        return self.to(dtypes.uint8)

    def cpu(self) -> Tensor:
        return self

    def clone(self) -> Tensor:
        return apply(_ops.Clone, self)

    def contiguous(self) -> Tensor:
        return self if self._data.flags.c_contiguous else self.clone()

    # --- arithmetic -------------------------------------------------------------------

    def add(self, other, *, alpha=1) -> Tensor:
        if alpha.__class__ is not int:
            check_number(alpha, "add", "alpha")
        return _binary(_ops.Add, self, other, alpha=alpha)

    def sub(self, other, *, alpha=1) -> Tensor:
        if alpha.__class__ is not int:
            check_number(alpha, "sub", "alpha")
        _check_bool_sub(self, other)
        return _binary(_ops.Sub, self, other, alpha=alpha)

    def mul(self, other) -> Tensor:
        return _binary(_ops.Mul, self, other)

    def div(self, other, *, rounding_mode=None) -> Tensor:
        if rounding_mode is not None:
            raise NotImplementedError(
                "minigrad: div(rounding_mode=...) is not supported"
            )
        return _binary(_ops.Div, self, other, floating=True)

    def pow(self, exponent) -> Tensor:
        if isinstance(exponent, Tensor):
            return _binary(_ops.PowTensor, self, exponent)
        if isinstance(exponent, Number) and not isinstance(exponent, complex):
            if self._data.dtype.kind != "f" and isinstance(exponent, float):
                return self.to(dtypes.get_default_dtype()).pow(exponent)
            if self._data.dtype.kind in "iu" and exponent < 0:
                raise RuntimeError(
                    "Integers to negative integer powers are not allowed."
                )
            return apply(_ops.Pow, self, exponent=exponent)
        return self.pow(_operand(exponent))

    def neg(self) -> Tensor:
        if self._data.dtype.kind == "b":
            raise RuntimeError(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
            )
        return apply(_ops.Neg, self)

    def reciprocal(self) -> Tensor:
        return apply(_ops.Reciprocal, _floating(self))

    def exp(self) -> Tensor:
        return apply(_ops.Exp, _floating(self))

    def log(self) -> Tensor:
        return apply(_ops.Log, _floating(self))

    def sqrt(self) -> Tensor:
        return apply(_ops.Sqrt, _floating(self))

    def abs(self) -> Tensor:
        return apply(_ops.Abs, self)

    def sigmoid(self) -> Tensor:
        return apply(_ops.Sigmoid, _floating(self))

    def tanh(self) -> Tensor:
        return apply(_ops.Tanh, _floating(self))

    def relu(self) -> Tensor:
        return apply(_ops.Relu, self)

    def sin(self) -> Tensor:
        return apply(_ops.Sin, _floating(self))

    def cos(self) -> Tensor:
        return apply(_ops.Cos, _floating(self))

    def round(self) -> Tensor:
        if self._data.dtype.kind != "f":
            return self.clone()
        return apply(_ops.Round, self)

    def clamp(self, min=None, max=None) -> Tensor:
        if min is None and max is None:
            raise RuntimeError(
                "torch.clamp: At least one of 'min' or 'max' must not be None"
            )
        for bound in (min, max):
            if not isinstance(bound, (Tensor, bool, int, float, np.number, type(None))):
                raise TypeError(
                    f"clamp() received an invalid combination of arguments - got ({type(bound).__name__}), but expected one of: (Tensor min, Tensor max) or (Number min, Number max)"
                )
        if isinstance(min, Tensor) or isinstance(max, Tensor):
            lo = None if min is None else _operand(min)
            hi = None if max is None else _operand(max)
            return apply(_ops.ClampTensor, self, lo, hi)
        if self._data.dtype.kind != "f" and (
            isinstance(min, float) or isinstance(max, float)
        ):
            return self.to(dtypes.get_default_dtype()).clamp(min, max)
        return apply(_ops.Clamp, self, lo=min, hi=max)

    clip = clamp

    def maximum(self, other: Tensor) -> Tensor:
        return _binary(_ops.Maximum, self, _require_tensor(other, "maximum"))

    def minimum(self, other: Tensor) -> Tensor:
        return _binary(_ops.Minimum, self, _require_tensor(other, "minimum"))

    def where(self, condition: Tensor, other) -> Tensor:
        condition = _require_tensor(condition, "where", "condition")
        if condition._data.dtype.kind != "b":
            raise RuntimeError(
                f"where expected condition to be a boolean tensor, but got a tensor with dtype {condition.dtype}"
            )
        b = other
        if not isinstance(b, Tensor):
            b = _operand(b) if not isinstance(b, (int, float)) else b
        dtype = _result_dtype(self, b)
        if not isinstance(b, Tensor):
            b = _wrap(np.asarray(b, dtype=dtype or self._data.dtype))
        shapes = [condition._data.shape, self._data.shape, b._data.shape]
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise RuntimeError(
                f"The size of tensors must be broadcastable: condition {shapes[0]}, input {shapes[1]}, other {shapes[2]}"
            ) from None
        return apply(_ops.Where, self, b, cond=condition._data, dtype=dtype)

    def mm(self, other: Tensor) -> Tensor:
        check_mm(self._data, _require_tensor(other, "mm")._data)
        return apply(_ops.Mm, self, other)

    def matmul(self, other: Tensor) -> Tensor:
        check_matmul(self._data, _require_tensor(other, "matmul")._data)
        return apply(_ops.Matmul, self, other)

    def dot(self, other: Tensor) -> Tensor:
        if self._data.ndim != 1 or other._data.ndim != 1:
            raise RuntimeError(
                f"1D tensors expected, but got {self._data.ndim}D and {other._data.ndim}D tensors"
            )
        return self.matmul(other)

    __add__ = add
    __sub__ = sub
    __mul__ = mul
    __truediv__ = div
    __pow__ = pow
    __matmul__ = matmul
    __neg__ = neg
    __abs__ = abs

    def __pos__(self) -> Tensor:
        return self

    def __radd__(self, other) -> Tensor:  # other + self
        return _binary(_ops.Add, self, other)

    def __rmul__(self, other) -> Tensor:  # other * self
        return _binary(_ops.Mul, self, other)

    def __rsub__(self, other) -> Tensor:  # other - self
        if isinstance(other, Number):
            _check_bool_sub(self, other)
            dtype = _result_dtype(self, other)
            return apply(_ops.RSub, self, s=other, dtype=dtype)
        return _operand(other).sub(self)

    def __rtruediv__(self, other) -> Tensor:  # other / self = reciprocal(self) * other
        if isinstance(other, Number):
            return self.reciprocal() * other
        return _operand(other).div(self)

    def __rpow__(self, other) -> Tensor:  # other ** self
        if isinstance(other, Number):
            x = (
                self
                if self._data.dtype.kind == "f" or isinstance(other, int)
                else (self.to(dtypes.get_default_dtype()))
            )
            return apply(_ops.RPow, x, base=other)
        return _operand(other).pow(self)

    def __rmatmul__(self, other) -> Tensor:  # other @ self
        return _operand(other).matmul(self)

    # --- comparisons and logic (no gradient) ------------------------------------------

    def _compare(self, other, fn) -> Tensor:
        if other is None:
            raise TypeError("comparison with None is not supported")
        a, b = self._data, other._data if isinstance(other, Tensor) else other
        if isinstance(b, (list, tuple)):
            b = np.asarray(b)
        dtype = _result_dtype(self, other)
        if dtype is not None:
            a = a.astype(dtype, copy=False)
            b = b.astype(dtype, copy=False) if isinstance(b, np.ndarray) else b
        if isinstance(b, np.ndarray) and a.shape != b.shape:
            broadcast_shape(a.shape, b.shape)
        return _wrap(np.asarray(fn(a, b)))

    def eq(self, other) -> Tensor:
        return self._compare(other, np.equal)

    def ne(self, other) -> Tensor:
        return self._compare(other, np.not_equal)

    def lt(self, other) -> Tensor:
        return self._compare(other, np.less)

    def le(self, other) -> Tensor:
        return self._compare(other, np.less_equal)

    def gt(self, other) -> Tensor:
        return self._compare(other, np.greater)

    def ge(self, other) -> Tensor:
        return self._compare(other, np.greater_equal)

    __eq__ = eq  # type: ignore[assignment]
    __ne__ = ne  # type: ignore[assignment]
    __lt__ = lt
    __le__ = le
    __gt__ = gt
    __ge__ = ge

    def __invert__(self) -> Tensor:
        if self._data.dtype.kind not in "biu":
            raise TypeError(
                "~ (bitwise_not) is only supported for integer and bool tensors"
            )
        return _wrap(np.invert(self._data))

    def logical_not(self) -> Tensor:
        return _wrap(np.logical_not(self._data))

    def __and__(self, other) -> Tensor:
        return _wrap(np.asarray(self._data & _constant(other)))

    def __or__(self, other) -> Tensor:
        return _wrap(np.asarray(self._data | _constant(other)))

    def __xor__(self, other) -> Tensor:
        return _wrap(np.asarray(self._data ^ _constant(other)))

    __rand__ = __and__
    __ror__ = __or__

    def sign(self) -> Tensor:
        return _wrap(np.sign(self._data))

    def allclose(self, other: Tensor, rtol=1e-05, atol=1e-08, equal_nan=False) -> bool:
        other = _require_tensor(other, "allclose")
        return bool(np.allclose(self._data, other._data, rtol, atol, equal_nan))

    def equal(self, other: Tensor) -> bool:
        b = _require_tensor(other, "equal")._data
        return self._data.shape == b.shape and bool(np.array_equal(self._data, b))

    def all(self, dim=None, keepdim=False) -> Tensor:
        return _wrap(np.asarray(np.all(self._data, axis=dim, keepdims=keepdim)))

    def any(self, dim=None, keepdim=False) -> Tensor:
        return _wrap(np.asarray(np.any(self._data, axis=dim, keepdims=keepdim)))

    # --- reductions -------------------------------------------------------------------

    def sum(self, dim=None, keepdim=False, *, dtype=None) -> Tensor:
        dims = wrap_dims(dim, self._data.ndim)
        np_dtype = dtypes.to_np(dtype)
        if np_dtype is None and self._data.dtype.kind in "biu":
            np_dtype = np.dtype(np.int64)  # NOTE: matches torch: integer sums are int64
        return apply(_ops.Sum, self, dims=dims, keepdim=keepdim, dtype=np_dtype)

    def mean(self, dim=None, keepdim=False, *, dtype=None) -> Tensor:
        np_dtype = dtypes.to_np(dtype)
        if (np_dtype or self._data.dtype).kind != "f":
            raise RuntimeError(
                f"mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {dtypes.scalar_type_name(self._data.dtype)}"
            )
        return apply(
            _ops.Mean,
            self,
            dims=wrap_dims(dim, self._data.ndim),
            keepdim=keepdim,
            dtype=np_dtype,
        )

    def max(self, dim=None, keepdim=False):
        return self._max_or_min(dim, keepdim, _ops.MaxAll, _ops.MaxDim, "max")

    def min(self, dim=None, keepdim=False):
        return self._max_or_min(dim, keepdim, _ops.MinAll, _ops.MinDim, "min")

    def _max_or_min(self, dim, keepdim, all_op, dim_op, name):
        if isinstance(dim, Tensor):
            return self.maximum(dim) if name == "max" else self.minimum(dim)
        if dim is None:
            if self._data.size == 0:
                raise RuntimeError(
                    f"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
                )
            return apply(all_op, self)
        d = wrap_dim(dim, self._data.ndim)
        if self._data.ndim == 0:
            return getattr(return_types, name)(
                (self.clone(), _wrap(np.zeros((), np.int64)))
            )
        if self._data.shape[d] == 0:
            raise IndexError(
                f"{name}(): Expected reduction dim {d} to have non-zero size."
            )
        values = apply(dim_op, self, dim=d, keepdim=keepdim)
        pick = np.argmax if name == "max" else np.argmin
        indices = pick(self._data, axis=d, keepdims=keepdim)
        return getattr(return_types, name)(
            (values, _wrap(np.asarray(indices, dtype=np.int64)))
        )

    def argmax(self, dim=None, keepdim=False) -> Tensor:
        return self._arg_max_or_min(np.argmax, dim, keepdim)

    def argmin(self, dim=None, keepdim=False) -> Tensor:
        return self._arg_max_or_min(np.argmin, dim, keepdim)

    def _arg_max_or_min(self, fn, dim, keepdim) -> Tensor:
        name = fn.__name__
        if self._data.dtype.kind == "b":
            raise RuntimeError(f"{name}(): does not support bool input")
        if dim is None and self._data.size == 0:
            raise IndexError(
                f"{name}(): Expected reduction dim to be specified for input.numel() == 0."
            )
        if (
            dim is not None
            and self._data.ndim
            and not self._data.shape[wrap_dim(dim, self._data.ndim)]
        ):
            raise IndexError(
                f"{name}(): Expected reduction dim {wrap_dim(dim, self._data.ndim)} to have non-zero size."
            )
        if dim is None:
            out = fn(self._data)
            if keepdim:
                out = np.reshape(out, (1,) * self._data.ndim)
        else:
            out = fn(self._data, axis=wrap_dim(dim, self._data.ndim), keepdims=keepdim)
        return _wrap(np.asarray(out, dtype=np.int64))

    # --- shape ------------------------------------------------------------------------

    def view(self, *shape) -> Tensor:
        if len(shape) == 1 and isinstance(shape[0], dtypes.dtype):
            raise NotImplementedError("minigrad: view(dtype) is not supported")
        shape = infer_shape(shape_args(shape), self._data.size)
        try:
            return apply(_ops.View, self, shape=shape)
        except ValueError:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            ) from None

    def view_as(self, other: Tensor) -> Tensor:
        return self.view(other._data.shape)

    def reshape(self, *shape) -> Tensor:
        shape = infer_shape(shape_args(shape, "reshape", "shape"), self._data.size)
        try:
            return apply(_ops.View, self, shape=shape)
        except ValueError:  # NOTE: matches torch's graph: a clone, then _unsafe_view
            copy = apply(_ops.Clone, self)
            return apply(_ops.View, copy, shape=shape, name="UnsafeViewBackward0")

    def reshape_as(self, other: Tensor) -> Tensor:
        return self.reshape(other._data.shape)

    def squeeze(self, dim=None) -> Tensor:
        shape = self._data.shape
        if dim is None:
            new = tuple(n for n in shape if n != 1)
            name = "SqueezeBackward0"
        else:
            dims = wrap_dims(dim, self._data.ndim) if shape else ()
            new = tuple(n for i, n in enumerate(shape) if not (i in dims and n == 1))
            name = "SqueezeBackward1" if isinstance(dim, int) else "SqueezeBackward2"
        return apply(_ops.View, self, shape=new, name=name)

    def unsqueeze(self, dim: int) -> Tensor:
        d = wrap_dim(dim, self._data.ndim + 1)
        new = self._data.shape[:d] + (1,) + self._data.shape[d:]
        return apply(_ops.View, self, shape=new, name="UnsqueezeBackward0")

    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> Tensor:
        shape = self._data.shape
        if not shape:
            return self.reshape(1)
        s, e = wrap_dim(start_dim, len(shape)), wrap_dim(end_dim, len(shape))
        if s > e:
            raise RuntimeError(
                "flatten() has invalid args: start_dim cannot come after end_dim"
            )
        if s == e:
            return self
        n = int(np.prod(shape[s : e + 1]))
        return self.reshape(shape[:s] + (n,) + shape[e + 1 :])

    def t(self) -> Tensor:
        nd = self._data.ndim
        if nd > 2:
            raise RuntimeError(
                f"t() expects a tensor with <= 2 dimensions, but self is {nd}D"
            )
        if nd < 2:
            return apply(_ops.View, self, shape=self._data.shape, name="TBackward0")
        return apply(_ops.Transpose, self, d0=0, d1=1, name="TBackward0")

    def transpose(self, dim0: int, dim1: int) -> Tensor:
        nd = self._data.ndim
        return apply(_ops.Transpose, self, d0=wrap_dim(dim0, nd), d1=wrap_dim(dim1, nd))

    def permute(self, *dims) -> Tensor:
        dims = permutation(shape_args(dims, "permute", "dims"), self._data.ndim)
        return apply(_ops.Permute, self, dims=dims)

    def expand(self, *sizes) -> Tensor:
        shape = self._data.shape
        target = expanded_shape(shape, shape_args(sizes, "expand", "size"))
        if target == shape:
            return apply(_ops.View, self, shape=shape, name="ExpandBackward0")
        return apply(_ops.Expand, self, shape=target)

    def expand_as(self, other: Tensor) -> Tensor:
        return self.expand(other._data.shape)

    # --- indexing -------------------------------------------------------------------

    def __getitem__(self, key) -> Tensor:
        if type(key) is int and not self._requires_grad and self._data.ndim:
            try:  # the common case (a dataset's x[i]): a view, no graph
                out = _wrap(self._data[key, ...])
            except IndexError as e:
                raise IndexError(tensor_words(str(e))) from None
            _as_view_of(
                out, self, (_ops.Index, {"key": (key, ...), "name": "SelectBackward0"})
            )
            return out
        key, name = index_key(_key_arrays(key))
        try:
            return apply(_ops.Index, self, key=key, name=name)
        except IndexError as e:
            raise IndexError(tensor_words(str(e))) from None

    def narrow(self, dim: int, start: int, length: int) -> Tensor:
        if not self._data.ndim:
            raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
        for name, v in (("start", start), ("length", length)):
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise TypeError(
                    f"narrow(): argument '{name}' must be int, not {type(v).__name__}"
                )
        dim = wrap_dim(dim, self._data.ndim)
        size = self._data.shape[dim]
        if not -size <= start <= size:
            raise IndexError(
                f"start out of range (expected to be in range of [{-size}, {size}], but got {start})"
            )
        if length < 0:
            raise RuntimeError("narrow(): length must be non-negative.")
        start = start % size if start < 0 else start
        if start + length > size:
            raise RuntimeError(
                f"start ({start}) + length ({length}) exceeds dimension size ({size})."
            )
        return self[(slice(None),) * dim + (slice(start, start + length),)]

    def select(self, dim: int, index: int) -> Tensor:
        if not self._data.ndim:
            raise IndexError("select() cannot be applied to a 0-dim tensor.")
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise TypeError(
                f"select(): argument 'index' (position 2) must be int, not {type(index).__name__}"
            )
        dim = wrap_dim(dim, self._data.ndim)
        size = self._data.shape[dim]
        if not -size <= index < size:
            raise IndexError(
                f"select(): index {index} out of range for tensor of size {list(self._data.shape)} at dimension {dim}"
            )
        return self[(slice(None),) * dim + (int(index),)]

    def __setitem__(self, key, value) -> None:
        key, name = index_key(_key_arrays(key))
        if isinstance(value, (list, tuple, np.ndarray)):
            value = _operand(value)
        if not self._recorded(value):
            self._check_inplace()
            try:
                self._data[key] = value._data if isinstance(value, Tensor) else value
            except IndexError as e:
                raise IndexError(tensor_words(str(e))) from None
            except ValueError as e:
                raise RuntimeError(tensor_words(str(e))) from None
            return
        if not isinstance(value, Tensor):
            value = _wrap(np.asarray(value, dtype=self._data.dtype))
        if name == "IndexBackward0":  # an advanced key: index_put_, not a view
            value = value.to(self.dtype)
            try:
                result = apply(_ops.IndexPutValues, self, value, key=key)
            except (IndexError, ValueError) as e:
                raise type(e)(tensor_words(str(e))) from None
            self._inplace(result)
            return
        if all(k is Ellipsis or k == _FULL for k in key):
            self.copy_(value)  # NOTE: matches torch: x[...] = v is x.copy_(v)
            return
        try:
            view = apply(_ops.Index, self, key=key, name=name)
        except IndexError as e:
            raise IndexError(tensor_words(str(e))) from None
        view.copy_(value)  # NOTE: matches torch: x[key] = v is x[key].copy_(v)

    # --- in place ---------------------------------------------------------------------

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

    def add_(self, other, *, alpha=1) -> Tensor:
        return self._inplace(self.add(other, alpha=alpha))

    def sub_(self, other, *, alpha=1) -> Tensor:
        return self._inplace(self.sub(other, alpha=alpha))

    def mul_(self, other) -> Tensor:
        return self._inplace(self.mul(other))

    def div_(self, other) -> Tensor:
        return self._inplace(self.div(other))

    def pow_(self, exponent) -> Tensor:
        return self._inplace(self.pow(exponent))

    def __iadd__(self, other) -> Tensor:  # x += other, in place as torch
        return self.add_(other)

    def __isub__(self, other) -> Tensor:
        return self.sub_(other)

    def __imul__(self, other) -> Tensor:
        return self.mul_(other)

    def __itruediv__(self, other) -> Tensor:
        return self.div_(other)

    def relu_(self) -> Tensor:
        return self._inplace(self.relu())

    def sigmoid_(self) -> Tensor:
        return self._inplace(self.sigmoid())

    def tanh_(self) -> Tensor:
        return self._inplace(self.tanh())

    def exp_(self) -> Tensor:
        return self._inplace(self.exp())

    def log_(self) -> Tensor:
        return self._inplace(self.log())

    def sqrt_(self) -> Tensor:
        return self._inplace(self.sqrt())

    def abs_(self) -> Tensor:
        return self._inplace(self.abs())

    def neg_(self) -> Tensor:
        return self._inplace(self.neg())

    def clamp_(self, min=None, max=None) -> Tensor:
        return self._inplace(self.clamp(min, max))

    def zero_(self) -> Tensor:
        if self._recorded():
            return self._inplace(apply(_ops.Zero, self))
        self._check_inplace()
        self._data[...] = 0
        return self

    def fill_(self, value) -> Tensor:
        if not isinstance(value, (Tensor, bool, int, float, np.number)):
            raise TypeError(
                f"fill_() received an invalid combination of arguments - got ({type(value).__name__}), but expected one of: (Tensor value) or (Number value)"
            )
        fill_overflow(value, self._data.dtype)
        if isinstance(value, Tensor) and value._data.ndim:
            raise RuntimeError(
                f"fill_ only supports 0-dimension value tensor but got tensor with {value._data.ndim} dimensions."
            )
        if self._recorded(value):
            if isinstance(value, Tensor):
                return self._inplace(apply(_ops.Fill, self, value))
            return self._inplace(apply(_ops.Fill, self, value=value))
        self._check_inplace()
        self._data[...] = value._data if isinstance(value, Tensor) else value
        return self

    def copy_(self, src: Tensor, non_blocking: bool = False) -> Tensor:
        src = src if isinstance(src, Tensor) else _wrap(np.asarray(src))
        try:
            np.broadcast_shapes(src._data.shape, self._data.shape)
            if (
                np.broadcast_shapes(src._data.shape, self._data.shape)
                != self._data.shape
            ):
                raise ValueError
        except ValueError:
            raise RuntimeError(
                f"The size of tensor a ({self._data.shape[-1] if self._data.ndim else 1}) must match the size of tensor b ({src._data.shape[-1] if src._data.ndim else 1}) at non-singleton dimension {max(self._data.ndim - 1, 0)}"
            ) from None
        if self._recorded(src):
            return self._inplace(apply(_ops.Copy, self, src))
        self._check_inplace()
        self._data[...] = src._data
        return self

    def uniform_(self, a: float = 0.0, b: float = 1.0, *, generator=None) -> Tensor:
        return self._random_fill(fill_uniform_, a, b, generator, "UniformBackward0")

    def normal_(self, mean: float = 0.0, std: float = 1.0, *, generator=None) -> Tensor:
        return self._random_fill(fill_normal_, mean, std, generator, "NormalBackward0")

    def _random_fill(self, fill, p, q, generator, name: str) -> Tensor:
        if self._recorded():
            values = self._data.copy()
            fill(values, p, q, generator)
            return self._inplace(apply(_ops.Fill, self, value=values, name=name))
        fill(self._data, p, q, generator)  # checks its arguments before it draws
        self._check_inplace()
        return self

    # --- Bernoulli draws (dropout's masks; docs/torch_rng.md) ------------------------

    def bernoulli_(self, p=0.5, *, generator=None) -> Tensor:
        engine = engine_of(generator, "bernoulli_")
        if isinstance(p, Tensor):
            probs = p.expand(self._data.shape)._data
            self._check_inplace()
            bernoulli_tensor_(self._data, probs, engine)
            return self
        if isinstance(p, bool) or not isinstance(p, Number):
            raise TypeError(
                f"bernoulli_() received an invalid combination of arguments - got ({type(p).__name__}), but expected one of:\n * (Tensor p, *, torch.Generator generator = None)\n * (float p = 0.5, *, torch.Generator generator = None)\n"
            )
        self._check_inplace()
        bernoulli_scalar_(self._data, p, engine)
        return self

    def bernoulli(self, p=None, *, generator=None) -> Tensor:
        """Draws of 0/1 with probability self (or p, a number, for every element)."""
        engine = engine_of(generator, "bernoulli")
        if p is None:
            return apply(_ops.Bernoulli, self, engine=engine)
        return apply(_ops.BernoulliScalar, self, p=float(p), engine=engine)

    # --- deep networks (issue 11): statistics, pieces, sorting, batched products -----

    def var(self, dim=None, unbiased=None, keepdim=False, *, correction=None) -> Tensor:
        return self._spread(_ops.Var, "var", dim, unbiased, keepdim, correction)

    def std(self, dim=None, unbiased=None, keepdim=False, *, correction=None) -> Tensor:
        return self._spread(_ops.Std, "std", dim, unbiased, keepdim, correction)

    def _spread(self, op, name, dim, unbiased, keepdim, correction) -> Tensor:
        if isinstance(dim, bool):  # NOTE: matches torch: x.var(True) is unbiased=True
            dim, unbiased = None, dim
        c = _args.correction_of(name, unbiased, correction)
        _args.check_var_input(self._data.dtype)
        dims = wrap_dims(dim, self._data.ndim)
        _args.warn_dof(name, self._data.shape, dims, c)
        return apply(op, self, dims=dims, correction=c, keepdim=keepdim)

    def norm(self, p="fro", dim=None, keepdim=False, dtype=None) -> Tensor:
        order = _args.norm_order(p)
        np_dtype = dtypes.to_np(dtype)
        _args.check_norm_input(self._data.dtype, order, self._data.size, np_dtype)
        dims = wrap_dims(dim, self._data.ndim)
        if p == "fro" and dims is not None and len(dims) > 2:
            raise RuntimeError(
                f"linalg.matrix_norm: dim must be a 2-tuple. Got {' '.join(map(str, dim))}"
            )
        return apply(
            _ops.VectorNorm, self, p=order, dims=dims, keepdim=keepdim, dtype=np_dtype
        )

    def prod(self, dim=None, keepdim=False, *, dtype=None) -> Tensor:
        np_dtype = dtypes.to_np(dtype)
        if np_dtype is None and self._data.dtype.kind in "biu":
            np_dtype = np.dtype(
                np.int64
            )  # NOTE: matches torch: integer products are int64
        d = None if dim is None else wrap_dim(dim, self._data.ndim)
        keepdim = keepdim and self._data.ndim > 0
        return apply(_ops.Prod, self, dim=d, keepdim=keepdim, dtype=np_dtype)

    def cumsum(self, dim, *, dtype=None) -> Tensor:
        np_dtype = dtypes.to_np(dtype)
        if np_dtype is None and self._data.dtype.kind in "biu":
            np_dtype = np.dtype(np.int64)
        return apply(
            _ops.Cumsum, self, dim=wrap_dim(dim, self._data.ndim), dtype=np_dtype
        )

    def repeat(self, *sizes) -> Tensor:
        if not sizes:
            raise TypeError(
                'repeat() missing 1 required positional arguments: "repeats"'
            )
        reps = shape_args(sizes)
        if len(reps) < self._data.ndim:
            raise RuntimeError(
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"
            )
        lead = len(reps) - self._data.ndim
        target = [r * n for r, n in zip(reps, (1,) * lead + self._data.shape)]
        if any(n < 0 for n in target):
            bad = next(n for n in target if n < 0)
            raise RuntimeError(
                f"Trying to create tensor with negative dimension {bad}: {target}"
            )
        return apply(_ops.Repeat, self, reps=reps)

    def masked_fill(self, mask: Tensor, value) -> Tensor:
        mask = _require_tensor(mask, "masked_fill", "mask")
        if mask._data.dtype.kind != "b":
            raise RuntimeError(
                f"masked_fill_ only supports boolean masks, but got mask with dtype {dtypes.scalar_type_name(mask._data.dtype).lower()}"
            )
        broadcast_shape(self._data.shape, mask._data.shape)
        if isinstance(value, Tensor):
            if value._data.ndim:
                raise RuntimeError(
                    f"masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {value._data.ndim} dimension(s)."
                )
            return apply(_ops.MaskedFill, self, value, mask=mask._data)
        if (
            self._data.dtype.kind in "iu"
            and isinstance(value, float)
            and not value.is_integer()
        ):
            value = int(
                value
            )  # NOTE: matches torch: the value is cast to the tensor's type
        return apply(_ops.MaskedFill, self, mask=mask._data, fill=value)

    def masked_fill_(self, mask: Tensor, value) -> Tensor:
        out = self.masked_fill(mask, value)
        if out._data.shape != self._data.shape:
            raise RuntimeError(
                f"output with shape {list(self._data.shape)} doesn't match the broadcast shape {list(out._data.shape)}"
            )
        return self._inplace(out)

    def split(self, split_size, dim: int = 0) -> tuple:
        if self._data.ndim == 0:
            raise RuntimeError("split expects at least a 1-dimensional tensor")
        d = wrap_dim(dim, self._data.ndim)
        bounds = _args.split_bounds(self._data.shape[d], split_size)
        sized = isinstance(split_size, (list, tuple))
        name = "SplitWithSizesBackward0" if sized else "SplitBackward0"
        lead = (slice(None),) * d
        pieces = tuple(
            apply(_ops.Index, self, key=lead + (slice(a, b),), name=name)
            for a, b in bounds
        )
        for i, piece in enumerate(
            pieces
        ):  # NOTE: torch refuses in-place writes to them
            piece._multi_output = (name[: -len("Backward0")], i)
        return pieces

    def chunk(self, chunks: int, dim: int = 0) -> tuple:
        if self._data.ndim == 0:
            raise RuntimeError("chunk expects at least a 1-dimensional tensor")
        d = wrap_dim(dim, self._data.ndim)
        size = self._data.shape[d]
        step = _args.chunk_size(size, chunks)
        if step == 0:  # NOTE: matches torch: an empty dim gives `chunks` empty pieces
            return self.split([0] * chunks, d)
        return self.split(step, d)

    def sort(self, dim: int = -1, descending: bool = False, *, stable=None):
        d = wrap_dim(dim, self._data.ndim)
        name = "SortBackward0" if stable is None else "SortBackward1"
        if self._data.ndim == 0:
            return return_types.sort(
                (
                    apply(_ops.View, self, shape=(), name=name),
                    _wrap(np.zeros((), np.int64)),
                )
            )
        idx = _args.sort_indices(self._data, d, descending)
        if not stable and self._data.dtype.itemsize < 4:  # NOTE: std::sort in torch
            idx = sort_along(self._data, d, descending, idx)
        values = apply(_ops.TakeAlong, self, indices=idx, dim=d, name=name)
        return return_types.sort((values, _wrap(idx.astype(np.int64))))

    def topk(self, k: int, dim: int = -1, largest: bool = True, sorted: bool = True):  # noqa: A002
        d = wrap_dim(dim, self._data.ndim)
        if self._data.ndim == 0:  # NOTE: matches torch: k = 0 or 1 both give the value
            _args.check_topk(k, 1)
            values = apply(_ops.View, self, shape=(), name="TopkBackward0")
            return return_types.topk((values, _wrap(np.zeros((), np.int64))))
        _args.check_topk(k, self._data.shape[d])
        ranked = _args.sort_indices(self._data, d, descending=largest)
        idx = topk_along(self._data, k, d, largest, sorted, ranked)
        values = apply(_ops.TakeAlong, self, indices=idx, dim=d, name="TopkBackward0")
        return return_types.topk((values, _wrap(idx.astype(np.int64))))

    def unflatten(self, dim: int, sizes) -> Tensor:
        d = wrap_dim(dim, self._data.ndim)
        sizes = tuple(int(n) for n in sizes)
        if sizes.count(-1) > 1:
            raise RuntimeError("only one dimension can be inferred")
        n = self._data.shape[d]
        known = math.prod(s for s in sizes if s != -1)
        if (n % known if known else n) if -1 in sizes else known != n:
            raise RuntimeError(
                f"unflatten: Provided sizes {list(sizes)} don't multiply up to the size of dim {d} ({n}) in the input tensor"
            )
        if -1 in sizes:
            sizes = tuple((n // known if known else 0) if s == -1 else s for s in sizes)
        shape = self._data.shape[:d] + sizes + self._data.shape[d + 1 :]
        return apply(_ops.View, self, shape=shape)

    def bmm(self, mat2: Tensor) -> Tensor:
        _args.check_bmm(self._data, _require_tensor(mat2, "bmm", "mat2")._data)
        return apply(_ops.Bmm, self, mat2)

    # --- multiclass: softmax, gather, scatter -----------------------------------------

    def softmax(self, dim: int, dtype=None) -> Tensor:
        return _softmax(self, dim, dtype, _ops.Softmax, "softmax")

    def log_softmax(self, dim: int, dtype=None) -> Tensor:
        return _softmax(self, dim, dtype, _ops.LogSoftmax, "log_softmax")

    def gather(self, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
        d, idx = _index_args(self, dim, index, "gather")
        _ops.check_index("gather", self._data, d, idx)
        return apply(_ops.Gather, self, index=idx, dim=d)

    def scatter(self, dim: int, index: Tensor, src=None, *, value=None, reduce=None):
        return _scatter(self, dim, index, src, value, reduce, "scatter")

    def scatter_(self, dim: int, index: Tensor, src=None, *, value=None, reduce=None):
        return self._inplace(_scatter(self, dim, index, src, value, reduce, "scatter_"))

    def scatter_add(self, dim: int, index: Tensor, src: Tensor) -> Tensor:
        return _scatter_add(self, dim, index, src, "scatter_add")

    def scatter_add_(self, dim: int, index: Tensor, src: Tensor) -> Tensor:
        return self._inplace(_scatter_add(self, dim, index, src, "scatter_add_"))


# the seed gradient of a scalar loss (read-only: formulas never write in place)
_ONE = {np.dtype(d): np.ones((), d) for d in (np.float32, np.float64)}
for _one in _ONE.values():
    _one.flags.writeable = False

_FULL = slice(None)


# --- applying an op: run its forward on arrays, record its node -------------------


def apply(op: type, *inputs, **params) -> Tensor:
    """Run ``op`` on the inputs' arrays; record its node when grad is needed."""
    node = _new(op)
    out = node.forward(
        *[x._data if isinstance(x, Tensor) else x for x in inputs], **params
    )
    if type(out) is not np.ndarray:
        out = np.asarray(out)
    result = None
    if grad_mode.state.enabled:
        for x in inputs:
            if isinstance(x, Tensor) and x._requires_grad:
                result = _record(node, out, inputs)
                break
    if result is None:
        result = _wrap(out)
    if node.view:
        _as_view_of(result, inputs[0], (op, params))
    return result


_NOT_A_TENSOR = ((), None)  # the shape and dtype of an input that is not a tensor


def _record(node, out: np.ndarray, inputs: tuple) -> Tensor:
    """Make ``node`` the grad_fn of a new output: its edges and saved values."""
    node.next_edges = [
        (_edge(x) if isinstance(x, Tensor) and x._requires_grad else None)
        for x in inputs
    ]
    node.in_meta = [
        (x._data.shape, x._data.dtype) if isinstance(x, Tensor) else _NOT_A_TENSOR
        for x in inputs
    ]
    result = _wrap_out(out, node)
    save = node.save
    if save:
        node.saved = saved = tuple([i if i is OUTPUT else inputs[i] for i in save])
        if node.save_when is not None:
            edges = node.next_edges
            node.saved = saved = tuple(
                None if c is not None and edges[c] is None else s
                for s, c in zip(saved, node.save_when, strict=True)
            )
        node.versions = [t._vc[0] if isinstance(t, Tensor) else None for t in saved]
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


# --- views and in-place writes (torch's view + version-counter model) ---------------


def _as_view_of(view: Tensor, src: Tensor, step: tuple) -> None:
    """Mark ``view`` as a view of src's base: shared memory and version counter,
    and the chain of view ops that makes it from the base."""
    view._vc = src._vc
    if src._base is None:
        view._base, view._view_chain = src, (step,)
    else:
        view._base, view._view_chain = src._base, src._view_chain + (step,)
    view._view_version = src._vc[0]
    if src._requires_grad and not grad_mode.state.enabled:
        # NOTE: matches torch: such a view requires grad, has no grad_fn, and may
        # not be written in place (nor its base) with grad enabled
        view._requires_grad = view._view_made_no_grad = True


_NO_GRAD_VIEW = "A view was created in no_grad mode and {} with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked)."


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
    data = node.forward(base._data, chain=view._view_chain)
    view._grad_fn = _record(node, data, (base,))._grad_fn
    view._requires_grad = True


def _rebase_history(tensor: Tensor, fn) -> None:
    """``fn`` just wrote into ``tensor``: it becomes tensor's grad_fn, or, for a
    view, the base's history grows a CopySlices node around fn."""
    base = tensor._base
    if base is None:
        tensor._grad_fn, tensor._requires_grad = fn, True
        return
    chain = tensor._view_chain
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


# --- operands, dtypes and shapes ---------------------------------------------------


def _operand(x) -> Tensor:
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray):
        return _wrap(x)
    return _wrap(to_array(x, None))


def _constant(x):
    return x._data if isinstance(x, Tensor) else x


def _floating(t: Tensor) -> Tensor:
    if t._data.dtype.kind == "f":
        return t
    return t.to(dtypes.get_default_dtype())


def _result_dtype(a: Tensor, b) -> np.dtype | None:
    """The dtype to compute ``a op b`` in, or None when NumPy already gets it right."""
    da = a._data.dtype
    if isinstance(b, Tensor):
        db = b._data.dtype
        if da is db:
            return None
        dims, zeros = [], []
        (dims if a._data.ndim else zeros).append(da)
        (dims if b._data.ndim else zeros).append(db)
        return dtypes.result_type(dims, zeros, [])
    if isinstance(b, (float, int)) and not isinstance(b, bool) and da.kind == "f":
        return (
            None  # NOTE: NumPy's weak Python scalars keep the tensor's dtype, as torch
        )
    if isinstance(b, bool) and da.kind == "b":
        return None
    if isinstance(b, (bool, int, float)):
        out = dtypes.result_type(
            [da] if a._data.ndim else [], [] if a._data.ndim else [da], [b]
        )
        return None if out == da and da.kind != "b" else out
    raise TypeError(f"unsupported operand type(s) for Tensor and {type(b).__name__}")


def _binary(op, a: Tensor, b, floating: bool = False, **params) -> Tensor:
    if not isinstance(b, Tensor):
        if isinstance(b, (np.ndarray, np.generic, list, tuple)):
            b = _operand(b)
        elif not isinstance(b, Number) or isinstance(b, complex):
            return NotImplemented
    dtype = _result_dtype(a, b)
    if floating and (dtype or a._data.dtype).kind != "f":
        dtype = dtypes.default_float_np()
    if isinstance(b, Tensor) and a._data.shape != b._data.shape:
        broadcast_shape(a._data.shape, b._data.shape)
    return apply(op, a, b, dtype=dtype, **params)


def _require_tensor(x, fname: str, arg: str = "other") -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(
            f"{fname}(): argument '{arg}' (position 1) must be Tensor, not {type(x).__name__}"
        )
    return x


def _check_bool_sub(a: Tensor, b) -> None:
    b_bool = isinstance(b, bool) or (
        isinstance(b, Tensor) and b._data.dtype.kind == "b"
    )
    check_bool_sub(a._data.dtype.kind == "b", b_bool)


def _key_arrays(key):
    """An indexing key with its index tensors replaced by their arrays."""
    if isinstance(key, Tensor):
        return key._data
    if isinstance(key, tuple):
        return tuple(k._data if isinstance(k, Tensor) else k for k in key)
    return key


# --- multiclass helpers: argument checks, then one op each --------------------------


def _softmax(t: Tensor, dim, dtype, op, name: str) -> Tensor:
    if not isinstance(dim, (int, np.integer)) or isinstance(dim, bool):
        raise TypeError(
            f"{name}(): argument 'dim' (position 1) must be int, not {type(dim).__name__}"
        )
    d = wrap_dim(dim, t._data.ndim)
    if dtype is not None:
        t = t.to(dtype)
    if t._data.dtype.kind != "f" and t._data.size:
        kernel = _ops.softmax_kernel_name(name, t._data.ndim, d)
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{dtypes.scalar_type_name(t._data.dtype)}'"
        )
    return apply(op, t, dim=d)


def _index_args(t: Tensor, dim, index, name: str, arg_pos: int = 2):
    if not isinstance(index, Tensor):
        raise TypeError(
            f"{name.rstrip('_')}(): argument 'index' (position {arg_pos}) must be Tensor, not {type(index).__name__}"
        )
    d = wrap_dim(dim, t._data.ndim)
    return d, index._data


def _scatter(t: Tensor, dim, index, src, value, reduce, name: str) -> Tensor:
    if reduce is not None:
        raise NotImplementedError(f"minigrad: {name}(reduce=...) is not supported")
    if (src is None) == (value is None) or (
        src is not None and not isinstance(src, (Tensor, Number))
    ):
        given = ", ".join(type(a).__name__ for a in (dim, index, src) if a is not None)
        raise TypeError(
            f"{name}() received an invalid combination of arguments - got ({given}), but expected one of: (int dim, Tensor index, Tensor src) or (int dim, Tensor index, Number value)"
        )
    d, idx = _index_args(t, dim, index, name)
    value = src if value is None else value
    if isinstance(value, Tensor):
        if value._data.dtype != t._data.dtype:
            raise RuntimeError(
                "scatter(): Expected self.dtype to be equal to src.dtype"
            )
        _ops.check_index("scatter", t._data, d, idx, value._data)
        return apply(_ops.Scatter, t, value, index=idx, dim=d)
    _ops.check_index("scatter", t._data, d, idx, value=True)
    return apply(_ops.ScatterValue, t, index=idx, dim=d, value=value)


def _scatter_add(t: Tensor, dim, index, src, name: str) -> Tensor:
    if not isinstance(src, Tensor):
        raise TypeError(
            f"{name.rstrip('_')}(): argument 'src' (position 3) must be Tensor, not {type(src).__name__}"
        )
    d, idx = _index_args(t, dim, index, name)
    if src._data.dtype != t._data.dtype:
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    _ops.check_index("scatter", t._data, d, idx, src._data)
    return apply(_ops.ScatterAdd, t, src, index=idx, dim=d)
