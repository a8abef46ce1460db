"""The report's PNG plots: loss curves, divergence per step, speed ratios."""

from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)

COLORS = {"torch": "tab:orange", "minigrad": "tab:blue"}
FLOOR = 1e-12


def _grid(n: int, height: float = 2.8):
    cols = min(n, 2)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(
        rows, cols, figsize=(6 * cols, height * rows), squeeze=False
    )
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat)


def loss_curves(trajectories: list[dict], path: Path) -> None:
    """Both libraries' per-step losses overlaid, one panel per workload."""
    fig, axes = _grid(len(trajectories))
    for ax, row in zip(axes, trajectories, strict=False):
        ax.plot(row["torch_loss"], color=COLORS["torch"], lw=2.5, label="torch")
        if row.get("minigrad_loss"):
            ax.plot(
                row["minigrad_loss"], "--", color=COLORS["minigrad"], label="minigrad"
            )
        ax.set(
            title=row["workload"], xlabel="training step", ylabel="loss", yscale="log"
        )
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def divergence(trajectories: list[dict], path: Path) -> None:
    """|loss difference| and max |parameter difference| after each step."""
    fig, axes = _grid(len(trajectories))
    for ax, row in zip(axes, trajectories, strict=False):
        ax.set(
            title=row["workload"],
            xlabel="training step",
            ylabel=f"|minigrad - torch| (0 drawn at {FLOOR:g})",
            yscale="log",
        )
        if row.get("error"):
            ax.text(0.5, 0.5, row["error"][:60], ha="center", transform=ax.transAxes)
            continue
        # NOTE: exact zeros (identical steps) are drawn at FLOOR to stay visible.
        ax.plot(np.maximum(row["loss_abs_diff"], FLOOR), label="loss")
        ax.plot(np.maximum(row["param_max_abs_diff"], FLOOR), label="parameters (max)")
        worst = max(max(row["loss_abs_diff"]), max(row["param_max_abs_diff"]))
        ax.set_ylim(FLOOR / 3, max(1e-6, worst * 10))
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def speed_ratios(speed: list[dict], goals: list[dict], path: Path) -> None:
    """torch time / minigrad time per workload; red misses a goal, green meets it."""
    rows = [row for row in speed if row["ratio"]]
    by_workload = {goal["workload"]: goal for goal in goals}
    fig, ax = plt.subplots(figsize=(10, 0.38 * len(rows) + 1.5))
    names = [row["workload"].replace("course step phase ", "") for row in rows]
    colors = []
    for y, row in enumerate(rows):
        goal = by_workload.get(row["workload"], {})
        colors.append(
            {True: "tab:green", False: "tab:red"}.get(goal.get("met"), "gray")
        )
        if goal.get("target_ratio"):
            ax.plot(goal["target_ratio"], y, "k|", markersize=18, mew=2)
    ax.barh(names, [row["ratio"] for row in rows], color=colors)
    ax.axvline(1.0, color="black", lw=1)
    ax.set_title("green: goal met, red: missed, |: the goal, gray: no goal")
    ax.set_xscale("log")
    ax.invert_yaxis()
    ax.set(xlabel="torch time / minigrad time (> 1: minigrad faster)")
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_plots(report: dict, out: Path) -> list[str]:
    """Every plot the report's sections allow; returns the file names."""
    names = []
    if report.get("trajectories"):
        loss_curves(report["trajectories"], out / "loss_curves.png")
        divergence(report["trajectories"], out / "divergence.png")
        names += ["loss_curves.png", "divergence.png"]
    if report.get("speed"):
        speed_ratios(report["speed"], report.get("goals", []), out / "speed_ratios.png")
        names.append("speed_ratios.png")
    if any(r.get("table") == "speed" for r in report.get("peers", [])):
        peers_speed(report["peers"], out / "peers_speed.png")
        names.append("peers_speed.png")
    if report.get("history"):
        history_ratios(report["history"], out / "history_ratios.png")
        names.append("history_ratios.png")
    return names


def peers_speed(rows: list[dict], path: Path) -> None:
    """Seconds per step of every library, side by side, one group per workload."""
    rows = [r for r in rows if r.get("table") == "speed" and r["seconds"]]
    workloads = list(dict.fromkeys(r["workload"] for r in rows))
    libraries = list(dict.fromkeys(r["library"] for r in rows))
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / max(len(libraries), 1)
    palette = plt.get_cmap("tab10")
    for i, library in enumerate(libraries):
        times = {r["workload"]: r["seconds"] for r in rows if r["library"] == library}
        xs = [w + i * width for w, name in enumerate(workloads) if name in times]
        ys = [times[name] * 1e6 for name in workloads if name in times]
        color = COLORS.get(library, palette(i % 10))
        ax.bar(xs, ys, width, label=library, color=color)
    ax.set_xticks([w + 0.4 - width / 2 for w in range(len(workloads))], workloads)
    ax.set(ylabel="microseconds per training step (log)", yscale="log")
    ax.set_title("every library on the same workloads (lower is faster)")
    ax.legend(ncol=4, fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def history_ratios(history: list[dict], path: Path) -> None:
    """Each workload's torch/minigrad ratio over the recorded full runs."""
    labels = [f"{h['commit'] or '?'}\n{h['date'][:10]}" for h in history]
    workloads = dict.fromkeys(
        name
        for h in history
        for name in h["ratios"]
        if not name.startswith("course step phase")  # NOTE: phases would crowd it
    )
    fig, ax = plt.subplots(figsize=(max(6, 0.9 * len(history) + 4), 5))
    for name in workloads:
        ys = [h["ratios"].get(name) or np.nan for h in history]
        ax.plot(range(len(history)), ys, "o-", label=name)
    ax.axhline(1.0, color="black", lw=1)
    ax.set_xticks(range(len(history)), labels, fontsize=7)
    ax.set(
        yscale="log",
        ylabel="torch time / minigrad time (> 1: minigrad faster)",
        title="speed ratios over commits (full runs, benchmarks/results/history.jsonl)",
    )
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
