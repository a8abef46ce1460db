"""minigrad.nn: layers, losses and the Module machinery, as torch.nn."""

from minigrad.nn import functional, init
from minigrad.nn.activation import ReLU, Sigmoid, Tanh
from minigrad.nn.batchnorm import BatchNorm1d, BatchNorm2d
from minigrad.nn.container import ModuleList, Sequential
from minigrad.nn.dropout import Dropout
from minigrad.nn.linear import Identity, Linear
from minigrad.nn.loss import BCELoss, BCEWithLogitsLoss, MSELoss
from minigrad.nn.module import Module
from minigrad.nn.parameter import Parameter

__all__ = [
    "BCELoss",
    "BatchNorm1d",
    "BatchNorm2d",
    "BCEWithLogitsLoss",
    "Dropout",
    "Identity",
    "Linear",
    "MSELoss",
    "Module",
    "ModuleList",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Tanh",
    "functional",
    "init",
]
