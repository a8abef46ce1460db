"""Reading torch's legacy (pre-1.6, non-zip) checkpoints: pickles then raw storages."""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

import numpy as np

from minigrad.serialization._unpickle_torch import (
    LoadedStorage,
    Refused,
    StorageType,
    np_dtype,
)
from minigrad.serialization._unpicklers import make_unpickler

MAGIC_NUMBER = 0x1950A86A20F9469CFC6C
PROTOCOL_VERSION = 1001


class _PlainUnpickler(pickle.Unpickler):
    """The header pickles hold only numbers, strings and dicts: no globals."""

    def find_class(self, module: str, name: str) -> Any:
        raise Refused(
            f"Unsupported global: GLOBAL {module}.{name} in a legacy checkpoint header"
        )


def load(f: IO[bytes], restore, allowed, pickle_load_args: dict) -> Any:
    """torch's _legacy_load: magic number, protocol, system info, the object,
    the storage keys, then each storage as an int64 element count and its bytes."""

    def header() -> Any:
        return _PlainUnpickler(f, **pickle_load_args).load()

    start = f.tell()
    f.seek(start + 257)
    tar = f.read(5) == b"ustar"
    f.seek(start)
    if tar:
        raise NotImplementedError(
            "minigrad.load: torch's tar checkpoints (torch 0.3 and older) are not supported"  # noqa: E501
        )

    if header() != MAGIC_NUMBER:
        raise RuntimeError("Invalid magic number; corrupt file?")
    protocol_version = header()
    if protocol_version != PROTOCOL_VERSION:
        raise RuntimeError(f"Invalid protocol version: {protocol_version}")
    sys_info = header()
    little = not isinstance(sys_info, dict) or sys_info.get("little_endian", True)
    storages: dict[str, LoadedStorage] = {}
    views: dict[str, LoadedStorage] = {}

    def persistent_load(pid: Any) -> Any:
        if allowed is None and isinstance(pid, tuple) and pid and pid[0] == "module":
            return pid[1]  # NOTE: matches torch: a whole module's class, as saved
        if not isinstance(pid, tuple) or len(pid) != 6 or pid[0] != "storage":
            raise Refused(
                f"Only persistent_load of storage is allowed, but got {pid!r}"
            )
        _, kind, key, location, numel, view = pid
        if not isinstance(kind, StorageType) or kind.untyped:
            raise pickle.UnpicklingError(f"bad storage persistent id {pid!r}")
        if key not in storages:
            array = np.empty(numel, np_dtype(kind.dtype))
            storages[key] = restore(LoadedStorage(array), location)
        if view is None:
            return storages[key]
        view_key, offset, size = view
        if view_key not in views:
            views[view_key] = LoadedStorage(storages[key].array[offset : offset + size])
        return views[view_key]

    result = make_unpickler(f, persistent_load, allowed, **pickle_load_args).load()
    for key in header():
        if key not in storages:
            raise RuntimeError(f"storage key {key!r} not found in the checkpoint")
        array = storages[key].array
        count = f.read(8)
        if len(count) != 8 or struct.unpack("<q", count)[0] != array.size:
            raise RuntimeError(f"storage {key!r} of the legacy checkpoint is truncated")
        raw = array.view(np.uint8)
        if f.readinto(memoryview(raw)) != raw.size:
            raise RuntimeError(f"storage {key!r} of the legacy checkpoint is truncated")
        if not little:
            array.byteswap(inplace=True)
    return result
