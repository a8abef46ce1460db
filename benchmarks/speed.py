"""Speed: torch and minigrad timed in one process, interleaved, as ratios."""

import itertools
import os
import subprocess
import sys
import time
import types
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.presets import Preset
from benchmarks.timing import Run, interleaved_medians, timed
from benchmarks.workloads import (
    CNNS,
    COURSE_LOOPS,
    TRAININGS,
    Training,
    blas_mlp,
    course_epoch,
)

ROLES = ("torch", "minigrad")
PHASES = (
    "DataLoader batch",
    "forward: model(x)",
    "forward: criterion(yhat, y)",
    "loss.item()",
    "optimizer.zero_grad()",
    "loss.backward()",
    "optimizer.step()",
)
PHASE_PREFIX = "course step phase"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def course_loop(lib: types.ModuleType, name: str, preset: Preset) -> Run:
    """Seconds per training step of the course's loop, over a few epochs."""
    training = TRAININGS[name](lib)
    steps = len(training.loader) * preset.course_epochs_per_repeat

    def run() -> dict[str, float]:
        LOSS, epoch_list = [], []
        start = time.perf_counter()
        for epoch in range(preset.course_epochs_per_repeat):
            course_epoch(training, epoch, LOSS, epoch_list)
        return {"total": (time.perf_counter() - start) / steps}

    return run


def course_step_phases(
    lib: types.ModuleType, preset: Preset, name: str = COURSE_LOOPS[0]
) -> Run:
    """Seconds per phase of one course loop's step (default Linear(2, 1) + MSE)."""
    training = TRAININGS[name](lib)
    loader, model = training.loader, training.model
    criterion, optimizer = training.criterion, training.optimizer
    clock = time.perf_counter

    def run() -> dict[str, float]:
        sums = [0.0] * len(PHASES)
        steps = 0
        while steps < preset.phase_steps:
            t0 = clock()
            for x, y in loader:
                t1 = clock()
                yhat = model(x)
                t2 = clock()
                loss = criterion(yhat, y)
                t3 = clock()
                loss.item()
                t4 = clock()
                optimizer.zero_grad()
                t5 = clock()
                loss.backward()
                t6 = clock()
                optimizer.step()
                t7 = clock()
                times = (t0, t1, t2, t3, t4, t5, t6, t7)
                for i, (a, b) in enumerate(itertools.pairwise(times)):
                    sums[i] += b - a
                steps += 1
                t0 = clock()
        return {phase: total / steps for phase, total in zip(PHASES, sums, strict=True)}

    return run


def blas_step(lib: types.ModuleType, preset: Preset) -> Run:
    """Seconds per training step of the BLAS-bound MLP (float32)."""
    rng = np.random.default_rng(0)
    n, f = preset.blas_batch, preset.blas_features
    x = lib.from_numpy(rng.standard_normal((n, f), dtype=np.float32))
    y = lib.from_numpy(rng.standard_normal((n, 1), dtype=np.float32))
    return _batch_step(blas_mlp(lib, f, x, y), x, y)


def cnn_step(lib: types.ModuleType, name: str) -> Run:
    """Seconds per training step of a CNN on its first batch (float32)."""
    training = CNNS[name](lib)
    return _batch_step(training, *next(iter(training.loader)))


def _batch_step(training: Training, x: Any, y: Any) -> Run:
    """Seconds per training step of `training` on the one batch (x, y)."""
    model, criterion, optimizer = training.model, training.criterion, training.optimizer

    def step() -> None:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        loss.item()

    return timed(step)


def random_factory(lib: types.ModuleType, fn: str, numel: int) -> Run:
    return timed(lambda: getattr(lib, fn)(numel))


def import_time(module: str) -> Run:
    """Seconds `import module` takes in a fresh interpreter (startup excluded)."""
    code = (
        "import time; start = time.perf_counter(); "
        f"import {module}; print(time.perf_counter() - start)"
    )

    # NOTE: bytecode may be cached (the warm-up runs write it), as pip's install of
    # torch and numpy has theirs: a PYTHONDONTWRITEBYTECODE of the caller's would
    # time minigrad's compilation from source on every import
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run() -> dict[str, float]:
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=PROJECT_ROOT,
            env=env,
        )
        return {"total": float(out.stdout.strip())}

    return run


def measure(
    make: Callable[[types.ModuleType], Run], libs: dict, repeats: int, warmup: int
) -> tuple[dict[str, dict[str, float]], str | None]:
    """Interleaved medians per role; if minigrad fails, torch alone and the error."""
    try:
        runs = {role: make(libs[role]) for role in ROLES}
        return interleaved_medians(runs, repeats, warmup), None
    except Exception as error:  # a missing feature is a result too
        failure = f"{type(error).__name__}: {error}".splitlines()[0]
        alone = {"torch": make(libs["torch"])}
        return interleaved_medians(alone, repeats, warmup), failure


def rows(workload: str, group: str, unit: str, medians: dict, error) -> list[dict]:
    """One row per phase: seconds per library and the ratio torch / minigrad."""
    out = []
    for phase, torch_s in medians["torch"].items():
        minigrad_s = medians.get("minigrad", {}).get(phase)
        name = workload if phase == "total" else f"{workload}: {phase}"
        out.append(
            {
                "workload": name,
                "group": group,
                "unit": unit,
                "torch_s": torch_s,
                "minigrad_s": minigrad_s,
                "ratio": None if not minigrad_s else torch_s / minigrad_s,
                "error": error,
            }
        )
    return out


def tasks(preset: Preset, libs: dict) -> list[tuple[str, Callable[[], list[dict]]]]:
    """One progress-bar task per speed workload, labelled ``speed <workload>``."""

    def task(
        workload: str,
        group: str,
        make: Callable[[types.ModuleType], Run],
        repeats: int = preset.speed_repeats,
        unit: str = "s per step",
    ) -> tuple[str, Callable[[], list[dict]]]:
        """A task timing ``make(lib)`` for both libraries."""
        measured = partial(measure, make, libs, repeats, preset.warmup)
        return f"speed {workload}", lambda: rows(workload, group, unit, *measured())

    blas = f"BLAS-bound step: MLP on {preset.blas_batch}x{preset.blas_features}"
    numel = preset.rng_numel
    return [
        *(
            task(
                f"course loop: {n}",
                "course",
                partial(course_loop, name=n, preset=preset),
            )
            for n in COURSE_LOOPS
        ),
        *(
            task(
                f"{PHASE_PREFIX} ({n})",
                "phases",
                partial(course_step_phases, preset=preset, name=n),
            )
            for n in COURSE_LOOPS
        ),
        task(blas, "blas", partial(blas_step, preset=preset), preset.blas_repeats),
        *(
            task(f"CNN step: {n}", "cnn", partial(cnn_step, name=n), preset.cnn_repeats)
            for n in CNNS
        ),
        *(
            task(
                f"{fn}({numel:_})",
                "random",
                partial(random_factory, fn=fn, numel=numel),
                preset.rng_repeats,
                "s per call",
            )
            for fn in ("rand", "randn", "randperm")
        ),
        ("speed import", lambda: import_rows(preset, libs)),
    ]


def import_rows(preset: Preset, libs: dict) -> list[dict]:
    """`import` of each library and of numpy, in fresh interpreters."""
    names = {"numpy": "numpy", **{role: libs[role].__name__ for role in ROLES}}
    runs = {role: import_time(module) for role, module in names.items()}
    medians = interleaved_medians(runs, preset.import_repeats, preset.warmup)
    [row] = rows("import", "import", "s per import", medians, None)
    row["numpy_s"] = medians["numpy"]["total"]
    return [row]
