"""minigrad.testing: check your own code against torch (values, gradients, graphs).

A public-face module (README, "What is inside"): it runs code against the whole
package, so ``import minigrad`` does not import it; ``import minigrad.testing``
does. ``assert_close`` needs nothing but NumPy. ``assert_matches_torch`` and
``assert_trajectories_match`` import torch when called, and
``minigrad.testing.strategies`` imports hypothesis when first used: neither is
imported by ``import minigrad.testing``.
"""

from __future__ import annotations

from typing import Any

from minigrad.testing._close import assert_close

__all__ = [
    "assert_close",
    "assert_matches_torch",
    "assert_trajectories_match",
    "strategies",
]


def __getattr__(name: str) -> Any:
    # NOTE: loaded on first use (a module-level __getattr__, PEP 562): strategies
    # imports hypothesis, and the pytest plugin warms torch up only for sessions
    # that loaded these. `import a.b.c` (no from-list) does not re-enter here.
    if name == "assert_matches_torch":
        import minigrad.testing._matches

        value = minigrad.testing._matches.assert_matches_torch
    elif name == "assert_trajectories_match":
        import minigrad.testing._trajectories

        value = minigrad.testing._trajectories.assert_trajectories_match
    elif name == "strategies":
        import minigrad.testing.strategies

        value = minigrad.testing.strategies
    else:
        raise AttributeError(f"module 'minigrad.testing' has no attribute '{name}'")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
