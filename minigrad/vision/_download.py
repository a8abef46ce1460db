"""Fetch a file over HTTP(S) into a folder: progress bar, MD5 check, atomic rename."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import os
import sys
import tempfile
import urllib.request
from collections.abc import Sequence

from minigrad.vision._idx import write_atomic

USER_AGENT = "minigrad-vision"
_CHUNK = 1 << 16


def calculate_md5(path: str | os.PathLike) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_integrity(path: str | os.PathLike, md5: str | None = None) -> bool:
    """torchvision's rule: the file exists and, if ``md5`` is given, matches it."""
    if not os.path.isfile(path):
        return False
    return md5 is None or calculate_md5(path) == md5


class _Progress:
    """tqdm's bar when tqdm is installed, else a plain percentage on stderr."""

    def __init__(self, total: int | None, name: str) -> None:
        try:
            from tqdm.auto import tqdm
        except ImportError:
            tqdm = None
        self._bar = (
            tqdm(total=total, unit="B", unit_scale=True, desc=name) if tqdm else None
        )
        self._total, self._done, self._name, self._shown = total, 0, name, -1

    def update(self, n: int) -> None:
        self._done += n
        if self._bar is not None:
            self._bar.update(n)
        elif self._total:
            percent = 100 * self._done // self._total
            if percent != self._shown:
                self._shown = percent
                print(f"\r{self._name}: {percent:3d}%", end="", file=sys.stderr)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self._total:
            print(file=sys.stderr)


def download_url(
    url: str, root: str, filename: str, md5: str | None, timeout: float = 60
):
    """Download ``url`` to ``root/filename``; the file appears only when complete and
    matching ``md5``. Raises URLError (network, HTTP status) or RuntimeError."""
    os.makedirs(root, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=root, prefix=f".{filename}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            with urllib.request.urlopen(request, timeout=timeout) as response:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                bar = _Progress(total, filename)
                received = 0
                try:
                    while chunk := response.read(_CHUNK):
                        out.write(chunk)
                        received += len(chunk)
                        bar.update(len(chunk))
                finally:
                    bar.close()
        if total is not None and received != total:
            raise RuntimeError(
                f"{url}: download truncated ({received} of {total} bytes)"
            )
        if md5 is not None and calculate_md5(tmp) != md5:
            raise RuntimeError(f"{url}: File not found or corrupted (MD5 mismatch).")
        os.replace(tmp, os.path.join(root, filename))
    except BaseException:
        os.unlink(tmp)
        raise


def gunzip(path: str, target: str) -> None:
    """Write the decompressed ``path`` (.gz) to ``target``, atomically."""
    try:
        with gzip.open(path, "rb") as f:
            data = f.read()
    except (OSError, EOFError) as e:
        raise RuntimeError(f"{path}: cannot decompress: {e}") from e
    write_atomic(target, data)


def fetch_resource(mirrors: Sequence[str], filename: str, md5: str, folder: str):
    """Try each mirror in turn for ``filename``; keep it and its extracted copy in
    ``folder``. RuntimeError naming every mirror's error if none delivers."""
    errors = []
    for mirror in mirrors:
        url = f"{mirror}{filename}"
        print(f"Downloading {url}")  # NOTE: matches torchvision: on stdout
        try:
            download_url(url, folder, filename, md5)
        except (OSError, http.client.HTTPException, RuntimeError, ValueError) as e:
            # URLError (refused, HTTP 404...) is an OSError; a connection cut
            # mid-body is an IncompleteRead (HTTPException)
            errors.append(f"Tried {mirror}, got:\n{e}")
            continue
        break
    else:
        details = "\n".join(errors)
        raise RuntimeError(f"Error downloading {filename}:\n{details}")
    path = os.path.join(folder, filename)
    if filename.endswith(".gz"):
        gunzip(path, path[: -len(".gz")])
