"""Recurrent layers and cells, and nn.utils.rnn, against torch: seeded weights bit for
bit, values, gradients of inputs, states and weights, dropout streams, errors."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import assert_parity, assert_same
from tests.scenarios import raises_as_torch, upstream, values_as_torch

LIBS = (minigrad, torch)


def _as_list(result) -> list:
    """The tensors of a layer's result, flattened ((out, (h, c)) -> [out, h, c])."""
    if isinstance(result, (tuple, list)):
        return [t for r in result for t in _as_list(r)]
    if hasattr(result, "batch_sizes"):  # a PackedSequence: its data
        return [result.data]
    return [result]


def _run(lib, make, arrays: list[np.ndarray], call, train: bool = False, seed: int = 0):
    """Build a layer with ``make(lib)`` after manual_seed(0); call it on leaves made
    of ``arrays``; backward with non-uniform upstream gradients of every output.
    Returns (outputs, input gradients, parameter gradients, named parameters)."""
    lib.manual_seed(0)
    layer = make(lib)
    layer.train(train)
    leaves = [lib.tensor(a, requires_grad=True) for a in arrays]
    lib.manual_seed(seed)
    outs = _as_list(call(lib, layer, *leaves))
    total = sum(
        (o * lib.tensor(upstream(tuple(o.shape), 7 + i))).sum()
        for i, o in enumerate(outs)
    )
    total.backward()
    params = list(layer.named_parameters())
    return outs, [x.grad for x in leaves], [p.grad for _, p in params], params


def _check(make, shapes, call, train: bool = False, seed: int = 0) -> None:
    rng = np.random.default_rng(3)
    arrays = [rng.standard_normal(s).astype(np.float32) for s in shapes]
    mine = _run(minigrad, make, arrays, call, train, seed)
    theirs = _run(torch, make, arrays, call, train, seed)
    assert [n for n, _ in mine[3]] == [n for n, _ in theirs[3]]
    for (name, a), (_, e) in zip(mine[3], theirs[3], strict=True):
        assert np.array_equal(a.detach().numpy(), e.detach().numpy()), f"init {name}"
    for stage, a_list, e_list in zip(
        ("output", "input grad", "weight grad"), mine, theirs
    ):
        assert len(a_list) == len(e_list)
        for i, (a, e) in enumerate(zip(a_list, e_list, strict=True)):
            assert_same(a, e, f"{stage} {i}")


def _layer(cls: str, *args, **kwargs):
    return lambda lib: getattr(lib.nn, cls)(*args, **kwargs)


def _plain(lib, layer, x, *states):
    if not states:
        return layer(x)
    return layer(x, tuple(states) if len(states) == 2 else states[0])


LAYERS = [
    ("RNN", (3, 4), {}, [(5, 2, 3)]),
    ("RNN", (3, 4, 2, "relu"), {"bidirectional": True}, [(5, 2, 3), (4, 2, 4)]),
    ("RNN", (3, 4), {"bias": False, "batch_first": True}, [(2, 5, 3), (1, 2, 4)]),
    ("LSTM", (3, 4), {}, [(5, 2, 3)]),
    ("LSTM", (3, 4, 2), {"bidirectional": True}, [(5, 2, 3), (4, 2, 4), (4, 2, 4)]),
    ("LSTM", (3, 5), {"proj_size": 2, "num_layers": 2}, [(4, 2, 3)]),
    (
        "LSTM",
        (3, 5),
        {"proj_size": 2, "bidirectional": True, "bias": False},
        [(4, 2, 3), (2, 2, 2), (2, 2, 5)],
    ),
    ("LSTM", (3, 4), {"batch_first": True}, [(2, 6, 3)]),
    ("LSTM", (3, 4), {}, [(5, 3)]),  # unbatched
    ("LSTM", (3, 4), {}, [(5, 3), (1, 4), (1, 4)]),
    ("GRU", (3, 4), {}, [(5, 2, 3), (1, 2, 4)]),
    ("GRU", (3, 4, 3), {"bidirectional": True, "batch_first": True}, [(2, 5, 3)]),
    ("GRU", (3, 4), {"bias": False}, [(5, 3), (1, 4)]),
    ("RNN", (3, 4), {"dtype": "float64"}, [(5, 2, 3)]),
    ("LSTM", (3, 5), {"proj_size": 3}, [(4, 3), (1, 3), (1, 5)]),
    ("RNN", (3, 4), {"batch_first": True, "num_layers": 2}, [(5, 3), (2, 4)]),
]


