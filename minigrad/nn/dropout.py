"""Dropout layers: element-wise, channel-wise (1d/2d/3d) and alpha; the identity in eval mode."""

from __future__ import annotations

from minigrad.nn import functional as F
from minigrad.nn.module import Module
from minigrad.tensor import Tensor


class _DropoutNd(Module):
    """The dropout probability p and the inplace flag, checked as torch; forward
    calls the class's functional form."""

    _function = None  # the functional form
    _alpha = False  # NOTE: matches torch: the alpha forms never work in place

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(
                f"dropout probability has to be between 0 and 1, but got {p}"
            )
        self.p = p
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        if self._alpha:
            return self._function(input, self.p, self.training)
        return self._function(input, self.p, self.training, self.inplace)

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"


def _layer(name: str, function, doc: str, alpha: bool = False) -> type:
    """A dropout layer class calling ``function``, with torch's class name."""
    body = {"__doc__": doc, "__module__": __name__, "__qualname__": name}
    body.update(_function=staticmethod(function), _alpha=alpha)
    return type(name, (_DropoutNd,), body)


Dropout = _layer(
    "Dropout", F.dropout, "Zeroes elements with probability p, scales by 1/(1-p)."
)
Dropout1d = _layer(
    "Dropout1d", F.dropout1d, "Zeroes whole channels of (N, C, L) or (C, L) input."
)
Dropout2d = _layer(
    "Dropout2d", F.dropout2d, "Zeroes whole channels of (N, C, H, W) input."
)
Dropout3d = _layer(
    "Dropout3d", F.dropout3d, "Zeroes whole channels of (N, C, D, H, W) input."
)
AlphaDropout = _layer(
    "AlphaDropout", F.alpha_dropout, "Keeps SELU's mean and variance.", True
)
FeatureAlphaDropout = _layer(
    "FeatureAlphaDropout",
    F.feature_alpha_dropout,
    "Alpha dropout of whole channels.",
    True,
)
