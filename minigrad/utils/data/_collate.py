"""default_collate and default_convert: samples to batches, by torch's rules."""

from __future__ import annotations

import collections.abc
import copy
import re
from typing import Any

import numpy as np

from minigrad.dtypes import float64
from minigrad.factories import as_tensor, from_numpy, tensor
from minigrad.math import stack
from minigrad.tensor import Tensor, _wrap

_STRING_OR_OBJECT = re.compile(r"[SaUO]")  # numpy dtype kinds torch refuses
_ERROR = (
    "default_collate: batch must contain tensors, numpy arrays, numbers, "
    "dicts or lists; found {}"
)


def default_collate(batch: list) -> Any:
    """Merge a list of samples into a batch: tensors gain a leading batch dim.

    Tensors are stacked; NumPy arrays and scalars become tensors; Python floats
    a float64 tensor, ints an int64 one; strings stay a list; dicts, tuples,
    lists and namedtuples are collated field by field (tuples become lists).
    """
    elem = batch[0]
    if type(elem) is tuple:  # the usual (x, y) sample, ahead of the slower checks
        return _collate_fields(batch)
    if isinstance(elem, Tensor):
        return _collate_tensors(batch)
    if isinstance(elem, np.ndarray):
        if _STRING_OR_OBJECT.search(elem.dtype.str) is not None:
            raise TypeError(_ERROR.format(elem.dtype))
        return _collate_tensors([as_tensor(b) for b in batch])
    if isinstance(elem, (np.bool_, np.number, np.object_)):
        return from_numpy(np.array(batch))
    if isinstance(elem, float):
        return tensor(batch, dtype=float64)
    if isinstance(elem, int):
        return tensor(batch)
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        values = {key: default_collate([d[key] for d in batch]) for key in elem}
        return _rebuild_mapping(elem, values)
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):  # namedtuple
        return type(elem)(*(default_collate(s) for s in zip(*batch, strict=False)))
    if isinstance(elem, collections.abc.Sequence):
        fields = _collate_fields(batch)
        if isinstance(elem, tuple):
            return fields  # NOTE: matches torch: tuples of samples give lists
        return _rebuild_sequence(elem, fields)
    raise TypeError(_ERROR.format(type(elem)))


def _collate_fields(batch: list) -> list:
    """Collate field ``i`` of every sample, for each ``i``."""
    size = len(batch[0])
    for elem in batch:
        if len(elem) != size:
            raise RuntimeError("each element in list of batch should be of equal size")
    return [default_collate(samples) for samples in zip(*batch, strict=True)]


def _collate_tensors(batch: list[Tensor]) -> Tensor:
    """``stack(batch)``: one C-level copy when the tensors agree and need no graph."""
    first = batch[0]._data
    dtype, shape = first.dtype, first.shape
    for i, t in enumerate(batch):
        data = t._data
        if data.shape != shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(shape)} at entry 0 and {list(data.shape)} at entry {i}"
            )
        if data.dtype != dtype or t._requires_grad:
            return stack(batch)
    # NOTE: np.array on a list of equal arrays copies them in C, several times
    # faster than np.stack on the few rows of a typical batch.
    return _wrap(np.array([t._data for t in batch]))


def _rebuild_mapping(elem: collections.abc.Mapping, values: dict) -> Any:
    try:
        if isinstance(elem, collections.abc.MutableMapping):
            clone = copy.copy(elem)
            clone.update(values)
            return clone
        return type(elem)(values)
    except TypeError:
        return values


def _rebuild_sequence(elem: collections.abc.Sequence, fields: list) -> Any:
    try:
        if isinstance(elem, collections.abc.MutableSequence):
            clone = copy.copy(elem)
            for i, field in enumerate(fields):
                clone[i] = field
            return clone
        return type(elem)(fields)
    except TypeError:
        return fields


def default_convert(data: Any) -> Any:
    """Turn NumPy arrays and scalars (also inside containers) into tensors."""
    if isinstance(data, Tensor):
        return data
    if type(data).__module__ == "numpy" and not isinstance(data, (np.str_, np.bytes_)):
        if isinstance(data, np.ndarray) and _STRING_OR_OBJECT.search(data.dtype.str):
            return data
        if isinstance(data, np.ndarray):
            return as_tensor(data)
        return from_numpy(np.asarray(data))  # a NumPy scalar keeps its dtype
    if isinstance(data, collections.abc.Mapping):
        return _rebuild_mapping(data, {k: default_convert(data[k]) for k in data})
    if isinstance(data, tuple) and hasattr(data, "_fields"):  # namedtuple
        return type(data)(*(default_convert(d) for d in data))
    if isinstance(data, tuple):
        return [default_convert(d) for d in data]
    if isinstance(data, collections.abc.Sequence) and not isinstance(
        data, (str, bytes)
    ):
        return _rebuild_sequence(data, [default_convert(d) for d in data])
    return data