@pytest.mark.parametrize(
    "cls, args, kwargs, shapes", LAYERS, ids=[f"{c}{a}{k}{s}" for c, a, k, s in LAYERS]
)
def test_layer_values_and_gradients(cls, args, kwargs, shapes) -> None:
    def make(lib):
        kw = dict(kwargs)
        if "dtype" in kw:
            kw["dtype"] = getattr(lib, kw["dtype"])
        return getattr(lib.nn, cls)(*args, **kw)

    if "dtype" in kwargs:
        shapes = shapes  # the leaves below are cast in the call

        def call(lib, layer, x):
            return layer(x.double())

        _check(make, shapes, call)
        return
    _check(make, shapes, _plain)


CELLS = [
    ("RNNCell", (3, 4), [(2, 3)]),
    ("RNNCell", (3, 4, False, "relu"), [(2, 3), (2, 4)]),
    ("RNNCell", (3, 4), [(3,), (4,)]),
    ("LSTMCell", (3, 4), [(2, 3)]),
    ("LSTMCell", (3, 4), [(2, 3), (2, 4), (2, 4)]),
    ("LSTMCell", (3, 4, False), [(3,), (4,), (4,)]),
    ("GRUCell", (3, 4), [(2, 3), (2, 4)]),
    ("GRUCell", (3, 4), [(3,)]),
]


@pytest.mark.parametrize(
    "cls, args, shapes", CELLS, ids=[f"{c}{a}{s}" for c, a, s in CELLS]
)
def test_cell_values_and_gradients(cls, args, shapes) -> None:
    _check(_layer(cls, *args), shapes, _plain)


def _stepped(lib, cell, x, h, c):
    """A cell run over time, as users write it."""
    for t in range(x.shape[0]):
        h, c = cell(x[t], (h, c))
    return h, c


def test_lstm_cell_over_time() -> None:
    _check(_layer("LSTMCell", 3, 4), [(6, 2, 3), (2, 4), (2, 4)], _stepped)


def test_dropout_between_layers_follows_torchs_stream() -> None:
    for cls in ("LSTM", "GRU", "RNN"):
        make = _layer(cls, 3, 4, 3, dropout=0.5, bidirectional=True)
        _check(make, [(5, 2, 3)], _plain, train=True, seed=11)
        _check(make, [(5, 2, 3)], _plain, train=False, seed=11)


def _packed(enforce_sorted: bool, batch_first: bool):
    def call(lib, layer, x, *states):
        lengths = [5, 3, 2] if enforce_sorted else [3, 5, 2]
        fn = lib.nn.utils.rnn
        packed = fn.pack_padded_sequence(x, lengths, batch_first, enforce_sorted)
        out, hidden = layer(
            packed,
            *(states[:1] if len(states) == 1 else [tuple(states)] if states else []),
        )
        padded, sizes = fn.pad_packed_sequence(out, batch_first, -1.0, 6)
        return padded, sizes.float(), hidden

    return call


PACKED = [
    ("LSTM", {"bidirectional": True, "num_layers": 2}, True, False, [(5, 3, 3)]),
    ("LSTM", {"bidirectional": True}, False, True, [(3, 5, 3), (2, 3, 4), (2, 3, 4)]),
    ("GRU", {"bidirectional": True, "batch_first": True}, False, True, [(3, 5, 3)]),
    ("RNN", {"num_layers": 2}, True, False, [(5, 3, 3), (2, 3, 4)]),
    ("RNN", {"bidirectional": True}, False, False, [(5, 3, 3), (2, 3, 4)]),
]


@pytest.mark.parametrize("cls, kwargs, enforce_sorted, batch_first, shapes", PACKED)
def test_packed_sequences(cls, kwargs, enforce_sorted, batch_first, shapes) -> None:
    _check(_layer(cls, 3, 4, **kwargs), shapes, _packed(enforce_sorted, batch_first))


