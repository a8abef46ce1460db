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
    remaining: str = ""  # where the time goes when the goal is missed (profiled)


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


# NOTE: profiled on 2026-12-05 (cProfile and single-call timings of each phase, in
# one process, medians); the phase rows above each verdict give today's figures.
COURSE_FLOOR = (
    "One batch-2 step of Linear(2,1)+MSE runs about 30 NumPy calls on arrays of 2-4 "
    "elements (matmul 0.75 us, a broadcast subtract 0.7, a reduction 0.7, a scalar "
    "operation 0.2-0.45 us each) and records 5 nodes (about 1.5-2 us each: the node, "
    "its edges, saved values and version checks) that the engine then visits (about "
    "1.2 us per node, 0.6 per leaf). 3x torch means at most about 34 us per step; "
    "SGD's exact fused multiply-add step (about 15 us) and the DataLoader (about 8 us) "
    "leave about 11 us for the forward, the loss, zero_grad and backward, which is what "
    "their NumPy calls alone cost before any recording. With exact, torch-shaped graphs "
    "in Python and NumPy the floor is about 45-50 us a step, 2.1-2.3x torch."
)
BLAS_FLOOR = (
    "Most of the step is two 4096x1024 matrix products (about 8.6 GFLOP each) that "
    "NumPy hands to OpenBLAS, which runs them slower on this CPU than torch's MKL; the "
    "rest (ReLU's bit-mask backward, the exact SGD update) is under 5% of the step. "
    "PyPI has no NumPy built on MKL for this Python, so the gap stays with the BLAS."
)

GOALS = [
    # NOTE: issue 15's goals
    Goal(
        f"course loop: {COURSE_LOOPS[0]}", ">= 3x torch", min_ratio(3), 3, COURSE_FLOOR
    ),
    Goal(
        f"course loop: {COURSE_LOOPS[1]}", ">= 3x torch", min_ratio(3), 3, COURSE_FLOOR
    ),
    Goal(
        f"course loop: {COURSE_LOOPS[2]}",
        ">= 2.5x torch",
        min_ratio(2.5),
        2.5,
        COURSE_FLOOR,
    ),
    *(
        Goal(f"course loop: {name}", ">= 1x torch", min_ratio(1), 1)
        for name in COURSE_LOOPS[4:6]  # the MLP 784-128-10, batch 64 and 256
    ),
    Goal("BLAS-bound step", ">= 0.95x torch", min_ratio(0.95), 0.95, BLAS_FLOOR),
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
            if not verdict["met"] and goal.remaining:
                verdict["remaining"] = goal.remaining
            verdicts.append(verdict)
    return verdicts
