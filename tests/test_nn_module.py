"""nn.Module and nn.Parameter against torch: registration, traversal, state, repr."""

import copy
import pickle
import warnings

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import LIBS, assert_same


def as_torch_text(text: str) -> str:
    return text.replace("minigrad", "torch")


def build_net(lib):
    """A module using every kind of member: nested children, a module shared under
    two names, a direct Parameter, persistent and non-persistent buffers."""
    nn = lib.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
            self.head = nn.Linear(2, 1, bias=False)
            self.scale = nn.Parameter(lib.ones(1))
            self.register_buffer("steps", lib.zeros(1))
            self.register_buffer("cache", lib.zeros(2), persistent=False)
            self.shared = self.head

        def forward(self, x):
            return self.shared(self.encoder(x)) * self.scale

    return Net()


def build_lr(lib):
    class LR(lib.nn.Module):
        def __init__(self, input_size, output_size):
            super().__init__()
            self.linear = lib.nn.Linear(input_size, output_size)

        def forward(self, x):
            return self.linear(x)

    return LR(2, 1)


def same_weights(mg_module, torch_module):
    """Copy minigrad's parameter and buffer values into the torch twin."""
    state = {
        k: torch.from_numpy(np.array(v.numpy()))
        for k, v in mg_module.state_dict().items()
    }
    torch_module.load_state_dict(state)


def outcome(fn):
    """(exception class name, message) or ('ok', repr of the result)."""
    try:
        result = fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, as_torch_text(str(e))
    return "ok", as_torch_text(repr(result))


def assert_same_outcome(fn, *words):
    """fn(lib) behaves identically under both libraries: the same exception class and
    message (or, given `words`, a message with each of them), or the same result."""
    actual, expected = outcome(lambda: fn(minigrad)), outcome(lambda: fn(torch))
    if not words:
        assert actual == expected
        return
    assert actual[0] == expected[0], (actual, expected)
    for word in words:
        assert word in actual[1] and word in expected[1], (word, actual, expected)


# --- traversal ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "walk",
    [
        lambda m: [n for n, _ in m.named_parameters()],
        lambda m: [n for n, _ in m.named_parameters(prefix="net", recurse=False)],
        lambda m: [n for n, _ in m.named_parameters(remove_duplicate=False)],
        lambda m: [tuple(p.shape) for p in m.parameters()],
        lambda m: [tuple(p.shape) for p in m.parameters(recurse=False)],
        lambda m: [n for n, _ in m.named_buffers()],
        lambda m: [n for n, _ in m.named_buffers(recurse=False)],
        lambda m: len(list(m.buffers())),
        lambda m: [n for n, _ in m.named_children()],
        lambda m: [type(c).__name__ for c in m.children()],
        lambda m: [n for n, _ in m.named_modules()],
        lambda m: [n for n, _ in m.named_modules(prefix="root")],
        lambda m: [n for n, _ in m.named_modules(remove_duplicate=False)],
        lambda m: [type(c).__name__ for c in m.modules()],
        lambda m: list(m.state_dict()),
        lambda m: list(m.state_dict(prefix="p.")),
        lambda m: list(m.state_dict(keep_vars=True)),
        lambda m: sorted(set(m.__dir__()) & {"encoder", "head", "scale", "steps", "0"}),
    ],
)
def test_traversal_names_and_order(walk):
    assert walk(build_net(minigrad)) == walk(build_net(torch))


def test_parameters_are_shared_not_copied():
    net = build_net(minigrad)
    assert net.shared is net.head
    assert sum(p is net.head.weight for p in net.parameters()) == 1
    assert isinstance(net.scale, minigrad.nn.Parameter)
    assert isinstance(net.scale, minigrad.Tensor)


def test_apply_visits_children_first():
    for_lib = {}
    for name, lib in LIBS.items():
        seen = []
        net = build_net(lib)
        assert net.apply(lambda m: seen.append(type(m).__name__)) is net  # noqa: B023
        for_lib[name] = seen
    assert for_lib["minigrad"] == for_lib["torch"]


# --- state_dict / load_state_dict --------------------------------------------------


def test_state_dict_shares_storage_with_parameters():
    # the course idiom: writing into state_dict() entries changes the model
    model = build_lr(minigrad)
    state = model.state_dict()
    assert type(state).__name__ == "OrderedDict"
    state["linear.weight"][0] = -15
    assert model.linear.weight.tolist() == [[-15.0, -15.0]]
    state["linear.bias"].data[0] = 3.5
    assert model.linear.bias.tolist() == [3.5]
    assert not state["linear.weight"].requires_grad
    assert state["linear.weight"].grad_fn is None


