"""minigrad.random against torch's CPU generator: raw bits and full state bytes."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from minigrad import random as mrandom
from minigrad._exact import fma as kernels
from minigrad._exact import generator

LIBS = (minigrad, torch)
EDGE_SEEDS = [
    0,
    1,
    42,
    2**31 - 1,
    2**32 - 1,
    2**32,
    2**32 + 5,
    2**63 - 1,
    2**64 - 1,
    -1,
    -12345,
    67280421310721,
]
RANDOM_SEEDS = [int(s) for s in np.random.default_rng(2024).integers(0, 2**63, 6)]
SIZES = list(range(41)) + [100, 1000, 4097]
DTYPES = ["float32", "float64"]


# --- helpers -------------------------------------------------------------------------


def bits(a) -> np.ndarray:
    """The raw bits of a tensor or array (floats as unsigned ints)."""
    a = np.ascontiguousarray(a.detach().numpy() if hasattr(a, "detach") else a)
    if a.dtype.kind == "f":
        return a.view(np.uint32 if a.itemsize == 4 else np.uint64)
    return a


def assert_same(mine, theirs) -> None:
    """Same shape, dtype and bits; then the same generator state bytes."""
    m, t = bits(mine), bits(theirs)
    assert m.dtype == t.dtype and m.shape == t.shape
    np.testing.assert_array_equal(m, t)


def assert_same_state(
    gen: minigrad.Generator | None = None, tgen: torch.Generator | None = None
) -> None:
    mine = (gen or minigrad.default_generator).get_state().numpy()
    theirs = (tgen or torch.default_generator).get_state().numpy()
    np.testing.assert_array_equal(mine, theirs)


def seed_both(seed: int) -> None:
    minigrad.manual_seed(seed)
    torch.manual_seed(seed)


def run_both(fn):
    """fn(lib) for both libraries, then the states must agree."""
    mine, theirs = fn(minigrad), fn(torch)
    assert_same(mine, theirs)
    assert_same_state()
    return mine, theirs


def dt(lib, name: str):
    return getattr(lib, name)


# --- seeding and state bytes ---------------------------------------------------------


@pytest.mark.parametrize("seed", EDGE_SEEDS + RANDOM_SEEDS)
def test_manual_seed_gives_torch_state_bytes(seed):
    g = minigrad.manual_seed(seed)
    torch.manual_seed(seed)
    assert g is minigrad.default_generator
    assert minigrad.initial_seed() == torch.initial_seed()
    assert_same_state()


def test_fresh_generator_matches_torch():
    g, tg = minigrad.Generator(), torch.Generator()
    assert g.initial_seed() == tg.initial_seed() == 67280421310721
    assert str(g.device) == str(tg.device) == "cpu"
    assert_same_state(g, tg)
    assert_same(minigrad.rand(5, generator=g), torch.rand(5, generator=tg))
    assert_same_state(g, tg)


def test_generator_api_returns_like_torch():
    g = minigrad.Generator()
    assert g.manual_seed(3) is g
    assert g.set_state(g.get_state()) is g
    assert minigrad.set_rng_state(minigrad.get_rng_state()) is None
    assert g.get_state().dtype == minigrad.uint8 and g.get_state().shape == (5056,)


def test_seed_is_nondeterministic_and_reproducible():
    s = minigrad.seed()
    assert 0 <= s < 2**64 and minigrad.initial_seed() == s
    torch.manual_seed(s)
    run_both(lambda L: L.rand(7))
    g = minigrad.Generator()
    assert g.seed() == g.initial_seed() != s


def test_fresh_process_default_generator_is_seeded_from_entropy():
    # NOTE: matches torch: each process starts from a different seed
    code = "import minigrad; print(minigrad.initial_seed())"
    seeds = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(seeds) == 2


def test_seeds_equal_mod_2_32_share_a_stream():
    for seed in (5, 2**32 + 5, -(2**32) + 5):
        seed_both(seed)
        assert minigrad.initial_seed() == torch.initial_seed()
        run_both(lambda L: L.rand(3))


# --- rand / randn / uniform_ / normal_ -----------------------------------------------


@pytest.mark.parametrize("seed", EDGE_SEEDS + RANDOM_SEEDS[:2])
def test_rand_randn_all_sizes_both_dtypes(seed):
    seed_both(seed)
    for n in SIZES:
        for name in DTYPES:
            run_both(lambda L, n=n, name=name: L.rand(n, dtype=dt(L, name)))
            run_both(lambda L, n=n, name=name: L.randn(n, dtype=dt(L, name)))


@pytest.mark.parametrize("name", DTYPES)
def test_large_tensors_both_normal_paths(name):
    seed_both(RANDOM_SEEDS[0])
    for shape in [(2**20,), (1000, 17), (4097,), (100003,)]:
        if name == "float64" and shape[0] == 2**20:
            continue  # float64 uses the slow per-element libm path; 100003 suffices
        run_both(lambda L, s=shape: L.randn(*s, dtype=dt(L, name)))
        run_both(lambda L, s=shape: L.rand(s, dtype=dt(L, name)))


def test_sizes_as_varargs_tuple_list_and_size():
    seed_both(7)
    run_both(lambda L: L.rand(2, 3))
    run_both(lambda L: L.randn((21, 1)))
    run_both(lambda L: L.rand([4, 5]))
    run_both(lambda L: L.randn(L.Size([3, 7])))
    run_both(lambda L: L.rand(size=(2, 2)))
    run_both(lambda L: L.randn(0, 3))
    run_both(lambda L: L.rand(()))


def test_randn_shares_the_double_cache_across_calls_and_dtypes():
    seed_both(11)
    run_both(lambda L: L.randn(3))
    run_both(lambda L: L.randn(5, dtype=L.float64))
    run_both(lambda L: L.randn(16))  # path A neither uses nor clears the cache
    run_both(lambda L: L.randn(1))
    run_both(lambda L: L.randn(2, 1))


def test_default_dtype_and_grad_flags():
    seed_both(1)
    mine, theirs = run_both(lambda L: L.rand(3, requires_grad=True))
    assert mine.requires_grad and mine.is_leaf
    minigrad.set_default_dtype(minigrad.float64)
    try:
        torch.set_default_dtype(torch.float64)
        run_both(lambda L: L.randn(4))
    finally:
        minigrad.set_default_dtype(minigrad.float32)
        torch.set_default_dtype(torch.float32)


BOUNDS = [
    (-1 / math.sqrt(3), 1 / math.sqrt(3)),
    (0.0, 1.0),
    (-1.0, 1.0),
    (2.0, 2.0),
    (1000.0, 1000.001),
    (-3.0, -2.999),
    (-1e-30, 1e-30),
    (0.0, 1e-40),
    (-1e30, 3e30),
    (-2.5, 1e-3),
]


@pytest.mark.parametrize("name", DTYPES)
@pytest.mark.parametrize("seed", EDGE_SEEDS[:4] + RANDOM_SEEDS[:2])
def test_uniform_bounds_contiguous_and_transposed(seed, name):
    seed_both(seed)
    for low, high in BOUNDS:
        for shape in [(7,), (33, 5)]:
            run_both(
                lambda L, s=shape, b=(low, high): L.empty(
                    *s, dtype=dt(L, name)
                ).uniform_(*b)
            )
            run_both(
                lambda L, s=shape, b=(low, high): (
                    L.empty(*s[::-1], dtype=dt(L, name)).t().uniform_(*b)
                )
            )


@pytest.mark.parametrize("name", DTYPES)
@pytest.mark.parametrize("seed", EDGE_SEEDS[:4] + RANDOM_SEEDS[:2])
def test_normal_mean_std_contiguous_and_transposed(seed, name):
    seed_both(seed)
    params = [
        (0.0, 1.0),
        (0.5, 2.3),
        (-3.0, 0.0),
        (1e-3, 1e-5),
        (100.0, 0.01),
        (0.0, 0.02),
        (0.0, 1e-45),
    ]  # the last one underflows to signed zeros
    for mean, std in params:
        for shape in [(5,), (16,), (17, 3), (40, 40)]:
            run_both(
                lambda L, s=shape, p=(mean, std): L.empty(
                    *s, dtype=dt(L, name)
                ).normal_(*p)
            )
            # NOTE: matches torch: a non-contiguous tensor takes the serial path
            run_both(
                lambda L, s=shape, p=(mean, std): (
                    L.empty(*s[::-1], dtype=dt(L, name)).t().normal_(*p)
                )
            )


def test_fills_follow_storage_order_of_permuted_and_strided_views():
    seed_both(3)
    run_both(lambda L: L.empty(4, 5, 6).permute(2, 0, 1).normal_())
    run_both(lambda L: L.empty(4, 5, 6).permute(1, 2, 0).uniform_(-2, 3))
    run_both(lambda L: L.empty(10, 8)[:, ::2].normal_())
    run_both(lambda L: L.empty(10, 8)[::3].uniform_())


def test_array_level_fills_match_torch_tensors():
    seed_both(5)
    for shape, transpose in [((33,), False), ((20, 30), True), ((5,), False)]:
        a = np.empty(shape, np.float32)
        a = a.T if transpose else a
        t = torch.empty(*shape)
        t = t.t() if transpose else t
        assert_same(mrandom.fill_uniform_(a, -0.2, 0.9), t.uniform_(-0.2, 0.9))
        assert_same_state()
        assert_same(mrandom.fill_normal_(a, 1.5, 0.5), t.normal_(1.5, 0.5))
        assert_same_state()


def test_rand_like_and_randn_like_keep_the_layout():
    seed_both(9)
    run_both(lambda L: L.rand_like(L.zeros(3, 4)))
    run_both(lambda L: L.randn_like(L.zeros(20, 20).t()))  # serial path, F order
    run_both(lambda L: L.randn_like(L.zeros(20, 20), dtype=L.float64))
    run_both(lambda L: L.rand_like(L.zeros(2, 3, dtype=L.float64)))
    g, tg = minigrad.Generator().manual_seed(4), torch.Generator().manual_seed(4)
    assert_same(
        minigrad.randn_like(minigrad.zeros(30), generator=g),
        torch.randn_like(torch.zeros(30), generator=tg),
    )


# --- integers ------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:.*is out of bounds")
@pytest.mark.parametrize("seed", EDGE_SEEDS[:6] + RANDOM_SEEDS[:2])
def test_randint_both_draw_widths_and_dtypes(seed):
    seed_both(seed)
    for args in [
        (10, (5,)),
        (-7, 9, (3, 4)),
        (0, 2**28 - 1, (9,)),
        (0, 2**28, (9,)),
        (-(2**63), 2**63 - 1, (4,)),
        (3, 2**40, (6,)),
        (5, (0,)),
    ]:
        run_both(lambda L, a=args: L.randint(*a))
    for name, args in [
        ("int32", (-5, 5, (7,))),
        ("uint8", (256, (4,))),
        ("bool", (2, (5,))),
        ("float32", (1000, (6,))),
        ("float64", (-3, 2**30, (6,))),
        ("float32", (2**28, (3,))),
    ]:
        run_both(lambda L, a=args, n=name: L.randint(*a, dtype=dt(L, n)))
    run_both(lambda L: L.randint(high=5, size=(2,)))
    run_both(lambda L: L.randint(low=1, high=5, size=[2, 2]))
    run_both(lambda L: L.randint(5, size=L.Size([3])))


def test_randint_float_bounds_are_moved_as_torch_does():
    seed_both(2)
    with pytest.warns(UserWarning, match="out of bounds"):
        mine = minigrad.randint(2**24 + 3, 2**24 + 9, (5,), dtype=minigrad.float32)
    with pytest.warns(UserWarning):
        theirs = torch.randint(2**24 + 3, 2**24 + 9, (5,), dtype=torch.float32)
    assert_same(mine, theirs)
    assert_same_state()


@pytest.mark.parametrize("n", [0, 1, 2, 10, 127, 128, 129, 1000, 60000])
def test_randperm(n):
    seed_both(n)
    run_both(lambda L: L.randperm(n))
    run_both(lambda L: L.randperm(n, dtype=L.float32))
    g = minigrad.Generator().manual_seed(n + 1)
    tg = torch.Generator().manual_seed(n + 1)
    assert_same(minigrad.randperm(n, generator=g), torch.randperm(n, generator=tg))
    assert_same_state(g, tg)


def test_randperm_dtypes():
    seed_both(8)
    run_both(lambda L: L.randperm(256, dtype=L.uint8))
    run_both(lambda L: L.randperm(50, dtype=L.int32))
    run_both(lambda L: L.randperm(50, dtype=L.float64, requires_grad=True))


def test_random_int64_is_torch_random_():
    for seed in EDGE_SEEDS:
        seed_both(seed)
        for _ in range(3):
            mine = generator.random_int64()
            theirs = torch.empty((), dtype=torch.int64).random_().item()
            assert mine == theirs
        assert_same_state()
    g, tg = minigrad.Generator().manual_seed(1), torch.Generator().manual_seed(1)
    assert (
        generator.random_int64(g)
        == torch.empty((), dtype=torch.int64).random_(generator=tg).item()
    )


# --- state round trips ---------------------------------------------------------------


@pytest.mark.parametrize("seed", EDGE_SEEDS[:3] + RANDOM_SEEDS[:1])
def test_state_round_trips_in_both_directions(seed):
    seed_both(seed)
    for draw in (
        lambda L: L.randn(3),  # leaves a cached normal in the state
        lambda L: L.rand(700),  # crosses a regeneration
        lambda L: L.rand(624 - 700 % 624 - 3),
    ):  # ends on a block boundary
        run_both(draw)
        # torch's bytes into minigrad
        minigrad.set_rng_state(minigrad.from_numpy(torch.get_rng_state().numpy()))
        assert_same_state()
        run_both(lambda L: L.randn(5, dtype=L.float64))
        # minigrad's bytes into torch
        torch.set_rng_state(torch.from_numpy(minigrad.get_rng_state().numpy().copy()))
        assert_same_state()
        run_both(lambda L: L.randn(33))


def test_state_bytes_from_a_fresh_seed_and_after_a_full_block():
    seed_both(123)
    state = torch.get_rng_state()
    run_both(lambda L: L.rand(624))  # left = 1 again, next = 624
    minigrad.set_rng_state(minigrad.from_numpy(state.numpy()))
    torch.set_rng_state(state)
    assert_same_state()
    run_both(lambda L: L.rand(5))


def test_every_factory_draws_from_a_given_generator_only():
    seed_both(6)
    g, tg = minigrad.Generator().manual_seed(2**40 + 3), torch.Generator()
    tg.manual_seed(2**40 + 3)
    for call in (
        lambda L, G: L.rand(5, generator=G),
        lambda L, G: L.randn(3, generator=G),
        lambda L, G: L.randn(20, dtype=L.float64, generator=G),
        lambda L, G: L.randint(-4, 4, (6,), generator=G),
        lambda L, G: L.randperm(9, generator=G),
        lambda L, G: L.empty(4, 5).t().normal_(generator=G),
        lambda L, G: L.empty(7).uniform_(-1, 2, generator=G),
    ):
        assert_same(call(minigrad, g), call(torch, tg))
        assert_same_state(g, tg)
        assert_same_state()  # the default generators did not move


def test_generator_state_into_default_and_back():
    g, tg = minigrad.Generator().manual_seed(77), torch.Generator().manual_seed(77)
    assert_same(minigrad.randn(3, generator=g), torch.randn(3, generator=tg))
    minigrad.set_rng_state(g.get_state())
    torch.set_rng_state(tg.get_state())
    assert_same_state()
    assert minigrad.initial_seed() == torch.initial_seed() == 77
    run_both(lambda L: L.randn(1))


# --- random programs -----------------------------------------------------------------

OPS = {
    "rand": lambda L, n, d: L.rand(n, dtype=dt(L, d)),
    "randn": lambda L, n, d: L.randn(n, dtype=dt(L, d)),
    "randn_big": lambda L, n, d: L.randn(n + 16, 2, dtype=dt(L, d)),
    "uniform_": lambda L, n, d: L.empty(n, dtype=dt(L, d)).uniform_(-0.7, 0.3),
    "normal_T": lambda L, n, d: L.empty(n, 2, dtype=dt(L, d)).t().normal_(1.0, 2.0),
    "normal_": lambda L, n, d: L.empty(n + 16, dtype=dt(L, d)).normal_(-1.0, 0.5),
    "randint": lambda L, n, d: L.randint(-3, 3, (n,)),
    "randint64": lambda L, n, d: L.randint(0, 2**33, (n,)),
    "randperm": lambda L, n, d: L.randperm(n),
}
program_steps = st.tuples(
    st.sampled_from(sorted(OPS)), st.integers(0, 40), st.sampled_from(DTYPES)
)


@given(
    seed=st.integers(-(2**63), 2**64 - 1),
    program=st.lists(program_steps, min_size=1, max_size=10),
)
def test_random_interleavings_keep_the_same_stream(seed, program):
    seed_both(seed)
    for op, n, name in program:
        run_both(lambda L, op=op, n=n, name=name: OPS[op](L, n, name))
        if op == "rand":
            assert (
                generator.random_int64()
                == torch.empty((), dtype=torch.int64).random_().item()
            )


# --- the default (non-FMA) kernels ---------------------------------------------------

_DEFAULT_KERNEL_SCRIPT = """
import sys, torch
torch.manual_seed(int(sys.argv[1]))
for n in (5, 16, 17, 100):
    for d in (torch.float32, torch.float64):
        for t in (torch.randn(n, dtype=d),
                  torch.empty(n, dtype=d).uniform_(-0.57735, 0.57735),
                  torch.empty(n, dtype=d).normal_(0.3, 2.5),
                  torch.empty(n, 3, dtype=d).t().normal_(0.3, 2.5)):
            print(t.contiguous().numpy().tobytes().hex())
