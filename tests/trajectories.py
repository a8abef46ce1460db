"""What the trajectory tests share: their data, models, loop and comparison with torch."""

import numpy as np
import torch

import minigrad
from reference import models, training
from reference.bridges import copy_parameters

STEPS = 50
# the tolerances for whole trajectories, per dtype
TOLERANCE = {
    np.float32: dict(rtol=1e-5, atol=1e-6),
    np.float64: dict(rtol=1e-12, atol=1e-12),
}


def _model(make, *args):
    """model(lib, dtype): `make(lib, *args, dtype=dtype)`."""
    return lambda lib, dt: make(lib, *args, dtype=dt)


# kind: (loss, model(lib, dtype)) of each family of models
REGRESSION = {
    "linear": ("MSELoss", _model(models.linear_regression, 3, 1)),
    "logistic": ("BCELoss", _model(models.logistic_regression, 3)),
    "mlp": ("MSELoss", _model(models.mlp, [3, 8, 6, 1], ["relu", "tanh"])),
}
MULTICLASS = {
    "softmax regression": ("CrossEntropyLoss", _model(models.softmax_regression, 3, 3)),
    "mlp": ("CrossEntropyLoss", _model(models.mlp, [3, 8, 3], "relu")),
    "log_softmax + nll": (
        "NLLLoss",
        lambda lib, dt: lib.nn.Sequential(
            models.mlp(lib, [3, 6, 3], "tanh", dtype=dt), lib.nn.LogSoftmax(dim=1)
        ),
    ),
}
DEEP = {
    "module_list_leaky_relu": (
        "MSELoss",
        _model(models.DeepNet, [3, 8, 8, 6, 1], "leaky_relu"),
    ),
    "module_list_elu": ("MSELoss", _model(models.DeepNet, [3, 10, 10, 1], "elu")),
    "sequential": (
        "MSELoss",
        lambda lib, dt: lib.nn.Sequential(
            lib.nn.Flatten(),
            models.mlp(
                lib, [3, 8, 8, 8, 1], ["leaky_relu", "elu", "softplus"], dtype=dt
            ),
        ),
    ),
}


def builder(family, kind, dtype):
    """``build(lib)``: the model ``kind`` of ``family`` in ``dtype``, built by ``lib``."""
    make = family[kind][1]
    return lambda lib: make(lib, getattr(lib, np.dtype(dtype).name))


def dataset(kind, dtype):
    """20 samples of 3 features for the REGRESSION model `kind` (and DEEP's), as NumPy arrays."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((20, 3))
    if kind == "linear":
        noise = 0.1 * rng.standard_normal((20, 1))
        y = x @ np.array([[0.5], [-1.0], [2.0]]) + 0.3 + noise
    elif kind == "logistic":
        y = (x @ np.array([[1.0], [-2.0], [0.5]]) > 0).astype(np.float64)
    else:
        y = np.tanh(x[:, :1] * x[:, 1:2]) + 0.1 * rng.standard_normal((20, 1))
    return x.astype(dtype), y.astype(dtype)


def multiclass_dataset(kind, dtype):
    """Three classes in three features (int64 labels), as NumPy arrays."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((30, 3))
    y = np.argmax(
        x @ np.array([[1.0, -1.0, 0.5], [0.5, 2.0, -1.0], [-1.0, 0.0, 1.0]]), 1
    )
    return x.astype(dtype), y.astype(np.int64)


def train(lib, model, loss, data, optimizer, steps=STEPS):
    """`steps` steps of minibatches of 5, shuffled from seed 7, as training.train records them."""
    return training.train(
        lib,
        model,
        loss,
        data,
        optimizer,
        steps=steps,
        batch_size=5,
        shuffle=True,
        seed=7,
    )


def copied_models(build):
    """(minigrad's model, torch's): built from other seeds, then given torch's weights."""
    torch.manual_seed(123)
    tc_model = build(torch)
    minigrad.manual_seed(321)  # other weights, then overwritten
    mg_model = build(minigrad)
    copy_parameters(tc_model, mg_model)
    return mg_model, tc_model


def assert_close(actual, expected, tol, label):
    """`actual` as `expected` within `tol`, or within assert_close's defaults when None."""
    if tol is None:
        torch.testing.assert_close(
            torch.from_numpy(np.asarray(actual)),
            torch.from_numpy(np.asarray(expected)),
            msg=lambda m: f"{label}: {m}",
        )
    else:
        np.testing.assert_allclose(actual, expected, **tol, err_msg=label)


def assert_same_trajectory(mg, tc, tol, steps=STEPS):
    """Every step's loss and the final parameters (names, dtypes, values) as torch's."""
    assert len(mg.losses) == len(tc.losses) == steps
    # the losses come as Python floats (.item()): compare them in the run's dtype,
    # so that the defaults are that dtype's (float32's for a float32 run)
    dtype = next(iter(tc.parameters.values())).dtype
    losses = [np.asarray(run.losses, dtype=dtype) for run in (mg, tc)]
    assert_close(*losses, tol, "losses")
    assert list(mg.parameters) == list(tc.parameters)
    for name, value in tc.parameters.items():
        assert mg.parameters[name].dtype == value.dtype, name
        assert_close(mg.parameters[name], value, tol, name)


def assert_same_from_the_same_seed(run, build, tol, steps=STEPS):
    """`run(lib, build)` under both libraries: the same initial bits, then the same trajectory."""
    mg, tc = run(minigrad, build), run(torch, build)
    for name, value in tc.initial_parameters.items():  # the RNG drew the same bits
        np.testing.assert_array_equal(mg.initial_parameters[name], value, name)
    assert_same_trajectory(mg, tc, tol, steps)


def assert_same_from_copied_weights(run, build, tol, steps=STEPS):
    """`run(lib, model)` from torch's weights copied into minigrad's model: the same trajectory."""
    mg_model, tc_model = copied_models(build)
    assert_same_trajectory(run(minigrad, mg_model), run(torch, tc_model), tol, steps)
