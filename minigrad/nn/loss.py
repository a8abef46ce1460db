"""Loss layers: MSELoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss."""

from __future__ import annotations

from minigrad.nn import functional as F
from minigrad.nn._loss_module import _Loss, _WeightedLoss
from minigrad.tensor import Tensor


class MSELoss(_Loss, function=F.mse_loss, without=("weight",)):
    """Mean squared error: reduce((input - target)^2)."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.mse_loss(input, target, reduction=self.reduction)


class BCELoss(_WeightedLoss, function=F.binary_cross_entropy):
    """Binary cross entropy on probabilities: -w (y log x + (1 - y) log(1 - x))."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.binary_cross_entropy(
            input, target, weight=self.weight, reduction=self.reduction
        )


class BCEWithLogitsLoss(_Loss, function=F.binary_cross_entropy_with_logits):
    """Binary cross entropy on logits (a sigmoid folded in, computed stably)."""


class NLLLoss(_WeightedLoss, function=F.nll_loss):
    """Negative log-likelihood of class indices: -weight[t] * input[n, t], reduced."""


class CrossEntropyLoss(_WeightedLoss, function=F.cross_entropy):
    """log_softmax over the class dim, then NLL (class indices) or -sum(p log q)
    (class probabilities), with optional label smoothing."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.cross_entropy(
            input,
            target,
            weight=self.weight,
            ignore_index=self.ignore_index,
            reduction=self.reduction,
            label_smoothing=self.label_smoothing,
        )
