"""Size: torch.Size, a tuple of ints, and the parsing of size arguments."""

from __future__ import annotations

from collections.abc import Iterable


class Size(tuple):
    """The shape of a tensor: a tuple subclass printed as ``minigrad.Size([2, 3])``."""

    def __repr__(self) -> str:
        return f"minigrad.Size({list(self)})"

    __str__ = __repr__

    # NOTE: matches torch: slices, sums and repeats of a Size are Sizes
    def __getitem__(self, key):
        item = tuple.__getitem__(self, key)
        return Size(item) if isinstance(key, slice) else item

    def __add__(self, other):
        return Size(tuple.__add__(self, other))

    def __radd__(self, other):
        return Size(tuple.__add__(tuple(other), self))

    def __mul__(self, n):
        return Size(tuple.__mul__(self, n))

    __rmul__ = __mul__

    def numel(self) -> int:
        n = 1
        for s in self:
            n *= s
        return n


def parse_size(size: tuple, name: str = "size") -> tuple[int, ...]:
    """Sizes as varargs, one tuple/list/Size, or nothing: ``(2, 3)``, ``((2, 3),)``."""
    if (
        len(size) == 1
        and isinstance(size[0], Iterable)
        and not hasattr(size[0], "_data")
    ):
        size = tuple(size[0])
    out = []
    for s in size:
        if hasattr(s, "_data") and getattr(s, "ndim", 1) == 0:  # a 0-d int tensor
            s = s.item()
        if isinstance(s, bool) or not isinstance(s, int):
            if not hasattr(s, "__index__"):
                raise TypeError(
                    f"{name} must be tuple of ints, but found element of type {type(s).__name__}"
                )
            s = s.__index__()
        if s < 0:
            raise RuntimeError(
                f"Trying to create tensor with negative dimension {s}: {list(size)}"
            )
        out.append(s)
    return tuple(out)
