"""torch's rebuild functions and names, as minigrad objects: what a data.pkl calls."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import numpy as np

from minigrad import dtypes, factories
from minigrad._device import device
from minigrad._size import Size
from minigrad._storage import view_of
from minigrad.serialization._classes import parameter_class
from minigrad.tensor import Tensor, _wrap

_SUPPORTED = "float32, float64, int64, int32, uint8 and bool"
_OURS = {
    d.name: d
    for d in (
        dtypes.float32,
        dtypes.float64,
        dtypes.int64,
        dtypes.int32,
        dtypes.uint8,
        dtypes.bool,
    )
}
# torch's other dtypes, by the storage classes and names torch writes
_OTHER_STORAGES = {
    "HalfStorage": "float16",
    "BFloat16Storage": "bfloat16",
    "ShortStorage": "int16",
    "CharStorage": "int8",
    "ComplexFloatStorage": "complex64",
    "ComplexDoubleStorage": "complex128",
    "QInt8Storage": "qint8",
    "QInt32Storage": "qint32",
    "QUInt8Storage": "quint8",
    "QUInt4x2Storage": "quint4x2",
    "QUInt2x4Storage": "quint2x4",
}
_OTHER_DTYPES = set(_OTHER_STORAGES.values()) | {
    "uint16", "uint32", "uint64", "complex32", "bits1x8", "bits2x4", "bits4x2",
    "bits8", "bits16", "float8_e5m2", "float8_e4m3fn", "float8_e5m2fnuz",
    "float8_e4m3fnuz", "float8_e8m0fnu", "float4_e2m1fn_x2",
    "uint1", "uint2", "uint3", "uint4", "uint5", "uint6", "uint7",
    "int1", "int2", "int3", "int4", "int5", "int6", "int7",
}  # fmt: skip
_STORAGES = {
    "FloatStorage": "float32",
    "DoubleStorage": "float64",
    "LongStorage": "int64",
    "IntStorage": "int32",
    "ByteStorage": "uint8",
    "BoolStorage": "bool",
    "UntypedStorage": "uint8",
    **_OTHER_STORAGES,
}


class Refused(pickle.UnpicklingError):
    """A global or persistent id that a weights-only load refuses."""


class UnsupportedDtype:
    """A torch dtype minigrad does not have; using it raises NotImplementedError."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"torch.{self.name}"


def np_dtype(d: dtypes.dtype | UnsupportedDtype) -> np.dtype:
    if isinstance(d, UnsupportedDtype):
        raise NotImplementedError(
            f"minigrad.load: the file holds a tensor of dtype torch.{d.name}; minigrad supports {_SUPPORTED}"  # noqa: E501
        )
    return d.np


class StorageType:
    """torch's ``FloatStorage``-like class named in a persistent id: its dtype."""

    def __init__(self, name: str) -> None:
        self.untyped = name == "UntypedStorage"
        dtype = _STORAGES[name]
        self.dtype = _OURS.get(dtype) or UnsupportedDtype(dtype)


class LoadedStorage:
    """A storage read from the file: a flat ndarray of its dtype."""

    __slots__ = ("array",)

    def __init__(self, array: np.ndarray) -> None:
        self.array = array

    def nbytes(self) -> int:
        return self.array.nbytes


# --- torch's rebuild functions, building minigrad tensors ---------------------


def _view(storage: LoadedStorage, dtype: np.dtype, offset, size, stride) -> Tensor:
    flat = storage.array
    if flat.dtype != dtype:  # an UntypedStorage (bytes) read as ``dtype``
        if flat.nbytes % dtype.itemsize:
            raise RuntimeError(
                f"a storage of {flat.nbytes} bytes cannot hold {dtype} elements"
            )
        flat = flat.view(dtype)
    size, stride = tuple(size), tuple(stride)
    item = flat.itemsize
    bad = len(size) != len(stride) or min((*size, *stride, offset), default=0) < 0
    need = 0
    if not bad and all(size):
        need = offset + 1 + sum((n - 1) * s for n, s in zip(size, stride))
    if bad or need > flat.size:
        raise RuntimeError(
            f"Trying to resize storage that is not resizable: sizes {list(size)}, strides {list(stride)}, storage offset {offset} and itemsize {item} need {need * item} bytes, the storage has {flat.nbytes}"  # noqa: E501
        )
    array = view_of(flat, size, offset, stride)
    return _wrap(array)


