"""`python -m benchmarks` at its tiny preset: the report's structure, no timings."""

import json

import pytest

from benchmarks import history, machine, plots, runner, threads
from benchmarks.__main__ import main
from benchmarks.goals import check_goals
from benchmarks.workloads import COURSE_LOOPS

SECTIONS = (
    "## Gradient parity",
    "## Trajectory parity",
    "## Speed",
    "## Other autograd libraries",
    "## Goals",
    "## Profile",
    "## Plots",
    "## Machine",
)
PLOTS = ("loss_curves.png", "divergence.png", "speed_ratios.png")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("benchmarks")
    runner.run("tiny", out, progress=False)
    return out


def test_json_has_every_section(out):
    report = json.loads((out / "report.json").read_text())
    assert {"machine", "parity", "trajectories", "speed", "goals", "meta"} <= set(
        report
    )
    for key in ("cpu", "cores", "python", "numpy", "torch", "env", "warnings"):
        assert key in report["machine"]
    assert "OPENBLAS_CORETYPE" in report["machine"]["env"]
    assert {"minigrad_blas", "torch_blas"} <= set(report["machine"])
    for row in report["speed"]:
        assert {"workload", "torch_s", "minigrad_s", "ratio"} <= set(row)
    groups = {row["group"] for row in report["speed"]}
    assert groups == {"course", "phases", "blas", "cnn", "random", "import"}
    for row in report["parity"]:
        assert {"name", "dtype", "max_abs_error", "max_rel_error", "ok"} <= set(row)
    assert {row["dtype"] for row in report["parity"]} == {"float32", "float64"}
    for row in report["trajectories"]:
        assert {"workload", "steps", "torch_loss"} <= set(row)
        assert len(row["torch_loss"]) == row["steps"]
    assert len(report["goals"]) == 12


def test_markdown_has_every_section_in_order(out):
    text = (out / "report.md").read_text()
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions)


def test_plots_are_png_files(out):
    for name in PLOTS:
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_only_one_section_from_the_command_line(tmp_path, capsys):
    main(["--preset", "tiny", "--only", "parity", "--out", str(tmp_path)])
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["parity"] and "speed" not in report and "trajectories" not in report
    assert "Gradient parity:" in capsys.readouterr().out
    assert not (tmp_path / "speed_ratios.png").exists()


def test_openblas_coretype_is_reported(monkeypatch):
    import torch

    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    described = machine.describe({"torch": torch, "minigrad": torch})
    assert described["env"]["OPENBLAS_CORETYPE"] == "Haswell"
    assert "OPENBLAS_CORETYPE" in described["warnings"][0]


def test_goals_say_by_how_much_they_are_missed():
    rows = [
        {"workload": "course loop: Linear(2,1)+MSE, batch 2", "ratio": 1.5},
        {"workload": "import", "minigrad_s": 0.35, "numpy_s": 0.1, "ratio": 4.0},
        {"workload": "rand(1_000_000)", "ratio": 0.5},
    ]
    for row in rows:
        row.setdefault("minigrad_s", 1.0)
    verdicts = {v["workload"]: v for v in check_goals(rows)}
    assert not verdicts["course loop: Linear(2,1)+MSE, batch 2"]["met"]
    assert (
        "needs 2.00x faster"
        in verdicts["course loop: Linear(2,1)+MSE, batch 2"]["detail"]
    )
    assert not verdicts["import"]["met"]
    assert "100 ms over" in verdicts["import"]["detail"]
    assert verdicts["rand(1_000_000)"]["met"]


def test_every_course_loop_has_a_phase_breakdown(out):
    report = json.loads((out / "report.json").read_text())
    phased = {
        row["workload"].split(": ")[0]
        for row in report["speed"]
        if row["group"] == "phases"
    }
    assert len(phased) == len(COURSE_LOOPS)


def test_the_run_reports_the_wait_policy(out):
    report = json.loads((out / "report.json").read_text())
    assert set(threads.WAIT_POLICY) <= set(report["machine"]["env"])
    assert "OPENBLAS_THREAD_TIMEOUT" in (out / "report.md").read_text()


def test_tiny_runs_leave_no_history(out):
    assert not (out / history.FILE).exists()


def test_history_appends_one_line_per_full_run_and_plots_it(tmp_path):
    results = {
        "meta": {"commit": "abc1234", "date": "2026-12-05 05:00 UTC"},
        "machine": {"load_average": [1.0, 1.0, 1.0]},
        "speed": [{"workload": "course loop: x", "ratio": 2.0}],
        "goals": [{"met": False}],
    }
    results["meta"]["preset"] = "default"
    history.append(results, tmp_path)
    results["meta"]["commit"] = "def5678"
    history.append(results, tmp_path)
    lines = history.read(tmp_path)
    assert [line["commit"] for line in lines] == ["abc1234", "def5678"]
    assert lines[0]["ratios"] == {"course loop: x": 2.0}
    plots.history_ratios(lines, tmp_path / "h.png")
    assert (tmp_path / "h.png").read_bytes()[:4] == b"\x89PNG"


def test_wait_policy_is_set_without_overriding_the_user(monkeypatch):
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    monkeypatch.delenv("OPENBLAS_THREAD_TIMEOUT", raising=False)
    assert threads.missing() == {"OPENBLAS_THREAD_TIMEOUT": "4"}
