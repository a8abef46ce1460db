"""The models of the course and the tests, built by either library (``lib``)."""

from __future__ import annotations

import functools
import types
from collections.abc import Sequence
from typing import Any

_ACTIVATIONS = {
    "relu": "ReLU",
    "tanh": "Tanh",
    "sigmoid": "Sigmoid",
    "leaky_relu": "LeakyReLU",
    "elu": "ELU",
    "softplus": "Softplus",
}


def linear_regression(
    lib: types.ModuleType, in_features: int, out_features: int = 1, dtype: Any = None
) -> Any:
    """``Linear(in_features, out_features)``."""
    return lib.nn.Linear(in_features, out_features, dtype=dtype)


def logistic_regression(
    lib: types.ModuleType, in_features: int, dtype: Any = None
) -> Any:
    """``Sequential(Linear(in_features, 1), Sigmoid())``."""
    return lib.nn.Sequential(
        lib.nn.Linear(in_features, 1, dtype=dtype), lib.nn.Sigmoid()
    )


def mlp(
    lib: types.ModuleType,
    sizes: Sequence[int],
    activation: str | Sequence[str] = "relu",
    dtype: Any = None,
) -> Any:
    """Linear layers of ``sizes`` with an activation after each hidden layer.

    ``activation`` names one activation for every hidden layer ("relu", "tanh",
    "sigmoid") or one per hidden layer: ``mlp(lib, [2, 8, 8, 1], ["relu", "tanh"])``
    is Linear(2,8), ReLU, Linear(8,8), Tanh, Linear(8,1).
    """
    hidden = len(sizes) - 2
    names = [activation] * hidden if isinstance(activation, str) else list(activation)
    if len(names) != hidden:
        raise ValueError(f"{hidden} hidden layers but {len(names)} activations")
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(lib.nn.Linear(n_in, n_out, dtype=dtype))
        if i < hidden:
            layers.append(getattr(lib.nn, _ACTIVATIONS[names[i]])())
    return lib.nn.Sequential(*layers)


@functools.cache
def lr_class(lib: types.ModuleType) -> type:
    """The course's ``LR`` module (week 3, 4.1): one Linear layer."""

    class LR(lib.nn.Module):
        def __init__(self, input_size: int, output_size: int) -> None:
            super().__init__()
            self.linear = lib.nn.Linear(input_size, output_size)

        def forward(self, x: Any) -> Any:
            return self.linear(x)

    return LR


@functools.cache
def data2d_class(lib: types.ModuleType) -> type:
    """The course's ``Data2D`` dataset (week 3, 4.2), written as the course has it."""

    class Data2D(lib.utils.data.Dataset):
        def __init__(self, n_samples=21, ndim=2, xlim=1, noise=0.1):
            self.x = lib.zeros(n_samples, ndim)
            for idim in range(ndim):
                self.x[:, idim] = lib.linspace(-xlim, xlim, n_samples)
            self.w = lib.tensor([[1.0]] * ndim)
            self.b = 1.0
            self.f = self.forward(self.w, self.x, self.b)
            self.y = self.x + noise * lib.randn((n_samples, 1))
            self.len = n_samples

        @staticmethod
        def forward(w, x, b):
            return lib.mm(x, w) + b

        def __getitem__(self, index):
            return self.x[index], self.y[index]

        def __len__(self):
            return self.len

    return Data2D


@functools.cache
def mimo_data2d_class(lib: types.ModuleType) -> type:
    """The course's second Data2D (week 3, 4.2, multiple outputs), for `lib`:
    the first one's forward, __getitem__ and __len__ on `out_dim` outputs."""

    class Data2D(data2d_class(lib)):
        def __init__(self, n_samples=21, in_dim=2, out_dim=2, xlim=1, noise=0.1):
            self.x = lib.zeros(n_samples, in_dim)
            for idim in range(in_dim):
                self.x[:, idim] = lib.linspace(-xlim, xlim, n_samples)
            self.w = lib.tensor(
                [
                    [float((-1) ** odim) for odim in range(out_dim)]
                    for idim in range(in_dim)
                ]
            )
            self.b = lib.tensor([[float((-1) ** odim) for odim in range(out_dim)]])
            self.f = self.forward(self.w, self.x, self.b)
            self.y = self.x + noise * lib.randn((n_samples, 1))
            self.len = n_samples

    return Data2D


def LR(lib: types.ModuleType, input_size: int, output_size: int) -> Any:  # noqa: N802
    """An instance of the course's ``LR`` for ``lib``."""
    return lr_class(lib)(input_size, output_size)


def Data2D(lib: types.ModuleType, **kwargs: Any) -> Any:  # noqa: N802
    """An instance of the course's ``Data2D`` for ``lib``."""
    return data2d_class(lib)(**kwargs)


def dropout_batchnorm_mlp(
    lib: types.ModuleType,
    sizes: Sequence[int] = (3, 8, 8, 1),
    p: float = 0.3,
    dtype: Any = None,
) -> Any:
    """Week 5's layers in one net: Linear, Dropout, ReLU (8.2.1's order), then
    Linear, Sigmoid, BatchNorm1d (8.5.1's order), then the output Linear."""
    n_in, h1, h2, n_out = sizes
    return lib.nn.Sequential(
        lib.nn.Linear(n_in, h1, dtype=dtype),
        lib.nn.Dropout(p),
        lib.nn.ReLU(),
        lib.nn.Linear(h1, h2, dtype=dtype),
        lib.nn.Sigmoid(),
        lib.nn.BatchNorm1d(h2, dtype=dtype),
        lib.nn.Linear(h2, n_out, dtype=dtype),
    )


