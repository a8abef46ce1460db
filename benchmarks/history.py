"""history.jsonl: one line of ratios per full run, so a regression shows."""

import json
import subprocess
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FILE = "history.jsonl"


def commit() -> str | None:
    """The checked-out commit (short hash, `+dirty` with uncommitted changes)."""
    try:
        head = _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT
    ).stdout.strip()


def entry(results: dict) -> dict:
    """The run's commit, date, load and every speed ratio by workload."""
    meta = results["meta"]
    return {
        "commit": meta.get("commit"),
        "date": meta["date"],
        "preset": meta["preset"],
        "load_average": results["machine"].get("load_average"),
        "ratios": {r["workload"]: r["ratio"] for r in results.get("speed", [])},
        "goals_met": sum(g["met"] for g in results.get("goals", [])),
        "goals": len(results.get("goals", [])),
    }


def append(results: dict, out: Path) -> Path:
    """Add this run's line to out/history.jsonl (created on the first run)."""
    path = out / FILE
    with path.open("a") as file:
        file.write(json.dumps(entry(results), allow_nan=False) + "\n")
    return path


def read(out: Path) -> list[dict]:
    """Every line of out/history.jsonl, oldest first ([] when there is none)."""
    path = out / FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line]
