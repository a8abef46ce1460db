"""Training trajectories: one loop under both libraries, every step's loss compared.

Each model trains 50 steps (minibatches of 5, shuffled) under each optimizer
variant of its family, in float32 and float64: once from the same seed (so the
RNG draws the same initial weights and the same batch order) and once from
weights copied from torch. The families: regression models under every SGD
variant and under Adam, AdamW, RMSprop and Adagrad (the issue's tolerances);
classifiers with CrossEntropyLoss (and LogSoftmax + NLLLoss) and deep networks
(the course's ModuleList Net and a Sequential of the new layers) under SGD
(assert_close's defaults for the classifiers).
"""

import numpy as np
import pytest

from reference import training
from tests import trajectories as tr

SGD = {
    "plain": training.sgd(lr=0.1),
    "momentum": training.sgd(lr=0.05, momentum=0.9),
    "dampening": training.sgd(lr=0.05, momentum=0.9, dampening=0.5),
    "nesterov": training.sgd(lr=0.05, momentum=0.8, nesterov=True),
    "weight_decay": training.sgd(lr=0.1, weight_decay=0.05),
    "maximize": training.sgd(lr=0.01, maximize=True),
    "everything": training.sgd(lr=0.03, momentum=0.7, nesterov=True, weight_decay=0.01),
}
ADAPTIVE = {
    "Adam": training.optimizer("Adam", lr=0.01),
    "Adam_amsgrad_wd": training.optimizer(
        "Adam", lr=0.02, amsgrad=True, weight_decay=0.01
    ),
    "Adam_maximize": training.optimizer(
        "Adam", lr=0.001, maximize=True, betas=(0.8, 0.9)
    ),
    "AdamW": training.optimizer("AdamW", lr=0.01, weight_decay=0.1),
    "RMSprop": training.optimizer("RMSprop", lr=0.005),
    "RMSprop_centered_momentum": training.optimizer(
        "RMSprop", lr=0.002, centered=True, momentum=0.9
    ),
    "Adagrad": training.optimizer("Adagrad", lr=0.1),
    "Adagrad_decay": training.optimizer(
        "Adagrad", lr=0.2, lr_decay=0.05, weight_decay=0.01
    ),
}
MULTICLASS_SGD = {"plain": SGD["plain"], "momentum": SGD["momentum"]}
DEEP_SGD = {
    "plain": training.sgd(lr=0.05),
    "momentum": training.sgd(lr=0.02, momentum=0.9),
    "nesterov": training.sgd(lr=0.02, momentum=0.8, nesterov=True, weight_decay=0.01),
}
ASSERT_CLOSE_DEFAULTS = {np.float32: None, np.float64: None}
# family: (models, dataset, optimizer per variant, tolerance per dtype)
FAMILIES = {
    "regression": (tr.REGRESSION, tr.dataset, SGD | ADAPTIVE, tr.TOLERANCE),
    "multiclass": (
        tr.MULTICLASS,
        tr.multiclass_dataset,
        MULTICLASS_SGD,
        ASSERT_CLOSE_DEFAULTS,
    ),
    "deep": (tr.DEEP, tr.dataset, DEEP_SGD, tr.TOLERANCE),
}
CASES = pytest.mark.parametrize(
    ("family", "kind", "variant"),
    [
        (family, kind, variant)
        for family, (models, _, optimizers, _) in FAMILIES.items()
        for kind in models
        for variant in optimizers
    ],
)
DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64])


def case(family, kind, dtype, variant):
    """(run(lib, model), build(lib), tolerance) of one model, variant and dtype."""
    models, dataset, optimizers, tolerance = FAMILIES[family]
    loss = models[kind][0]

    def run(lib, model):
        data = dataset(kind, dtype)
        return tr.train(lib, model, loss, data, optimizers[variant])

    return run, tr.builder(models, kind, dtype), tolerance[dtype]


@CASES
@DTYPES
def test_trajectory_from_the_same_seed(family, kind, dtype, variant):
    tr.assert_same_from_the_same_seed(*case(family, kind, dtype, variant))


@CASES
@DTYPES
def test_trajectory_from_copied_weights(family, kind, dtype, variant):
    tr.assert_same_from_copied_weights(*case(family, kind, dtype, variant))
