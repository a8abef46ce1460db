"""The schedulers, gradcheck/gradgradcheck and the samplers have torch's signatures
(names, order, kinds, defaults); wrong calls: test_lr_scheduler_more, test_gradcheck."""

import copy
import inspect
import pickle

import pytest
import torch
import torch.optim.lr_scheduler as torch_schedulers
import torch.utils.data as torch_data

import minigrad.autograd
import minigrad.optim.lr_scheduler as schedulers
import minigrad.utils.data as data
from tests.parity import LIBS

SAMPLERS = [
    "BatchSampler",
    "RandomSampler",
    "SequentialSampler",
    "SubsetRandomSampler",
    "WeightedRandomSampler",
]
TWINS = {
    **{
        n: (getattr(schedulers, n), getattr(torch_schedulers, n))
        for n in schedulers.__all__
    },
    **{n: (getattr(data, n), getattr(torch_data, n)) for n in SAMPLERS},
    "gradcheck": (minigrad.autograd.gradcheck, torch.autograd.gradcheck),
    "gradgradcheck": (minigrad.autograd.gradgradcheck, torch.autograd.gradgradcheck),
}


def described(obj: object) -> list[tuple]:
    return [
        (p.name, p.kind, p.default) for p in inspect.signature(obj).parameters.values()
    ]


@pytest.mark.parametrize("name", list(TWINS))
def test_signature_is_torchs(name):
    ours, torchs = TWINS[name]
    assert described(ours) == described(torchs)


@pytest.mark.parametrize("name", schedulers.__all__)
def test_no_hyperparameter_is_a_class_attribute_as_in_torch(name):
    ours, torchs = TWINS[name]
    names = [p[0] for p in described(torchs)]
    assert [hasattr(ours, n) for n in names] == [hasattr(torchs, n) for n in names]


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


def test_gradgradcheck_passes_its_options_on_as_torch():
    verdicts = {}
    for name, lib in LIBS.items():
        x = lib.tensor([0.5, 1.5], dtype=lib.float64, requires_grad=True)
        check = lib.autograd.gradgradcheck
        verdicts[name] = [
            check(lib.sin, (x,), eps=1e-6, atol=1e-5, rtol=1e-3),
            check(lib.exp, (x,), atol=0.0, rtol=0.0, eps=1e-1, raise_exception=False),
        ]
    assert verdicts["minigrad"] == verdicts["torch"] == [True, False]