def test_state_dict_keep_vars_returns_the_parameters():
    model = build_lr(minigrad)
    state = model.state_dict(keep_vars=True)
    assert state["linear.weight"] is model.linear.weight


def test_state_dict_positional_args_warn_as_torch():
    for lib in (minigrad, torch):
        with pytest.warns(FutureWarning, match="Positional args are being deprecated"):
            keys = list(build_lr(lib).state_dict(None, "x."))
        assert keys == ["x.linear.weight", "x.linear.bias"]


def test_load_state_dict_copies_values_in_place():
    mg, tc = build_net(minigrad), build_net(torch)
    source = build_net(minigrad)
    weight = mg.encoder[0].weight
    result = mg.load_state_dict(source.state_dict())
    tc_result = tc.load_state_dict(tc.state_dict())
    assert repr(result) == repr(tc_result) == "<All keys matched successfully>"
    assert result.missing_keys == [] and result.unexpected_keys == []
    assert mg.encoder[0].weight is weight  # same Parameter, new values
    assert mg.encoder[0].weight.tolist() == source.encoder[0].weight.tolist()
    assert mg.encoder[0].weight.requires_grad


def test_load_state_dict_casts_dtype_like_copy_():
    model = build_lr(minigrad)
    state = {
        "linear.weight": minigrad.tensor([[1.0, 2.0]], dtype=minigrad.float64),
        "linear.bias": minigrad.tensor([3]),
    }
    model.load_state_dict(state)
    assert model.linear.weight.dtype == minigrad.float32
    assert model.linear.weight.tolist() == [[1.0, 2.0]]
    assert model.linear.bias.tolist() == [3.0]


def test_load_state_dict_one_element_into_0d():
    for lib in (minigrad, torch):
        m = lib.nn.Module()
        m.p = lib.nn.Parameter(lib.tensor(0.0))
        m.load_state_dict({"p": lib.tensor([2.5])})
        assert m.p.item() == 2.5


def test_load_state_dict_assign():
    model = build_lr(minigrad)
    new = minigrad.tensor([[1.0, 2.0]])
    model.load_state_dict(
        {"linear.weight": new, "linear.bias": minigrad.tensor([0.0])}, assign=True
    )
    assert isinstance(model.linear.weight, minigrad.nn.Parameter)
    assert model.linear.weight.requires_grad
    new[0, 0] = 7.0  # assign keeps the checkpoint's storage
    assert model.linear.weight.tolist() == [[7.0, 2.0]]
    assert [n for n, _ in model.named_parameters()] == ["linear.weight", "linear.bias"]


def _states(lib):
    t = lib.tensor
    return {
        "missing": {"linear.weight": t([[1.0, 2.0]])},
        "unexpected": {
            "linear.weight": t([[1.0, 2.0]]),
            "linear.bias": t([0.0]),
            "linear.extra": t([1.0]),
            "other.weight": t([1.0]),
            "top": t(1.0),
        },
        "both": {"linear.bias": t([0.0]), "extra": t([1.0])},
        "size": {"linear.weight": t([[1.0, 2.0, 3.0]]), "linear.bias": t([0.0, 1.0])},
        "size_and_missing": {"linear.weight": t([[1.0], [2.0]])},
        "not_a_tensor": {"linear.weight": [[1.0, 2.0]], "linear.bias": t([0.0])},
        "empty": {},
    }


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "unexpected",
        "both",
        "size",
        "size_and_missing",
        "not_a_tensor",
        "empty",
    ],
)
def test_load_state_dict_results_and_errors(case, strict):
    assert_same_outcome(
        lambda lib: build_lr(lib).load_state_dict(_states(lib)[case], strict=strict)
    )


def test_load_state_dict_returns_named_tuple():
    result = build_lr(minigrad).load_state_dict({"x": minigrad.tensor(1.0)}, False)
    missing, unexpected = result
    assert missing == result.missing_keys == ["linear.weight", "linear.bias"]
    assert unexpected == result.unexpected_keys == ["x"]


def test_load_state_dict_rejects_non_mappings():
    assert_same_outcome(lambda lib: build_lr(lib).load_state_dict([1, 2]))


