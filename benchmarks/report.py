"""The report: report.json as measured, report.md as tables a person reads."""

import json
import math
from pathlib import Path

from benchmarks.peers import report as peers_report
from benchmarks.threads import WAIT_POLICY


def seconds(value: float | None) -> str:
    """A duration with a readable unit."""
    if value is None:
        return "-"
    if value < 1e-3:
        return f"{value * 1e6:.1f} us"
    if value < 1:
        return f"{value * 1e3:.2f} ms"
    return f"{value:.2f} s"


def number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2g}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine_section(m: dict) -> str:
    pools = ", ".join(
        f"{p['library']} {p['version'] or ''} ({p['threads']} threads"
        + (f", {p['architecture']}" if p.get("architecture") else "")
        + ")"
        for p in m["minigrad_blas"]["pools"]
    )
    torch_pools = ", ".join(
        f"{p['library']} ({p['threads']} threads)" for p in m["torch_blas"]["pools"]
    )
    env = ", ".join(f"{k}={v}" for k, v in m["env"].items() if v) or "none set"
    load = m.get("load_average_end") or m["load_average"]
    rows = [
        ["CPU", f"{m['cpu']} ({', '.join(m['cpu_flags'])})"],
        ["cores", f"{m['cores']} ({m['usable_cores']} usable)"],
        [
            "load average (1 min) at start / end",
            f"{m['load_average'][0]:.2f} / {load[0]:.2f}",
        ],
        ["python / numpy / torch", f"{m['python']} / {m['numpy']} / {m['torch']}"],
        ["compared", f"{m['libs']['torch']} (reference) vs {m['libs']['minigrad']}"],
        ["minigrad's BLAS (numpy's)", f"{m['minigrad_blas']['via']}; {pools}"],
        [
            "torch's BLAS",
            f"{m['torch_blas']['via']}; {m['torch_blas']['threads']} intra-op "
            f"threads; {torch_pools}",
        ],
        ["torch CPU capability", m["torch_cpu_capability"]],
        ["BLAS environment", env],
        [
            "OPENBLAS_CORETYPE",
            m["env"]["OPENBLAS_CORETYPE"]
            or "not set (when set, it can slow numpy's BLAS on some machines)",
        ],
    ]
    text = "## Machine\n\n" + table(["", ""], rows)
    for warning in m["warnings"]:
        text += f"\n\n**Warning:** {warning}"
    if load[0] > m["usable_cores"] or m["load_average"][0] > m["usable_cores"]:
        text += (
            "\n\n**Note:** the machine was busy with other work (load above the "
            "core count); ratios from interleaved medians hold up better than "
            "absolute times."
        )
    return text


def goals_section(goals: list[dict]) -> str:
    rows = [
        [g["workload"], g["goal"], g["detail"], "met" if g["met"] else "**MISSED**"]
        for g in goals
    ]
    missed = [g for g in goals if not g["met"]]
    summary = f"{len(goals) - len(missed)} of {len(goals)} goals met."
    if missed:
        summary += (
            " Missed: "
            + "; ".join(f"{g['workload']} ({g['detail']})" for g in missed)
            + "."
        )
    reasons: dict[str, str] = {}
    for g in missed:
        if g.get("remaining"):
            reasons.setdefault(g["remaining"], g["workload"])
    why = "".join(
        f"\n\n**Where the time goes ({workload}, and the goals like it).** {text}"
        for text, workload in reasons.items()
    )
    return (
        "## Goals\n\n"
        + summary
        + "\n\n"
        + table(["workload", "goal", "measured", "verdict"], rows)
        + why
    )


def speed_section(speed: list[dict], preset: dict) -> str:
    rows = [
        [
            r["workload"],
            r["unit"],
            seconds(r["torch_s"]),
            seconds(r["minigrad_s"]),
            "-" if r["ratio"] is None else f"{r['ratio']:.2f}x",
        ]
        + (
            [f"numpy: {seconds(r['numpy_s'])}"]
            if "numpy_s" in r
            else [r["error"] or ""]
        )
        for r in speed
    ]
    intro = (
        "Both libraries timed in this process, runs alternating (interleaved), "
        f"medians of {preset['speed_repeats']} repeats "
        f"({preset['blas_repeats']} for the BLAS-bound step, "
        f"{preset['rng_repeats']} for random numbers, "
        f"{preset['import_repeats']} fresh interpreters for import). "
        "ratio = torch time / minigrad time: above 1, "
        "minigrad is faster. The BLAS-bound MLP is Linear(f, f), ReLU, Linear(f, 1) "
        "on a batch x f float32 input, MSELoss, SGD."
    )
    return (
        "## Speed\n\n"
        + intro
        + "\n\n"
        + table(["workload", "unit", "torch", "minigrad", "ratio", "note"], rows)
    )


def parity_section(parity: list[dict]) -> str:
    by_name: dict[str, dict[str, dict]] = {}
    for row in parity:
        by_name.setdefault(row["name"], {})[row["dtype"]] = row
    rows = []
    for name, dtypes in by_name.items():
        cells = [name, "; ".join(next(iter(dtypes.values()))["shapes"])]
        for dtype in ("float32", "float64"):
            row = dtypes.get(dtype)
            if row is None:
                cells += ["-", "-", "-"]
                continue
            verdict = "pass" if row["ok"] else "**FAIL**"
            cells += [
                number(row["max_abs_error"]),
                number(row["max_rel_error"]),
                verdict,
            ]
        rows.append(cells)
    passed = sum(row["ok"] for row in parity)
    intro = (
        f"{passed} of {len(parity)} (case, dtype) checks pass. Each check seeds inputs "
        "per shape set, back-propagates the same non-uniform upstream gradient in both "
        "libraries and compares every input's and parameter's gradient with "
        "torch.testing.assert_close (default tolerances per dtype); errors are the "
        "worst over the shape sets."
    )
    header = [
        "op / module",
        "shapes",
        "f32 max abs",
        "f32 max rel",
        "f32",
        "f64 max abs",
        "f64 max rel",
        "f64",
    ]
    text = "## Gradient parity\n\n" + intro + "\n\n" + table(header, rows)
    failures = [
        f"- {r['name']} ({r['dtype']}): {f}" for r in parity for f in r["failures"][:3]
    ]
    if failures:
        text += "\n\nFailures (first three per check):\n\n" + "\n".join(failures)
    return text


