"""Activation layers: Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Softplus; Softmax and LogSoftmax along a dim."""

from __future__ import annotations

from minigrad.nn import functional as F
from minigrad.nn._functional_module import functional_module
from minigrad.nn.module import Module
from minigrad.tensor import Tensor


class Sigmoid(Module):
    """1 / (1 + exp(-x))."""

    def forward(self, input: Tensor) -> Tensor:
        return F._sigmoid(input)


class Tanh(Module):
    """tanh(x)."""

    def forward(self, input: Tensor) -> Tensor:
        return F._tanh(input)


ReLU = functional_module("ReLU", F.relu, "inplace")
LeakyReLU = functional_module("LeakyReLU", F.leaky_relu, "negative_slope inplace")
ELU = functional_module("ELU", F.elu, "alpha inplace")
Softplus = functional_module("Softplus", F.softplus, "beta threshold")


class Softmax(Module):
    """exp(x) / sum(exp(x)) along ``dim`` (None: torch's deprecated implicit dim)."""

    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.softmax(input, self.dim, _stacklevel=5)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class LogSoftmax(Softmax):
    """x - log(sum(exp(x))) along ``dim``."""

    def forward(self, input: Tensor) -> Tensor:
        return F.log_softmax(input, self.dim, _stacklevel=5)
