"""Fair side-by-side timing: BLAS worker threads that sleep instead of spinning."""

import os
import sys

# NOTE: OpenBLAS's idle workers busy-wait (about 2**28 cycles by default), so
# when numpy and torch alternate in one process they take the second core from
# torch's threads. A timeout of 2**4 cycles and OpenMP's PASSIVE policy make
# idle workers of both libraries yield at once. Both are read when the
# libraries load, so they must be set before numpy or torch is imported.
WAIT_POLICY = {"OPENBLAS_THREAD_TIMEOUT": "4", "OMP_WAIT_POLICY": "PASSIVE"}


def missing() -> dict[str, str]:
    """The wait-policy variables this process does not have yet."""
    return {k: v for k, v in WAIT_POLICY.items() if k not in os.environ}


def ensure_passive_wait(argv: list[str]) -> None:
    """Set the wait policy; re-execute `python -m benchmarks` if a BLAS already loaded."""
    todo = missing()
    if not todo:
        return
    os.environ.update(todo)
    if "numpy" in sys.modules or "torch" in sys.modules:
        os.execv(sys.executable, [sys.executable, "-m", "benchmarks", *argv])
