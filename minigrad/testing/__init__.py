"""minigrad.testing: check your own code against torch (values, gradients, graphs).

``assert_close`` needs nothing but NumPy. ``assert_matches_torch`` and
``assert_trajectories_match`` import torch when called, and
``minigrad.testing.strategies`` imports hypothesis when first used: neither is
imported by ``import minigrad``.
"""

from __future__ import annotations

import importlib
from typing import Any

from minigrad.testing._close import assert_close

__all__ = [
    "assert_close",
    "assert_matches_torch",
    "assert_trajectories_match",
    "strategies",
]

_LAZY = {
    "assert_matches_torch": ("minigrad.testing._matches", "assert_matches_torch"),
    "assert_trajectories_match": (
        "minigrad.testing._trajectories",
        "assert_trajectories_match",
    ),
    "strategies": ("minigrad.testing.strategies", None),
}


def __getattr__(name: str) -> Any:
    # NOTE: loaded on first use, so that `import minigrad` imports no torch and no
    # hypothesis (a module-level __getattr__, PEP 562).
    if name not in _LAZY:
        raise AttributeError(f"module 'minigrad.testing' has no attribute '{name}'")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
