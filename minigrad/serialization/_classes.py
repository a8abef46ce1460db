"""Classes of higher layers that loading builds: they register themselves here."""

from __future__ import annotations

_registered: dict[str, type] = {}


def register(name: str, cls: type) -> None:
    """Called by ``minigrad.nn.parameter`` for ``"Parameter"`` on import."""
    _registered[name] = cls


def parameter_class() -> type:
    try:
        return _registered["Parameter"]
    except KeyError:
        raise RuntimeError(
            "minigrad.nn is not imported: import minigrad first"
        ) from None
