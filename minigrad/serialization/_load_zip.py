"""Reading a zip checkpoint: byte order, storages by key, then the pickle."""

from __future__ import annotations

import io
import mmap
import pickle
import sys
from typing import Any

import numpy as np

from minigrad.serialization._unpickle_torch import (
    LoadedStorage,
    Refused,
    StorageType,
    np_dtype,
)
from minigrad.serialization._unpicklers import make_unpickler
from minigrad.serialization._zipformat import ArchiveReader


def load_zip(
    reader: ArchiveReader, restore, allowed, pickle_load_args: dict, mmap: bool
) -> Any:
    """The object in a zip checkpoint; its storages are read (or mapped) once."""
    if reader.has("constants.pkl"):
        if allowed is not None:
            raise RuntimeError(
                "Cannot use ``weights_only=True`` with TorchScript archives passed to ``minigrad.load``."  # noqa: E501
            )
        raise NotImplementedError(
            "minigrad.load: this is a TorchScript archive (torch.jit.save), which minigrad cannot load"  # noqa: E501
        )
    swap = False
    if reader.has("byteorder"):
        order = reader.read("byteorder")
        if order not in (b"little", b"big"):
            raise ValueError(
                f"Unknown endianness type: {order.decode(errors='replace')}"
            )
        swap = order.decode() != sys.byteorder
    elif sys.byteorder == "big":
        swap = True  # NOTE: matches torch: no record means little-endian
    loaded: dict[str, LoadedStorage] = {}
    mapped = _map(reader) if mmap else None

    def persistent_load(pid: Any) -> LoadedStorage:
        if not isinstance(pid, tuple) or not pid or _ascii(pid[0]) != "storage":
            raise Refused(
                f"Only persistent_load of storage is allowed, but got {pid!r}"
            )
        if len(pid) != 5 or not isinstance(pid[1], StorageType):
            raise pickle.UnpicklingError(f"bad storage persistent id {pid!r}")
        _, kind, key, location, numel = pid
        key = _ascii(key)
        if key not in loaded:
            dtype = np.dtype(np.uint8) if kind.untyped else _np(kind)
            name = f"data/{key}"
            size = reader.size(name) if reader.has(name) else None
            if size is not None and size != numel * dtype.itemsize:
                raise RuntimeError(
                    f"PytorchStreamReader: record {name} holds {size} bytes, expected {numel * dtype.itemsize}"  # noqa: E501
                )
            offset = None if mapped is None else reader.data_offset(name)
            if offset is not None:
                # NOTE: matches torch's mmap=True: a private (copy-on-write) map
                array = np.frombuffer(mapped, dtype, numel, offset)
            else:
                array = np.empty(numel, dtype)
                reader.read_into(name, memoryview(array.view(np.uint8)))
            if swap:
                array.byteswap(inplace=True)
            loaded[key] = restore(LoadedStorage(array), _ascii(location))
        return loaded[key]

    data = io.BytesIO(reader.read("data.pkl"))
    unpickler = make_unpickler(data, persistent_load, allowed, **pickle_load_args)
    return unpickler.load()


def _ascii(value: str | bytes) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else value


def _np(kind: StorageType) -> np.dtype:
    return np_dtype(kind.dtype)


def _map(reader: ArchiveReader) -> mmap.mmap:
    return mmap.mmap(reader.fileno(), 0, access=mmap.ACCESS_COPY)