def trajectories_section(trajectories: list[dict]) -> str:
    rows = []
    for r in trajectories:
        if r.get("error"):
            rows.append(
                [r["workload"], r["steps"], f"**ERROR** {r['error']}"] + ["-"] * 5
            )
            continue
        first = r["first_loss_mismatch_step"]
        rows.append(
            [
                r["workload"],
                r["steps"],
                number(r["max_loss_abs_diff"]),
                number(r["max_loss_rel_diff"]),
                number(r["initial_param_max_abs_diff"]),
                number(r["final_param_max_abs_diff"]),
                "none" if first is None else first,
                "pass" if r["final_params_ok"] else "**FAIL**",
            ]
        )
    intro = (
        "The same loop from the same seed (minigrad's generator reproduces torch's, so "
        "data and initial weights should match without copying) in both libraries. "
        "Loss differences per step; parameters as max |minigrad - torch|; the first "
        "step whose loss is outside float32 assert_close tolerance; verdict = final "
        "parameters pass assert_close."
    )
    header = [
        "workload",
        "steps",
        "max abs loss diff",
        "max rel loss diff",
        "initial params diff",
        "final params diff",
        "first step off",
        "verdict",
    ]
    return "## Trajectory parity\n\n" + intro + "\n\n" + table(header, rows)


def profile_text(text: str) -> str:
    """Each profile's title as a heading, its table as a code block."""
    blocks = []
    for chunk in text.split("### ")[1:]:
        title, _, body = chunk.partition("\n")
        blocks.append(f"### {title}\n\n```text\n{body.strip()}\n```")
    return "\n\n".join(blocks) or f"```text\n{text.strip()}\n```"


def wait_policy_note(env: dict) -> str:
    """Whether idle BLAS threads yielded during the run (benchmarks/threads.py)."""
    values = {k: env.get(k) for k in WAIT_POLICY}
    if all(values.values()):
        return (
            "Idle BLAS threads yielded the core during the run ("
            + ", ".join(f"{k}={v}" for k, v in values.items())
            + ", set by `python -m benchmarks` before numpy and torch load), so "
            "OpenBLAS's spinning workers did not take torch's second core."
        )
    return (
        "**Note:** the BLAS wait policy was not set ("
        + ", ".join(f"{k}={v or 'unset'}" for k, v in values.items())
        + "): OpenBLAS's busy-waiting workers can slow torch in this process."
    )


def markdown(report: dict) -> str:
    """Parity first, then speed and the peers, then goals, profile, plots, machine."""
    meta = report["meta"]
    parts = [
        "# minigrad benchmark report",
        f"{meta['date']}, preset `{meta['preset']}`, {meta['duration_s']:.0f} s"
        + (f", commit `{meta['commit']}`" if meta.get("commit") else "")
        + ". Written by `python -m benchmarks`; numbers in report.json.",
    ]
    if report.get("parity"):
        parts.append(parity_section(report["parity"]))
    if report.get("trajectories"):
        parts.append(trajectories_section(report["trajectories"]))
    if report.get("speed"):
        parts.append(
            speed_section(report["speed"], meta["preset_settings"])
            + "\n\n"
            + wait_policy_note(report["machine"]["env"])
        )
    if report.get("peers"):
        parts.append(peers_report.section(report["peers"]))
    if report.get("speed"):
        parts.append(goals_section(report["goals"]))
    if report.get("profile"):
        parts.append(
            "## Profile\n\nThe top of a cProfile (sorted by own time) of minigrad's "
            "course loops and BLAS-bound step; profiling inflates small calls.\n\n"
            + profile_text(report["profile"])
        )
    if meta.get("plots"):
        parts.append(
            "## Plots\n\n" + "\n\n".join(f"![{name}]({name})" for name in meta["plots"])
        )
    parts.append(machine_section(report["machine"]))
    return "\n\n".join(parts) + "\n"


def summary(report: dict) -> str:
    """What the command prints when it finishes."""
    parts = []
    if report.get("parity"):
        passed = sum(row["ok"] for row in report["parity"])
        parts.append(
            f"Gradient parity: {passed} of {len(report['parity'])} checks pass."
        )
    if report.get("trajectories"):
        rows = report["trajectories"]
        ok = sum(bool(r.get("final_params_ok")) for r in rows)
        parts.append(
            f"Trajectory parity: {ok} of {len(rows)} workloads end within tolerance."
        )
    if report.get("speed"):
        parts.append(speed_section(report["speed"], report["meta"]["preset_settings"]))
    if report.get("peers"):
        parts.append(peers_report.summary(report["peers"]))
    if report.get("speed"):
        parts.append(goals_section(report["goals"]))
    return "\n\n".join(parts)


def _strict(value):
    """JSON has no inf or nan: write them as the strings "inf", "nan"."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {key: _strict(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(item) for item in value]
    return value


def write(report: dict, out: Path) -> None:
    """report.json (every number) and report.md (the tables)."""
    text = json.dumps(_strict(report), indent=1, allow_nan=False)
    (out / "report.json").write_text(text + "\n")
    (out / "report.md").write_text(markdown(report))
