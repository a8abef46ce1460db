"""The course's workloads and an MLP, written once for `lib` = torch or minigrad.

The course's LR module and its two Data2D datasets come from reference/models.py.
"""

import functools
import types
from dataclasses import dataclass
from typing import Any

import numpy as np

from reference.models import (
    cnn_class,
    data2d_class,
    digits_class,
    lenet_class,
    lr_class,
    mimo_data2d_class,
    mlp,
    softmax_class,
)


@dataclass
class Training:
    """Everything one training loop needs, built by one library."""

    loader: Any
    model: Any
    criterion: Any
    optimizer: Any


def _sgd(lib, data_set, model, criterion, batch_size, shuffle=False, **sgd) -> Training:
    """`model` and `criterion` on `data_set` in batches of `batch_size`, under SGD(**sgd)."""
    return Training(
        loader=lib.utils.data.DataLoader(
            data_set, batch_size=batch_size, shuffle=shuffle
        ),
        model=model,
        criterion=criterion,
        optimizer=lib.optim.SGD(model.parameters(), **sgd),
    )


@functools.cache
def threshold_data_class(lib: types.ModuleType) -> type:
    """The logistic-regression lab's data: x in [-1, 1), y = 1 where x > 0.2."""

    class Data(lib.utils.data.Dataset):
        def __init__(self):
            self.x = lib.arange(-1, 1, 0.1).view(-1, 1)
            self.y = lib.zeros(self.x.shape[0], 1)
            self.y[self.x[:, 0] > 0.2] = 1
            self.len = self.x.shape[0]

        def __getitem__(self, index):
            return self.x[index], self.y[index]

        def __len__(self):
            return self.len

    return Data


def linear_regression(lib: types.ModuleType, seed: int = 1) -> Training:
    """Course 4.2: LR(2, 1) + MSELoss on Data2D, batch 2, SGD lr 0.1."""
    lib.manual_seed(seed)
    data_set = data2d_class(lib)()
    model = lr_class(lib)(input_size=2, output_size=1)
    return _sgd(lib, data_set, model, lib.nn.MSELoss(), batch_size=2, lr=0.1)


def multi_output_regression(lib: types.ModuleType, seed: int = 1) -> Training:
    """Course 4.2 (MIMO): LR(2, 2) + MSELoss on Data2D(out_dim=2), batch 5."""
    lib.manual_seed(seed)
    data_set = mimo_data2d_class(lib)()
    model = lr_class(lib)(input_size=2, output_size=2)
    return _sgd(lib, data_set, model, lib.nn.MSELoss(), batch_size=5, lr=0.1)


def logistic_regression(lib: types.ModuleType, seed: int = 1) -> Training:
    """Course 5: Sequential(Linear(1, 1), Sigmoid()) + BCELoss, batch 5."""
    lib.manual_seed(seed)
    data_set = threshold_data_class(lib)()
    model = lib.nn.Sequential(lib.nn.Linear(1, 1), lib.nn.Sigmoid())
    return _sgd(lib, data_set, model, lib.nn.BCELoss(), batch_size=5, lr=2.0)


def mlp_classifier(lib: types.ModuleType, seed: int = 0) -> Training:
    """A small MLP on XOR-like quadrants: shuffled batches, momentum, logits."""
    lib.manual_seed(seed)
    x = lib.randn(64, 2)
    y = (x[:, 0] * x[:, 1] > 0).float().view(-1, 1)
    model = mlp(lib, [2, 16, 16, 1], ["tanh", "relu"])
    data_set = lib.utils.data.TensorDataset(x, y)
    criterion = lib.nn.BCEWithLogitsLoss()
    return _sgd(lib, data_set, model, criterion, 8, True, lr=0.1, momentum=0.9)


def softmax_regression(lib: types.ModuleType, seed: int = 0) -> Training:
    """Course 6.2: SoftMax(784, 10) + CrossEntropyLoss on digits, batch 100, SGD."""
    lib.manual_seed(seed)
    data_set = digits_class(lib)(n_samples=600)
    model = softmax_class(lib)(28 * 28, 10)
    return _sgd(lib, data_set, model, lib.nn.CrossEntropyLoss(), 100, lr=0.1)


