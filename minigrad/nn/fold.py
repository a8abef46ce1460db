"""Unfold and Fold modules (sliding blocks <-> columns)."""

from __future__ import annotations

from minigrad.nn import _fold_functional as F
from minigrad.nn._functional_module import functional_module

Unfold = functional_module("Unfold", F.unfold, "kernel_size dilation padding stride")
Fold = functional_module(
    "Fold", F.fold, "output_size kernel_size dilation padding stride"
)
