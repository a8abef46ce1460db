"""Interleaved median timer: the two libraries take turns, medians win."""

import gc
import statistics
import time
from collections.abc import Callable

Run = Callable[[], dict[str, float]]


def timed(fn: Callable[[], object]) -> Run:
    """Wrap `fn` so that one call returns {"total": seconds it took}."""

    def run() -> dict[str, float]:
        start = time.perf_counter()
        fn()
        return {"total": time.perf_counter() - start}

    return run


def interleaved_medians(
    runs: dict[str, Run], repeats: int, warmup: int = 2
) -> dict[str, dict[str, float]]:
    """Median seconds per phase for each run, alternating runs repeat by repeat.

    Each run returns {phase: seconds}. The order of the runs is reversed every
    other repeat, so neither library always goes first (caches, turbo, noise).
    """
    names = list(runs)
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in names}
    # NOTE: freezing what exists (torch alone is ~200k objects) makes the
    # collection before each run walk only the objects the benchmark made.
    gc.collect()
    gc.freeze()
    try:
        _alternate(runs, names, samples, repeats, warmup)
    finally:
        gc.unfreeze()
    return {
        name: {phase: statistics.median(xs) for phase, xs in phases.items()}
        for name, phases in samples.items()
    }


def _alternate(runs, names, samples, repeats: int, warmup: int) -> None:
    for repeat in range(warmup + repeats):
        order = names if repeat % 2 == 0 else names[::-1]
        for name in order:
            # NOTE: gc stays enabled while timing (users pay for it too);
            # collecting first keeps one run's garbage out of the next one.
            gc.collect()
            phases = runs[name]()
            if repeat < warmup:
                continue
            for phase, seconds in phases.items():
                samples[name].setdefault(phase, []).append(seconds)
