"""torch's module paths (torch.nn.modules.loss, torch.optim.adam...) exist in
minigrad and under minigrad.torch_alias, re-export the same objects, and each
public namespace lists only its API."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
from collections import OrderedDict

import numpy as np
import pytest
import torch

import minigrad
from tests.python_run import python
from tests.scenarios import leaf, name_of, raises_as_torch, run_both, values_as_torch

pytestmark = pytest.mark.filterwarnings("ignore:size_average and reduce")

_LAYER_FILES = importlib.import_module("minigrad.nn.modules").__path__
OPTIMISERS = ["adadelta", "adagrad", "adam", "adamax", "adamw", "asgd", "nadam"]
OPTIMISERS += ["radam", "rmsprop", "rprop", "sgd"]
PATHS = ["nn.modules"]
PATHS += [f"nn.modules.{m.name}" for m in pkgutil.iter_modules(_LAYER_FILES)]
PATHS += [f"optim.{name}" for name in OPTIMISERS]
PATHS += ["nn.common_types", "nn.parameter", "types", "optim.optimizer"]
PATHS += ["autograd.grad_mode", "autograd.function", "autograd.gradcheck"]
PATHS += ["autograd.graph", "nn.utils.rnn", "nn.utils.clip_grad"]
PATHS += ["nn.utils.convert_parameters"]
PATHS += ["utils.data.dataset", "utils.data.dataloader", "utils.data.sampler"]

# names users import from these paths although torch keeps them out of __all__
IMPORTED = {
    "nn.modules.loss": ["_Loss", "_WeightedLoss"],
    "nn.modules.conv": ["_ConvNd", "_ConvTransposeNd"],
    "nn.modules.instancenorm": ["_InstanceNorm"],
    "nn.modules.padding": ["_ConstantPadNd", "_ReflectionPadNd", "_ReplicationPadNd"],
    "nn.modules.batchnorm": ["_BatchNorm", "_NormBase"],
    "nn.modules.dropout": ["_DropoutNd"],
    "nn.modules.module": ["_IncompatibleKeys", "_addindent"],
    "nn.modules.utils": ["_single", "_pair", "_triple", "_quadruple", "_ntuple"],
    "types": ["_size", "_int", "_float", "_bool", "_complex", "_dtype", "_device"],
    "autograd.function": ["FunctionCtx", "once_differentiable"],
    "autograd.gradcheck": ["GradcheckError"],
    "autograd.graph": ["Node"],
}
IMPORTED["nn.modules.utils"] += ["_reverse_repeat_tuple", "_list_with_default"]
IMPORTED["types"] += ["_TensorOrTensors", "Number", "Device", "FileLike"]
IMPORTED["nn.common_types"] = [
    n for n in vars(torch.nn.common_types) if n.startswith(("_size", "_ratio", "_sc"))
]
IMPORTED["nn.common_types"] += ["_tensor_list_t", "_maybe_indices_t"]
# where minigrad keeps each object a path re-exports
HOMES = [minigrad, minigrad.nn, minigrad.optim, minigrad.autograd, minigrad.utils.data]
HOMES += [minigrad.nn.utils, minigrad.nn.utils.rnn]


# NOTE: StackDataset lives in its own file, which imports dataset.py
GAPS = {"utils.data.dataset": {"StackDataset"}}


def _home(name: str) -> object | None:
    found = (getattr(h, name) for h in HOMES if hasattr(h, name))
    return next((v for v in found if not isinstance(v, types.ModuleType)), None)


def _torch_names(module: types.ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        public = {n: v for n, v in vars(module).items() if not n.startswith("_")}
        names = [n for n, v in public.items() if not isinstance(v, types.ModuleType)]
    return list(names)


def test_every_path_is_covered() -> None:
    assert len(PATHS) >= 35 and "nn.modules.loss" in PATHS and "optim.adam" in PATHS


@pytest.mark.parametrize("path", PATHS)
def test_a_torch_path_imports_and_holds_minigrad_s_objects(path: str) -> None:
    theirs = importlib.import_module(f"torch.{path}")
    ours = importlib.import_module(f"minigrad.{path}")
    for name in _torch_names(theirs):
        home = _home(name)
        if home is None or name in GAPS.get(path, ()):  # outside the subset
            continue
        assert getattr(ours, name, None) is home, f"minigrad.{path}.{name}"
    for name in IMPORTED.get(path, []):
        assert hasattr(theirs, name), f"torch.{path}.{name} (the test is wrong)"
        assert hasattr(ours, name), f"minigrad.{path}.{name}"
    for name in getattr(ours, "__all__", []):  # nothing torch's path lacks
        assert hasattr(theirs, name), f"torch.{path} has no {name}"


@pytest.mark.parametrize("path", [p for p in PATHS if p.startswith("nn.modules")])
def test_layer_paths_re_export_the_classes_themselves(path: str) -> None:
    ours = importlib.import_module(f"minigrad.{path}")
    for name in [n for n in ours.__all__ if hasattr(minigrad.nn, n)]:
        obj = getattr(ours, name)
        assert obj is getattr(minigrad.nn, name)
        assert not obj.__module__.startswith("minigrad.nn.modules")  # pickles unchanged


def test_the_paths_under_torch_alias() -> None:
    code = f"""
