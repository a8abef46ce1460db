"""save and load in torch's checkpoint format (torch.save / torch.load), no torch."""

from __future__ import annotations

import io
import os
import pickle
import re
import secrets
import stat
import sys
import warnings
from collections.abc import Callable
from typing import IO, Any

from minigrad.serialization import _legacy_load
from minigrad.serialization._load_zip import load_zip
from minigrad.serialization._locations import restore_location
from minigrad.serialization._pickle_torch import Storage, dump
from minigrad.serialization._unpickle_torch import Refused
from minigrad.serialization._zipformat import ArchiveReader, ArchiveWriter, archive_name

__all__ = [
    "DEFAULT_PROTOCOL",
    "add_safe_globals",
    "clear_safe_globals",
    "get_safe_globals",
    "load",
    "safe_globals",
    "save",
]

DEFAULT_PROTOCOL = 2
FileLike = str | os.PathLike | IO[bytes]

UNSAFE_MESSAGE = "In PyTorch 2.6, torch.load (and minigrad.load) changed the default value of the `weights_only` argument from `False` to `True`. Re-running `minigrad.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source."  # noqa: E501
DOCS_MESSAGE = "\n\nCheck the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html."  # noqa: E501

# --- the weights-only allowlist ----------------------------------------------------

_user_globals: set[Any] = set()


def add_safe_globals(safe_globals: list[Any]) -> None:
    """Allow these classes/functions (or ``(obj, "module.name")``) when weights-only."""
    _user_globals.update(safe_globals)


def get_safe_globals() -> list[Any]:
    return list(_user_globals)


def clear_safe_globals() -> None:
    _user_globals.clear()


class safe_globals:
    """Context manager: :func:`add_safe_globals` for the duration of a block."""

    def __init__(self, safe_globals: list[Any]) -> None:
        self.safe_globals = safe_globals

    def __enter__(self) -> None:
        self._added = [g for g in self.safe_globals if g not in _user_globals]
        _user_globals.update(self._added)

    def __exit__(self, *exc: object) -> None:
        _user_globals.difference_update(self._added)


def _allowed_globals() -> dict[str, Any]:
    allowed = {}
    for g in _user_globals:
        if isinstance(g, tuple):
            if len(g) != 2:
                raise ValueError(
                    f"Expected tuple of length 2 (global, str of callable full path), but got tuple of length: {len(g)}"  # noqa: E501
                )
            if type(g[1]) is not str:
                raise TypeError(
                    f"Expected second item in tuple to be str of callable full path, but got: {type(g[1])}"  # noqa: E501
                )
            allowed[g[1]] = g[0]
        else:
            allowed[f"{g.__module__}.{g.__qualname__}"] = g
    return allowed


def _weights_only_message(message: str) -> str:
    # NOTE: matches torch.load's wording around the unpickler's own error
    if re.search(r"GLOBAL (\S+) was not an allowed global by default.", message):
        return (
            "Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint. "  # noqa: E501
            f"\n\t(1) {UNSAFE_MESSAGE}\n\t(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.\n\tWeightsUnpickler error: {message}{DOCS_MESSAGE}"  # noqa: E501
        )
    text = f"Weights only load failed. {UNSAFE_MESSAGE}\n"
    if not re.search(r"whose module (\S+) is blocked", message):
        text += "Please file an issue with the following so that we can make `weights_only=True` compatible with your use case: WeightsUnpickler error: "  # noqa: E501
    return f"{text}\n\n{message}{DOCS_MESSAGE}"


# --- save --------------------------------------------------------------------------


def save(
    obj: object,
    f: FileLike,
    pickle_module: Any = pickle,
    pickle_protocol: int = DEFAULT_PROTOCOL,
    _use_new_zipfile_serialization: bool = True,
    _disable_byteorder_record: bool = False,
) -> None:
    """Save ``obj`` to a path or binary file in torch's format (``torch.save``).

    Tensors are written as torch writes them, one record per storage, so
    ``torch.load`` reads the file; a path is written atomically.
    """
    if not isinstance(f, (str, os.PathLike)) and not hasattr(f, "write"):
        raise AttributeError(
            "expected 'f' to be string, path, or a file-like object with a 'write' attribute"  # noqa: E501
        )
    if pickle_module is not pickle:
        raise NotImplementedError(
            "minigrad.save: only the standard pickle module is supported"
        )
    if not _use_new_zipfile_serialization:
        raise NotImplementedError(
            "minigrad.save: the legacy format (_use_new_zipfile_serialization=False) is not supported; minigrad writes torch's zip format"  # noqa: E501
        )
    # everything that can fail on ``obj`` happens before the file is touched
    data, storages = dump(obj, pickle_protocol)
    if isinstance(f, (str, os.PathLike)):
        path = os.fspath(f)
        name = archive_name(path)
        _write_atomically(
            path,
            lambda out: _write(out, name, data, storages, _disable_byteorder_record),
        )
    else:
        if not callable(f.write):
            raise TypeError(
                f"Buffer of {str(type(f)).strip('<>')} has no callable attribute 'write'"  # noqa: E501
            )
        _write(f, "archive", data, storages, _disable_byteorder_record)
        if hasattr(f, "flush"):
            f.flush()


