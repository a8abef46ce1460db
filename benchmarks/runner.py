"""Run the chosen sections under one progress bar and write the report."""

import dataclasses
import datetime
import importlib
import os
import time
import warnings
from pathlib import Path

from tqdm import tqdm

from benchmarks import history, machine, parity, plots, report, speed, trajectories
from benchmarks.goals import check_goals
from benchmarks.peers import section as peers
from benchmarks.presets import PRESETS
from benchmarks.profiling import profiles

SECTIONS = {
    "parity": parity,
    "trajectories": trajectories,
    "speed": speed,
    "peers": peers,
}
DEFAULT_OUT = Path(__file__).resolve().parent / "results"


def _profile(lib, preset) -> list[str]:
    try:
        return [profiles(lib, preset)]
    except Exception as error:  # a missing feature is a result too
        return [f"profile failed: {type(error).__name__}: {error}"]


def run(
    preset: str = "default",
    out: str | Path = DEFAULT_OUT,
    only: str | None = None,
    libs: tuple[str, str] = ("torch", "minigrad"),
    progress: bool = True,
) -> dict:
    """Measure, write report.md, report.json and the plots into `out`; return it."""
    start = time.perf_counter()
    settings = PRESETS[preset]
    modules = dict(zip(speed.ROLES, map(importlib.import_module, libs), strict=True))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine.describe(modules)}
    chosen = [only] if only else list(SECTIONS)
    work = []
    for section in chosen:
        results[section] = []
        work += [
            (section, label, fn)
            for label, fn in SECTIONS[section].tasks(settings, modules)
        ]
    if "speed" in chosen:
        lib = modules["minigrad"]
        work.append(("profile", "profile", lambda: _profile(lib, settings)))
    results["profile"] = []
    timings: dict[str, float] = {}
    bar = tqdm(work, disable=not progress, unit="task", dynamic_ncols=True)
    with warnings.catch_warnings():
        # NOTE: the course's first Data2D gives a Linear(2, 1) model (n, 2)
        # targets, so MSELoss broadcasts and warns on every call; the loop
        # stays as the course writes it.
        warnings.filterwarnings("ignore", message="Using a target size")
        for section, label, fn in bar:
            bar.set_description(label[:48])
            t0 = time.perf_counter()
            results[section].extend(fn())
            timings[label] = time.perf_counter() - t0
    results["profile"] = "".join(results["profile"])
    if "speed" in chosen:
        results["goals"] = check_goals(results["speed"])
    results["machine"]["load_average_end"] = (
        list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    )
    results["meta"] = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime(
            "%Y-%m-%d %H:%M UTC"
        ),
        "preset": preset,
        "preset_settings": dataclasses.asdict(settings),
        "sections": chosen,
        "task_seconds": timings,
        "commit": history.commit(),
    }
    if preset == "default" and only is None:  # NOTE: full runs only
        history.append(results, out)
        results["history"] = history.read(out)
    results["meta"]["plots"] = plots.write_plots(results, out)
    results.pop("history", None)  # NOTE: it lives in history.jsonl, not report.json
    results["meta"]["duration_s"] = time.perf_counter() - start
    report.write(results, out)
    return results
