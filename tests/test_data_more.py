"""IterableDataset, ChainDataset, StackDataset, SubsetRandomSampler,
WeightedRandomSampler and get_worker_info against torch."""

import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.parity import LIBS
from tests.scenarios import raises_as_torch
from tests.test_data import assert_same_batch, rng_state


def _stream(lib):
    class Stream(lib.utils.data.IterableDataset):
        """Samples start, start + 1, ... stop - 1; a length only if asked for."""

        def __init__(self, start, stop, sized=True):
            self.start, self.stop, self.sized = start, stop, sized

        def __iter__(self):
            return iter(range(self.start, self.stop))

        def __len__(self):
            if not self.sized:
                raise TypeError("no length")
            return self.stop - self.start

    return Stream


def _values(batches):
    return [b.tolist() if hasattr(b, "tolist") else b for b in batches]


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"batch_size": 3},
        {"batch_size": 3, "drop_last": True},
        {"batch_size": 4},
        {"batch_size": None},
        {"batch_size": 20},
        {"batch_size": 20, "drop_last": True},
        {"shuffle": False, "batch_size": 2},
    ],
)
def test_an_iterable_dataset_is_batched_as_torch(kwargs):
    results = {}
    for name, lib in LIBS.items():
        lib.manual_seed(0)
        loader = lib.utils.data.DataLoader(_stream(lib)(3, 14), **kwargs)
        epochs = [_values(loader) for _ in range(2)]
        results[name] = epochs, len(loader), rng_state(lib)
    assert results["minigrad"] == results["torch"]


def test_an_iterable_dataset_longer_than_its_length_warns_as_torch():
    results = {}
    for name, lib in LIBS.items():
        stream = _stream(lib)(0, 5)
        stream.__class__.__len__ = lambda self: 2
        loader = lib.utils.data.DataLoader(stream, batch_size=None)
        length = len(loader)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            values = _values(loader)
        messages = [re.sub(r" at 0x[0-9a-f]+", "", str(w.message)) for w in caught]
        messages = [m.replace(type(stream).__module__, "") for m in messages]
        results[name] = values, length, messages, [w.category for w in caught]
    assert results["minigrad"] == results["torch"]
    assert len(results["torch"][2]) == 3


def test_chain_and_concat_of_datasets_as_torch():
    results = {}
    for name, lib in LIBS.items():
        data = lib.utils.data
        stream = _stream(lib)
        chain = data.ChainDataset([stream(0, 3), stream(10, 12)])
        added = stream(0, 2) + stream(5, 7)
        batches = _values(data.DataLoader(chain, batch_size=2))
        results[name] = (
            list(chain),
            len(chain),
            type(added).__name__,
            list(added),
            batches,
            isinstance(chain, data.Dataset),
        )
    assert results["minigrad"] == results["torch"]


D = "L.utils.data"
test_errors_as_torch = raises_as_torch(
    [
        (f"list({D}.ChainDataset([[1, 2]]))", ("only supports IterableDataset",)),
        (f"len({D}.ChainDataset([[1, 2]]))", ("only supports IterableDataset",)),
        (f"{D}.ConcatDataset([{D}.ChainDataset([])])", ("does not support Iter",)),
        (f"{D}.DataLoader({D}.ChainDataset([]), shuffle=True)", ("shuffle=True",)),
        (f"{D}.DataLoader({D}.ChainDataset([]), shuffle=1)", ("shuffle=1",)),
        (f"{D}.DataLoader({D}.ChainDataset([]), sampler=[1])", ("sampler=[1]",)),
        (
            f"{D}.DataLoader({D}.ChainDataset([]), batch_sampler=[[1]])",
            ("batch_sampler=[[1]]",),
        ),
        (f"{D}.StackDataset()", ("At least one dataset should be passed",)),
        (f"{D}.StackDataset([1], a=[1])", ("both types are given",)),
        (f"{D}.StackDataset([1], [1, 2])", ("Size mismatch between datasets",)),
        (f"{D}.StackDataset(a=[1], b=[])", ("Size mismatch between datasets",)),
        (f"{D}.WeightedRandomSampler([1.0], 0)", ("num_samples=0",)),
        (f"{D}.WeightedRandomSampler([1.0], True)", ("num_samples=True",)),
        (f"{D}.WeightedRandomSampler([1.0], 2.0)", ("num_samples=2.0",)),
        (f"{D}.WeightedRandomSampler([1.0], 2, 1)", ("replacement=1",)),
        (f"{D}.WeightedRandomSampler([[1.0]], 2)", ("shape (1, 1)",)),
        (f"list({D}.WeightedRandomSampler([1.0, 2], 3, False))", ()),
        (f"list({D}.WeightedRandomSampler([-1.0, 2], 3))", ()),
        (f"list({D}.WeightedRandomSampler([0.0, 0.0], 3))", ()),
    ]
)


