"""minigrad.nn: layers, losses and the Module machinery, as torch.nn."""

from minigrad.nn import functional, init, utils
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
from minigrad.nn.batchnorm import BatchNorm1d, BatchNorm2d
from minigrad.nn.bilinear import Bilinear
from minigrad.nn.container import (
    ModuleDict,
    ModuleList,
    ParameterDict,
    ParameterList,
    Sequential,
)

# convolution, pooling and folding
from minigrad.nn.conv import Conv1d, Conv2d
from minigrad.nn.conv_transpose import ConvTranspose1d, ConvTranspose2d
from minigrad.nn.distance import CosineSimilarity, PairwiseDistance
from minigrad.nn.dropout import (
    AlphaDropout,
    Dropout,
    Dropout1d,
    Dropout2d,
    Dropout3d,
    FeatureAlphaDropout,
)
from minigrad.nn.flatten import Flatten, Unflatten
from minigrad.nn.fold import Fold, Unfold
from minigrad.nn.linear import Identity, Linear
from minigrad.nn.loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    MSELoss,
    NLLLoss,
)
from minigrad.nn.loss_more import *  # noqa: F403  (L1Loss, SmoothL1Loss, ... as torch.nn)
from minigrad.nn.loss_more import __all__ as _more_losses
from minigrad.nn.module import Module
from minigrad.nn.normalization import LayerNorm
from minigrad.nn.normalization_more import *  # noqa: F403  (BatchNorm3d, GroupNorm, ...)
from minigrad.nn.normalization_more import __all__ as _more_norms
from minigrad.nn.padding import *  # noqa: F403  (ZeroPad2d, ReflectionPad1d, ...)
from minigrad.nn.padding import __all__ as _paddings
from minigrad.nn.parameter import Parameter
from minigrad.nn.pixelshuffle import PixelShuffle, PixelUnshuffle
from minigrad.nn.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d
from minigrad.nn.pooling_more import *  # noqa: F403  (MaxPool1d, AdaptiveMaxPool2d, ...)
from minigrad.nn.pooling_more import __all__ as _more_pools
from minigrad.nn.rnn import GRU, LSTM, RNN, RNNBase
from minigrad.nn.rnn_cell import GRUCell, LSTMCell, RNNCell, RNNCellBase
from minigrad.nn.softmax2d import Softmax2d
from minigrad.nn.sparse import Embedding
from minigrad.nn.upsampling import *  # noqa: F403  (Upsample, ...)
from minigrad.nn.upsampling import __all__ as _upsamplings

__all__ = ["Conv1d", "Conv2d", "Fold", "Unfold", "AdaptiveAvgPool2d", "AvgPool2d"]
__all__ += ["MaxPool2d"]
__all__ += _more_losses
__all__ += _more_norms + _paddings + _more_pools + ["Softmax2d"]
__all__ += ["PixelShuffle", "PixelUnshuffle", *_upsamplings]
__all__ += ["ConvTranspose1d", "ConvTranspose2d", "Bilinear"]
__all__ += ["CELU", "GELU", "GLU", "SELU", "Hardshrink", "Hardsigmoid", "Hardswish"]
__all__ += ["Hardtanh", "LogSigmoid", "Mish", "PReLU", "ReLU6", "SiLU", "Softmin"]
__all__ += ["Softshrink", "Softsign", "Tanhshrink", "Threshold"]
__all__ += ["CosineSimilarity", "PairwiseDistance", "AlphaDropout", "Dropout1d"]
__all__ += ["Dropout2d", "Dropout3d", "FeatureAlphaDropout"]
__all__ += ["GRU", "LSTM", "RNN", "RNNBase"]
__all__ += ["GRUCell", "LSTMCell", "RNNCell", "RNNCellBase"]

__all__ += [
    "BCELoss",
    "BatchNorm1d",
    "BatchNorm2d",
    "BCEWithLogitsLoss",
    "CrossEntropyLoss",
    "Dropout",
    "ELU",
    "Embedding",
    "Flatten",
    "Identity",
    "LayerNorm",
    "LeakyReLU",
    "Linear",
    "LogSoftmax",
    "MSELoss",
    "NLLLoss",
    "Module",
    "ModuleDict",
    "ModuleList",
    "Parameter",
    "ParameterDict",
    "ParameterList",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Softplus",
    "Softmax",
    "Tanh",
    "Unflatten",
    "functional",
    "init",
    "utils",
]
