"""Multiclass training trajectories: softmax regression and an MLP with
CrossEntropyLoss (and LogSoftmax + NLLLoss), 50 SGD steps under both libraries,
every step's loss and the final parameters compared (float32 and float64)."""

import numpy as np
import pytest
import torch

import minigrad
from reference import models, training
from reference.bridges import copy_parameters

STEPS = 50
VARIANTS = {"plain": dict(lr=0.1), "momentum": dict(lr=0.05, momentum=0.9)}


def dataset(dtype):
    """Three classes in three features (int64 labels), as NumPy arrays."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((30, 3))
    y = np.argmax(
        x @ np.array([[1.0, -1.0, 0.5], [0.5, 2.0, -1.0], [-1.0, 0.0, 1.0]]), 1
    )
    return x.astype(dtype), y.astype(np.int64)


def builder(kind, dtype):
    def build(lib):
        lib_dtype = getattr(lib, np.dtype(dtype).name)
        if kind == "softmax regression":
            return models.softmax_regression(lib, 3, 3, dtype=lib_dtype)
        if kind == "mlp":
            return models.mlp(lib, [3, 8, 3], "relu", dtype=lib_dtype)
        return lib.nn.Sequential(
            models.mlp(lib, [3, 6, 3], "tanh", dtype=lib_dtype),
            lib.nn.LogSoftmax(dim=1),
        )

    return build


LOSS = {
    "softmax regression": "CrossEntropyLoss",
    "mlp": "CrossEntropyLoss",
    "log_softmax + nll": "NLLLoss",
}


def run(lib, model, kind, dtype, variant):
    return training.train(
        lib,
        model,
        LOSS[kind],
        dataset(dtype),
        training.sgd(**VARIANTS[variant]),
        steps=STEPS,
        batch_size=5,
        shuffle=True,
        seed=7,
    )


def assert_same_trajectory(mg, tc):
    """Every step's loss and the final parameters within assert_close's defaults."""
    assert len(mg.losses) == len(tc.losses) == STEPS
    torch.testing.assert_close(
        torch.from_numpy(mg.losses),
        torch.from_numpy(tc.losses),
        msg=lambda m: f"losses: {m}",
    )
    assert list(mg.parameters) == list(tc.parameters)
    for name, value in tc.parameters.items():
        torch.testing.assert_close(
            torch.from_numpy(mg.parameters[name]),
            torch.from_numpy(value),
            msg=lambda m, name=name: f"{name}: {m}",
        )


KINDS = pytest.mark.parametrize("kind", list(LOSS))
DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64])


@KINDS
@DTYPES
@pytest.mark.parametrize("variant", VARIANTS)
def test_trajectory_from_the_same_seed(kind, dtype, variant):
    build = builder(kind, dtype)
    mg = run(minigrad, build, kind, dtype, variant)
    tc = run(torch, build, kind, dtype, variant)
    for name, value in tc.initial_parameters.items():  # the RNG drew the same bits
        np.testing.assert_array_equal(mg.initial_parameters[name], value, name)
    assert_same_trajectory(mg, tc)


@KINDS
@DTYPES
@pytest.mark.parametrize("variant", VARIANTS)
def test_trajectory_from_copied_weights(kind, dtype, variant):
    build = builder(kind, dtype)
    torch.manual_seed(123)
    tc_model = build(torch)
    minigrad.manual_seed(321)  # other weights, then overwritten
    mg_model = build(minigrad)
    copy_parameters(tc_model, mg_model)
    assert_same_trajectory(
        run(minigrad, mg_model, kind, dtype, variant),
        run(torch, tc_model, kind, dtype, variant),
    )


def test_course_softmax_loop_with_int_labels():
    """Course 6.2's loop on the digits stand-in: Python-int labels collate to int64,
    and the accuracy pattern runs; both libraries give the same numbers."""
    results = {}
    for name, lib in {"minigrad": minigrad, "torch": torch}.items():
        lib.manual_seed(0)
        data = models.digits_class(lib)(n_samples=50)
        model = models.softmax_class(lib)(28 * 28, 10)
        loader = lib.utils.data.DataLoader(dataset=data, batch_size=10)
        optimizer = lib.optim.SGD(model.parameters(), lr=0.1)
        criterion = lib.nn.CrossEntropyLoss()
        losses = []
        for x, y in loader:
            assert str(y.dtype).endswith("int64") and tuple(y.shape) == (10,)
            z = model(x)
            loss = criterion(z, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        _, yhat = lib.max(model(data.x).data, 1)
        correct = (yhat == lib.tensor(data.y)).sum().item()
        accuracy = (model(data.x).argmax(1) == lib.tensor(data.y)).float().mean()
        results[name] = (losses, correct, accuracy.item())
    np.testing.assert_allclose(
        results["minigrad"][0], results["torch"][0], rtol=1.3e-6, atol=1e-5
    )
    assert results["minigrad"][1:] == results["torch"][1:]


def test_default_collate_of_labels_as_torch():
    samples = {
        "python ints": [(1.0, 3), (2.0, 0)],
        "numpy int64": [(1.0, np.int64(3)), (2.0, np.int64(0))],
        "numpy int32": [(1.0, np.int32(3)), (2.0, np.int32(0))],
        "0-d int64 tensors": "tensor",
    }
    for label, batch in samples.items():
        out = {}
        for name, lib in {"minigrad": minigrad, "torch": torch}.items():
            b = (
                [(1.0, lib.tensor(3)), (2.0, lib.tensor(0))]
                if batch == "tensor"
                else batch
            )
            out[name] = lib.utils.data.default_collate(b)[1]
        assert (
            str(out["minigrad"].dtype).rsplit(".")[-1]
            == str(out["torch"].dtype).rsplit(".")[-1]
        ), label
        assert out["minigrad"].tolist() == out["torch"].tolist(), label
