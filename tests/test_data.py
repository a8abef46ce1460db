"""utils.data against torch: batch order and RNG state, collation, datasets, errors."""

import collections
import warnings

import numpy as np
import pytest
import torch

import minigrad
from reference.models import data2d_class
from tests.parity import LIBS, assert_same, assert_same_error

Point = collections.namedtuple("Point", ["x", "y"])


def assert_same_batch(actual, expected, label="batch"):
    """Collated structures alike: container types, keys, and tensors (values, dtype)."""
    if isinstance(expected, torch.Tensor):
        assert isinstance(actual, minigrad.Tensor), f"{label}: {type(actual)}"
        assert_same(actual, expected, label, rtol=0, atol=0)
        assert actual.requires_grad == expected.requires_grad, label
        return
    if isinstance(expected, np.ndarray):
        np.testing.assert_array_equal(actual, expected, err_msg=label)
        return
    assert type(actual).__name__ == type(expected).__name__, (
        f"{label}: {type(actual).__name__} vs torch's {type(expected).__name__}"
    )
    if isinstance(expected, dict):
        assert list(actual) == list(expected), label
        for k in expected:
            assert_same_batch(actual[k], expected[k], f"{label}[{k!r}]")
    elif isinstance(expected, (list, tuple)):
        assert len(actual) == len(expected), label
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_same_batch(a, e, f"{label}[{i}]")
    else:
        assert actual == expected, label


def rng_state(lib):
    return bytes(np.asarray(lib.get_rng_state().numpy()))


class Indices:
    """A dataset whose sample i is i: batches show the order directly."""

    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        return i

    def __len__(self):
        return self.n


# --- order of batches and the random streams behind it ---------------------------


def epochs_of(lib, n, epochs, seed_generator, **loader_kwargs):
    lib.manual_seed(0)
    generator = None
    if seed_generator is not None:
        generator = lib.Generator()
        generator.manual_seed(seed_generator)
    loader = lib.utils.data.DataLoader(Indices(n), generator=generator, **loader_kwargs)
    orders = [[b.tolist() for b in loader] for _ in range(epochs)]
    states = (
        rng_state(lib),
        None if generator is None else bytes(np.asarray(generator.get_state().numpy())),
    )
    return orders, len(loader), states


@pytest.mark.parametrize("n", [1, 7, 12])
@pytest.mark.parametrize("batch_size", [1, 4, 12])
@pytest.mark.parametrize("drop_last", [False, True])
@pytest.mark.parametrize(
    ("shuffle", "seed_generator"), [(False, None), (True, None), (True, 5)]
)
def test_batch_order_and_rng_state_equal_torch(
    n, batch_size, drop_last, shuffle, seed_generator
):
    kwargs = dict(batch_size=batch_size, drop_last=drop_last, shuffle=shuffle)
    mg = epochs_of(minigrad, n, 3, seed_generator, **kwargs)
    tc = epochs_of(torch, n, 3, seed_generator, **kwargs)
    assert mg[0] == tc[0], "batch order"
    assert mg[1] == tc[1], "len(loader)"
    assert mg[2] == tc[2], "generator states after 3 epochs"


def test_course_example_order():
    # docs/torch_rng.md, DataLoader shuffles: manual_seed(0), 10 items, batch_size=4
    orders, _, _ = epochs_of(minigrad, 10, 2, None, batch_size=4, shuffle=True)
    assert orders == epochs_of(torch, 10, 2, None, batch_size=4, shuffle=True)[0]


