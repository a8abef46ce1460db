"""torch's checkpoint container: an uncompressed zip of 64-byte-aligned records."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from typing import IO

# NOTE: matches torch's PyTorchStreamWriter (miniz): stored records, flags 0x0808
# (data descriptor, UTF-8 names), zero times, an "FB" extra field padding each
# record's data to 64 bytes, a ZIP64 end of central directory even for small files.
ALIGNMENT = 64
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_DESCRIPTOR = struct.Struct("<4sIII")
_ZIP64_END = struct.Struct("<4sQHHIIQQQQ")
_ZIP64_LOCATOR = struct.Struct("<4sIQI")
_END = struct.Struct("<4sHHHHIIH")
_FLAGS = 0x0808
_LIMIT = 0xFFFFFFFF

CORRUPT = "This is an internal miniz error. If you are seeing this error, there is a high likelihood that your checkpoint file is corrupted. This can happen if the checkpoint was not saved properly, was transferred incorrectly, or the file was modified after saving."  # noqa: E501
MAX_VERSION = 10


class ArchiveWriter:
    """Writes records ``<archive>/<name>`` the way torch.save lays them out."""

    def __init__(self, out: IO[bytes], archive: str) -> None:
        self._out = out
        self._prefix = archive + "/"
        self._offset = 0
        self._entries: list[tuple[bytes, int, int, int, int]] = []

    def _write(self, data: bytes | memoryview) -> None:
        self._out.write(data)
        self._offset += len(data)

    def write_record(self, name: str, data: bytes | memoryview) -> None:
        data = memoryview(data).cast("B")
        size = data.nbytes
        path = (self._prefix + name).encode("utf-8")
        if size >= _LIMIT or self._offset >= _LIMIT:
            raise NotImplementedError(
                "minigrad.save: checkpoints of 4 GiB or more are not supported"
            )
        start = self._offset + _LOCAL.size + len(path) + 4
        pad = -start % ALIGNMENT
        extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
        crc = zlib.crc32(data)
        # NOTE: matches miniz: an empty record has no data descriptor
        flags = _FLAGS if size else _FLAGS & ~0x0008
        header = _LOCAL.pack(
            b"PK\x03\x04", 0, flags, 0, 0, 0, 0, 0, 0, len(path), len(extra)
        )
        self._entries.append((path, flags, crc, size, self._offset))
        self._write(header + path + extra)
        self._write(data)
        if size:
            self._write(_DESCRIPTOR.pack(b"PK\x07\x08", crc, size, size))

    def finish(self) -> None:
        start = self._offset
        for path, flags, crc, size, offset in self._entries:
            fields = (0, 0, flags, 0, 0, 0, crc, size, size, len(path), 0, 0, 0, 0, 0)
            self._write(_CENTRAL.pack(b"PK\x01\x02", *fields, offset) + path)
        count, length = len(self._entries), self._offset - start
        if start >= _LIMIT:
            raise NotImplementedError(
                "minigrad.save: checkpoints of 4 GiB or more are not supported"
            )
        zip64_end = self._offset
        made_by, needed = 0x031E, 45
        fields = (44, made_by, needed, 0, 0, count, count, length, start)
        self._write(_ZIP64_END.pack(b"PK\x06\x06", *fields))
        self._write(_ZIP64_LOCATOR.pack(b"PK\x06\x07", 0, zip64_end, 1))
        self._write(_END.pack(b"PK\x05\x06", 0, 0, count, count, length, start, 0))


def archive_name(path: str) -> str:
    """The folder torch puts the records in: the file's name without extension."""
    base = os.path.basename(path)
    if not base.isascii():
        return "archive"  # NOTE: matches torch: it writes non-ASCII names via Python
    dot = base.rfind(".")
    name = base if dot < 0 else base[:dot]
    if not name:
        raise RuntimeError(f"invalid file name: {path}")
    return name


