"""PolynomialLR, CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR, SequentialLR and
ChainedScheduler against torch: lr (and momentum) sequences, warnings, state, errors."""

import copy
import inspect
import pickle
import warnings

import pytest

from tests.parity import LIBS
from tests.scenarios import raises_as_torch
from tests.test_lr_scheduler import (
    comparable,
    optimizer_for,
    resumed_runs,
    sched,
    stepped_by_epoch,
)

EPOCHS = 40


def _sequential(lib, o):
    s = sched(lib)
    first = s.LinearLR(o, 0.1, 1.0, total_iters=5)
    second = s.ExponentialLR(o, 0.9)
    third = s.CosineAnnealingLR(o, T_max=6)
    return s.SequentialLR(o, [first, second, third], milestones=[5, 15])


def _chained(lib, o):
    s = sched(lib)
    return s.ChainedScheduler([s.ConstantLR(o, 0.5, 4), s.ExponentialLR(o, 0.95)])


SCHEDULERS = {
    "PolynomialLR": lambda lib, o: sched(lib).PolynomialLR(o),
    "PolynomialLR_power": lambda lib, o: sched(lib).PolynomialLR(o, 12, power=2.5),
    "WarmRestarts": lambda lib, o: sched(lib).CosineAnnealingWarmRestarts(o, 7),
    "WarmRestarts_mult": lambda lib, o: sched(lib).CosineAnnealingWarmRestarts(
        o, 3, T_mult=2, eta_min=0.001
    ),
    "CyclicLR": lambda lib, o: sched(lib).CyclicLR(o, 0.01, 0.1, step_size_up=4),
    "CyclicLR_triangular2": lambda lib, o: sched(lib).CyclicLR(
        o, [0.01, 0.02], [0.1, 0.5], 3, 5, mode="triangular2", base_momentum=0.5
    ),
    "CyclicLR_exp_range": lambda lib, o: sched(lib).CyclicLR(
        o, 0.01, 0.1, 5, mode="exp_range", gamma=0.97, cycle_momentum=False
    ),
    "CyclicLR_scale_fn": lambda lib, o: sched(lib).CyclicLR(
        o, 0.01, 0.1, 2, scale_fn=lambda x: 0.9**x, scale_mode="iterations"
    ),
    "OneCycleLR": lambda lib, o: sched(lib).OneCycleLR(o, 0.5, total_steps=EPOCHS),
    "OneCycleLR_linear_three": lambda lib, o: sched(lib).OneCycleLR(
        o,
        [0.5, 1.0],
        epochs=4,
        steps_per_epoch=10,
        pct_start=0.25,
        anneal_strategy="linear",
        three_phase=True,
        div_factor=10.0,
    ),
    "SequentialLR": _sequential,
    "ChainedScheduler": _chained,
}
KINDS = pytest.mark.parametrize("kind", list(SCHEDULERS))


def _momenta(optimizer):
    return [(g.get("momentum"), g.get("betas")) for g in optimizer.param_groups]


def run(lib, kind, epochs=EPOCHS, optimizer_first=True, name="SGD"):
    """lrs and momenta after every epoch, and the warnings."""
    optimizer = optimizer_for(lib, name)
    if name == "SGD":
        for group in optimizer.param_groups:
            group["momentum"] = 0.9
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scheduler = SCHEDULERS[kind](lib, optimizer)
        lrs = [(scheduler.get_last_lr(), _momenta(optimizer))]
        for _ in range(epochs):
            if optimizer_first:
                optimizer.step()
            scheduler.step()
            lrs.append((scheduler.get_last_lr(), _momenta(optimizer)))
            lrs.append([g["lr"] for g in optimizer.param_groups])
    messages = [(w.category, str(w.message)) for w in caught]
    return lrs, messages, scheduler, optimizer


@KINDS
@pytest.mark.parametrize("name", ["SGD", "Adam", "NAdam"])
def test_learning_rates_equal_torchs_every_epoch(kind, name):
    mg, tc = run(LIBS["minigrad"], kind, name=name), run(LIBS["torch"], kind, name=name)
    assert mg[0] == tc[0]  # exactly: the same float operations in the same order
    assert mg[1] == tc[1]