@pytest.mark.parametrize("seed_generator", [None, 3])
def test_draws_interleave_with_other_random_calls_as_torch(seed_generator):
    def program(lib):
        lib.manual_seed(1)
        generator = None
        if seed_generator is not None:
            generator = lib.Generator().manual_seed(seed_generator)
        loader = lib.utils.data.DataLoader(
            Indices(9), batch_size=2, shuffle=True, generator=generator
        )
        seen = []
        for epoch in range(3):
            for k, batch in enumerate(loader):
                seen.append(batch.tolist())
                seen.append(lib.rand(2).tolist())
                if epoch == 1 and k == 1:
                    break  # an epoch left early draws no end-of-epoch permutation
        return seen, rng_state(lib)

    assert program(minigrad) == program(torch)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(replacement=True),
        dict(replacement=True, num_samples=70),
        dict(num_samples=5),
        dict(num_samples=23),
    ],
)
def test_random_sampler_options(kwargs):
    orders = {}
    for name, lib in LIBS.items():
        lib.manual_seed(2)
        sampler = lib.utils.data.RandomSampler(range(10), **kwargs)
        orders[name] = [list(sampler) for _ in range(2)], len(sampler), rng_state(lib)
    assert orders["minigrad"] == orders["torch"]


def test_samplers_given_to_the_loader():
    results = {}
    for name, lib in LIBS.items():
        data = lib.utils.data
        batches = data.BatchSampler(data.SequentialSampler(range(7)), 3, False)
        by_batch = data.DataLoader(Indices(7), batch_sampler=batches)
        by_sampler = data.DataLoader(Indices(7), sampler=[6, 0, 3], batch_size=2)
        by_batch = [b.tolist() for b in by_batch]
        by_sampler = [b.tolist() for b in by_sampler]
        dropped = list(data.BatchSampler(range(7), 3, drop_last=True))
        results[name] = by_batch, by_sampler, dropped, len(batches)
    assert results["minigrad"] == results["torch"]


def test_batch_size_none_yields_converted_samples():
    samples = [np.float64(1.5), np.arange(3), (1, np.ones(2)), "a"]

    class Samples:
        def __getitem__(self, i):
            return samples[i]

        def __len__(self):
            return len(samples)

    got = {
        name: list(lib.utils.data.DataLoader(Samples(), batch_size=None))
        for name, lib in LIBS.items()
    }
    assert_same_batch(got["minigrad"], got["torch"])
    assert len(minigrad.utils.data.DataLoader(Samples(), batch_size=None)) == 4


# --- default_collate and default_convert ---------------------------------------------


