"""StackDataset: sample ``i`` gathers sample ``i`` of several datasets."""

from __future__ import annotations

from typing import Any

from minigrad.utils.data.dataset import Dataset


class StackDataset(Dataset):
    """Datasets of one length side by side: a tuple (``*args``) or a dict
    (``**kwargs``) of their samples at each index."""

    datasets: tuple | dict

    def __init__(self, *args: Dataset, **kwargs: Dataset) -> None:
        if args:
            if kwargs:
                raise ValueError(
                    "Supported either ``tuple``- (via ``args``) or``dict``- (via ``kwargs``) like input/output, but both types are given."  # noqa: E501
                )
            datasets: Any = args
        elif kwargs:
            datasets = kwargs
        else:
            raise ValueError("At least one dataset should be passed")
        members = list(datasets.values() if kwargs else datasets)
        self._length = len(members[0])
        if any(self._length != len(dataset) for dataset in members):
            raise ValueError("Size mismatch between datasets")
        self.datasets = datasets

    def __getitem__(self, index: Any) -> Any:
        if isinstance(self.datasets, dict):
            return {k: dataset[index] for k, dataset in self.datasets.items()}
        return tuple(dataset[index] for dataset in self.datasets)

    def __getitems__(self, indices: list) -> list:
        named = isinstance(self.datasets, dict)
        pairs = self.datasets.items() if named else enumerate(self.datasets)
        columns = {key: _column(dataset, indices) for key, dataset in pairs}
        if named:
            return [{k: c[i] for k, c in columns.items()} for i in range(len(indices))]
        return [tuple(c[i] for c in columns.values()) for i in range(len(indices))]

    def __len__(self) -> int:
        return self._length


def _column(dataset: Dataset, indices: list) -> list:
    """The samples of one member at ``indices`` (its ``__getitems__`` if callable)."""
    getitems = getattr(dataset, "__getitems__", None)
    if not callable(getitems):
        return [dataset[idx] for idx in indices]
    items = getitems(indices)
    if len(items) != len(indices):
        raise ValueError(
            f"Nested dataset's output size mismatch. Expected {len(indices)}, got {len(items)}"  # noqa: E501
        )
    return list(items)