@KINDS
def test_scheduler_stepped_before_the_optimizer_warns_as_torch(kind):
    mg = run(LIBS["minigrad"], kind, epochs=3, optimizer_first=False)
    tc = run(LIBS["torch"], kind, epochs=3, optimizer_first=False)
    assert mg[1] == tc[1]
    assert mg[0] == tc[0]


@pytest.mark.parametrize(
    "kind", ["PolynomialLR", "PolynomialLR_power", "WarmRestarts", "WarmRestarts_mult"]
)
def test_epoch_argument_uses_the_closed_form_as_torch(kind):
    epochs = [1, 5, 3, 7, 8, 21, 29, 0, 2.5, 13.25]
    results = stepped_by_epoch(SCHEDULERS[kind], epochs)
    assert results["minigrad"] == results["torch"]


def _state(scheduler):
    state = scheduler.state_dict()
    if "_schedulers" in state:
        state["_schedulers"] = [comparable(s) for s in state["_schedulers"]]
    return comparable(state)


@KINDS
def test_state_dict_equals_torchs(kind):
    mg, tc = run(LIBS["minigrad"], kind, epochs=9), run(LIBS["torch"], kind, epochs=9)
    mg_state, tc_state = mg[2].state_dict(), tc[2].state_dict()
    assert list(mg_state) == list(tc_state)
    assert _state(mg[2]) == _state(tc[2])


@KINDS
def test_resuming_from_a_state_dict_continues_as_torch(kind):
    def record(scheduler, optimizer):
        return scheduler.get_last_lr(), _momenta(optimizer)

    results = resumed_runs(run, SCHEDULERS, kind, EPOCHS, record)
    assert results["minigrad"] == results["torch"]


def test_one_cycle_past_its_total_steps_raises_as_torch():
    errors = {}
    for name, lib in LIBS.items():
        optimizer = optimizer_for(lib, "Adam")
        scheduler = sched(lib).OneCycleLR(optimizer, 0.1, total_steps=3)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for _ in range(3):
                optimizer.step()
                scheduler.step()
            with pytest.raises(ValueError) as info:
                scheduler.step()
        errors[name] = str(info.value)
    assert errors["minigrad"] == errors["torch"]


