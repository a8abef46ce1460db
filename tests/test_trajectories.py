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
    "plain": dict(lr=0.1),
    "momentum": dict(lr=0.05, momentum=0.9),
    "dampening": dict(lr=0.05, momentum=0.9, dampening=0.5),
    "nesterov": dict(lr=0.05, momentum=0.8, nesterov=True),
    "weight_decay": dict(lr=0.1, weight_decay=0.05),
    "maximize": dict(lr=0.01, maximize=True),
    "everything": dict(lr=0.03, momentum=0.7, nesterov=True, weight_decay=0.01),
}
ADAPTIVE = {
    "Adam": dict(lr=0.01),
    "Adam_amsgrad_wd": dict(lr=0.02, amsgrad=True, weight_decay=0.01),
    "Adam_maximize": dict(lr=0.001, maximize=True, betas=(0.8, 0.9)),
    "AdamW": dict(lr=0.01, weight_decay=0.1),
    "RMSprop": dict(lr=0.005),
    "RMSprop_centered_momentum": dict(lr=0.002, centered=True, momentum=0.9),
    "Adagrad": dict(lr=0.1),
    "Adagrad_decay": dict(lr=0.2, lr_decay=0.05, weight_decay=0.01),
}
# family: (loss per kind, builder, dataset, optimizer per variant, tolerance per dtype)
FAMILIES = {
    "regression": (
        tr.LOSS,
        tr.builder,
        tr.dataset,
        {
            **{v: training.sgd(**kwargs) for v, kwargs in SGD.items()},
            **{
                v: training.optimizer(v.split("_")[0], **kwargs)
                for v, kwargs in ADAPTIVE.items()
            },
        },
        tr.TOLERANCE,
    ),
    "multiclass": (
        tr.MULTICLASS_LOSS,
        tr.multiclass_builder,
        tr.multiclass_dataset,
        {
            "plain": training.sgd(lr=0.1),
            "momentum": training.sgd(lr=0.05, momentum=0.9),
        },
        {np.float32: None, np.float64: None},  # assert_close's defaults
    ),
    "deep": (
        tr.DEEP_LOSS,
        tr.deep_builder,
        tr.deep_dataset,
        {
            "plain": training.sgd(lr=0.05),
            "momentum": training.sgd(lr=0.02, momentum=0.9),
            "nesterov": training.sgd(
                lr=0.02, momentum=0.8, nesterov=True, weight_decay=0.01
            ),
        },
        tr.TOLERANCE,
    ),
}
CASES = pytest.mark.parametrize(
    ("family", "kind", "variant"),
    [
        (family, kind, variant)
        for family, (losses, _, _, optimizers, _) in FAMILIES.items()
        for kind in losses
        for variant in optimizers
    ],
)
DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64])


def case(family, kind, dtype, variant):
    """(run(lib, model), build(lib), tolerance) of one model, variant and dtype."""
    losses, builder, dataset, optimizers, tolerance = FAMILIES[family]

    def run(lib, model):
        data = dataset(kind, dtype)
        return tr.train(lib, model, losses[kind], data, optimizers[variant])

    return run, builder(kind, dtype), tolerance[dtype]


@CASES
@DTYPES
def test_trajectory_from_the_same_seed(family, kind, dtype, variant):
    tr.assert_same_from_the_same_seed(*case(family, kind, dtype, variant))


@CASES
@DTYPES
def test_trajectory_from_copied_weights(family, kind, dtype, variant):
    tr.assert_same_from_copied_weights(*case(family, kind, dtype, variant))