def _write(
    out: IO[bytes], name: str, data: bytes, storages: list[Storage], no_byteorder: bool
) -> None:
    """The records torch.save writes, in its order."""
    writer = ArchiveWriter(out, name)
    writer.write_record("data.pkl", data)
    writer.write_record(".format_version", b"1")
    writer.write_record(".storage_alignment", b"64")
    if not no_byteorder:
        writer.write_record("byteorder", sys.byteorder.encode())
    for storage in storages:
        writer.write_record(f"data/{storage.key}", storage.array.view("u1").data)
    writer.write_record("version", b"3\n")
    writer.write_record(".data/serialization_id", _serialization_id().encode())
    writer.finish()


def _serialization_id() -> str:
    # NOTE: matches torch: two random 64-bit numbers, 20 digits each
    return "".join(f"{secrets.randbits(64):020d}" for _ in range(2))


def _write_atomically(path: str, write: Callable[[IO[bytes]], None]) -> None:
    """Write to a new file beside ``path``, then rename it over ``path``."""
    given = os.path.dirname(path)
    path = os.path.realpath(path)  # through a symlink, as open() would write
    parent = os.path.dirname(path)
    if not os.path.isdir(parent):
        raise RuntimeError(f"Parent directory {given} does not exist.")
    if os.path.isdir(path):
        raise RuntimeError("open file failed with strerror: Is a directory")
    temp = os.path.join(parent, f".{os.path.basename(path)}.{secrets.token_hex(6)}.tmp")
    try:
        # mode 0o666 less the umask, as open(path, "wb") would create it
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as e:
        raise RuntimeError(f"open file failed with strerror: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        if os.path.exists(path):  # keep the mode of the file replaced, as open()
            os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def load(
    f: FileLike,
    map_location: Any = None,
    pickle_module: Any = None,
    *,
    weights_only: bool | None = None,
    mmap: bool | None = None,
    **pickle_load_args: Any,
) -> Any:
    """Load an object saved by :func:`save` or ``torch.save`` (``torch.load``).

    ``weights_only=True`` (the default, as torch 2.6+) refuses any global
    other than tensors, containers and primitive types.
    """
    if weights_only is None:
        weights_only = pickle_module is None
    if weights_only:
        if pickle_module is not None:
            raise RuntimeError(
                "Can not safely load weights when explicit pickle_module is specified"
            )
    elif pickle_module is not None and pickle_module is not pickle:
        raise NotImplementedError(
            "minigrad.load: only the standard pickle module is supported"
        )
    if pickle_load_args and weights_only:
        warnings.warn(
            "pickle_load_args only works if `weights_only=False`.", stacklevel=2
        )
    pickle_load_args.setdefault("encoding", "utf-8")
    allowed = _allowed_globals() if weights_only else None
    restore = restore_location(map_location)
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as opened:
            return _load_file(opened, restore, allowed, pickle_load_args, mmap)
    if mmap:
        raise ValueError("f must be a file path in order to use the mmap argument")
    _check_seekable(f)
    return _load_file(f, restore, allowed, pickle_load_args, False)


def _check_seekable(f: Any) -> None:
    try:
        f.seek(f.tell())
    except (io.UnsupportedOperation, AttributeError) as e:
        if "seek" in str(e) or "tell" in str(e):
            raise type(e)(
                f"{e}. You can only torch.load from a file that is seekable. Please pre-load the data into a buffer like io.BytesIO and try to load from it instead."  # noqa: E501
            ) from None
        raise


def _load_file(f: IO[bytes], restore, allowed, pickle_load_args, mmap) -> Any:
    start = f.tell()
    magic = f.read(4)
    f.seek(start)
    try:
        if magic == b"PK\x03\x04":
            reader = ArchiveReader(f)
            return load_zip(reader, restore, allowed, pickle_load_args, mmap)
        if mmap:
            raise RuntimeError(
                "mmap can only be used with files saved with `torch.save(_use_new_zipfile_serialization=True), please torch.save your checkpoint with this option in order to use mmap."  # noqa: E501
            )
        return _legacy_load.load(f, restore, allowed, pickle_load_args)
    except Refused as e:
        if allowed is None:
            raise
        raise pickle.UnpicklingError(_weights_only_message(str(e))) from None
    except pickle.UnpicklingError as e:
        if "truncated" in str(e):  # NOTE: matches torch: EOFError for a cut file
            raise EOFError(f"Ran out of input ({e})") from None
        raise
