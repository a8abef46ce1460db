"""The speed goals the report checks, each against one measured row."""

from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.workloads import CNNS, COURSE_LOOPS


@dataclass(frozen=True)
class Goal:
    """A goal on the rows whose workload starts with `workload`."""

    workload: str
    text: str
    check: Callable[[dict], tuple[bool, str]]  # row -> (met, how far from it)
    target_ratio: float | None = None  # for the plot


def min_ratio(goal: float) -> Callable[[dict], tuple[bool, str]]:
    """torch_s / minigrad_s must reach `goal`."""

    def check(row: dict) -> tuple[bool, str]:
        ratio = row["ratio"]
        if ratio >= goal:
            return True, f"{ratio:.2f}x >= {goal:.2f}x"
        return False, f"{ratio:.2f}x < {goal:.2f}x: needs {goal / ratio:.2f}x faster"

    return check


def import_within(seconds: float) -> Callable[[dict], tuple[bool, str]]:
    """`import minigrad` may take at most `seconds` more than `import numpy`."""

    def check(row: dict) -> tuple[bool, str]:
        extra = row["minigrad_s"] - row["numpy_s"]
        text = f"{extra * 1e3:+.0f} ms vs numpy (limit +{seconds * 1e3:.0f} ms)"
        if extra <= seconds:
            return True, text
        return False, f"{text}: {(extra - seconds) * 1e3:.0f} ms over"

    return check


GOALS = [
    # NOTE: issue 15's goals
    Goal(f"course loop: {COURSE_LOOPS[0]}", ">= 3x torch", min_ratio(3), 3),
    Goal(f"course loop: {COURSE_LOOPS[1]}", ">= 3x torch", min_ratio(3), 3),
    Goal(f"course loop: {COURSE_LOOPS[2]}", ">= 2.5x torch", min_ratio(2.5), 2.5),
    *(
        Goal(f"course loop: {name}", ">= 1x torch", min_ratio(1), 1)
        for name in COURSE_LOOPS[4:6]  # the MLP 784-128-10, batch 64 and 256
    ),
    Goal("BLAS-bound step", ">= 0.95x torch", min_ratio(0.95), 0.95),
    *(
        Goal(f"CNN step: {name}", "within 2x of torch", min_ratio(0.5), 0.5)
        for name in CNNS
    ),
    Goal("import", "within 150 ms of `import numpy`", import_within(0.150)),
    Goal("rand(", "within 10x of torch", min_ratio(0.1), 0.1),
    Goal("randn(", "within 10x of torch", min_ratio(0.1), 0.1),
    Goal("randperm(", "within 10x of torch", min_ratio(0.1), 0.1),
]


def check_goals(speed: list[dict]) -> list[dict]:
    """One verdict per goal whose workload was measured."""
    verdicts = []
    for goal in GOALS:
        for row in speed:
            if not row["workload"].startswith(goal.workload):
                continue
            verdict = {
                "workload": row["workload"],
                "goal": goal.text,
                "target_ratio": goal.target_ratio,
            }
            if row["minigrad_s"] is None:
                verdict.update(met=False, detail=f"not measured: {row['error']}")
            else:
                met, detail = goal.check(row)
                verdict.update(met=met, detail=detail)
            verdicts.append(verdict)
    return verdicts
