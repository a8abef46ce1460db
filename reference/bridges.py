"""Moving values between NumPy, torch and minigrad, and parameters between models."""

from __future__ import annotations

import sys
import types
from typing import Any

import numpy as np


def to_numpy(value: Any) -> np.ndarray:
    """A NumPy copy of a torch or minigrad tensor (detached), or of an array."""
    if hasattr(value, "detach"):
        value = value.detach().numpy()
    return np.array(value, copy=True)


def to_lib(lib: types.ModuleType, array: Any, requires_grad: bool = False) -> Any:
    """A ``lib`` tensor holding a copy of ``array``, dtype kept."""
    out = lib.from_numpy(np.array(array, copy=True))
    return out.requires_grad_(True) if requires_grad else out


def to_torch(value: Any, requires_grad: bool = False) -> Any:
    import torch

    return to_lib(torch, to_numpy(value), requires_grad)


def to_minigrad(value: Any, requires_grad: bool = False) -> Any:
    import minigrad

    return to_lib(minigrad, to_numpy(value), requires_grad)


def parameters_numpy(module: Any) -> dict[str, np.ndarray]:
    """``{name: array}`` for every parameter of a torch or minigrad module."""
    return {name: to_numpy(p) for name, p in module.named_parameters()}


def copy_parameters(src_module: Any, dst_module: Any) -> None:
    """Give ``dst_module`` the parameter values of ``src_module`` (either library).

    The modules must have the same parameter names and shapes; values are cast
    to the destination's dtype.
    """
    src = dict(src_module.named_parameters())
    dst = dict(dst_module.named_parameters())
    if list(src) != list(dst):
        raise ValueError(
            f"parameter names differ: {list(src)} (source) vs {list(dst)} (destination)"
        )
    for name, target in dst.items():
        value = to_numpy(src[name])
        current = to_numpy(target)
        if value.shape != current.shape:
            raise ValueError(
                f"parameter {name!r}: shape {value.shape} (source) vs "
                f"{current.shape} (destination)"
            )
        lib = lib_of(target)
        with lib.no_grad():
            target.copy_(lib.from_numpy(value.astype(current.dtype)))


def lib_of(tensor: Any) -> types.ModuleType:
    """The library (torch or minigrad) a tensor or module belongs to."""
    return sys.modules[type(tensor).__module__.split(".")[0]]