def test_state_dict_round_trip_between_libraries():
    mg, tc = build_net(minigrad), build_net(torch)
    same_weights(mg, tc)
    for name, p in tc.state_dict().items():
        assert_same(mg.state_dict()[name], p, name)


# --- modes and gradients ------------------------------------------------------------


def test_train_eval_propagate():
    for lib in (minigrad, torch):
        net = build_net(lib)
        assert net.training and net.encoder[1].training
        assert net.eval() is net
        assert not any(m.training for m in net.modules())
        net.encoder.train()
        assert net.encoder[0].training and not net.training
        assert net.train(True) is net and all(m.training for m in net.modules())


def test_train_rejects_non_bool():
    assert_same_outcome(lambda lib: build_lr(lib).train(1))


def test_requires_grad_():
    net = build_net(minigrad)
    assert net.requires_grad_(False) is net
    assert not any(p.requires_grad for p in net.parameters())
    net.requires_grad_()
    assert all(p.requires_grad for p in net.parameters())


@pytest.mark.parametrize("set_to_none", [True, False])
def test_zero_grad(set_to_none):
    results = {}
    for name, lib in LIBS.items():
        net = build_lr(lib)
        net.linear.weight.grad = lib.ones(1, 2)
        kept = net.linear.weight.grad
        net.zero_grad(set_to_none=set_to_none)
        grad = net.linear.weight.grad
        results[name] = (
            None if grad is None else grad.tolist(),
            grad is kept,
            net.linear.bias.grad,
        )
    assert results["minigrad"] == results["torch"]


def test_zero_grad_detaches_a_grad_with_history():
    results = {}
    for name, lib in LIBS.items():
        net = build_lr(lib)
        x = lib.tensor([[1.0, 2.0]])
        weight = net.linear.weight
        (grad,) = lib.autograd.grad((net(x) ** 2).sum(), [weight], create_graph=True)
        grad = grad * 1  # a grad with history (torch cannot detach_ a view)
        net.linear.weight.grad = grad
        net.zero_grad(set_to_none=False)
        kept = net.linear.weight.grad
        results[name] = (kept is grad, kept.tolist(), kept.grad_fn, kept.requires_grad)
    assert results["minigrad"] == results["torch"]


# --- attribute rules -----------------------------------------------------------------


def test_members_are_plain_attributes_kept_in_sync():
    m = minigrad.nn.Linear(2, 3)
    weight = m.weight
    assert m.__dict__["weight"] is weight  # no __getattr__ on the hot path
    new = minigrad.nn.Parameter(minigrad.zeros(3, 2))
    m.weight = new
    assert m.weight is new and m._parameters["weight"] is new
    assert [n for n, _ in m.named_parameters()] == ["weight", "bias"]  # order kept
    m.bias = None
    assert m.bias is None and [n for n, _ in m.named_parameters()] == ["weight"]
    del m.weight
    assert "weight" not in m._parameters
    with pytest.raises(AttributeError, match="'Linear' object has no attribute"):
        m.weight  # noqa: B018
    m.weight = minigrad.zeros(1)  # now a plain tensor attribute
    assert list(m.parameters()) == []


def test_reassigning_a_member_as_another_kind():
    for lib in (minigrad, torch):
        m = lib.nn.Module()
        m.a = lib.nn.Linear(1, 1)
        m.a = lib.nn.Parameter(lib.zeros(1))  # module -> parameter
        assert [n for n, _ in m.named_children()] == []
        assert [n for n, _ in m.named_parameters()] == ["a"]
        m.b = 3
        m.b = lib.nn.Parameter(lib.zeros(1))  # plain attribute -> parameter
        m.register_buffer("c", lib.zeros(1))
        m.c = lib.ones(1)  # stays a buffer
        m.c = lib.nn.Linear(1, 1)  # buffer -> module
        assert [n for n, _ in m.named_buffers()] == []
        assert [n for n, _ in m.named_children()] == ["c"]
        m.c = None
        assert m.c is None and list(m.children()) == []
        del m.a
        assert [n for n, _ in m.named_parameters()] == ["b"]


def test_non_persistent_buffer():
    for lib in (minigrad, torch):
        m = lib.nn.Module()
        m.register_buffer("x", lib.zeros(1), persistent=False)
        m.x = lib.ones(1)  # still non-persistent
        assert list(m.state_dict()) == []
        assert [n for n, _ in m.named_buffers()] == ["x"]
        m.register_buffer("x", lib.ones(1))
        assert list(m.state_dict()) == ["x"]


