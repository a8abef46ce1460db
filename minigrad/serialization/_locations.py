"""map_location: where torch.load would put each storage; minigrad has the CPU only."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from minigrad.serialization._unpickle_torch import LoadedStorage

_BACKENDS = ("cuda", "mps", "xpu", "hpu", "mtia", "privateuseone", "ipu", "xla")


def check_location(location: str) -> None:
    """torch's default_restore_location, for a machine with only a CPU."""
    if location == "cpu":
        return
    if location == "meta":
        raise NotImplementedError("minigrad.load: the meta device is not supported")
    for backend in _BACKENDS:
        if location == backend or re.match(f"{backend}(:|[0-9]+)", location):
            raise RuntimeError(
                f"Attempting to deserialize object on a {backend.upper()} device but minigrad runs on the CPU only. If you are running on a CPU-only machine, please use minigrad.load with map_location='cpu' to map your storages to the CPU."  # noqa: E501
            )
    raise RuntimeError(
        f"don't know how to restore data location of torch.storage.UntypedStorage (tagged with {location})"  # noqa: E501
    )


def restore_location(
    map_location: Any,
) -> Callable[[LoadedStorage, str], LoadedStorage]:
    """A function placing a storage, for torch's forms of ``map_location``."""
    if map_location is None or isinstance(map_location, dict):
        table = map_location or {}

        def restore(storage, location):
            check_location(table.get(location, location))
            return storage

    elif isinstance(map_location, (str, bytes)) or hasattr(map_location, "type"):
        # a device string, or a device-like object (its str() is the string)
        if isinstance(map_location, bytes):
            target = map_location.decode()
        else:
            target = str(map_location)

        def restore(storage, location):
            check_location(target)
            return storage

    else:

        def restore(storage, location):
            result = map_location(storage, location)
            if result is None:
                check_location(location)
                return storage
            if not isinstance(result, LoadedStorage):
                raise TypeError(
                    f"map_location must return the storage it was given or None, not {type(result).__name__}"  # noqa: E501
                )
            return result

    return restore
