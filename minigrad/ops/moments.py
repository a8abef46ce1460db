"""std_mean and var_mean: the spread and the mean, two outputs under one torch name."""

from __future__ import annotations

from minigrad.ops.reduce import Mean
from minigrad.ops.statistics import Std, Var


class StdOfPair(Std):
    """y = std(x) (std_mean's first output);  dx as std's"""

    node_name = "StdMeanBackward0"


class VarOfPair(Var):
    """y = var(x) (var_mean's first output);  dx as var's"""

    node_name = "VarMeanBackward0"


class MeanOfPair(Mean):
    """y = mean(x) (std_mean's or var_mean's second output);  dx as mean's"""

    def forward(self, x, dims=None, keepdim=False, name="StdMeanBackward0"):
        out = super().forward(x, dims, keepdim)
        self.node_name = name
        return out