def _before_init(kind):
    def make(lib):
        class Early(lib.nn.Module):
            def __init__(self):
                if kind == "module":
                    self.layer = lib.nn.Linear(1, 1)
                elif kind == "parameter":
                    self.p = lib.nn.Parameter(lib.zeros(1))
                elif kind == "register_parameter":
                    self.register_parameter("p", None)
                else:
                    self.register_buffer("b", None)
                super().__init__()

        return Early()

    return make


@pytest.mark.parametrize(
    "bad",
    [
        lambda lib: setattr(lib.nn.Linear(2, 1), "weight", lib.zeros(1, 2)),
        lambda lib: setattr(lib.nn.Linear(2, 1), "bias", 3),
        lambda lib: setattr(lib.nn.Sequential(lib.nn.ReLU()), "0", 3),
        (
            lambda lib: setattr(lib.nn.BCELoss(weight=lib.ones(1)), "weight", [1.0]),
            "cannot assign 'list' as buffer 'weight'",
        ),
        lambda lib: lib.nn.Linear(2, 1).nope,
        lambda lib: delattr(lib.nn.Linear(2, 1), "nope"),
        lambda lib: lib.nn.Linear(2, 1).register_parameter("a.b", None),
        lambda lib: lib.nn.Linear(2, 1).register_parameter("", None),
        lambda lib: lib.nn.Linear(2, 1).register_parameter(1, None),
        lambda lib: lib.nn.Linear(2, 1).register_parameter("training", None),
        lambda lib: lib.nn.Linear(2, 1).register_parameter("z", lib.zeros(1)),
        lambda lib: lib.nn.Linear(2, 1).register_buffer("a.b", None),
        lambda lib: lib.nn.Linear(2, 1).register_buffer("", None),
        lambda lib: lib.nn.Linear(2, 1).register_buffer(2, None),
        lambda lib: lib.nn.Linear(2, 1).register_buffer("b", 3),
        lambda lib: lib.nn.Linear(2, 1).register_buffer("weight", lib.zeros(1)),
        lambda lib: lib.nn.Linear(2, 1).add_module("x", 3),
        lambda lib: lib.nn.Linear(2, 1).add_module(3, lib.nn.ReLU()),
        lambda lib: lib.nn.Linear(2, 1).add_module("weight", lib.nn.ReLU()),
        lambda lib: lib.nn.Linear(2, 1).register_module("a.b", lib.nn.ReLU()),
        lambda lib: lib.nn.Linear(2, 1).add_module("", lib.nn.ReLU()),
        lambda lib: lib.nn.Module()(1),
        lambda lib: lib.nn.Module(3),
        lambda lib: lib.nn.Module(foo=3),
        lambda lib: lib.nn.Sigmoid(1),
        _before_init("module"),
        _before_init("parameter"),
        _before_init("register_parameter"),
        _before_init("buffer"),
    ],
)
def test_bad_use_raises_as_torch(bad):
    if isinstance(bad, tuple):  # a torch message naming what minigrad lacks
        assert_same_outcome(*bad)
    else:
        assert_same_outcome(bad)


def test_attribute_added_after_init_and_deleted():
    m = minigrad.nn.Linear(1, 1)
    m.note = "x"
    assert m.note == "x" and "note" in dir(m)
    del m.note
    assert not hasattr(m, "note")


def test_dir_lists_members_without_digit_names():
    d = dir(build_net(minigrad))
    assert {"encoder", "head", "scale", "steps", "forward"} <= set(d)
    assert d == sorted(d)
    assert "0" not in dir(minigrad.nn.Sequential(minigrad.nn.ReLU()))


# --- repr ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        build_lr,
        build_net,
        lambda lib: lib.nn.Module(),
        lambda lib: lib.nn.Linear(3, 2, bias=False),
        lambda lib: lib.nn.Sequential(lib.nn.Linear(1, 1), lib.nn.Sigmoid()),
        lambda lib: lib.nn.Sequential(),
        lambda lib: lib.nn.Sequential(
            lib.nn.Sequential(lib.nn.Linear(2, 2), lib.nn.Tanh()), lib.nn.Identity()
        ),
        lambda lib: lib.nn.ReLU(inplace=True),
        lambda lib: lib.nn.MSELoss(reduction="sum"),
        lambda lib: lib.nn.BCELoss(weight=lib.ones(2)),
        lambda lib: lib.nn.BCEWithLogitsLoss(pos_weight=lib.ones(2)),
        lambda lib: lib.nn.ModuleList(),
        lambda lib: lib.nn.ModuleList(
            [lib.nn.Linear(1, 1), lib.nn.Linear(1, 1), lib.nn.ReLU()]
            + [lib.nn.Linear(1, 1)]
        ),
        lambda lib: lib.nn.ModuleList([lib.nn.Sequential(lib.nn.ReLU())] * 3),
    ],
)
def test_module_repr_as_torch(make):
    assert as_torch_text(repr(make(minigrad))) == repr(make(torch))


