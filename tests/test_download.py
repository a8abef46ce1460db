"""datasets.MNIST(download=True) against a local HTTP server on 127.0.0.1: mirrors,
MD5 checks, extraction, progress, and failures that leave no file behind."""

import gzip
import hashlib
import http.server
import socket
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from minigrad.vision import datasets
from minigrad.vision._idx import encode_idx

NAMES = [
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
]


def make_files() -> dict[str, bytes]:
    rng = np.random.default_rng(0)
    arrays = {
        "train-images": rng.integers(0, 256, (6, 28, 28), dtype=np.uint8),
        "train-labels": rng.integers(0, 10, 6, dtype=np.uint8),
        "t10k-images": rng.integers(0, 256, (2, 28, 28), dtype=np.uint8),
        "t10k-labels": rng.integers(0, 10, 2, dtype=np.uint8),
    }
    return {
        name: gzip.compress(encode_idx(arrays[name[: name.index("-idx")]]), mtime=0)
        for name in NAMES
    }


class Server:
    """Serves FILES under /good/, 404 under /missing/, a body cut short under
    /truncated/ and altered bytes under /corrupt/; counts the requests."""

    def __init__(self, files: dict[str, bytes]):
        self.files, self.requests = files, []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                kind, _, name = self.path.strip("/").partition("/")
                body = outer.files.get(name)
                if kind == "missing" or body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if kind == "truncated":
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                elif kind == "corrupt":
                    self.wfile.write(bytes([body[0] ^ 1]) + body[1:])
                else:
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(monkeypatch):
    files = make_files()
    srv = Server(files)
    resources = [(n, hashlib.md5(files[n]).hexdigest()) for n in NAMES]
    monkeypatch.setattr(datasets.MNIST, "resources", resources)
    yield srv
    srv.close()


def closed_port() -> str:
    """A local URL nothing listens on: connection refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.is_file())


def test_download_fetches_checks_and_extracts(server, monkeypatch, tmp_path):
    monkeypatch.setattr(datasets.MNIST, "mirrors", [f"{server.url}/good/"])
    ds = datasets.MNIST(tmp_path, download=True)
    assert len(ds) == 6 and len(datasets.MNIST(tmp_path, train=False)) == 2
    raw = tmp_path / "MNIST" / "raw"
    expected = sorted(NAMES + [n[:-3] for n in NAMES])
    assert leftovers(tmp_path) == expected  # the .gz files and their contents
    for name in NAMES:
        assert (raw / name[:-3]).read_bytes() == gzip.decompress(server.files[name])
    assert len(server.requests) == 4
    datasets.MNIST(tmp_path, download=True)  # present: nothing fetched again
    assert len(server.requests) == 4


def test_download_falls_back_to_the_next_mirror(server, monkeypatch, tmp_path):
    mirrors = [f"{server.url}/missing/", closed_port(), f"{server.url}/good/"]
    monkeypatch.setattr(datasets.MNIST, "mirrors", mirrors)
    datasets.MNIST(tmp_path, download=True)
    assert server.requests[:2] == ["/missing/" + NAMES[0], "/good/" + NAMES[0]]


@pytest.mark.parametrize(
    "kind, words",
    [
        ("missing", "HTTP Error 404"),
        ("truncated", "truncated"),
        ("corrupt", "corrupted"),
        (None, "Connection refused"),
    ],
)
def test_failed_downloads_raise_and_leave_no_file(
    server, monkeypatch, tmp_path, kind, words
):
    mirror = closed_port() if kind is None else f"{server.url}/{kind}/"
    monkeypatch.setattr(datasets.MNIST, "mirrors", [mirror])
    with pytest.raises(RuntimeError, match="Error downloading train-images") as info:
        datasets.MNIST(tmp_path, download=True)
    assert f"Tried {mirror}, got:" in str(info.value)
    assert words in str(info.value)
    assert leftovers(tmp_path) == []


def test_a_later_failure_keeps_only_complete_files(server, monkeypatch, tmp_path):
    monkeypatch.setattr(datasets.MNIST, "mirrors", [f"{server.url}/good/"])
    del server.files[NAMES[2]]  # the test images are missing on the server
    with pytest.raises(RuntimeError, match="Error downloading t10k-images"):
        datasets.MNIST(tmp_path, download=True)
    assert leftovers(tmp_path) == sorted(NAMES[:2] + [n[:-3] for n in NAMES[:2]])


def test_download_shows_progress_without_tqdm(server, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(datasets.MNIST, "mirrors", [f"{server.url}/good/"])
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)  # import fails
    datasets.MNIST(tmp_path, download=True)
    out, err = capsys.readouterr()
    assert f"Downloading {server.url}/good/{NAMES[0]}" in out
    assert f"{NAMES[0]}: 100%" in err
