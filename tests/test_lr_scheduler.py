"""optim.lr_scheduler against torch: lr sequences, warnings, state, errors."""

import copy
import warnings

import pytest

from tests.parity import LIBS, assert_same_error, to_numpy

EPOCHS = 30


def optimizer_for(lib, name="SGD"):
    p, q = lib.ones(2, requires_grad=True), lib.ones(1, requires_grad=True)
    return getattr(lib.optim, name)(
        [{"params": [p]}, {"params": [q], "lr": 0.3}], lr=0.1
    )


def sched(lib):
    return lib.optim.lr_scheduler


class Scaled:
    """A callable object: LambdaLR saves its attributes in state_dict."""

    def __init__(self, base):
        self.base = base

    def __call__(self, epoch):
        return self.base**epoch


SCHEDULERS = {
    "StepLR": lambda lib, o: sched(lib).StepLR(o, step_size=7, gamma=0.3),
    "StepLR_default_gamma": lambda lib, o: sched(lib).StepLR(o, 4),
    "MultiStepLR": lambda lib, o: sched(lib).MultiStepLR(o, [3, 8, 8, 20], gamma=0.7),
    "MultiStepLR_unsorted": lambda lib, o: sched(lib).MultiStepLR(o, (12, 2, 5)),
    "ExponentialLR": lambda lib, o: sched(lib).ExponentialLR(o, gamma=0.93),
    "LambdaLR": lambda lib, o: sched(lib).LambdaLR(o, lambda e: 0.95**e),
    "LambdaLR_per_group": lambda lib, o: sched(lib).LambdaLR(
        o, [lambda e: 1 / (e + 1), Scaled(0.9)]
    ),
    "MultiplicativeLR": lambda lib, o: sched(lib).MultiplicativeLR(o, lambda e: 0.97),
    "ConstantLR": lambda lib, o: sched(lib).ConstantLR(o, factor=0.3, total_iters=4),
    "LinearLR": lambda lib, o: sched(lib).LinearLR(o, 0.2, 0.9, total_iters=12),
    "LinearLR_default": lambda lib, o: sched(lib).LinearLR(o),
    "CosineAnnealingLR": lambda lib, o: sched(lib).CosineAnnealingLR(o, T_max=7),
    "CosineAnnealingLR_eta_min": lambda lib, o: sched(lib).CosineAnnealingLR(
        o, 10, eta_min=0.01
    ),
}
KINDS = pytest.mark.parametrize("kind", list(SCHEDULERS))


