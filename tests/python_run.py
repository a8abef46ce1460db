"""Run Python code in a fresh interpreter on this checkout's minigrad."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python(code: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    """`python -c code` in `cwd`, this checkout first on the path, with `env` added."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