class Items:
    """A map-style dataset with __getitems__ (as a batch fetch)."""

    def __init__(self, values, short=False):
        self.values, self.short = values, short

    def __getitem__(self, i):
        return self.values[i]

    def __getitems__(self, indices):
        items = [self.values[i] for i in indices]
        return items[:-1] if self.short else items

    def __len__(self):
        return len(self.values)


def test_stack_dataset_as_torch():
    results = {}
    for name, lib in LIBS.items():
        data = lib.utils.data
        x = lib.tensor(np.arange(12.0).reshape(6, 2))
        y = list(range(10, 16))
        by_args = data.StackDataset(x, y, Items("abcdef"))
        by_kwargs = data.StackDataset(x=x, y=Items(y))
        loaders = [data.DataLoader(s, batch_size=4) for s in (by_args, by_kwargs)]
        batches = [list(loader) for loader in loaders]
        results[name] = (
            by_args[2],
            by_kwargs[5],
            by_args.__getitems__([0, 3]),
            len(by_args),
            batches,
        )
    assert_same_batch(results["minigrad"], results["torch"])


def test_stack_dataset_with_a_short_getitems_raises_as_torch():
    errors = {}
    for name, lib in LIBS.items():
        for stacked in (
            lib.utils.data.StackDataset([1, 2, 3], Items("abc", short=True)),
            lib.utils.data.StackDataset(a=Items("abc", short=True)),
        ):
            with pytest.raises(ValueError) as info:
                stacked.__getitems__([0, 1])
            errors.setdefault(name, []).append(str(info.value))
    assert errors["minigrad"] == errors["torch"]


@pytest.mark.parametrize("with_generator", [False, True])
def test_subset_random_sampler_draws_torchs_order(with_generator):
    results = {}
    for name, lib in LIBS.items():
        lib.manual_seed(3)
        generator = lib.Generator().manual_seed(5) if with_generator else None
        sampler = lib.utils.data.SubsetRandomSampler([7, 2, 9, 4, 11], generator)
        loader = lib.utils.data.DataLoader(list(range(20)), sampler=sampler)
        epochs = [list(sampler) for _ in range(3)] + [_values(loader)]
        results[name] = epochs, len(sampler), rng_state(lib)
    assert results["minigrad"] == results["torch"]


@settings(deadline=None, max_examples=40)
@given(
    weights=st.lists(
        st.sampled_from([0.0, 0.1, 1.0, 2.5, 7.0, 1e-3]), min_size=1, max_size=12
    ).filter(lambda w: sum(w) > 0),
    num_samples=st.integers(1, 40),
    replacement=st.booleans(),
    seed=st.integers(0, 2**31),
    with_generator=st.booleans(),
)
def test_weighted_random_sampler_draws_torchs_indices(
    weights, num_samples, replacement, seed, with_generator
):
    if not replacement:
        num_samples = min(num_samples, sum(w > 0 for w in weights))
    results = {}
    for name, lib in LIBS.items():
        lib.manual_seed(seed)
        generator = lib.Generator().manual_seed(seed + 1) if with_generator else None
        sampler = lib.utils.data.WeightedRandomSampler(
            weights, num_samples, replacement, generator
        )
        epochs = [list(sampler) for _ in range(2)]
        results[name] = (
            epochs,
            len(sampler),
            rng_state(lib),
            str(sampler.weights.dtype).split(".")[-1],
        )
    assert results["minigrad"] == results["torch"]


def test_weighted_random_sampler_in_a_loader_as_torch():
    results = {}
    for name, lib in LIBS.items():
        lib.manual_seed(8)
        weights = lib.tensor([1.0, 3.0, 0.5, 2.0], dtype=lib.float32)
        sampler = lib.utils.data.WeightedRandomSampler(weights, 9)
        loader = lib.utils.data.DataLoader(
            list(range(4)), sampler=sampler, batch_size=4
        )
        results[name] = (
            _values(loader),
            str(sampler.weights.dtype).split(".")[-1],
            rng_state(lib),
        )
    assert results["minigrad"] == results["torch"]


def test_get_worker_info_is_none_in_the_main_process():
    assert [lib.utils.data.get_worker_info() for lib in LIBS.values()] == [None, None]