def run(lib, kind, epochs=EPOCHS, optimizer_first=True, name="SGD"):
    """lrs after every epoch: get_last_lr() and the groups' own values, + warnings."""
    optimizer = optimizer_for(lib, name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scheduler = SCHEDULERS[kind](lib, optimizer)
        lrs = [(scheduler.get_last_lr(), [g["lr"] for g in optimizer.param_groups])]
        for _ in range(epochs):
            if optimizer_first:
                optimizer.step()
            scheduler.step()
            lrs.append(
                (scheduler.get_last_lr(), [g["lr"] for g in optimizer.param_groups])
            )
    messages = [(w.category, str(w.message)) for w in caught]
    return lrs, messages, scheduler, optimizer


@KINDS
def test_learning_rates_equal_torchs_every_epoch(kind):
    mg, tc = run(LIBS["minigrad"], kind), run(LIBS["torch"], kind)
    assert mg[0] == tc[0]  # exactly: the same float operations in the same order
    assert mg[1] == tc[1] == []


@KINDS
def test_scheduler_stepped_before_the_optimizer_warns_as_torch(kind):
    mg = run(LIBS["minigrad"], kind, epochs=3, optimizer_first=False)
    tc = run(LIBS["torch"], kind, epochs=3, optimizer_first=False)
    assert mg[1] == tc[1]
    assert len(tc[1]) == 1 and "before `optimizer.step()`" in tc[1][0][1]
    assert mg[0] == tc[0]


def test_an_optimizer_step_replaced_after_the_scheduler_warns_as_torch():
    messages = {}
    for name, lib in LIBS.items():
        optimizer = optimizer_for(lib)
        scheduler = sched(lib).StepLR(optimizer, 2)
        optimizer.step = lambda: None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            optimizer.step()
            scheduler.step()
        messages[name] = [str(w.message) for w in caught]
    assert messages["minigrad"] == messages["torch"]
    assert "overridden" in messages["torch"][0]


def stepped_by_epoch(make, epochs):
    """Per library: (last_epoch, lrs) after ``step(epoch)`` for each epoch, and
    the warnings."""
    results = {}
    for name, lib in LIBS.items():
        optimizer = optimizer_for(lib)
        scheduler = make(lib, optimizer)
        values = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for epoch in epochs:
                optimizer.step()
                scheduler.step(epoch)
                values.append((scheduler.last_epoch, scheduler.get_last_lr()))
        results[name] = (values, [str(w.message) for w in caught])
    return results


@pytest.mark.parametrize("kind", [k for k in SCHEDULERS if "Multiplicative" not in k])
def test_epoch_argument_uses_the_closed_form_as_torch(kind):
    # the closed form (base_lr * gamma ** k) rounds differently from the chain
    results = stepped_by_epoch(SCHEDULERS[kind], [1, 5, 3, 7, 8, 21, 29, 0])
    assert results["minigrad"] == results["torch"]
    assert "deprecated" in results["torch"][1][0]


def test_chained_schedulers_compose_as_torch():
    lrs = {}
    for name, lib in LIBS.items():
        optimizer = optimizer_for(lib)
        first = sched(lib).StepLR(optimizer, 5, gamma=0.5)
        second = sched(lib).ExponentialLR(optimizer, 0.9)
        values = []
        for _ in range(EPOCHS):
            optimizer.step()
            first.step()
            second.step()
            values.append((first.get_last_lr(), second.get_last_lr()))
        lrs[name] = values
    assert lrs["minigrad"] == lrs["torch"]


@pytest.mark.parametrize("name", ["Adam", "RMSprop", "Adagrad", "AdamW"])
def test_any_optimizer_can_be_scheduled(name):
    mg, tc = (run(lib, "StepLR", name=name) for lib in LIBS.values())
    assert mg[0] == tc[0]


def test_tensor_learning_rates_are_filled_in_place_as_torch():
    results = {}
    for name, lib in LIBS.items():
        p = lib.ones(2, requires_grad=True)
        lr = lib.tensor(0.1)
        optimizer = lib.optim.SGD([p], lr=lr)
        scheduler = sched(lib).ExponentialLR(optimizer, 0.5)
        optimizer.step()
        scheduler.step()
        last = scheduler.get_last_lr()[0]
        results[name] = (
            optimizer.param_groups[0]["lr"] is lr,
            lr.item(),
            type(last).__name__,
            last is not lr,
            scheduler.base_lrs[0].item(),
        )
    assert results["minigrad"] == results["torch"]


# --- state_dict -------------------------------------------------------------------


def comparable(state_dict):
    return {
        k: (
            [None if v is None else dict(v) for v in value]
            if k == "lr_lambdas"
            else [to_numpy(v).item() if hasattr(v, "detach") else v for v in value]
            if isinstance(value, list)
            else value
        )
        for k, value in state_dict.items()
    }


@KINDS
def test_state_dict_equals_torchs(kind):
    mg, tc = run(LIBS["minigrad"], kind, epochs=9), run(LIBS["torch"], kind, epochs=9)
    mg_state, tc_state = mg[2].state_dict(), tc[2].state_dict()
    assert list(mg_state) == list(tc_state)
    assert comparable(mg_state) == comparable(tc_state)


def resumed_runs(run, schedulers, kind, epochs, record):
    """Per library: ``record(scheduler, optimizer)`` after each epoch of a scheduler
    run for 9 epochs, saved, and loaded into a fresh one (and its last_epoch)."""
    results = {}
    for name, lib in LIBS.items():
        _, _, scheduler, optimizer = run(lib, kind, epochs=9)
        saved_optimizer = copy.deepcopy(optimizer.state_dict())
        saved = copy.deepcopy(scheduler.state_dict())
        resumed_optimizer = optimizer_for(lib)
        resumed = schedulers[kind](lib, resumed_optimizer)
        resumed_optimizer.load_state_dict(saved_optimizer)
        resumed.load_state_dict(saved)
        values = []
        for _ in range(epochs - 9):
            resumed_optimizer.step()
            resumed.step()
            values.append(record(resumed, resumed_optimizer))
        results[name] = (values, getattr(resumed, "last_epoch", None))
    return results


@KINDS
def test_resuming_from_a_state_dict_continues_as_torch(kind):
    def record(scheduler, optimizer):
        return scheduler.get_last_lr()

    results = resumed_runs(run, SCHEDULERS, kind, EPOCHS, record)
    assert results["minigrad"] == results["torch"]


def test_callable_object_lambdas_are_saved_and_restored_as_torch():
    restored = {}
    for name, lib in LIBS.items():
        optimizer = optimizer_for(lib)
        scheduler = SCHEDULERS["LambdaLR_per_group"](lib, optimizer)
        saved = scheduler.state_dict()
        saved["lr_lambdas"][1]["base"] = 0.5
        other = SCHEDULERS["LambdaLR_per_group"](lib, optimizer_for(lib))
        other.load_state_dict(saved)
        restored[name] = (saved["lr_lambdas"], other.lr_lambdas[1].base)
    assert restored["minigrad"] == restored["torch"] == ([None, {"base": 0.5}], 0.5)


def test_resuming_with_last_epoch_needs_initial_lr():
    assert_same_error(
        lambda lib: sched(lib).StepLR(optimizer_for(lib), 3, last_epoch=4),
        "initial_lr",
        "param_groups[0]",
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda lib, o: sched(lib).ExponentialLR(o, 0.5, last_epoch=3),
        lambda lib, o: sched(lib).CosineAnnealingLR(o, 5, 0.01, last_epoch=3),
        lambda lib, o: sched(lib).LinearLR(o, 0.5, total_iters=6, last_epoch=3),
    ],
)
def test_resuming_with_last_epoch_continues_as_torch(make):
    results = {}
    for name, lib in LIBS.items():
        optimizer = optimizer_for(lib)
        for group in optimizer.param_groups:
            group["initial_lr"] = group["lr"] * 2
        scheduler = make(lib, optimizer)
        values = [scheduler.get_last_lr()]
        for _ in range(12):
            optimizer.step()
            scheduler.step()
            values.append(scheduler.get_last_lr())
        results[name] = (values, scheduler.base_lrs, scheduler.last_epoch)
    assert results["minigrad"] == results["torch"]