def test_seeded_init_names_and_state_dict_keys() -> None:
    for make in (
        _layer("LSTM", 3, 5, 2, proj_size=2, bidirectional=True),
        _layer("GRU", 4, 3, 2, bias=False),
        _layer("RNNCell", 2, 3),
    ):
        built = []
        for lib in LIBS:
            lib.manual_seed(0)
            built.append(make(lib))
        mine, theirs = built
        assert list(mine.state_dict()) == list(theirs.state_dict())
        for (n, a), (_, e) in zip(
            mine.state_dict().items(), theirs.state_dict().items()
        ):
            assert np.array_equal(a.numpy(), e.numpy()), n
        if hasattr(theirs, "all_weights"):
            shapes = [[tuple(w.shape) for w in ws] for ws in theirs.all_weights]
            assert [[tuple(w.shape) for w in ws] for ws in mine.all_weights] == shapes
            assert mine._flat_weights_names == theirs._flat_weights_names
            assert mine.flatten_parameters() is None


test_reprs = values_as_torch(
    [
        "repr(L.nn.LSTM(3, 4, 2, bias=False, batch_first=True, dropout=0.5, bidirectional=True, proj_size=2))",
        "repr(L.nn.RNN(3, 4, nonlinearity='relu'))",
        "repr(L.nn.GRU(3, 4, num_layers=2))",
        "repr(L.nn.RNNCell(3, 4, False, 'relu'))",
        "repr(L.nn.LSTMCell(3, 4))",
        "repr(L.nn.GRUCell(3, 4, bias=False))",
        "L.nn.LSTM(3, 4).mode",
        "L.nn.RNN(3, 4, 1, 'relu').mode",
    ]
)

test_pad_sequence = values_as_torch(
    [
        "L.nn.utils.rnn.pad_sequence([L.ones(3, 2), L.ones(1, 2) * 2, L.ones(2, 2) * 3])",
        "L.nn.utils.rnn.pad_sequence([L.ones(3), L.ones(1) * 2], batch_first=True, padding_value=-1.5)",
        "L.nn.utils.rnn.pad_sequence([L.ones(3, 2), L.ones(1, 2)], True, 7.0, 'left')",
        "L.nn.utils.rnn.pad_sequence((L.arange(4), L.arange(2)))",
        "L.nn.utils.rnn.pad_sequence([L.ones(2, 3), L.ones(1, 1) * 2])",
        "L.nn.utils.rnn.pad_sequence(L.ones(2, 3))",
        "L.nn.GRU(3, 4)(L.randn(4, 0, 3))[0].shape",
        "L.nn.LSTM(3, 4).double()(L.randn(5, 2, 3).double())[0].dtype == L.float64",
        "L.nn.utils.rnn.pack_sequence([L.ones(1), L.ones(3) * 2, L.ones(2)], enforce_sorted=False).data",
        "L.nn.utils.rnn.pack_sequence([L.ones(1), L.ones(3) * 2, L.ones(2)], enforce_sorted=False).unsorted_indices",
        "L.nn.utils.rnn.pack_sequence([L.ones(3), L.ones(2) * 2]).batch_sizes",
        "L.nn.utils.rnn.pack_sequence([L.ones(3), L.ones(2) * 2]).long().data",
        "L.nn.utils.rnn.pack_sequence([L.ones(3), L.ones(2) * 2]).double().data",
        "L.nn.utils.rnn.PackedSequence((L.ones(3), L.tensor([2, 1]))).batch_sizes",
        "L.nn.utils.rnn.unpack_sequence(L.nn.utils.rnn.pack_sequence([L.ones(1), L.arange(3.0)], enforce_sorted=False))[1]",
        "L.nn.utils.rnn.pad_packed_sequence(L.nn.utils.rnn.pack_sequence([L.ones(3), L.ones(2)]), True)[1]",
    ]
)


def test_pad_sequence_gradients() -> None:
    def call(lib, layer, a, b, c):
        return lib.nn.utils.rnn.pad_sequence([a, b, c], True, 0.5, "left")

    _check(_layer("Identity"), [(4, 2), (1, 2), (3, 2)], call)