def mlp_digits(lib: types.ModuleType, seed: int = 0, batch_size: int = 64) -> Training:
    """Course 7.4/8.1: an MLP 784-128-10 (ReLU) + CrossEntropyLoss, batch 64
    (or `batch_size`), on ten batches of digits."""
    lib.manual_seed(seed)
    data_set = digits_class(lib)(n_samples=10 * batch_size)
    model = lib.nn.Sequential(
        lib.nn.Linear(28 * 28, 128), lib.nn.ReLU(), lib.nn.Linear(128, 10)
    )
    criterion = lib.nn.CrossEntropyLoss()
    return _sgd(
        lib, data_set, model, criterion, batch_size, True, lr=0.01, momentum=0.9
    )


def image_data(lib: types.ModuleType, n: int, side: int, seed: int = 0) -> Any:
    """Random 1 x side x side images in [0, 1) with one-hot targets of 10 classes
    (drawn by NumPy, so both libraries train on the same numbers)."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, 1, side, side), dtype=np.float32)
    y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, n)]
    return lib.utils.data.TensorDataset(lib.tensor(x), lib.tensor(y))


def _classifier(lib, model, data, batch_size, lr) -> Training:
    # NOTE: BCEWithLogitsLoss on one-hot targets: a classification loss that
    # both libraries have (swap in CrossEntropyLoss once minigrad has it)
    return _sgd(lib, data, model, lib.nn.BCEWithLogitsLoss(), batch_size, lr=lr)


def course_cnn(lib: types.ModuleType, seed: int = 0) -> Training:
    """Course week 6-7: CNN(out_1=16, out_2=32) on 1x16x16 images, batch 100."""
    lib.manual_seed(seed)
    model = cnn_class(lib)(out_1=16, out_2=32)
    return _classifier(lib, model, image_data(lib, 200, 16), 100, 0.1)


def lenet_28(lib: types.ModuleType, seed: int = 0) -> Training:
    """A LeNet-style net on 1x28x28 images, batch 64."""
    lib.manual_seed(seed)
    model = lenet_class(lib)()
    return _classifier(lib, model, image_data(lib, 128, 28), 64, 0.1)


CNNS = {
    "course CNN 1x16x16, batch 100": course_cnn,
    "LeNet 1x28x28, batch 64": lenet_28,
}

TRAININGS = {
    "Linear(2,1)+MSE, batch 2": linear_regression,
    "Linear(2,2)+MSE, batch 5": multi_output_regression,
    "Sequential(Linear,Sigmoid)+BCE, batch 5": logistic_regression,
    "MLP 2-16-16-1+BCEWithLogits, batch 8": mlp_classifier,
    "SoftMax(784,10)+CrossEntropy, batch 100": softmax_regression,
    "MLP 784-128-10+CrossEntropy, batch 64": mlp_digits,
    "MLP 784-128-10+CrossEntropy, batch 256": functools.partial(
        mlp_digits, batch_size=256
    ),
    **CNNS,
}
COURSE_LOOPS = [  # the loops timed as the course writes them (goals.py: all but SoftMax)
    "Linear(2,1)+MSE, batch 2",
    "Linear(2,2)+MSE, batch 5",
    "Sequential(Linear,Sigmoid)+BCE, batch 5",
    "SoftMax(784,10)+CrossEntropy, batch 100",
    "MLP 784-128-10+CrossEntropy, batch 64",
    "MLP 784-128-10+CrossEntropy, batch 256",
]


def course_epoch(training: Training, epoch: int, LOSS: list, epoch_list: list):
    """One epoch of the course's loop, exactly as the course writes it."""
    trainloader, model = training.loader, training.model
    criterion, optimizer = training.criterion, training.optimizer
    for k, (x, y) in enumerate(trainloader):
        yhat = model(x)
        loss = criterion(yhat, y)

        epoch_list.append(epoch + k / len(trainloader))
        LOSS.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def blas_mlp(lib: types.ModuleType, features: int, x: Any, y: Any) -> Training:
    """A BLAS-bound step: Linear(f, f), ReLU, Linear(f, 1) on a (batch, f) input."""
    lib.manual_seed(0)
    model = lib.nn.Sequential(
        lib.nn.Linear(features, features), lib.nn.ReLU(), lib.nn.Linear(features, 1)
    )
    return Training(
        loader=[(x, y)],
        model=model,
        criterion=lib.nn.MSELoss(),
        optimizer=lib.optim.SGD(model.parameters(), lr=1e-3),
    )