def test_extra_repr_multiline_and_children():
    def make(lib):
        class Custom(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.inner = lib.nn.Linear(1, 2)

            def extra_repr(self):
                return "alpha=1\nbeta=2"

        return Custom()

    assert repr(make(minigrad)) == repr(make(torch))


# --- Parameter -----------------------------------------------------------------------


def test_parameter_shares_storage_and_is_a_leaf():
    data = minigrad.tensor([1.0, 2.0])
    p = minigrad.nn.Parameter(data)
    assert p._data is data._data
    assert p.requires_grad and p.is_leaf and p.grad_fn is None
    assert type(p) is minigrad.nn.Parameter and isinstance(p, minigrad.Tensor)
    data[0] = 5.0
    assert p.tolist() == [5.0, 2.0]


def test_parameter_from_a_graph_output_is_a_fresh_leaf():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True) * 2
    p = minigrad.nn.Parameter(x)
    assert p.is_leaf and p.grad_fn is None and p.requires_grad


def test_parameter_under_no_grad_still_requires_grad():
    with minigrad.no_grad():
        assert minigrad.nn.Parameter(minigrad.zeros(2)).requires_grad


@pytest.mark.parametrize(
    "make",
    [
        lambda lib: lib.nn.Parameter(lib.tensor([1.0, 2.0])),
        lambda lib: lib.nn.Parameter(lib.tensor([[1.5, -2.0]]), requires_grad=False),
        lambda lib: lib.nn.Parameter(lib.tensor([1, 2]), requires_grad=False),
        lambda lib: lib.nn.Parameter(lib.tensor([1.0], dtype=lib.float64)),
        lambda lib: lib.nn.Parameter(),
        lambda lib: lib.nn.Parameter(lib.nn.Parameter(lib.tensor([3.0]))),
        lambda lib: lib.nn.Parameter(lib.tensor([1, 2])),
        lambda lib: lib.nn.Parameter([1.0, 2.0]),
    ],
)
def test_parameter_construction_and_repr(make):
    assert_same_outcome(make)


def test_parameter_ops_give_plain_tensors():
    p = minigrad.nn.Parameter(minigrad.tensor([1.0, 2.0]))
    for result in (p * 2, p.detach(), p.data, p[0], p + p):
        assert type(result) is minigrad.Tensor


def test_parameter_copy_and_pickle():
    p = minigrad.nn.Parameter(minigrad.tensor([1.0, 2.0]))
    for clone in (copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert type(clone) is minigrad.nn.Parameter
        assert clone.requires_grad and clone.tolist() == [1.0, 2.0]
        assert clone._data is not p._data


def test_module_deepcopy_keeps_structure_and_sharing():
    net = build_net(minigrad)
    clone = copy.deepcopy(net)
    assert [n for n, _ in clone.named_parameters()] == [
        n for n, _ in net.named_parameters()
    ]
    assert clone.shared is clone.head and clone.head is not net.head
    assert clone.head.weight is clone._modules["head"]._parameters["weight"]
    clone.head.weight.data[0, 0] = 42.0
    assert net.head.weight[0, 0].item() != 42.0


def test_incompatible_keys_repr():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = build_lr(minigrad).load_state_dict({}, strict=False)
    assert repr(result) == (
        "_IncompatibleKeys(missing_keys=['linear.weight', 'linear.bias'], "
        "unexpected_keys=[])"
    )


def test_module_pickle_round_trip():
    net = build_lr(minigrad)
    net.linear.weight.data[0, 0] = 0.25
    clone = pickle.loads(pickle.dumps(minigrad.nn.Sequential(net.linear)))
    assert type(clone[0].weight) is minigrad.nn.Parameter
    assert clone[0].weight.tolist() == net.linear.weight.tolist()
    assert clone[0].weight is clone[0]._parameters["weight"]
