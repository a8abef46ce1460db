"""minigrad.nn.modules: torch.nn.modules's paths (``torch.nn.modules.loss._Loss``...).

Each submodule re-exports minigrad's own classes under torch's module path, so
isinstance checks and pickles see the same objects as ``minigrad.nn.X``.
"""

from minigrad.nn.modules import (
    activation,
    batchnorm,
    container,
    conv,
    distance,
    dropout,
    flatten,
    fold,
    instancenorm,
    linear,
    loss,
    module,
    normalization,
    padding,
    pixelshuffle,
    pooling,
    rnn,
    sparse,
    upsampling,
    utils,
)
from minigrad.nn.modules.activation import *  # noqa: F403
from minigrad.nn.modules.batchnorm import *  # noqa: F403
from minigrad.nn.modules.container import *  # noqa: F403
from minigrad.nn.modules.conv import *  # noqa: F403
from minigrad.nn.modules.distance import *  # noqa: F403
from minigrad.nn.modules.dropout import *  # noqa: F403
from minigrad.nn.modules.flatten import *  # noqa: F403
from minigrad.nn.modules.fold import *  # noqa: F403
from minigrad.nn.modules.instancenorm import *  # noqa: F403
from minigrad.nn.modules.linear import *  # noqa: F403
from minigrad.nn.modules.loss import *  # noqa: F403
from minigrad.nn.modules.module import *  # noqa: F403
from minigrad.nn.modules.normalization import *  # noqa: F403
from minigrad.nn.modules.padding import *  # noqa: F403
from minigrad.nn.modules.pixelshuffle import *  # noqa: F403
from minigrad.nn.modules.pooling import *  # noqa: F403
from minigrad.nn.modules.rnn import *  # noqa: F403
from minigrad.nn.modules.sparse import *  # noqa: F403
from minigrad.nn.modules.upsampling import *  # noqa: F403

_LAYERS = (activation, batchnorm, container, conv, distance, dropout, flatten, fold)
_LAYERS += (instancenorm, linear, loss, module, normalization, padding, pixelshuffle)
_LAYERS += (pooling, rnn, sparse, upsampling)
__all__ = sorted(name for part in _LAYERS for name in part.__all__)
