"""Multiclass training under both libraries: the course's softmax loop with int
labels and the collation of labels (test_trajectories.py compares the
trajectories of the classifiers of tests/trajectories.py)."""

import numpy as np
import torch

import minigrad
from reference import models


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