print(torch.get_rng_state().numpy().tobytes().hex())
"""


def test_default_capability_kernels_match_torch_forced_to_default(monkeypatch):
    env = dict(os.environ, ATEN_CPU_CAPABILITY="default")
    expected = subprocess.run(
        [sys.executable, "-c", _DEFAULT_KERNEL_SCRIPT, "42"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    monkeypatch.setattr(kernels, "CAPABILITY", "default")
    minigrad.manual_seed(42)
    got = []
    for n in (5, 16, 17, 100):
        for name in DTYPES:
            d = dt(minigrad, name)
            for t in (
                minigrad.randn(n, dtype=d),
                minigrad.empty(n, dtype=d).uniform_(-0.57735, 0.57735),
                minigrad.empty(n, dtype=d).normal_(0.3, 2.5),
                minigrad.empty(n, 3, dtype=d).t().normal_(0.3, 2.5),
            ):
                got.append(np.ascontiguousarray(t.numpy()).tobytes().hex())
    got.append(minigrad.get_rng_state().numpy().tobytes().hex())
    assert got == expected


@pytest.mark.parametrize(
    "env, expected", [("default", "default"), ("avx2", "avx2"), ("avx512", "avx512")]
)
def test_capability_follows_the_environment_variable(monkeypatch, env, expected):
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", env)
    assert kernels.cpu_capability() == expected


def test_capability_ignores_an_invalid_environment_value(monkeypatch):
    monkeypatch.delenv("ATEN_CPU_CAPABILITY", raising=False)
    detected = kernels.cpu_capability()
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "AVX2")
    with pytest.warns(UserWarning, match="ignoring invalid value"):
        assert kernels.cpu_capability() == detected


def test_capability_matches_torch_in_this_process():
    torch_says = torch.backends.cpu.get_cpu_capability().lower()
    assert kernels.CAPABILITY == ("default" if torch_says == "default" else torch_says)


# --- fused multiply-add emulation, against exact rational arithmetic -----------------


def _nearest(exact: Fraction, dtype) -> np.ndarray:
    """The float of ``dtype`` nearest to ``exact`` (ties to even)."""
    guess = dtype(float(exact))
    candidates = [
        guess,
        np.nextafter(guess, dtype(np.inf)),
        np.nextafter(guess, dtype(-np.inf)),
    ]
    return min(
        candidates,
        key=lambda c: (
            abs(Fraction(float(c)) - exact),
            int(np.array(c).view(f"u{c.itemsize}")) & 1,
        ),
    )


def test_fma32_rounds_once_on_float32_midpoints():
    rng = np.random.default_rng(0)
    a = np.full(1, np.float32(1 + 2.0**-23))
    for _ in range(200):  # a*b lies just off half an ulp of c: a double sum ties
        c = np.float32(
            (1 + int(rng.integers(0, 2**23)) * 2.0**-23) * rng.choice([1, -1])
        )
        b = np.float32(
            2.0**-24 * (1 + rng.choice([1, -1]) * 2.0**-23) * rng.choice([1, -1])
        )
        exact = Fraction(float(a[0])) * Fraction(float(b)) + Fraction(float(c))
        assert kernels.fma32(a, b, c)[0] == _nearest(exact, np.float32)


def test_fma32_and_fma64_on_random_operands():
    rng = np.random.default_rng(1)
    for _ in range(100):
        b, c = (
            np.float32(rng.uniform(-4, 4) * 2.0 ** int(rng.integers(-30, 30)))
            for _ in range(2)
        )
        a = (rng.integers(0, 2**24, 8) * 2.0**-24).astype(np.float32)
        for ai, got in zip(a, kernels.fma32(a, b, c), strict=True):
            exact = Fraction(float(ai)) * Fraction(float(b)) + Fraction(float(c))
            assert got == _nearest(exact, np.float32)
        b64, c64 = (
            float(rng.uniform(-4, 4) * 2.0 ** int(rng.integers(-300, 300)))
            for _ in range(2)
        )
        a64 = rng.random(8) * rng.choice([1.0, 7.5, 1e-20])
        for ai, got in zip(a64, kernels.fma64(a64, b64, c64), strict=True):
            exact = Fraction(float(ai)) * Fraction(b64) + Fraction(c64)
            assert got == _nearest(exact, np.float64)


# --- errors: torch's exception class and message -------------------------------------

ERRORS = [
    lambda L: L.rand(2, dtype=L.int64),
    lambda L: L.rand(0, dtype=L.int64),
    lambda L: L.rand(-1),
    lambda L: L.rand(2, -3),
    lambda L: L.randn(2, dtype=L.int32),
    lambda L: L.randn(2, dtype=L.int64, requires_grad=True),
    lambda L: L.randint(5, 5, (3,)),
    lambda L: L.randint(6, 5, (3,)),
    lambda L: L.randint(0, (3,)),
    lambda L: L.randint(5, (3,), requires_grad=True),
    lambda L: L.randint(300, (3,), dtype=L.uint8),
    lambda L: L.randint(-1, 3, (3,), dtype=L.uint8),
    lambda L: L.randint(300, (0,), dtype=L.uint8),
    lambda L: L.randint(3, (2,), dtype=L.bool),
    lambda L: L.randint(-(2**40), 2, (2,), dtype=L.int32),
    lambda L: L.randint(3, (-1,)),
    lambda L: L.randint(0, 2**63, (3,)),
    lambda L: L.randperm(-1),
    lambda L: L.randperm(5, requires_grad=True),
    lambda L: L.randperm(257, dtype=L.uint8),
    lambda L: L.randperm(3, dtype=L.bool),
    lambda L: L.randperm(2**24 + 2, dtype=L.float32),
    lambda L: L.empty(3).uniform_(2, 1),
    lambda L: L.empty(0).uniform_(2, 1),
    lambda L: L.empty(3).uniform_(-1e300, 1e300),
    lambda L: L.empty(3).uniform_(float("nan"), 1),
    lambda L: L.empty(3).uniform_(0, float("inf")),
    lambda L: L.empty(3).uniform_(-3e38, 3e38),
    lambda L: L.empty(3, dtype=L.int64).uniform_(),
    lambda L: L.empty(3).normal_(0, -1),
    lambda L: L.empty(3).normal_(0, float("nan")),
    lambda L: L.empty(0, dtype=L.int64).normal_(0, -1),
    lambda L: L.empty(3, dtype=L.int32).normal_(),
    lambda L: L.rand_like(L.zeros(3, dtype=L.int64)),
    lambda L: L.manual_seed(2**64),
    lambda L: L.manual_seed(-(2**63) - 1),
    lambda L: L.manual_seed("a"),
    lambda L: L.Generator().manual_seed(1.5),
    lambda L: L.Generator().manual_seed(True),
    lambda L: L.set_rng_state(L.zeros(10, dtype=L.uint8)),
    lambda L: L.set_rng_state(L.zeros(5056)),
    lambda L: L.set_rng_state(L.zeros(10112, dtype=L.uint8)[::2]),
    lambda L: L.set_rng_state([1, 2]),
]
# same class, but torch's words list its overloads or name its device libraries
ERRORS_CLASS_ONLY = [
    lambda L: L.rand(2, generator=5),
    lambda L: L.rand(),
    lambda L: L.randint(5),
    lambda L: L.randint(5, 3),
    lambda L: L.randint(1.5, (3,)),
    lambda L: L.randperm(2.0),
    lambda L: L.Generator("cuda"),
]


def _raised(fn, lib) -> BaseException:
    with pytest.raises(Exception) as info:
        fn(lib)
    return info.value


@pytest.mark.parametrize("fn", ERRORS)
def test_errors_match_torch(fn):
    mine, theirs = _raised(fn, minigrad), _raised(fn, torch)
    assert type(mine) is type(theirs)
    assert str(mine) == str(theirs).split("\n")[0]


@pytest.mark.parametrize("fn", ERRORS_CLASS_ONLY)
def test_error_classes_match_torch(fn):
    mine, theirs = _raised(fn, minigrad), _raised(fn, torch)
    assert type(mine) is type(theirs)


def test_invalid_state_bytes_are_rejected_as_torch():
    seed_both(3)
    for offset, value in [(8, 0), (8, 625), (12, 0), (16, 625)]:
        state = torch.get_rng_state().numpy().copy()
        state[offset : offset + 4] = np.frombuffer(np.int32(value).tobytes(), np.uint8)
        mine = _raised(lambda L, s=state: L.set_rng_state(L.from_numpy(s)), minigrad)
        theirs = _raised(lambda L, s=state: L.set_rng_state(L.from_numpy(s)), torch)
        assert type(mine) is type(theirs) and str(mine) == str(theirs)


def test_generator_manual_seed_rejects_numpy_integers_like_torch():
    with pytest.raises(TypeError):
        minigrad.Generator().manual_seed(np.int64(5))
    with pytest.raises(TypeError):
        torch.Generator().manual_seed(np.int64(5))
    assert minigrad.manual_seed(np.int64(5)).initial_seed() == 5  # int() first