def _with_metadata(t: Tensor, requires_grad: bool, metadata: Any) -> Tensor:
    if metadata and any(metadata.values()):
        raise NotImplementedError(
            f"minigrad.load: tensors with torch's view metadata {metadata} are not supported"  # noqa: E501
        )
    if requires_grad:
        t.requires_grad_(True)
    return t


def rebuild_tensor(storage, storage_offset, size, stride) -> Tensor:
    return _view(storage, storage.array.dtype, storage_offset, size, stride)


def rebuild_tensor_v2(*args) -> Tensor:
    """torch._utils._rebuild_tensor_v2: v3's arguments but the dtype (the storage's)."""
    return rebuild_tensor_v3(*args[:6], None, *args[6:])


def rebuild_tensor_v3(
    storage,
    storage_offset,
    size,
    stride,
    requires_grad,
    backward_hooks,
    dtype,
    metadata=None,
) -> Tensor:
    as_type = storage.array.dtype if dtype is None else np_dtype(dtype)
    t = _view(storage, as_type, storage_offset, size, stride)
    return _with_metadata(t, requires_grad, metadata)


def set_state(obj: Any, state: Any) -> Any:
    # NOTE: matches torch._utils._set_obj_state: a dict, or (dict, slots)
    if isinstance(state, tuple):
        if len(state) != 2:
            raise RuntimeError(f"Invalid serialized state: {state}")
        dict_state, slots_state = state
    else:
        dict_state, slots_state = state, None
    for part in (dict_state, slots_state):
        for k, v in (part or {}).items():
            setattr(obj, k, v)
    return obj


def rebuild_parameter(data, requires_grad, backward_hooks) -> Tensor:
    return parameter_class()(data, requires_grad)


def rebuild_parameter_with_state(data, requires_grad, backward_hooks, state) -> Tensor:
    return set_state(rebuild_parameter(data, requires_grad, backward_hooks), state)


def rebuild_from_type_v2(func, new_type, args, state) -> Tensor:
    t = func(*args)
    if type(t) is not new_type:
        t = _wrap(t._data, t.requires_grad, new_type)
    if "__setstate__" in vars(new_type):
        t.__setstate__(state)
        return t
    return set_state(t, state)


def _unsupported(name: str) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f"minigrad.load: the file needs torch's {name}, which minigrad does not support (sparse, quantized, nested or device tensors)"  # noqa: E501
        )

    return fail


def torch_names() -> dict[str, Any]:
    """torch's globals that the file may name, as minigrad objects."""
    names: dict[str, Any] = {
        "torch._utils._rebuild_tensor": rebuild_tensor,
        "torch._utils._rebuild_tensor_v2": rebuild_tensor_v2,
        "torch._utils._rebuild_tensor_v3": rebuild_tensor_v3,
        "torch._utils._rebuild_parameter": rebuild_parameter,
        "torch._utils._rebuild_parameter_with_state": rebuild_parameter_with_state,
        "torch._tensor._rebuild_from_type_v2": rebuild_from_type_v2,
        "torch.nn.parameter.Parameter": parameter_class(),
        "torch.Tensor": Tensor,
        "torch.Size": Size,
        "torch.device": device,
    }
    for fn in (
        "_rebuild_qtensor",
        "_rebuild_sparse_tensor",
        "_rebuild_meta_tensor_no_storage",
        "_rebuild_nested_tensor",
        "_rebuild_wrapper_subclass",
        "_rebuild_device_tensor_from_numpy",
        "_rebuild_device_tensor_from_cpu_tensor",
    ):
        names[f"torch._utils.{fn}"] = _unsupported(f"torch._utils.{fn}")
    names["torch.serialization._get_layout"] = _unsupported("layouts")
    for name in _OURS:
        names[f"torch.{name}"] = _OURS[name]
    for name in _OTHER_DTYPES:
        names[f"torch.{name}"] = UnsupportedDtype(name)
    for name in _STORAGES:
        names[f"torch.{name}"] = StorageType(name)
        names[f"torch.cuda.{name}"] = StorageType(name)
    names["torch.storage.UntypedStorage"] = StorageType("UntypedStorage")
    for legacy in ("Float", "Double", "Long", "Int", "Byte", "Bool"):
        names[f"torch.{legacy}Tensor"] = getattr(factories, f"{legacy}Tensor")
    return names
