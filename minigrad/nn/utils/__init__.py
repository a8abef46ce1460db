"""torch.nn.utils: clipping gradients, and parameters as one flat vector."""

from minigrad._namespace import listing
from minigrad.nn.utils import rnn
from minigrad.nn.utils.clip_grad import (
    clip_grad_norm_,
    clip_grad_value_,
    clip_grads_with_norm_,
    get_total_norm,
)
from minigrad.nn.utils.convert_parameters import (
    parameters_to_vector,
    vector_to_parameters,
)

__all__ = [
    "clip_grad_norm_",
    "clip_grad_value_",
    "clip_grads_with_norm_",
    "get_total_norm",
    "rnn",
    "parameters_to_vector",
    "vector_to_parameters",
]

__dir__ = listing(globals(), "clip_grad", "convert_parameters")