class ArchiveReader:
    """The records of a torch zip checkpoint, with torch's errors for bad ones."""

    def __init__(self, f: IO[bytes]) -> None:
        self._f = f
        start = f.tell()
        length = f.seek(0, io.SEEK_END) - start
        f.seek(start)
        if length < _END.size:  # NOTE: matches miniz: too short for a zip
            raise RuntimeError(
                f"PytorchStreamReader failed reading zip archive: not a ZIP archive. {CORRUPT}"  # noqa: E501
            )
        try:
            self._zip = zipfile.ZipFile(f)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise RuntimeError(
                f"PytorchStreamReader failed reading zip archive: failed finding central directory. {CORRUPT}"
            ) from None
        if not infos:
            raise RuntimeError(
                f"PytorchStreamReader failed reading zip archive: not a ZIP archive. {CORRUPT}"  # noqa: E501
            )
        first = infos[0].filename
        self.prefix = first[: first.find("/") + 1] if "/" in first else ""
        self._infos = {}
        for info in infos:
            if not info.filename.startswith(self.prefix) or not self.prefix:
                raise RuntimeError(
                    f"file in archive is not in a subdirectory {self.prefix}: {info.filename}"  # noqa: E501
                )
            self._infos[info.filename[len(self.prefix) :]] = info
        version = self.read("version") if "version" in self._infos else None
        if version is None:
            version = self.read(".data/version") if self.has(".data/version") else None
        if version is None:
            raise RuntimeError(
                'Expected hasRecord("version") to be true, but got false.'
            )
        try:
            number = int(version.decode("ascii").strip())
        except (UnicodeDecodeError, ValueError):
            raise RuntimeError(
                f"PytorchStreamReader: bad version record {version!r}. {CORRUPT}"
            ) from None
        if number > MAX_VERSION:
            raise RuntimeError(
                f"Attempted to read a PyTorch file with version {number}, but the maximum supported version for reading is {MAX_VERSION}. The version of your PyTorch installation may be too old, please upgrade PyTorch to latest version to mitigate this issue."  # noqa: E501
            )

    def fileno(self) -> int:
        return self._f.fileno()

    def has(self, name: str) -> bool:
        return name in self._infos

    def _info(self, name: str) -> zipfile.ZipInfo:
        try:
            return self._infos[name]
        except KeyError:
            raise RuntimeError(
                f"PytorchStreamReader failed locating file {name}: file not found. {CORRUPT}"  # noqa: E501
            ) from None

    def read(self, name: str) -> bytes:
        out = bytearray(self._info(name).file_size)
        self.read_into(name, memoryview(out))
        return bytes(out)

    def size(self, name: str) -> int:
        return self._info(name).file_size

    def read_into(self, name: str, out: memoryview) -> None:
        """Fill ``out`` (of the record's size) with the record's bytes."""
        info = self._info(name)
        out = out.cast("B")
        try:
            if info.compress_type != zipfile.ZIP_STORED:
                with self._zip.open(info) as record:
                    got = record.readinto(out)
            else:
                got = self._read_stored(info, out)
        except (
            zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, RuntimeError
        ):  # fmt: skip
            got = -1
        # NOTE: torch does not check CRCs; a record with CRC 0 was written with
        # torch.serialization.set_crc32_options(False).
        if got != out.nbytes or (info.CRC and zlib.crc32(out) != info.CRC):
            raise RuntimeError(
                f"PytorchStreamReader failed reading file {name}: file read failed. {CORRUPT}"  # noqa: E501
            )

    def data_offset(self, name: str) -> int | None:
        """Where a stored (uncompressed) record's bytes start in the file."""
        info = self._info(name)
        if info.compress_type != zipfile.ZIP_STORED:
            return None
        self._f.seek(info.header_offset)
        header = self._f.read(_LOCAL.size)
        if len(header) != _LOCAL.size or header[:4] != b"PK\x03\x04":
            raise RuntimeError(
                f"PytorchStreamReader failed reading file {name}: file read failed. {CORRUPT}"  # noqa: E501
            )
        fields = _LOCAL.unpack(header)
        return info.header_offset + _LOCAL.size + fields[-2] + fields[-1]

    def _read_stored(self, info: zipfile.ZipInfo, out: memoryview) -> int:
        f = self._f
        f.seek(self.data_offset(info.filename[len(self.prefix) :]))
        readinto = getattr(f, "readinto", None)
        got = 0
        while got < out.nbytes:
            if readinto is not None:
                n = readinto(out[got:])
            else:
                chunk = f.read(out.nbytes - got)
                n = len(chunk)
                out[got : got + n] = chunk
            if not n:
                break
            got += n
        return got
