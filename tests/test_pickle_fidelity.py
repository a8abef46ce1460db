"""Pickle and deepcopy round trips: tensors, arrays, dtypes, models, datasets and
optimizers work everywhere afterwards, and training gives torch's numbers."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from tests.scenarios import run_both

ROUND_TRIPS = {
    "pickle": lambda obj: pickle.loads(pickle.dumps(obj)),
    "deepcopy": copy.deepcopy,
}
DTYPES = ["float32", "float64", "int64", "int32", "bool", "uint8"]


def _data(dtype: str) -> np.ndarray:
    return (np.arange(12).reshape(3, 4) % 3).astype(dtype)


@pytest.mark.parametrize("trip", ROUND_TRIPS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_tensor_round_trip_then_ops(trip, dtype):
    def s(lib, out):
        x = ROUND_TRIPS[trip](lib.tensor(_data(dtype)))
        y = ROUND_TRIPS[trip](lib.tensor(_data(dtype).T.copy()))
        out += [x, x.dtype == getattr(lib, dtype), str(x.dtype).split(".")[-1]]
        out += [x + 1, x * y.T, x.sum(), lib.cat([x, x.clone()]), lib.stack([x, x])]
        out += [x.to(lib.float64), x.float().mean(), (x @ y) if dtype != "bool" else x]
        out += [lib.where(x > 0, x, x), x.max(), x[1:].reshape(-1), x.new_zeros(2)]

    run_both(s)


@pytest.mark.parametrize("trip", ROUND_TRIPS)
def test_arrays_and_dtypes_round_trip_into_tensors(trip):
    def s(lib, out):
        for name in DTYPES:
            a = ROUND_TRIPS[trip](_data(name))
            d = ROUND_TRIPS[trip](getattr(lib, name))
            out += [
                lib.tensor(a),
                lib.tensor(a, dtype=d),
                lib.as_tensor(a),
                lib.from_numpy(a),
            ]
            out += [
                lib.zeros(2, dtype=d),
                lib.tensor([1, 0]).to(d),
                d is getattr(lib, name),
            ]
            out += [lib.cat([lib.tensor(a), lib.tensor(_data(name))])]

    run_both(s)


@pytest.mark.parametrize("trip", ROUND_TRIPS)
def test_tensor_requiring_grad_round_trip(trip):
    def s(lib, out):
        x = lib.tensor(_data("float32"), requires_grad=True)
        (x * x).sum().backward()
        y = ROUND_TRIPS[trip](x)
        out += [y, y.requires_grad, y.grad, y.is_leaf]
        (y.sin() * lib.tensor(_data("float32"))).sum().backward()
        out.append(y.grad)

    run_both(s)


def _model(lib):
    lib.manual_seed(0)
    return lib.nn.Sequential(
        lib.nn.Linear(4, 8), lib.nn.Tanh(), lib.nn.Linear(8, 2), lib.nn.Sigmoid()
    )


@pytest.mark.parametrize("trip", ROUND_TRIPS)
def test_model_dataset_optimizer_round_trip_then_training(trip):
    def s(lib, out):
        rng = np.random.default_rng(0)
        x = rng.standard_normal((16, 4)).astype(np.float32)
        t = (rng.random((16, 2)) > 0.5).astype(np.float32)
        model = ROUND_TRIPS[trip](_model(lib))
        data = ROUND_TRIPS[trip](
            lib.utils.data.TensorDataset(lib.tensor(x), lib.tensor(t))
        )
        opt = lib.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
        loader = lib.utils.data.DataLoader(data, batch_size=4)
        for epoch in range(3):
            for xb, tb in loader:
                opt.zero_grad()
                loss = lib.nn.functional.binary_cross_entropy(model(xb), tb)
                loss.backward()
                opt.step()
                out.append(loss)
            if epoch == 1:  # the optimizer (with its momentum) and model go through too
                state = ROUND_TRIPS[trip]((model, opt))
                model, opt = state
        out += list(model.parameters())
        out += [opt.state_dict()["state"][0]["momentum_buffer"]]

    run_both(s)


def _functions(lib) -> dict:
    """Top-level functions and Tensor methods, by name (aliases included)."""
    public = {n: getattr(lib, n, None) for n in dir(lib) if not n.startswith("_")}
    methods = {f"Tensor.{n}": getattr(lib.Tensor, n) for n in dir(lib.Tensor)}
    return {n: f for n, f in {**public, **methods}.items() if callable(f)}


def test_functions_and_methods_pickle_by_name_as_torchs():
    # minigrad.exp, Tensor.add_ ... are built by factories: each still pickles as
    # a reference to itself wherever torch's of the same name does
    import torch

    import minigrad

    theirs = _functions(torch)
    checked = 0
    for name, f in _functions(minigrad).items():
        if isinstance(f, type) or name not in theirs:
            continue
        try:
            torch_ok = pickle.loads(pickle.dumps(theirs[name])) is theirs[name]
        except Exception:  # noqa: BLE001  (torch's own that do not pickle)
            continue
        if torch_ok:
            assert pickle.loads(pickle.dumps(f)) is f, name
            checked += 1
    assert checked > 300