def samples_for(lib, case):
    """The same list of samples, built with `lib`'s tensors."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 3)).astype(np.float32)
    cases = {
        "float32 rows": lambda: [lib.tensor(r) for r in x],
        "float64 matrices": lambda: [lib.tensor(x.astype(np.float64))] * 3,
        "int64 vectors": lambda: [lib.tensor([i, 2 * i]) for i in range(4)],
        "bool scalars": lambda: [lib.tensor(b) for b in (True, False, True)],
        "0-d floats": lambda: [lib.tensor(v) for v in x[:, 0]],
        "rows of one base": lambda: list(lib.tensor(x))[1:4],
        "rows in any order": lambda: [lib.tensor(x)[i] for i in (3, 0, 4)],
        "column slices": lambda: [lib.tensor(x)[:, j] for j in range(3)],
        "numpy arrays": lambda: [x[i] for i in range(3)],
        "numpy int arrays": lambda: [np.arange(3, dtype=np.int32) + i for i in (0, 5)],
        "numpy scalars": lambda: [np.float32(1.5), np.float32(2.5)],
        "numpy float64 scalars": lambda: [np.float64(1.5), np.float64(-2)],
        "python floats": lambda: [1.5, 2.0, -3.25],
        "python ints": lambda: [1, 2, 3],
        "python bools": lambda: [True, False],
        "ints then floats": lambda: [1, 2.5],
        "strings": lambda: ["a", "bc"],
        "tuples": lambda: [(lib.tensor(r[:2]), lib.tensor(r[2:])) for r in x],
        "lists": lambda: [[1, 2.0], [3, 4.0]],
        "dicts": lambda: [{"a": i, "b": (float(i), "s")} for i in range(3)],
        "namedtuples": lambda: [Point(lib.tensor(r), i) for i, r in enumerate(x)],
        "nested": lambda: [{"p": [Point(1, 2.0)], "t": lib.tensor(r)} for r in x[:2]],
        "mixed float dtypes": lambda: [
            lib.tensor(x[0]),
            lib.tensor(x[1].astype(np.float64)),
        ],
        "int and float tensors": lambda: [lib.tensor([1, 2]), lib.tensor(x[0, :2])],
        "requires grad": lambda: [lib.tensor(r, requires_grad=True) for r in x[:2]],
    }
    return cases[case]()


COLLATE_CASES = [
    "float32 rows",
    "float64 matrices",
    "int64 vectors",
    "bool scalars",
    "0-d floats",
    "rows of one base",
    "rows in any order",
    "column slices",
    "numpy arrays",
    "numpy int arrays",
    "numpy scalars",
    "numpy float64 scalars",
    "python floats",
    "python ints",
    "python bools",
    "ints then floats",
    "strings",
    "tuples",
    "lists",
    "dicts",
    "namedtuples",
    "nested",
    "mixed float dtypes",
    "int and float tensors",
    "requires grad",
]


@pytest.mark.parametrize("case", COLLATE_CASES)
def test_default_collate_equals_torch(case):
    mg = minigrad.utils.data.default_collate(samples_for(minigrad, case))
    tc = torch.utils.data.default_collate(samples_for(torch, case))
    assert_same_batch(mg, tc)


def test_collated_batch_is_a_copy():
    x = minigrad.zeros(4, 2)
    batch = minigrad.utils.data.default_collate([x[0], x[1]])
    batch[0, 0] = 5.0
    assert x[0, 0].item() == 0.0


def test_collate_records_stack_for_tensors_that_require_grad():
    a = minigrad.ones(2, requires_grad=True)
    batch = minigrad.utils.data.default_collate([a, a * 2])
    assert batch.grad_fn is not None
    batch.sum().backward()
    assert a.grad.tolist() == [3.0, 3.0]


@pytest.mark.parametrize(
    "data",
    [
        np.arange(3),
        np.float32(2),
        np.array(["a"]),
        (1, np.ones(2)),
        [np.ones(1)],
        {"k": np.zeros(2)},
        Point(np.ones(1), 2),
        "text",
        3,
    ],
    ids=repr,
)
def test_default_convert_equals_torch(data):
    mg = minigrad.utils.data.default_convert(data)
    tc = torch.utils.data.default_convert(data)
    assert_same_batch(mg, tc)


@pytest.mark.parametrize(
    ("samples", "words"),
    [
        (lambda lib: [lib.zeros(2), lib.zeros(3)], ["equal size", "[2]", "[3]"]),
        (lambda lib: [lib.zeros(2), lib.zeros(2, 1)], ["stack expects"]),
        (lambda lib: [[1, 2], [3]], ["equal size"]),
        (lambda lib: [None, None], ["batch must contain", "NoneType"]),
        (lambda lib: [np.array(["a"]), np.array(["b"])], ["batch must contain"]),
        (lambda lib: [], []),
    ],
)
def test_default_collate_errors_as_torch(samples, words):
    assert_same_error(lambda lib: lib.utils.data.default_collate(samples(lib)), *words)


# --- datasets -----------------------------------------------------------------------


def test_tensor_dataset_and_subset_and_concat():
    x = np.arange(12, dtype=np.float32).reshape(6, 2)
    y = np.arange(6)
    results = {}
    for name, lib in LIBS.items():
        data = lib.utils.data
        ds = data.TensorDataset(lib.tensor(x), lib.tensor(y))
        subset = data.Subset(ds, [4, 0, 2])
        both = ds + subset
        loader = data.DataLoader(subset, batch_size=2)
        results[name] = (
            [ds[5], ds[1:3], subset[1], both[7], both[-1]],
            list(loader),
            (len(ds), len(subset), len(both), both.cumulative_sizes),
        )
    mg, tc = results["minigrad"], results["torch"]
    assert_same_batch(mg[0], tc[0], "items")
    assert_same_batch(mg[1], tc[1], "batches")
    assert mg[2] == tc[2]


@pytest.mark.parametrize(
    "lengths", [[3, 7], [0.3, 0.7], [0.25, 0.25, 0.5], [1 / 3] * 3, [10], [0.5, 0.5]]
)
@pytest.mark.parametrize("with_generator", [False, True])
def test_random_split_equals_torch(lengths, with_generator):
    results = {}
    for name, lib in LIBS.items():
        lib.manual_seed(4)
        kwargs = {}
        if with_generator:
            kwargs["generator"] = lib.Generator().manual_seed(11)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parts = lib.utils.data.random_split(Indices(10), lengths, **kwargs)
        results[name] = [list(p.indices) for p in parts], rng_state(lib)
    assert results["minigrad"] == results["torch"]


def test_random_split_warns_about_empty_splits_as_torch():
    messages = {}
    for name, lib in LIBS.items():
        with pytest.warns(UserWarning) as record:
            lib.utils.data.random_split(Indices(2), [0.9, 0.05, 0.05])
        messages[name] = [str(w.message) for w in record]
    assert messages["minigrad"] == messages["torch"]
    assert "Length of split at index 1 is 0" in messages["torch"][0]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda lib: lib.utils.data.random_split(Indices(5), [2, 2]), ["Sum of input"]),
        (lambda lib: lib.utils.data.random_split(Indices(5), [0.5, 0.6]), ["Sum"]),
        (
            lambda lib: lib.utils.data.random_split(Indices(5), [1.5, -0.5]),
            ["Fraction at index 0"],
        ),
        (
            lambda lib: lib.utils.data.TensorDataset(lib.zeros(3), lib.zeros(4)),
            ["Size mismatch between tensors"],
        ),
        (lambda lib: lib.utils.data.ConcatDataset([]), ["empty"]),
        (lambda lib: lib.utils.data.Dataset()[0], ["__getitem__"]),
    ],
)
def test_dataset_errors_as_torch(make, words):
    assert_same_error(make, *words)


# --- DataLoader arguments -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        (dict(batch_size=0), ["batch_size", "positive integer"]),
        (dict(batch_size=-1), ["batch_size=-1"]),
        (dict(batch_size=2.0), ["batch_size"]),
        (dict(drop_last=1), ["drop_last"]),
        (dict(shuffle=True, sampler=[0, 1]), ["mutually exclusive with shuffle"]),
        (dict(batch_sampler=[[0]], batch_size=2), ["batch_sampler", "exclusive"]),
        (dict(batch_sampler=[[0]], drop_last=True), ["batch_sampler", "exclusive"]),
        (dict(batch_size=None, drop_last=True), ["batch_size=None"]),
        (dict(num_workers=-1), ["num_workers", "non-negative"]),
        (dict(timeout=-1), ["timeout", "non-negative"]),
        (dict(prefetch_factor=2), ["prefetch_factor"]),
        (dict(persistent_workers=True), ["persistent_workers"]),
    ],
)
def test_dataloader_arguments_raise_as_torch(kwargs, words):
    assert_same_error(
        lambda lib: lib.utils.data.DataLoader(Indices(5), **kwargs), *words
    )


def test_an_empty_dataset_cannot_be_shuffled():
    assert_same_error(
        lambda lib: lib.utils.data.DataLoader(Indices(0), shuffle=True), "num_samples"
    )


def test_dataloader_attributes_are_frozen_and_timeout_needs_workers():
    assert_same_error(
        lambda lib: setattr(lib.utils.data.DataLoader(Indices(3)), "batch_size", 2),
        "batch_size attribute should not be set",
    )
    assert_same_error(
        lambda lib: iter(lib.utils.data.DataLoader(Indices(3), timeout=1)), "timeout"
    )


# --- the course's Data2D --------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [2, 5])
def test_course_data2d_batches_equal_torch(batch_size):
    results = {}
    for name, lib in LIBS.items():
        lib.manual_seed(1)
        dataset = data2d_class(lib)()
        loader = lib.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=True)
        results[name] = [list(loader) for _ in range(2)]
    assert_same_batch(results["minigrad"], results["torch"])


def test_workers_load_in_process_with_torchs_batches_and_draws():
    mg = epochs_of(minigrad, 10, 2, None, batch_size=3, shuffle=True, num_workers=1)
    tc = epochs_of(torch, 10, 2, None, batch_size=3, shuffle=True, num_workers=1)
    assert mg == tc