@functools.cache
def deep_net_class(lib: types.ModuleType) -> type:
    """The course's deep ``Net`` (week 5, 8.1.2): Linear layers in a ModuleList, an
    activation function (``lib.nn.functional.<name>``) after every hidden one."""

    class Net(lib.nn.Module):
        def __init__(self, Layers, activation="relu", dtype=None):  # noqa: N803
            super().__init__()
            self.activation = getattr(lib.nn.functional, activation)
            self.hidden = lib.nn.ModuleList()
            for input_size, output_size in zip(Layers, Layers[1:]):
                self.hidden.append(lib.nn.Linear(input_size, output_size, dtype=dtype))

        def forward(self, activation):
            L = len(self.hidden)  # noqa: N806
            for l, linear_transform in zip(range(L), self.hidden):  # noqa: E741
                if l < L - 1:
                    activation = self.activation(linear_transform(activation))
                else:
                    activation = linear_transform(activation)
            return activation

    return Net


def DeepNet(
    lib: types.ModuleType,
    layers: Sequence[int],
    activation: str = "relu",
    dtype: Any = None,
) -> Any:  # noqa: N802
    """An instance of the course's deep ``Net`` for ``lib``."""
    return deep_net_class(lib)(list(layers), activation, dtype)


def softmax_regression(
    lib: types.ModuleType, in_features: int, classes: int, dtype: Any = None
) -> Any:
    """``Linear(in_features, classes)``: logits for CrossEntropyLoss."""
    return lib.nn.Linear(in_features, classes, dtype=dtype)


@functools.cache
def softmax_class(lib: types.ModuleType) -> type:
    """The course's ``SoftMax`` module (week 4, 6.2): one Linear layer of logits."""

    class SoftMax(lib.nn.Module):
        def __init__(self, input_size: int, output_size: int) -> None:
            super().__init__()
            self.linear = lib.nn.Linear(input_size, output_size)

        def forward(self, x: Any) -> Any:
            z = self.linear(x)
            return z

    return SoftMax


@functools.cache
def digits_class(lib: types.ModuleType) -> type:
    """A stand-in for the course's MNIST (no download): 28x28 images flattened to
    784 values in [0, 1) from ``lib.rand``, each labelled by a Python int (the
    brightest of its first ten pixels), as torchvision's MNIST gives them."""

    class Digits(lib.utils.data.Dataset):
        def __init__(self, n_samples: int = 600) -> None:
            self.x = lib.rand(n_samples, 28 * 28)
            self.y = self.x[:, :10].argmax(1).tolist()
            self.len = n_samples

        def __getitem__(self, index):
            return self.x[index], self.y[index]

        def __len__(self):
            return self.len

    return Digits


def cnn_class(lib: types.ModuleType) -> type:
    """The course's ``CNN`` (week 6, 9.4.2 / week 7): two Conv2d(k=5, padding=2),
    each with ReLU and MaxPool2d(2), then Linear; for 1x16x16 images."""

    class CNN(lib.nn.Module):
        def __init__(self, out_1=16, out_2=32, number_of_classes=10, dtype=None):
            super().__init__()
            self.cnn1 = lib.nn.Conv2d(
                in_channels=1, out_channels=out_1, kernel_size=5, padding=2, dtype=dtype
            )
            self.maxpool1 = lib.nn.MaxPool2d(kernel_size=2)
            self.cnn2 = lib.nn.Conv2d(
                in_channels=out_1,
                out_channels=out_2,
                kernel_size=5,
                stride=1,
                padding=2,
                dtype=dtype,
            )
            self.maxpool2 = lib.nn.MaxPool2d(kernel_size=2)
            self.fc1 = lib.nn.Linear(out_2 * 4 * 4, number_of_classes, dtype=dtype)

        def forward(self, x: Any) -> Any:
            x = self.maxpool1(lib.relu(self.cnn1(x)))
            x = self.maxpool2(lib.relu(self.cnn2(x)))
            x = x.view(x.size(0), -1)
            return self.fc1(x)

    return CNN


@functools.cache
def lenet_class(lib: types.ModuleType) -> type:
    """A LeNet-style network for 1x28x28 images: Conv(6, k5, pad 2), pool,
    Conv(16, k5), pool, then Linear 400-120-84-10 with ReLUs."""

    class LeNet(lib.nn.Module):
        def __init__(self, dtype=None):
            super().__init__()
            self.conv1 = lib.nn.Conv2d(1, 6, 5, padding=2, dtype=dtype)
            self.pool1 = lib.nn.MaxPool2d(2)
            self.conv2 = lib.nn.Conv2d(6, 16, 5, dtype=dtype)
            self.pool2 = lib.nn.MaxPool2d(2)
            self.fc1 = lib.nn.Linear(16 * 5 * 5, 120, dtype=dtype)
            self.fc2 = lib.nn.Linear(120, 84, dtype=dtype)
            self.fc3 = lib.nn.Linear(84, 10, dtype=dtype)

        def forward(self, x: Any) -> Any:
            x = self.pool1(lib.relu(self.conv1(x)))
            x = self.pool2(lib.relu(self.conv2(x)))
            x = x.view(x.size(0), -1)
            x = lib.relu(self.fc2(lib.relu(self.fc1(x))))
            return self.fc3(x)

    return LeNet


def CNN(lib: types.ModuleType, **kwargs: Any) -> Any:  # noqa: N802
    """An instance of the course's ``CNN`` for ``lib``."""
    return cnn_class(lib)(**kwargs)


def LeNet(lib: types.ModuleType, **kwargs: Any) -> Any:  # noqa: N802
    """An instance of the LeNet-style network for ``lib``."""
    return lenet_class(lib)(**kwargs)