O = "L.optim.SGD([L.ones(2, requires_grad=True)], lr=0.1)"
OA = "L.optim.Adagrad([L.ones(2, requires_grad=True)], lr=0.1)"
S = "L.optim.lr_scheduler"
test_constructor_errors_as_torch = raises_as_torch(
    [
        (f"{S}.CosineAnnealingWarmRestarts({O}, 0)", ("positive integer T_0",)),
        (f"{S}.CosineAnnealingWarmRestarts({O}, 2.0)", ("positive integer T_0",)),
        (f"{S}.CosineAnnealingWarmRestarts({O}, 2, 0)", ("T_mult >= 1, but got 0",)),
        (f"{S}.CosineAnnealingWarmRestarts({O}, 2, eta_min='a')", ("eta_min",)),
        (f"{S}.CosineAnnealingWarmRestarts({O}, 2).step(-1)", ("non-negative",)),
        (f"{S}.CyclicLR({O}, 0.1, 1.0, mode='x')", ("mode is invalid",)),
        (f"{S}.CyclicLR({O}, [0.1, 0.2], 1.0)", ("base_lr must have the same",)),
        (f"{S}.CyclicLR({OA}, 0.1, 1.0)", ("must support momentum",)),
        (f"{S}.CyclicLR(None, 0.1, 1.0)", ("NoneType is not an Optimizer",)),
        (f"{S}.OneCycleLR({O}, 0.1)", ("You must define either total_steps",)),
        (f"{S}.OneCycleLR({O}, 0.1, 0)", ("positive integer total_steps",)),
        (f"{S}.OneCycleLR({O}, 0.1, epochs=0, steps_per_epoch=2)", ("epochs",)),
        (f"{S}.OneCycleLR({O}, 0.1, epochs=2, steps_per_epoch=0)", ("steps_per",)),
        (f"{S}.OneCycleLR({O}, 0.1, 10, pct_start=1)", ("pct_start",)),
        (f"{S}.OneCycleLR({O}, 0.1, 10, anneal_strategy='x')", ("anneal_strategy",)),
        (f"{S}.OneCycleLR({OA}, 0.1, 10)", ("must support momentum",)),
        (f"{S}.SequentialLR({O}, [], [])", ("at least one scheduler",)),
        (f"{S}.ChainedScheduler([])", ("at least one scheduler to be chained",)),
        (f"{S}.ChainedScheduler([1])", ()),
        (f"{S}.StepLR({O})", ()),
        (f"{S}.StepLR({O}, 2, foo=1)", ()),
        (f"{S}.StepLR({O}, 2, 0.1, -1, 5)", ()),
        (f"{S}.StepLR({O}, 2, step_size=3)", ()),
        (f"{S}.ExponentialLR({O})", ()),
        (f"{S}.CosineAnnealingWarmRestarts({O}, eta_min=0.1)", ()),
        (f"{S}.CosineAnnealingWarmRestarts({O}, 2, 1, None)", ("eta_min",)),
        (f"{S}.MultiStepLR(None, [1])", ("NoneType is not an Optimizer",)),
        (f"{S}.ConstantLR(None, 2.0)", ("Constant multiplicative factor",)),
        (f"{S}.LinearLR({O}, 0.5, 1.5)", ("Ending multiplicative factor",)),
    ]
)


def test_mismatched_schedulers_raise_as_torch():
    for make in (
        lambda s, o, a, b: s.SequentialLR(o, [a, b], [3, 4]),
        lambda s, o, a, b: s.SequentialLR(o, [a, b], [3]),
        lambda s, o, a, b: s.SequentialLR(o, [a, s.ReduceLROnPlateau(o)], [3]),
        lambda s, o, a, b: s.ChainedScheduler([a, b]),
        lambda s, o, a, b: s.ChainedScheduler([a, s.ReduceLROnPlateau(o)]),
    ):
        errors = {}
        for name, lib in LIBS.items():
            o, other = optimizer_for(lib), optimizer_for(lib)
            a = sched(lib).StepLR(o, 2)
            b = sched(lib).StepLR(other, 2)
            with pytest.raises(Exception) as info:
                make(sched(lib), o, a, b)
            message = str(info.value).replace(repr(b.optimizer), "<optimizer>")
            errors[name] = (type(info.value).__name__, message)
        assert errors["minigrad"] == errors["torch"]


@pytest.mark.parametrize("name", LIBS["minigrad"].optim.lr_scheduler.__all__)
def test_no_hyperparameter_is_a_class_attribute_as_in_torch(name):
    """Their defaults live in the constructor's signature only."""
    classes = [getattr(sched(lib), name) for lib in (LIBS["minigrad"], LIBS["torch"])]
    names = inspect.signature(classes[1]).parameters
    ours, torchs = ([hasattr(c, n) for n in names] for c in classes)
    assert ours == torchs


def test_a_scheduler_pickles_and_deep_copies_as_torchs():
    results = {}
    for name, lib in LIBS.items():
        optimizer = lib.optim.SGD([lib.ones(2, requires_grad=True)], lr=0.1)
        scheduler = lib.optim.lr_scheduler.MultiStepLR(optimizer, [2, 2, 4], 0.5)
        for _ in range(3):
            optimizer.step()
            scheduler.step()
        twins = [pickle.loads(pickle.dumps(scheduler)), copy.deepcopy(scheduler)]
        for twin in twins:
            twin.optimizer.step()
            twin.step()
        results[name] = [(t.get_last_lr(), t.milestones, t.gamma) for t in twins]
    assert results["minigrad"] == results["torch"]
