"""Speed of every library on two workloads, written once in the peer vocabulary:
the course loop (Linear(2,1)+MSE, batch 2) and an MLP, interleaved in one process."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable

import numpy as np
import torch

import minigrad
from benchmarks.peers.base import Peer
from benchmarks.peers.torchlike import TorchLike
from benchmarks.presets import Preset
from benchmarks.timing import interleaved_medians
from benchmarks.workloads import linear_regression
from reference.models import mlp

MLP_BATCH = 32


def linear_forward(ops, p, x):
    return ops.linear(x, p[0], p[1])


def mlp_forward(ops, p, x):
    h = ops.relu(ops.linear(x, p[0], p[1]))
    h = ops.relu(ops.linear(h, p[2], p[3]))
    return ops.linear(h, p[4], p[5])


def course_problem() -> tuple[list, list[tuple[np.ndarray, np.ndarray]], float]:
    """The course's Data2D in batches of 2 and its Linear(2, 1) (torch, seed 1)."""
    training = linear_regression(torch)
    params = [p.detach().numpy().copy() for p in training.model.parameters()]
    batches = [(x.numpy().copy(), y.numpy().copy()) for x, y in training.loader]
    return params, batches, 0.1


def mlp_problem() -> tuple[list, list[tuple[np.ndarray, np.ndarray]], float]:
    """Linear(2,16), ReLU, Linear(16,16), ReLU, Linear(16,1) + MSE, one batch."""
    torch.manual_seed(0)
    model = mlp(torch, [2, 16, 16, 1], "relu")
    params = [p.detach().numpy().copy() for p in model.parameters()]
    x, y = torch.randn(MLP_BATCH, 2).numpy(), torch.randn(MLP_BATCH, 1).numpy()
    return params, [(x, y)], 0.1


WORKLOADS = {
    "course loop: Linear(2,1)+MSE, batch 2": (course_problem, linear_forward),
    f"MLP 2-16-16-1 ReLU+MSE, batch {MLP_BATCH}": (mlp_problem, mlp_forward),
}


def libraries(peers: list[Peer]) -> list[Peer]:
    """torch and minigrad first, then every peer whose speed can be measured."""
    return [TorchLike(torch), TorchLike(minigrad)] + [
        p for p in peers if not p.speed_note
    ]


def _run(step, batches, epochs: int):
    steps = len(batches) * epochs

    def run() -> dict[str, float]:
        start = time.perf_counter()
        for _ in range(epochs):
            for x, y in batches:
                step(x, y)
        return {"total": (time.perf_counter() - start) / steps}

    return run


def measure(workload: str, libs: list[Peer], preset: Preset) -> list[dict]:
    """One row per library: seconds per step and torch's time over it."""
    problem, forward = WORKLOADS[workload]
    params, batches, lr = problem()
    runs, rows = {}, []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the course's broadcasting MSE warns
        for lib in libs:
            try:
                step = lib.trainer(forward, params, lr)
                step(*batches[0])  # a first step: compiles (jax.jit), finds failures
                runs[lib.name] = _run(step, batches, preset.course_epochs_per_repeat)
            except Exception as error:  # noqa: BLE001  (a failure is a result too)
                rows.append(_row(workload, lib.name, None, None, error))
        medians = interleaved_medians(runs, preset.speed_repeats, preset.warmup)
    reference = medians.get("torch", {}).get("total")
    for name, phases in medians.items():
        rows.append(_row(workload, name, phases["total"], reference, None))
    return rows


def _row(workload, library, seconds, reference, error) -> dict:
    return {
        "table": "speed",
        "workload": workload,
        "library": library,
        "seconds": seconds,
        "ratio": reference / seconds if seconds and reference else None,
        "error": None if error is None else f"{type(error).__name__}: {error}"[:160],
    }


def tasks(preset: Preset, peers: list[Peer]) -> list[tuple[str, Callable]]:
    libs = libraries(peers)
    return [
        (f"peers speed {name}", lambda name=name: measure(name, libs, preset))
        for name in WORKLOADS
    ]
