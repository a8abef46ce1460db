"""The weight and optional bias of Linear and the conv layers, and their default init."""

from __future__ import annotations

import math
from typing import Any

from minigrad.factories import empty
from minigrad.nn import init
from minigrad.nn.module import Module
from minigrad.nn.parameter import Parameter


def add_weight_and_bias(
    module: Module,
    weight_shape: tuple[int, ...],
    bias: bool,
    factory_kwargs: dict[str, Any],
    bias_size: int | None = None,
) -> None:
    """Give ``module`` an empty ``weight`` and, if ``bias``, a ``bias`` of
    ``bias_size`` (default ``weight_shape[0]``) elements (else ``bias`` is None)."""
    module.weight = Parameter(empty(weight_shape, **factory_kwargs))
    if bias:
        size = weight_shape[0] if bias_size is None else bias_size
        module.bias = Parameter(empty(size, **factory_kwargs))
    else:
        module.register_parameter("bias", None)


def reset_weight_and_bias(module: Module) -> None:
    """torch's default init: ``kaiming_uniform_(weight, a=sqrt(5))``, then the bias
    from U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
    # NOTE: matches torch: weight first, then bias, each bound computed in
    # Python doubles the way torch computes it (the two may differ by an ulp).
    init.kaiming_uniform_(module.weight, a=math.sqrt(5))
    if module.bias is not None:
        fan_in, _ = init._calculate_fan_in_and_fan_out(module.weight)
        bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
        init.uniform_(module.bias, -bound, bound)
