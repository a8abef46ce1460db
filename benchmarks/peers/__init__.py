"""The other autograd libraries the benchmark compares, each when installed."""

from __future__ import annotations

import importlib

from benchmarks.peers.base import Peer

# adapter module -> the pip name it needs (the `peers` extra installs them all)
ADAPTERS = {
    "hips_autograd": "autograd",
    "mygrad_peer": "mygrad",
    "micrograd_peer": "micrograd",
    "jax_peer": "jax",
    "tinygrad_peer": "tinygrad",
}


def load() -> tuple[list[Peer], dict[str, str]]:
    """The installed peers, and for each absent one why it is absent."""
    peers: list[Peer] = []
    absent: dict[str, str] = {}
    for module, package in ADAPTERS.items():
        try:
            peers += importlib.import_module(f"benchmarks.peers.{module}").PEERS
        except ImportError as error:
            absent[package] = f"not installed ({error.name or error})"
    return peers, absent
