"""Pickling as torch.save does: tensors become torch's rebuild calls over storages."""

from __future__ import annotations

import io
import pickle
from collections import OrderedDict
from typing import Any

import numpy as np

from minigrad import dtypes
from minigrad._device import device
from minigrad._size import Size
from minigrad._storage import contiguous_strides, flat, storage_view
from minigrad.serialization._classes import parameter_class
from minigrad.tensor import Tensor

# torch's storage class for each dtype minigrad has (torch.storage's table)
STORAGE_NAMES = {
    np.dtype(np.float32): "FloatStorage",
    np.dtype(np.float64): "DoubleStorage",
    np.dtype(np.int64): "LongStorage",
    np.dtype(np.int32): "IntStorage",
    np.dtype(np.uint8): "ByteStorage",
    np.dtype(np.bool_): "BoolStorage",
}


class TorchGlobal:
    """A name in torch, pickled as ``GLOBAL module name`` without importing torch."""

    __slots__ = ("module", "name")
    _cache: dict[tuple[str, str], TorchGlobal] = {}

    def __new__(cls, module: str, name: str) -> TorchGlobal:
        # one object per name, so the pickler's memo reuses it as torch's does
        key = (module, name)
        if key not in cls._cache:
            obj = super().__new__(cls)
            obj.module, obj.name = key
            cls._cache[key] = obj
        return cls._cache[key]

    def __call__(self, *args: Any) -> Any:  # pickle requires a callable reducer
        raise TypeError(f"{self.module}.{self.name} is torch's, not callable here")


class Storage:
    """One storage to write: a flat C-contiguous ndarray and its key in the file."""

    __slots__ = ("array", "key")

    def __init__(self, array: np.ndarray, key: str) -> None:
        self.array = array
        self.key = key


class TorchPickler(pickle._Pickler):
    """A pickler whose output ``torch.load`` reads (torch's data.pkl)."""

    dispatch = pickle._Pickler.dispatch.copy()

    def __init__(self, file: io.BytesIO, protocol: int) -> None:
        super().__init__(file, protocol)
        self.storages: dict[int, Storage] = {}
        self._keep: list[np.ndarray] = []  # ids of these stay unique while saving

    def _storage(self, arr: np.ndarray) -> tuple[Storage, int, tuple[int, ...]]:
        found = storage_view(arr)
        if found is None:
            root = np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("="))
            found = root, 0, contiguous_strides(arr.shape)
            self._keep.append(arr)
            ident = id(arr)
        else:
            ident = id(found[0])
        root, offset, strides = found
        if ident not in self.storages:
            self._keep.append(root)
            self.storages[ident] = Storage(flat(root), str(len(self.storages)))
        return self.storages[ident], offset, strides

    def persistent_id(self, obj: Any) -> tuple | None:
        if type(obj) is Storage:
            kind = TorchGlobal("torch", STORAGE_NAMES[obj.array.dtype])
            return ("storage", kind, obj.key, "cpu", obj.array.size)
        return None

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Tensor):
            return self._reduce_tensor(obj)
        if type(obj) is Size:
            return TorchGlobal("torch", "Size"), (tuple(obj),)
        if type(obj) is device:
            args = (obj.type,) if obj.index is None else (obj.type, obj.index)
            return TorchGlobal("torch", "device"), args
        return NotImplemented

    def _reduce_tensor(self, t: Tensor) -> tuple:
        state = dict(t.__dict__) or None
        if isinstance(t, parameter_class()):
            hooks: OrderedDict = OrderedDict()
            data = t.detach()
            if state is None:
                name = "_rebuild_parameter"
                return TorchGlobal("torch._utils", name), (data, t.requires_grad, hooks)
            name = "_rebuild_parameter_with_state"
            args = (data, t.requires_grad, hooks, state)
            return TorchGlobal("torch._utils", name), args
        storage, offset, strides = self._storage(t._data)
        rebuild = TorchGlobal("torch._utils", "_rebuild_tensor_v2")
        args = (storage, offset, t._data.shape, strides, t.requires_grad, OrderedDict())
        if type(t) is Tensor and state is None:
            return rebuild, args
        kind = TorchGlobal("torch", "Tensor") if type(t) is Tensor else type(t)
        wrapper = TorchGlobal("torch._tensor", "_rebuild_from_type_v2")
        return wrapper, (rebuild, kind, args, state)


def _write_global(pickler: TorchPickler, obj: Any, module: str, name: str) -> None:
    pickler.write(pickle.GLOBAL + f"{module}\n{name}\n".encode())
    pickler.memoize(obj)


TorchPickler.dispatch[TorchGlobal] = lambda p, g: _write_global(p, g, g.module, g.name)
# a minigrad dtype is torch's dtype of the same name
TorchPickler.dispatch[dtypes.dtype] = lambda p, d: _write_global(p, d, "torch", d.name)


def dump(obj: Any, protocol: int) -> tuple[bytes, list[Storage]]:
    """torch's ``data.pkl`` bytes for ``obj`` and the storages it refers to."""
    buffer = io.BytesIO()
    pickler = TorchPickler(buffer, protocol)
    pickler.dump(obj)
    return buffer.getvalue(), list(pickler.storages.values())
