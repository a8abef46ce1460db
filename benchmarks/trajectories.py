"""Trajectory parity: the same loop, the same seed, both libraries, step by step."""

import types
from collections.abc import Callable

import numpy as np

from benchmarks.parity import compare
from benchmarks.presets import Preset
from benchmarks.workloads import TRAININGS, Training


def _parameters(model) -> np.ndarray:
    """All parameters, flattened into one float64 vector."""
    return np.concatenate(
        [
            np.array(p.detach().numpy(), dtype=np.float64).ravel()
            for p in model.parameters()
        ]
    )


def train(lib: types.ModuleType, build: Callable, epochs: int):
    """The course's loop, recording each step's loss and parameters after it."""
    training: Training = build(lib)
    model, criterion, optimizer = training.model, training.criterion, training.optimizer
    losses, history = [], [_parameters(model)]
    for _epoch in range(epochs):
        for x, y in training.loader:
            loss = criterion(model(x), y)
            losses.append(loss.item())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            history.append(_parameters(model))
    return np.array(losses), np.array(history)


def run_workload(name: str, preset: Preset, libs: dict) -> list[dict]:
    """Train in both libraries and measure how far the candidate drifts."""
    build = TRAININGS[name]
    ref_losses, ref_history = train(libs["torch"], build, preset.trajectory_epochs)
    row = {
        "workload": name,
        "epochs": preset.trajectory_epochs,
        "steps": len(ref_losses),
        "torch_loss": ref_losses.tolist(),
    }
    try:
        losses, history = train(libs["minigrad"], build, preset.trajectory_epochs)
    except Exception as error:  # a missing feature is a result too
        row["error"] = f"{type(error).__name__}: {error}".splitlines()[0]
        return [row]
    loss_diff = np.abs(losses - ref_losses)
    param_diff = np.abs(history - ref_history).max(axis=1)
    scale = np.maximum(np.abs(ref_losses), np.finfo(np.float64).tiny)
    final = compare(history[-1].astype(np.float32), ref_history[-1].astype(np.float32))
    close = np.isclose(losses, ref_losses, rtol=1.3e-6, atol=1e-5)
    row.update(
        error=None,
        minigrad_loss=losses.tolist(),
        loss_abs_diff=loss_diff.tolist(),
        param_max_abs_diff=param_diff[1:].tolist(),
        max_loss_abs_diff=float(loss_diff.max()),
        max_loss_rel_diff=float((loss_diff / scale).max()),
        initial_param_max_abs_diff=float(param_diff[0]),
        final_param_max_abs_diff=float(param_diff[-1]),
        final_params_ok=not final[2],
        first_loss_mismatch_step=None if close.all() else int(np.argmin(close)),
    )
    return [row]


def tasks(preset: Preset, libs: dict) -> list[tuple[str, Callable[[], list[dict]]]]:
    """One progress-bar task per workload."""
    return [
        (f"trajectory {name}", lambda name=name: run_workload(name, preset, libs))
        for name in TRAININGS
    ]
