"""Public namespaces: what ``dir()`` lists is the API (``__all__``), not helpers."""

from __future__ import annotations

from collections.abc import Callable


def listing(namespace: dict, *submodules: str) -> Callable[[], list[str]]:
    """A module ``__dir__``: its ``__all__`` (read at each call), the ``submodules``
    torch's namespace also has, and its dunders; imported helpers (``np``,
    ``annotations``...) stay importable but unlisted."""

    def __dir__() -> list[str]:
        dunders = (name for name in namespace if name.startswith("__"))
        return sorted({*namespace["__all__"], *submodules, *dunders})

    return __dir__