import importlib, minigrad.torch_alias
for path in {PATHS!r}:
    assert importlib.import_module("torch." + path) is importlib.import_module("minigrad." + path), path
import torch
from torch.nn.modules.loss import _Loss, _WeightedLoss
from torch.nn.modules.utils import _pair
from torch.autograd.grad_mode import no_grad
assert torch.nn.modules.loss._WeightedLoss is _WeightedLoss and _pair(2) == (2, 2)
assert torch.nn.modules.linear.Linear is torch.nn.Linear and torch.optim.adam.Adam is torch.optim.Adam
assert isinstance(torch.nn.NLLLoss(), _WeightedLoss) and no_grad is torch.no_grad
try:
    import torch.nn.modules.lazy
except ModuleNotFoundError as error:
    print(error)
"""
    done = python(code)
    assert done.returncode == 0, done.stderr
    assert (
        "No module named 'torch.nn.modules.lazy': minigrad.torch_alias" in done.stdout
    )


# --- the loss bases ------------------------------------------------------------

LOSSES = ["L1Loss", "MSELoss", "NLLLoss", "CrossEntropyLoss", "BCELoss"]
LOSSES += ["BCEWithLogitsLoss", "MultiMarginLoss", "MultiLabelSoftMarginLoss"]
LOSSES += ["SmoothL1Loss", "KLDivLoss", "PoissonNLLLoss", "TripletMarginLoss"]


test_loss_bases_as_torch = values_as_torch(
    [f"isinstance(L.nn.{n}(), L.nn.modules.loss._WeightedLoss)" for n in LOSSES]
    + [f"isinstance(L.nn.{n}(), L.nn.modules.loss._Loss)" for n in LOSSES]
    + [
        "L.nn.modules.loss._WeightedLoss(None, False).reduction",
        "L.nn.modules.loss._WeightedLoss(reduce=False).reduction",
        "L.nn.modules.loss._WeightedLoss(L.ones(2)).state_dict()['weight']",
        "list(L.nn.modules.loss._WeightedLoss().state_dict())",
        "L.nn.modules.loss._Loss(True, True).reduction",
        "L.nn.modules.loss._Loss(reduction='sum').reduction",
        "repr(L.nn.modules.loss._WeightedLoss())",
        "isinstance((L.ones(2, requires_grad=True) * 2).grad_fn, L.autograd.graph.Node)",
        "isinstance(L.ones(2), L.autograd.graph.Node)",
        "isinstance(L.nn.modules.Conv2d(1, 1, 1), L.nn.modules.conv._ConvNd)",
        "isinstance(L.nn.ConvTranspose2d(1, 1, 1), L.nn.modules.conv._ConvNd)",
        "isinstance(L.nn.BatchNorm2d(1), L.nn.modules.batchnorm._BatchNorm)",
        "isinstance(L.nn.InstanceNorm1d(1), L.nn.modules.batchnorm._BatchNorm)",
        "isinstance(L.nn.InstanceNorm1d(1), L.nn.modules.batchnorm._NormBase)",
        "isinstance(L.nn.BatchNorm1d(1), L.nn.modules.batchnorm._NormBase)",
        "isinstance(L.nn.Dropout2d(), L.nn.modules.dropout._DropoutNd)",
        "isinstance(L.nn.ZeroPad2d(1), L.nn.modules.padding._ConstantPadNd)",
    ]
)

test_loss_base_errors_as_torch = raises_as_torch(
    [
        ("L.nn.modules.loss._WeightedLoss(foo=1)", ()),
        ("L.nn.modules.loss._WeightedLoss(None, None, None, 'mean', 5)", ()),
        ("L.nn.modules.loss._Loss(weight=None)", ()),
    ]
)


@pytest.mark.parametrize("base", ["_Loss", "_WeightedLoss"])
def test_the_loss_bases_take_torch_s_constructor(base: str) -> None:
    def parameters(cls: type) -> list:
        signature = inspect.signature(cls.__init__).parameters.values()
        return [(p.name, p.kind, p.default) for p in signature]

    theirs = getattr(torch.nn.modules.loss, base)
    assert parameters(getattr(minigrad.nn.modules.loss, base)) == parameters(theirs)


def test_a_user_s_weighted_loss_trains_as_torch_s() -> None:
    x0 = np.random.default_rng(3).standard_normal((5, 3)).astype(np.float32)

    def s(lib, out):
        class Focal(lib.nn.modules.loss._WeightedLoss):
            def __init__(self, weight=None, gamma: float = 2.0):
                super().__init__(weight, reduction="sum")
                self.gamma = gamma

            def forward(self, x, t):
                logp = lib.nn.functional.log_softmax(x, 1)
                focus = (1 - logp.exp()) ** self.gamma * logp
                return lib.nn.functional.nll_loss(
                    focus, t, weight=self.weight, reduction=self.reduction
                )

        loss = Focal(lib.tensor([0.2, 1.0, 3.0]))
        x = leaf(lib, x0)
        value = loss(x, lib.tensor([0, 2, 1, 2, 0]))
        (value * 1.7).backward()
        out += [value, x.grad, name_of(value), list(loss.state_dict()), repr(loss)]
        out += [loss.to(lib.float64).weight]

    run_both(s)


# --- torch.nn.modules.utils ----------------------------------------------------

test_tuple_helpers_as_torch = values_as_torch(
    [
        f"L.nn.modules.utils.{f}({arg})"
        for f in ["_single", "_pair", "_triple", "_quadruple"]
        for arg in ["3", "(1, 2)", "[4, 5, 6]", "'ab'", "None", "2.5"]
    ]
    + [
        "L.nn.modules.utils._ntuple(2)(7)",
        "L.nn.modules.utils._ntuple(3, 'x')(1).__class__",
        "L.nn.modules.utils._pair.__name__",
        "L.nn.modules.utils._reverse_repeat_tuple((1, 2, 3), 2)",
        "L.nn.modules.utils._reverse_repeat_tuple((), 2)",
        "L.nn.modules.utils._list_with_default(5, [1, 2])",
        "L.nn.modules.utils._list_with_default([None, 3], [1, 2, 8, 9])",
        "L.nn.modules.utils._list_with_default((4, None), [1, 2, 8, 9])",
    ]
)

test_tuple_helper_errors_as_torch = raises_as_torch(
    [
        ("L.nn.modules.utils._list_with_default([None, 3], [8, 9])", ()),
        ("L.nn.modules.utils._list_with_default([None], [])", ()),
    ]
)


@pytest.mark.parametrize("prefix", ["module.", "a.", "", "module.b."])
def test_consume_prefix_as_torch(prefix: str) -> None:
    def s(lib, out):
        state = OrderedDict(
            [("module.a.w", 1), ("module.b.w", 2), ("c", 3), ("module.b", 4)]
        )
        state._metadata = OrderedDict(
            [("", {}), ("module", {}), ("module.a", {}), ("c", {}), ("module.b", {})]
        )
        lib.nn.modules.utils.consume_prefix_in_state_dict_if_present(state, prefix)
        out += [list(state.items()), list(state._metadata)]
        plain = {"module.x": 1}
        lib.nn.modules.utils.consume_prefix_in_state_dict_if_present(plain, prefix)
        out += [plain]

    run_both(s)


# --- grad_mode and types -------------------------------------------------------


def test_autograd_grad_mode_is_torch_s_path() -> None:
    from minigrad.autograd import grad_mode

    assert sorted(grad_mode.__all__) == sorted(
        n for n in torch.autograd.grad_mode.__all__ if hasattr(minigrad, n)
    )
    assert grad_mode.no_grad is minigrad.no_grad is minigrad.autograd.no_grad
    assert minigrad.types.Device is not None and minigrad.types._size is not None


# --- namespace hygiene ---------------------------------------------------------

NAMESPACES = ["", ".nn", ".nn.functional", ".nn.init", ".nn.utils", ".optim"]
NAMESPACES += [".optim.lr_scheduler", ".utils.data", ".autograd", ".testing"]
# minigrad's own documented API (README) beyond torch's names
OWN = {
    "": {"from_torch"},
    ".testing": {"assert_matches_torch", "assert_trajectories_match", "strategies"},
}
# helpers a namespace imports, which dir() must not show as its API
HELPERS = {"np", "annotations", "math", "warnings", "functools", "ops", "apply"}
HELPERS |= {"Any", "Callable", "engine", "dtypes", "torch_loss", "broadcast_shape"}


@pytest.mark.parametrize("suffix", NAMESPACES)
def test_a_namespace_s_all_is_its_api(suffix: str) -> None:
    ours = importlib.import_module("minigrad" + suffix)
    theirs = importlib.import_module("torch" + suffix)
    listed = set(ours.__all__)
    assert len(listed) == len(set(ours.__all__)) > 0
    for name in listed:
        assert hasattr(ours, name), f"minigrad{suffix}.__all__ names {name}"
        assert hasattr(theirs, name) or name in OWN.get(suffix, ()), name
    # every torch name minigrad defines is listed (a new function joins __all__)
    torch_names = getattr(theirs, "__all__", None) or dir(theirs)
    for name in torch_names:
        value = getattr(ours, name, None)
        if name.startswith("_") or value is None or isinstance(value, types.ModuleType):
            continue
        if name == "Tensor" and suffix:  # imported for annotations, as in torch
            continue
        assert name in listed, f"minigrad{suffix}.{name} is not in __all__"


@pytest.mark.parametrize("suffix", [*NAMESPACES, ".vision"])
def test_dir_shows_the_api_not_the_helpers(suffix: str) -> None:
    ours = importlib.import_module("minigrad" + suffix)
    shown = {n for n in dir(ours) if not n.startswith("__")}
    assert {n for n in ours.__all__ if not n.startswith("__")} <= shown
    assert not shown & HELPERS, shown & HELPERS
    for name in shown - set(ours.__all__):  # only torch's submodules beside the API
        assert isinstance(getattr(ours, name), types.ModuleType), name
        if suffix != ".vision":
            assert hasattr(importlib.import_module("torch" + suffix), name), name
