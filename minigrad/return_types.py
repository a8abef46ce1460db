"""Named result tuples (values, indices) printed as torch prints its return_types."""

from __future__ import annotations

from collections import namedtuple

__all__ = ["sort", "topk"]


def _result_type(name: str, fields: tuple[str, ...]) -> type:
    base = namedtuple(name, fields)

    def __repr__(self) -> str:
        items = ",\n".join(f"{f}={v!r}" for f, v in zip(fields, self))
        return f"minigrad.return_types.{name}(\n{items})"

    cls = type(name, (base,), {"__slots__": (), "__repr__": __repr__})
    cls.__module__ = __name__
    return cls


sort = _result_type("sort", ("values", "indices"))
topk = _result_type("topk", ("values", "indices"))
