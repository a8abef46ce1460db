"""Samplers: the order a DataLoader visits indices in, one or a batch at a time."""

from __future__ import annotations

import itertools
import types
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import Any

from minigrad._distributions import multinomial
from minigrad._exact.generator import random_int64
from minigrad.dtypes import float64
from minigrad.factories import as_tensor
from minigrad.random import Generator, randint, randperm


def _check_positive_int(name: str, value: Any, bool_allowed: bool = False) -> None:
    """torch's check that a sampler's ``name`` is a positive int (a bool is not,
    unless ``bool_allowed``: RandomSampler's num_samples)."""
    is_bool = isinstance(value, bool) and not bool_allowed
    if not isinstance(value, int) or is_bool or value <= 0:
        raise ValueError(
            f"{name} should be a positive integer value, but got {name}={value}"
        )


def _check_bool(name: str, value: Any, error: type[Exception] = ValueError) -> None:
    """torch's check that a sampler's ``name`` is a bool (RandomSampler raises a
    TypeError, the others a ValueError)."""
    if not isinstance(value, bool):
        raise error(f"{name} should be a boolean value, but got {name}={value}")


class Sampler:
    """Base class: ``__iter__`` yields indices (or lists of indices)."""

    __class_getitem__ = classmethod(types.GenericAlias)  # Sampler[int], as torch

    def __iter__(self) -> Iterator:
        raise NotImplementedError


class SequentialSampler(Sampler):
    """``0, 1, ..., len(data_source) - 1``, every epoch."""

    def __init__(self, data_source: Sized) -> None:
        self.data_source = data_source

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.data_source)))

    def __len__(self) -> int:
        return len(self.data_source)


class RandomSampler(Sampler):
    """A fresh random permutation every epoch (or draws with replacement).

    Without a generator, each epoch seeds a private generator from the global
    one, as torch does, so the global stream advances by one int64 per epoch.
    """

    def __init__(
        self,
        data_source: Sized,
        replacement: bool = False,
        num_samples: int | None = None,
        generator: Any = None,
    ) -> None:
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        _check_bool("replacement", self.replacement, TypeError)
        _check_positive_int("num_samples", self.num_samples, bool_allowed=True)

    @property
    def num_samples(self) -> int:
        if self._num_samples is None:
            return len(self.data_source)
        return self._num_samples

    def __iter__(self) -> Iterator[int]:
        n = len(self.data_source)
        generator = self.generator
        if generator is None:
            generator = Generator()
            generator.manual_seed(random_int64())
        # NOTE: matches torch: a generator function, so each draw happens when
        # the consumer asks for the next index; the last slice below still draws
        # one (empty) permutation as the epoch ends.
        if self.replacement:
            for _ in range(self.num_samples // 32):
                yield from randint(0, n, (32,), generator=generator).tolist()
            yield from randint(
                0, n, (self.num_samples % 32,), generator=generator
            ).tolist()
        else:
            for _ in range(self.num_samples // n):
                yield from randperm(n, generator=generator).tolist()
            yield from randperm(n, generator=generator).tolist()[: self.num_samples % n]

    def __len__(self) -> int:
        return self.num_samples


class BatchSampler(Sampler):
    """Groups the indices of ``sampler`` into lists of ``batch_size``."""

    def __init__(
        self, sampler: Sampler | Iterable[int], batch_size: int, drop_last: bool
    ) -> None:
        _check_positive_int("batch_size", batch_size)
        _check_bool("drop_last", drop_last)
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self) -> Iterator[list[int]]:
        indices = iter(self.sampler)
        if self.drop_last:
            yield from map(list, zip(*[indices] * self.batch_size, strict=False))
        else:
            batch = list(itertools.islice(indices, self.batch_size))
            while batch:
                yield batch
                batch = list(itertools.islice(indices, self.batch_size))

    def __len__(self) -> int:
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size


class SubsetRandomSampler(Sampler):
    """The given indices in a fresh random order every epoch."""

    def __init__(self, indices: Sequence[int], generator: Any = None) -> None:
        self.indices = indices
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        # NOTE: matches torch: one randperm from the generator (the global one if
        # None), drawn when the first index is asked for
        for i in randperm(len(self.indices), generator=self.generator).tolist():
            yield self.indices[i]

    def __len__(self) -> int:
        return len(self.indices)


class WeightedRandomSampler(Sampler):
    """``num_samples`` indices drawn with probabilities proportional to ``weights``."""

    def __init__(
        self,
        weights: Sequence[float],
        num_samples: int,
        replacement: bool = True,
        generator: Any = None,
    ) -> None:
        _check_positive_int("num_samples", num_samples)
        _check_bool("replacement", replacement)
        weights_tensor = as_tensor(weights, dtype=float64)
        if len(weights_tensor.shape) != 1:
            raise ValueError(
                f"weights should be a 1d sequence but given weights have shape {tuple(weights_tensor.shape)}"
            )
        self.weights = weights_tensor
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        drawn = multinomial(
            self.weights, self.num_samples, self.replacement, generator=self.generator
        )
        yield from iter(drawn.tolist())

    def __len__(self) -> int:
        return self.num_samples
