"""The top of a cProfile of minigrad's workloads, to show where the time goes."""

import cProfile
import io
import pstats
import types

from benchmarks.presets import Preset
from benchmarks.speed import blas_step, course_loop
from benchmarks.timing import Run
from benchmarks.workloads import COURSE_LOOPS


def profile(title: str, run: Run, calls: int, top: int = 15) -> str:
    """pstats' table (by own time) of `calls` runs after one warm-up run."""
    run()  # warm-up: lazy imports, caches
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        run()
    profiler.disable()
    out = io.StringIO()
    print(f"### {title}", file=out)
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def profiles(lib: types.ModuleType, preset: Preset) -> str:
    """The batch-2 and BCE course loops and the BLAS-bound step, in `lib`."""
    epochs = preset.profile_calls * preset.course_epochs_per_repeat
    texts = [
        profile(
            f"{lib.__name__}: course loop {name}, {epochs} epochs",
            course_loop(lib, name, preset),
            preset.profile_calls,
        )
        for name in (COURSE_LOOPS[0], COURSE_LOOPS[2])
    ]
    texts.append(
        profile(
            f"{lib.__name__}: BLAS-bound step, 2 steps",
            blas_step(lib, preset),
            calls=2,
            top=10,
        )
    )
    return "\n".join(texts)
