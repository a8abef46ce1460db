"""A tensor's storage in torch's terms: the array it views, its offset and strides."""

from __future__ import annotations

import copy

import numpy as np


def contiguous_strides(shape: tuple[int, ...]) -> tuple[int, ...]:
    """torch's strides of a contiguous tensor (a size 0 or 1 counts as 1)."""
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return tuple(reversed(strides))


def storage_view(arr: np.ndarray) -> tuple[np.ndarray, int, tuple[int, ...]] | None:
    """``(root, offset, strides)`` when ``arr`` is torch-expressible as a view of
    the dense ndarray ``root`` it views (in elements, over ``flat(root)``), else
    None."""
    root = arr
    while isinstance(root.base, np.ndarray):
        root = root.base
    dense = root.flags.c_contiguous or root.flags.f_contiguous
    if root.dtype != arr.dtype or not dense or not arr.dtype.isnative:
        return None
    item = arr.itemsize
    start = arr.__array_interface__["data"][0] - root.__array_interface__["data"][0]
    if arr.size == 0:  # NOTE: NumPy gives an empty array zero strides, torch not
        strides = contiguous_strides(arr.shape)
    elif all(s >= 0 and s % item == 0 for s in arr.strides):
        strides = tuple(s // item for s in arr.strides)
    else:
        return None  # NOTE: torch has no negative strides; such a view is copied
    if start < 0 or start % item:
        return None
    return root, start // item, strides


def flat(root: np.ndarray) -> np.ndarray:
    """A dense array's elements in memory order, as a 1-d view (torch's storage)."""
    return root.ravel(order="K")


def view_of(flat: np.ndarray, shape: tuple, offset: int, strides: tuple) -> np.ndarray:
    """The ndarray over ``flat`` at ``offset`` with element ``strides``."""
    if not all(shape):
        return np.empty(shape, flat.dtype)
    item = flat.itemsize
    byte_strides = tuple(s * item for s in strides)
    return np.ndarray(shape, flat.dtype, flat, offset * item, byte_strides)


def copy_sharing(data: np.ndarray, memo: dict) -> np.ndarray:
    """A deep copy of ``data``; views of one storage copied under one ``memo``
    share one copy of it, as torch's deepcopy of tensors does."""
    found = storage_view(data)
    if found is None:
        return data.copy(order="K")
    root, offset, strides = found
    new_root = flat(copy.deepcopy(root, memo))
    return view_of(new_root, data.shape, offset, strides)
