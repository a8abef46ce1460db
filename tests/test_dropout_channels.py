"""Channel-wise and alpha dropout against torch: mask bits from the same seed, generator state, grads, warnings, errors, modules."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tests.conftest import bernoulli_bits
from tests.parity import LIBS, assert_parity, assert_same_error
from tests.scenarios import name_of, run_both
from tests.test_random import RANDOM_SEEDS, assert_same, assert_same_state

pytestmark = bernoulli_bits
PROBS = [1e-9, 0.1, 1 / 3, 0.5, 0.9127555772777217]

CASES = [
    ("dropout1d", (5, 7, 3)),
    ("dropout1d", (7, 3)),
    ("dropout2d", (4, 6, 3, 2)),
    ("dropout2d", (6, 3, 2)),
    ("dropout3d", (2, 5, 2, 3, 2)),
    ("dropout3d", (5, 2, 3, 2)),
    ("alpha_dropout", (6, 9)),
    ("feature_alpha_dropout", (4, 6, 3)),
]
IDS = [f"{f}{len(s)}d" for f, s in CASES]


def _run(fn: str, x: np.ndarray, p: float, seed: int, **kw):
    """fn under each library after manual_seed(seed): (output, next draw) each."""
    out = []
    for lib in LIBS.values():
        lib.manual_seed(seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y = getattr(lib.nn.functional, fn)(lib.tensor(x), p, True, **kw)
        out.append((y, lib.rand(3)))
    assert_same_state()
    return out


@pytest.mark.parametrize("fn,shape", CASES, ids=IDS)
@pytest.mark.parametrize("p", PROBS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bits_and_state(fn, shape, p, dtype):
    x = np.random.default_rng(1).standard_normal(shape).astype(dtype)
    for seed in RANDOM_SEEDS[:2]:
        (y_mine, r_mine), (y_torch, r_torch) = _run(fn, x, p, seed)
        assert_same(y_mine, y_torch)
        assert_same(r_mine, r_torch)


@pytest.mark.parametrize("fn,shape", CASES, ids=IDS)
@pytest.mark.parametrize("inplace", [False, True])
def test_gradients_and_graph(fn, shape, inplace):
    x = np.random.default_rng(2).standard_normal(shape).astype(np.float32)
    unbatched = fn in ("dropout1d", "dropout3d") and len(shape) in (2, 4)
    if inplace and unbatched:
        pytest.skip("torch's unsqueeze_/squeeze_ nodes: see test_unbatched_inplace")

    def run(L, t):
        L.manual_seed(5)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            src = t * 1 if inplace else t
            return getattr(L.nn.functional, fn)(src, 0.4, True, inplace)

    assert_parity(run, x)


def test_unbatched_inplace_values():
    """dropout1d on (C, L) in place: torch's values and gradients (the graph
    differs: torch records unsqueeze_/squeeze_, minigrad one multiplication)."""
    x = np.random.default_rng(3).standard_normal((6, 4)).astype(np.float32)

    def run(L, t):
        L.manual_seed(9)
        return L.nn.functional.dropout1d(t * 1, 0.5, True, True)

    assert_parity(run, x, graph=False)


@pytest.mark.parametrize("fn", ["dropout1d", "dropout2d", "dropout3d"])
@pytest.mark.parametrize(
    "kwargs", [{"p": 0.0}, {"p": 0.5, "training": False}, {"p": 1.0}]
)
def test_edge_cases(fn, kwargs):
    x = np.random.default_rng(4).standard_normal((2, 3, 2, 2, 2)).astype(np.float32)
    x = x[(0,) * (5 - {"dropout1d": 3, "dropout2d": 4, "dropout3d": 5}[fn])]

    def scenario(m, out):
        m.manual_seed(3)
        t = m.tensor(x, requires_grad=True)
        y = getattr(m.nn.functional, fn)(t, **kwargs)
        out.extend([y, y is t, name_of(y), m.rand(2)])

    run_both(scenario)


def test_alpha_dropout_edges():
    x = np.random.default_rng(5).standard_normal((3, 4)).astype(np.float32)

    def scenario(m, out):
        m.manual_seed(3)
        t = m.tensor(x, requires_grad=True)
        F = m.nn.functional
        for y in (F.alpha_dropout(t, 0.5), F.alpha_dropout(t, 1.0, True)):
            out.extend([y, y is t, name_of(y)])
        out.append(F.feature_alpha_dropout(t, 0.0, True) is t)
        out.append(m.rand(2))

    run_both(scenario)


WARNINGS = [
    ("dropout2d", (4, 3), "Received a 2-D input to dropout2d"),
    ("dropout2d", (2, 4, 3), "Received a 3D input to dropout2d"),
    ("dropout3d", (2, 4, 3), "Received a 3-D input to dropout3d"),
]


@pytest.mark.parametrize("fn,shape,words", WARNINGS)
def test_warnings(fn, shape, words):
    x = np.ones(shape, np.float32)

    def scenario(m, out):
        m.manual_seed(1)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            y = getattr(m.nn.functional, fn)(m.tensor(x), 0.5)
        out.extend(str(w.message) for w in caught)
        out.append(y)

    run_both(scenario)


ERRORS = [
    (
        "d1_rank",
        lambda m: m.nn.functional.dropout1d(m.ones(2, 3, 4, 5)),
        "Expected 2D or 3D input, but received a 4D input",
    ),
    (
        "d1_p",
        lambda m: m.nn.functional.dropout1d(m.ones(2, 3), 1.5),
        "between 0 and 1, but got 1.5",
    ),
    (
        "d2_p",
        lambda m: m.nn.functional.dropout2d(m.ones(2, 3, 4), -0.5),
        "but got -0.5",
    ),
    ("d3_p", lambda m: m.nn.functional.dropout3d(m.ones(2, 3, 4, 4), 2), "but got 2"),
    ("alpha_p", lambda m: m.nn.functional.alpha_dropout(m.ones(2), 1.5), "but got 1.5"),
    (
        "feature_1d",
        lambda m: m.nn.functional.dropout2d(m.ones(4), 0.5),
        "at least 2 dimensions",
    ),
    ("Dropout2d_p", lambda m: m.nn.Dropout2d(1.5), "but got 1.5"),
    ("AlphaDropout_p", lambda m: m.nn.AlphaDropout(-1), "but got -1"),
    (
        "feature_int",
        lambda m: m.nn.functional.dropout2d(m.ones(2, 3, 4, dtype=m.int64)),
        "Long",
    ),
]


@pytest.mark.parametrize("name,fn,words", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(name, fn, words):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_same_error(lambda m: fn(m), words)


@pytest.mark.parametrize(
    "cls,shape",
    [
        ("Dropout1d", (3, 4, 5)),
        ("Dropout2d", (2, 3, 4, 5)),
        ("Dropout3d", (2, 3, 2, 2, 2)),
        ("AlphaDropout", (4, 5)),
        ("FeatureAlphaDropout", (2, 3, 4)),
    ],
)
def test_modules(cls, shape):
    x = np.random.default_rng(6).standard_normal(shape).astype(np.float32)

    def scenario(m, out):
        m.manual_seed(21)
        layer = getattr(m.nn, cls)(0.3)
        out.extend([repr(layer), repr(getattr(m.nn, cls)(0.2, True))])
        out.append(layer(m.tensor(x)))
        layer.eval()
        out.append(layer(m.tensor(x)))
        layer.train()
        out.append(layer(m.tensor(x)))

    run_both(scenario)
