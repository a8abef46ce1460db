"""torch.nn.modules.activation's path: the activation layers, as torch names them."""

from minigrad.nn.activation import (
    ELU,
    LeakyReLU,
    LogSoftmax,
    ReLU,
    Sigmoid,
    Softmax,
    Softplus,
    Tanh,
)
from minigrad.nn.activation_more import (
    CELU,
    GELU,
    GLU,
    SELU,
    Hardshrink,
    Hardsigmoid,
    Hardswish,
    Hardtanh,
    LogSigmoid,
    Mish,
    PReLU,
    ReLU6,
    SiLU,
    Softmin,
    Softshrink,
    Softsign,
    Tanhshrink,
    Threshold,
)
from minigrad.nn.softmax2d import Softmax2d

__all__ = ["ELU", "LeakyReLU", "LogSoftmax", "ReLU", "Sigmoid", "Softmax", "Softplus"]
__all__ += ["Tanh", "CELU", "GELU", "GLU", "SELU", "Hardshrink", "Hardsigmoid"]
__all__ += ["Hardswish", "Hardtanh", "LogSigmoid", "Mish", "PReLU", "ReLU6", "SiLU"]
__all__ += ["Softmin", "Softshrink", "Softsign", "Tanhshrink", "Threshold", "Softmax2d"]