test_errors = raises_as_torch(
    [
        ("L.nn.LSTM(3, 4)(L.randn(5, 2, 4))", ()),
        ("L.nn.LSTM(3, 4)(L.randn(5, 2, 3), (L.randn(1, 3, 4), L.randn(1, 2, 4)))", ()),
        ("L.nn.LSTM(3, 4)(L.randn(5, 2, 3), (L.randn(1, 2, 4), L.randn(1, 2, 5)))", ()),
        ("L.nn.LSTM(3, 4)(L.randn(5, 2, 3), (L.randn(2, 4), L.randn(2, 4)))", ()),
        ("L.nn.LSTM(3, 4)(L.randn(5, 3), (L.randn(1, 1, 4), L.randn(1, 1, 4)))", ()),
        ("L.nn.LSTM(3, 4)(L.randn(5, 2, 3, 1))", ()),
        (
            "L.nn.LSTM(3, 4)(L.randn(5, 2, 3).double())",
            ("RNN input dtype", "does not match weight dtype"),
        ),
        ("L.nn.GRU(3, 4)(L.randn(5, 2, 3), L.randn(1, 3, 4))", ()),
        ("L.nn.GRU(3, 4)(L.randn(5, 2, 3), L.randn(3, 4))", ()),
        ("L.nn.GRU(3, 4)(L.randn(5, 3), L.randn(1, 1, 4))", ()),
        ("L.nn.RNN(3, 4)(L.randn(3))", ()),
        ("L.nn.RNN(3, 4, batch_first=True)(L.randn(2, 5, 3), L.randn(1, 5, 4))", ()),
        (
            "L.nn.LSTM(3, 4, proj_size=2)(L.randn(5, 2, 3), (L.randn(1, 2, 4), L.randn(1, 2, 4)))",
            (),
        ),
        ("L.nn.GRU(3, 4, proj_size=2)", ()),
        ("L.nn.RNN(3, 4, nonlinearity='gelu')", ()),
        ("L.nn.LSTM(3, 4, proj_size=4)", ()),
        ("L.nn.LSTM(3, 4, proj_size=-1)", ()),
        ("L.nn.LSTM(0, 4)", ()),
        ("L.nn.LSTM(3, 4.0)", ()),
        ("L.nn.LSTM(3, 4, 0)", ()),
        ("L.nn.LSTM(3, 4, dropout=1.5)", ()),
        ("L.nn.LSTM(3, 4, bias=1)", ()),
        ("L.nn.LSTM(3, 4, batch_first=None)", ()),
        ("L.nn.LSTMCell(4, 3)(L.randn(2, 5))", ()),
        ("L.nn.LSTMCell(4, 3)(L.randn(2, 4), (L.randn(3, 3), L.randn(2, 3)))", ()),
        ("L.nn.LSTMCell(4, 3)(L.randn(2, 4), (L.randn(2, 4), L.randn(2, 3)))", ()),
        ("L.nn.LSTMCell(4, 3)(L.randn(2, 4), (L.randn(2, 3), L.randn(2, 4)))", ()),
        ("L.nn.LSTMCell(4, 3)(L.randn(2, 4), (L.randn(2, 3, 1), L.randn(2, 4)))", ()),
        ("L.nn.GRUCell(4, 3)(L.randn(3, 2, 4))", ()),
        ("L.nn.GRUCell(4, 3)(L.randn(2, 4), L.randn(2, 3, 1))", ()),
        ("L.nn.RNNCell(4, 3)(L.randn(2, 4), L.randn(3, 3))", ()),
        ("L.nn.RNNCell(4, 3, nonlinearity='sig')(L.randn(4))", ()),
        ("L.nn.utils.rnn.pack_padded_sequence(L.randn(5, 3, 2), [3, 5, 2])", ()),
        ("L.nn.utils.rnn.pack_padded_sequence(L.randn(5, 3, 2), [5, 3, 0])", ()),
        ("L.nn.utils.rnn.pack_padded_sequence(L.randn(5, 3, 2), [5, 3])", ()),
        (
            "L.nn.utils.rnn.pad_packed_sequence(L.nn.utils.rnn.pack_sequence([L.ones(3)]), total_length=2)",
            (),
        ),
        ("L.nn.utils.rnn.pad_sequence(3)", ()),
        ("L.nn.utils.rnn.pad_sequence([])", ()),
        ("L.nn.utils.rnn.pad_sequence([L.ones(2)], padding_side='middle')", ()),
        ("L.nn.utils.rnn.pad_sequence([L.tensor(1.0)])", ()),
        ("L.nn.utils.rnn.pad_sequence([L.ones(2, 3), L.tensor(1.0)])", ()),
        ("L.nn.utils.rnn.pad_sequence([L.ones(2, 3), L.ones(1, 2)])", ()),
        ("L.nn.utils.rnn.pad_sequence([L.ones(2, 3), L.ones(1, 3, 2)])", ()),
        ("L.nn.GRU(3, 4)(L.randn(0, 2, 3))", ()),
    ]
)