def test_get_lr_outside_step_warns_as_torch():
    messages = {}
    for name, lib in LIBS.items():
        scheduler = sched(lib).StepLR(optimizer_for(lib), 3)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = scheduler.get_lr()
        messages[name] = (value, [str(w.message) for w in caught])
    assert messages["minigrad"] == messages["torch"]
    assert "get_last_lr()" in messages["torch"][1][0]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda lib: sched(lib).StepLR("sgd", 3), ["str is not an Optimizer"]),
        (
            lambda lib: sched(lib).LambdaLR(optimizer_for(lib), [lambda e: 1.0]),
            ["Expected 2 lr_lambdas, but got 1"],
        ),
        (
            lambda lib: sched(lib).MultiplicativeLR(optimizer_for(lib), 0.5),
            ["lr_lambda should be a function, but got float"],
        ),
        (
            lambda lib: sched(lib).ReduceLROnPlateau(optimizer_for(lib), factor=1.0),
            ["Factor should be < 1.0."],
        ),
        (
            lambda lib: sched(lib).ReduceLROnPlateau(optimizer_for(lib), mode="up"),
            ["mode up is unknown!"],
        ),
        (
            lambda lib: sched(lib).ReduceLROnPlateau(
                optimizer_for(lib), threshold_mode="x"
            ),
            ["threshold mode x is unknown!"],
        ),
        (
            lambda lib: sched(lib).ReduceLROnPlateau(optimizer_for(lib), min_lr=[0]),
            ["expected 2 min_lrs, got 1"],
        ),
        (lambda lib: sched(lib).ReduceLROnPlateau(3), ["int is not an Optimizer"]),
        (
            lambda lib: sched(lib).ConstantLR(optimizer_for(lib), factor=1.5),
            ["between 0 and 1"],
        ),
        (
            lambda lib: sched(lib).LinearLR(optimizer_for(lib), start_factor=0),
            ["Starting multiplicative factor"],
        ),
        (
            lambda lib: sched(lib).LinearLR(optimizer_for(lib), end_factor=-0.1),
            ["Ending multiplicative factor"],
        ),
    ],
)
def test_bad_arguments_raise_as_torch(make, words):
    assert_same_error(make, *words)


