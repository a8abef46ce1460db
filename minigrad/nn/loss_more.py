"""More loss layers: L1, smooth L1, Huber, KL divergence, margin and likelihood losses."""

from __future__ import annotations

from minigrad.nn import functional as F
from minigrad.nn._loss_module import _Loss, _WeightedLoss

__all__ = [
    "L1Loss",
    "SmoothL1Loss",
    "HuberLoss",
    "KLDivLoss",
    "SoftMarginLoss",
    "MarginRankingLoss",
    "HingeEmbeddingLoss",
    "CosineEmbeddingLoss",
    "PoissonNLLLoss",
    "GaussianNLLLoss",
    "MultiMarginLoss",
    "MultiLabelMarginLoss",
    "MultiLabelSoftMarginLoss",
    "TripletMarginLoss",
]


class L1Loss(_Loss, function=F.l1_loss, without=("weight",)):
    """Mean absolute error: reduce(|input - target|)."""


class SmoothL1Loss(_Loss, function=F.smooth_l1_loss):
    """Quadratic below ``beta``, linear above: reduce(0.5 d^2 / beta or |d| - beta / 2)."""


class HuberLoss(_Loss, function=F.huber_loss, without=("weight",)):
    """Quadratic below ``delta``, linear above: reduce(0.5 d^2 or delta (|d| - delta / 2))."""


class KLDivLoss(_Loss, function=F.kl_div):
    """Kullback-Leibler divergence of log-probabilities ``input`` from ``target``."""


class SoftMarginLoss(_Loss, function=F.soft_margin_loss):
    """Two-class logistic loss: reduce(ln(1 + exp(-y x)))."""


class MarginRankingLoss(_Loss, function=F.margin_ranking_loss):
    """reduce(max(0, -y (x1 - x2) + margin))."""


class HingeEmbeddingLoss(_Loss, function=F.hinge_embedding_loss):
    """reduce(x where y = 1, max(0, margin - x) where y = -1)."""


class CosineEmbeddingLoss(_Loss, function=F.cosine_embedding_loss):
    """reduce(1 - cos(x1, x2) where y = 1, max(0, cos(x1, x2) - margin) where y = -1)."""


class PoissonNLLLoss(
    _Loss, function=F.poisson_nll_loss, inputs=("log_input", "target")
):
    """Negative log-likelihood of a Poisson target (rate given as a log, or not)."""


class GaussianNLLLoss(_Loss, function=F.gaussian_nll_loss, keyword_only=True):
    """Negative log-likelihood of a Gaussian target with predicted mean and variance."""


class MultiMarginLoss(_WeightedLoss, function=F.multi_margin_loss):
    """Multi-class hinge loss: sum over i != y of max(0, margin - x[y] + x[i])^p / C."""

    def _check(self) -> None:
        if self.p != 1 and self.p != 2:
            raise ValueError("only p == 1 and p == 2 supported")
        if self.weight is not None and self.weight.dim() != 1:
            raise ValueError(
                f"MultiMarginLoss: expected weight to be None or 1D tensor, got {self.weight.dim()}D instead"
            )


class MultiLabelMarginLoss(_Loss, function=F.multilabel_margin_loss):
    """Multi-label hinge loss: each listed label against each other class, / C."""


class MultiLabelSoftMarginLoss(_WeightedLoss, function=F.multilabel_soft_margin_loss):
    """Per-class logistic losses averaged over the classes, then reduced."""


class TripletMarginLoss(_Loss, function=F.triplet_margin_loss):
    """reduce(max(0, margin + d(anchor, positive) - d(anchor, negative)))."""

    def _check(self) -> None:
        if self.margin <= 0:
            raise ValueError(
                f"TripletMarginLoss: expected margin to be greater than 0, got {self.margin} instead"
            )