def test_lengths_past_the_input_raise() -> None:
    # NOTE: torch reads past the input's end (no error): minigrad refuses
    with pytest.raises(RuntimeError, match="exceeds the padded input's 5 time steps"):
        minigrad.nn.utils.rnn.pack_padded_sequence(minigrad.randn(5, 3, 2), [6, 3, 2])


def test_dropout_warning_for_one_layer() -> None:
    for lib in LIBS:
        with pytest.warns(
            UserWarning, match="non-zero dropout expects num_layers greater than 1"
        ):
            lib.nn.GRU(3, 4, dropout=0.2)


def _training_losses(lib) -> list[float]:
    """A GRU + Linear regressor, 20 SGD steps on a fixed batch."""
    lib.manual_seed(0)
    rnn = lib.nn.LSTM(3, 8, num_layers=2, batch_first=True)
    head = lib.nn.Linear(8, 1)
    params = list(rnn.parameters()) + list(head.parameters())
    optimizer = lib.optim.SGD(params, lr=0.1, momentum=0.9)
    rng = np.random.default_rng(0)
    x = lib.tensor(rng.standard_normal((4, 6, 3)).astype(np.float32))
    y = lib.tensor(rng.standard_normal((4, 1)).astype(np.float32))
    losses = []
    for _ in range(20):
        optimizer.zero_grad()
        out, _ = rnn(x)
        loss = lib.nn.functional.mse_loss(head(out[:, -1]), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def test_training_loop_tracks_torch() -> None:
    mine, theirs = _training_losses(minigrad), _training_losses(torch)
    torch.testing.assert_close(torch.tensor(mine), torch.tensor(theirs))
    assert theirs[-1] < theirs[0]


test_constructor_call_errors = raises_as_torch(
    [
        ("L.nn.LSTMCell(1, 2, 3, 4, 5, 6)", ()),
        ("L.nn.LSTM(3)", ()),
        ("L.nn.GRU(3, 4, foo=1)", ()),
        ("L.nn.RNNCell(3, foo=1)", ()),
        ("L.nn.GRUCell()", ()),
        ("L.nn.RNNCellBase(1, 2)", ()),
    ]
)


@pytest.mark.parametrize("cls", ["RNN", "GRU", "LSTM", "LSTMCell", "GRUCell"])
def test_second_order_gradients(cls) -> None:
    def fn(lib, x, h):
        lib.manual_seed(0)
        layer = getattr(lib.nn, cls)(3, 4)
        state = (h, h * 2) if cls.startswith("LSTM") else h
        return _as_list(layer(x, state))

    shapes = [(2, 3), (2, 4)] if cls.endswith("Cell") else [(5, 2, 3), (1, 2, 4)]
    rng = np.random.default_rng(5)
    arrays = [rng.standard_normal(s).astype(np.float32) for s in shapes]
    assert_parity(fn, *arrays, graph=False)


def test_torch_state_dict_loads_and_runs_the_same() -> None:
    torch.manual_seed(1)
    theirs = torch.nn.LSTM(3, 5, 2, bidirectional=True, proj_size=2)
    buffer = io.BytesIO()
    torch.save(theirs.state_dict(), buffer)
    buffer.seek(0)
    mine = minigrad.nn.LSTM(3, 5, 2, bidirectional=True, proj_size=2)
    mine.load_state_dict(minigrad.load(buffer))
    x = np.random.default_rng(2).standard_normal((4, 2, 3)).astype(np.float32)
    for a, e in zip(
        _as_list(mine(minigrad.tensor(x))), _as_list(theirs(torch.tensor(x)))
    ):
        assert_same(a, e, "output")