# --- ReduceLROnPlateau ------------------------------------------------------------

METRICS = [1.0, 0.9, 0.95, 0.9, 0.91, 0.92, 0.93, 0.5, 0.6, 0.6, 0.6, 0.6, 0.49995]
METRICS = METRICS + [0.7] * 12 + [0.1, 0.2, 0.3, 0.4, 0.5]
PLATEAUS = {
    "default": {},
    "patience": {"patience": 1, "factor": 0.5},
    "cooldown": {"patience": 0, "cooldown": 2, "factor": 0.7},
    "max": {"mode": "max", "patience": 2},
    "abs": {"threshold_mode": "abs", "threshold": 0.05, "patience": 1},
    "max_abs": {"mode": "max", "threshold_mode": "abs", "patience": 0},
    "min_lr": {"patience": 0, "min_lr": 0.002},
    "min_lr_per_group": {"patience": 0, "min_lr": [0.01, 0.05], "factor": 0.5},
    "eps": {"patience": 0, "eps": 0.02, "factor": 0.5},
}


@pytest.mark.parametrize("kind", list(PLATEAUS))
def test_reduce_on_plateau_follows_torch(kind):
    histories = {}
    for name, lib in LIBS.items():
        optimizer = optimizer_for(lib)
        scheduler = sched(lib).ReduceLROnPlateau(optimizer, **PLATEAUS[kind])
        history = []
        for metric in METRICS:
            optimizer.step()
            scheduler.step(lib.tensor(metric) if len(history) % 2 else metric)
            history.append(
                (
                    scheduler.get_last_lr(),
                    scheduler.best,
                    scheduler.num_bad_epochs,
                    scheduler.cooldown_counter,
                    scheduler.last_epoch,
                )
            )
        histories[name] = (history, comparable(scheduler.state_dict()))
    assert histories["minigrad"] == histories["torch"]


def test_reduce_on_plateau_resumes_from_its_state_dict_as_torch():
    results = {}
    for name, lib in LIBS.items():
        scheduler = sched(lib).ReduceLROnPlateau(optimizer_for(lib), patience=1)
        for metric in METRICS[:8]:
            scheduler.step(metric)
        saved = copy.deepcopy(scheduler.state_dict())
        optimizer = optimizer_for(lib)
        other = sched(lib).ReduceLROnPlateau(optimizer, mode="max")
        other.load_state_dict(saved)
        for metric in METRICS[8:]:
            other.step(metric)
        results[name] = (other.get_last_lr(), other.mode, other.best)
    assert results["minigrad"] == results["torch"]


def test_reduce_on_plateau_after_a_new_group_raises_as_torch():
    def make(lib):
        optimizer = optimizer_for(lib)
        scheduler = sched(lib).ReduceLROnPlateau(
            optimizer, patience=0, min_lr=[0.0, 0.0]
        )
        optimizer.add_param_group({"params": [lib.ones(1, requires_grad=True)]})
        scheduler.step(1.0)
        scheduler.step(2.0)

    assert_same_error(make, "number of param groups", "min_lrs")


def test_reduce_on_plateau_epoch_argument_warns_as_torch():
    messages = {}
    for name, lib in LIBS.items():
        scheduler = sched(lib).ReduceLROnPlateau(optimizer_for(lib))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            scheduler.step(1.0, epoch=5)
        messages[name] = ([str(w.message) for w in caught], scheduler.last_epoch)
    assert messages["minigrad"] == messages["torch"]
