"""get_worker_info: which loader worker runs this code (none: loading is in-process)."""

from __future__ import annotations

from typing import Any


def get_worker_info() -> Any:
    """None: minigrad's DataLoader loads in the calling process, torch's main process."""
    return None
