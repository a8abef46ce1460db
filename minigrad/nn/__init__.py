"""minigrad.nn: layers, losses and the Module machinery, as torch.nn."""

from minigrad._namespace import listing
from minigrad.nn import common_types, functional, init, modules, parameter, utils
from minigrad.nn.modules import *  # noqa: F403  (every layer, from torch's module paths)
from minigrad.nn.parameter import Parameter

# NOTE: matches torch: a layer registers once, in its minigrad.nn.modules file
__all__ = [*modules.__all__, "Parameter", "functional", "init", "utils"]
__dir__ = listing(globals(), "common_types", "modules", "parameter")
