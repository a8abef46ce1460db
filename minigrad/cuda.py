"""torch.cuda as a CPU-only build of torch has it: no device, and seeding is a no-op."""

from __future__ import annotations

from minigrad._device import CUDA_MISSING


def is_available() -> bool:
    return False


def device_count() -> int:
    return 0


def is_initialized() -> bool:
    return False


def manual_seed(seed: int) -> None:
    """Nothing to seed (torch queues the call until CUDA starts, which never happens here)."""


def manual_seed_all(seed: int) -> None:
    """Nothing to seed, as ``manual_seed``."""


def seed() -> None:
    """Nothing to seed, as ``manual_seed``."""


def seed_all() -> None:
    """Nothing to seed, as ``manual_seed``."""


def empty_cache() -> None:
    """No cache to empty."""


def synchronize(device=None) -> None:
    raise AssertionError(CUDA_MISSING)


def current_device() -> int:
    raise AssertionError(CUDA_MISSING)


def get_device_name(device=None) -> str:
    raise AssertionError(CUDA_MISSING)
