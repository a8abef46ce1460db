"""minigrad.vision: the part of torchvision the course uses (``datasets``,
``transforms``), in NumPy; ``import minigrad.torch_alias`` makes it ``torchvision``."""

from typing import Any

from minigrad._namespace import listing
from minigrad.vision import datasets, transforms
from minigrad.vision._image import Image

__all__ = ["Image", "datasets", "transforms"]
__version__ = "0.0.0+minigrad"


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    msg = f"torchvision.{name} is outside minigrad's torchvision subset (minigrad.vision provides datasets, transforms)"  # noqa: E501
    raise AttributeError(msg)


__dir__ = listing(globals())
