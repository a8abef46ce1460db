"""The IDX file format of MNIST (LeCun's "SN3 PascalVincent"): read and write."""

from __future__ import annotations

import gzip
import os
import tempfile

import numpy as np

# the third byte of the magic number names the element type; data is big-endian
_CODES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_TYPES = {dt.newbyteorder("="): code for code, dt in _CODES.items()}


def decode_idx(raw: bytes, source: str = "IDX data") -> np.ndarray:
    """The array held by the bytes of an IDX file (native byte order)."""
    if len(raw) < 4:
        raise RuntimeError(f"{source}: not an IDX file (only {len(raw)} bytes)")
    zero, code, ndim = int.from_bytes(raw[:2], "big"), raw[2], raw[3]
    if zero != 0 or code not in _CODES:
        raise RuntimeError(f"{source}: not an IDX file (magic number {raw[:4].hex()})")
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise RuntimeError(f"{source}: IDX header truncated ({len(raw)} bytes)")
    shape = tuple(
        int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)
    )
    dtype = _CODES[code]
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) != expected:
        raise RuntimeError(
            f"{source}: IDX file of shape {shape} needs {expected} bytes, has {len(raw)}"  # noqa: E501
        )
    data = np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)
    return data.astype(dtype.newbyteorder("="))


def encode_idx(array: np.ndarray) -> bytes:
    """The bytes of an IDX file holding ``array`` (uint8/int8/int16/int32/float)."""
    array = np.asarray(array)
    code = _TYPES.get(array.dtype)
    if code is None:
        raise TypeError(f"IDX files cannot hold dtype {array.dtype}")
    if array.ndim > 255:
        raise ValueError(f"IDX files hold at most 255 dimensions, got {array.ndim}")
    header = bytes([0, 0, code, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    return header + np.ascontiguousarray(array, dtype=_CODES[code]).tobytes()


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """The array in the IDX file ``path`` (gzip-compressed when it ends in .gz)."""
    opener = gzip.open if os.fspath(path).endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as e:  # gzip.BadGzipFile is an OSError
        raise RuntimeError(f"{os.fspath(path)}: cannot read: {e}") from e
    return decode_idx(raw, os.fspath(path))


def write_idx(path: str | os.PathLike, array: np.ndarray) -> None:
    """Write ``array`` to ``path`` as IDX (gzip if the name ends in .gz), atomically."""
    data = encode_idx(array)
    if os.fspath(path).endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    write_atomic(path, data)


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it there."""
    folder = os.path.dirname(os.fspath(path)) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
