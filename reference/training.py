"""One training loop, written once, run under torch or minigrad (``lib``)."""

from __future__ import annotations

import itertools
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from reference.bridges import parameters_numpy, to_lib


@dataclass
class TrainingRecord:
    """What a run leaves behind, as NumPy: comparable across libraries."""

    losses: np.ndarray  # loss.item() of every step, float64
    initial_parameters: dict[str, np.ndarray]
    parameters: dict[str, np.ndarray]  # after the last step


def sgd(**kwargs: Any) -> Callable[[types.ModuleType, Any], Any]:
    """An optimizer factory: ``sgd(lr=0.1)(lib, params)`` is ``lib.optim.SGD``."""
    return optimizer("SGD", **kwargs)


def optimizer(name: str, **kwargs: Any) -> Callable[[types.ModuleType, Any], Any]:
    """An optimizer factory by name: ``optimizer("Adam", lr=0.01)(lib, params)``."""
    return lambda lib, params: getattr(lib.optim, name)(params, **kwargs)


def train(
    lib: types.ModuleType,
    model: Any,
    loss_fn: str | Callable,
    data: Any,
    optimizer_factory: Callable[[types.ModuleType, Any], Any],
    *,
    steps: int | None = None,
    epochs: int | None = None,
    batch_size: int | None = None,
    shuffle: bool = False,
    seed: int | None = None,
) -> TrainingRecord:
    """The course's loop: forward, loss, ``item()``, zero_grad, backward, step.

    ``model`` is a module or a builder ``model(lib)`` (called after seeding, so
    both libraries draw the same initial weights); ``loss_fn`` a loss module or
    the name of one in ``lib.nn`` ("MSELoss"); ``data`` a ``lib`` Dataset or a
    tuple of NumPy arrays (inputs, targets); ``batch_size=None`` is full-batch.
    Runs ``epochs`` epochs, or ``steps`` steps over as many epochs as needed.
    """
    if (steps is None) == (epochs is None):
        raise ValueError("give exactly one of steps and epochs")
    if seed is not None:
        lib.manual_seed(seed)
    if not isinstance(model, lib.nn.Module):
        model = model(lib)
    criterion = getattr(lib.nn, loss_fn)() if isinstance(loss_fn, str) else loss_fn
    if not isinstance(data, lib.utils.data.Dataset):
        data = lib.utils.data.TensorDataset(*(to_lib(lib, a) for a in data))
    optimizer = optimizer_factory(lib, model.parameters())
    loader = lib.utils.data.DataLoader(
        data, batch_size=batch_size or len(data), shuffle=shuffle
    )

    initial = parameters_numpy(model)
    losses = []
    for x, y in _batches(loader, steps, epochs):
        yhat = model(x)
        loss = criterion(yhat, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return TrainingRecord(np.array(losses), initial, parameters_numpy(model))


def _batches(loader: Any, steps: int | None, epochs: int | None) -> Iterator:
    if epochs is not None:
        return itertools.chain.from_iterable(loader for _ in range(epochs))
    every_epoch = itertools.chain.from_iterable(loader for _ in itertools.count())
    return itertools.islice(every_epoch, steps)
