"""Adam: torch's single-tensor update, operation by operation, rounded as torch."""

from __future__ import annotations

from typing import Any

import numpy as np

from minigrad.optim._common import (
    check_hyperparameters,
    first_state,
    stepped,
    tensor_type,
    written,
)
from minigrad.optim._declared import Declaration
from minigrad.optim._pointwise import addcdiv_, addcmul_, lerp_, scalar, sqrt
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor


def _init_state(p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
    moments = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    used = moments if group["amsgrad"] else moments[:2]
    return first_state(p, *used, fused=bool(group["fused"]))


def _adam(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    # NOTE: matches torch: _single_tensor_adam, one parameter at a time
    lr, beta1, beta2, eps, weight_decay = numbers
    amsgrad = group["amsgrad"]
    # NOTE: matches torch: a tensor lr makes step_size (and the decoupled decay
    # factor) tensor arithmetic, rounded in the lr's dtype
    lr_type = tensor_type(group["lr"])
    decay_lr = lr if lr_type is None else lr_type(lr)
    beta_type = tensor_type(group["betas"][0])  # both tensors or both floats
    for p, state, grad, step in stepped(optimizer, group, decay_lr, weight_decay):
        param = p._data
        exp_avg = state["exp_avg"]._data
        exp_avg_sq = state["exp_avg_sq"]._data
        if beta_type is None:
            weight1, value2 = 1 - beta1, 1 - beta2
        else:
            # NOTE: matches torch: 1 - beta1 after beta1 moves to the param's
            # dtype; 1 - beta2 in beta2's own dtype
            one = param.dtype.type(1)
            weight1 = one - param.dtype.type(beta1)
            value2 = beta_type(1) - beta_type(beta2)
        lerp_(exp_avg, grad, weight1)
        np.multiply(exp_avg_sq, scalar(exp_avg_sq, beta2), out=exp_avg_sq)
        addcmul_(exp_avg_sq, grad, grad, value2)

        if amsgrad:
            max_exp_avg_sq = state["max_exp_avg_sq"]._data
            np.maximum(max_exp_avg_sq, exp_avg_sq, out=max_exp_avg_sq)
            second = max_exp_avg_sq
        else:
            second = exp_avg_sq
        if group["differentiable"]:
            _tensor_math_update(
                param, exp_avg, second, state["step"], lr, beta1, beta2, eps, lr_type
            )
            written(p)
            continue

        if beta_type is not None:
            step_size, bias_correction2_sqrt = _tensor_beta_corrections(
                beta_type, beta1, beta2, step, lr, lr_type
            )
        else:
            bias_correction1 = 1 - beta1**step
            bias_correction2 = 1 - beta2**step
            if lr_type is None:
                step_size = lr / bias_correction1
            else:
                step_size = float(lr_type(lr) / lr_type(bias_correction1))
            bias_correction2_sqrt = bias_correction2**0.5
        denom = sqrt(second) / scalar(second, bias_correction2_sqrt)
        denom = denom + scalar(second, eps)
        addcdiv_(param, exp_avg, denom, -step_size)
        written(p)


def _tensor_math_update(
    param: np.ndarray,
    exp_avg: np.ndarray,
    second: np.ndarray,
    step: Tensor,
    lr: float,
    beta1: float,
    beta2: float,
    eps: float,
    lr_type: type | None,
) -> None:
    """torch's differentiable branch: bias corrections as 0-d tensors of the step's
    dtype, folded into the denominator; then ``param += exp_avg / denom``."""
    t = step._data.dtype.type
    count = t(step._data)
    bias_correction1 = t(1) - t(beta1) ** count
    if lr_type is None:
        # NOTE: matches torch: number / tensor is tensor.reciprocal() * number
        step_size_neg = -((t(1) / bias_correction1) * t(lr))
    else:
        step_size_neg = -(lr_type(lr) / bias_correction1)
    bias_correction2_sqrt = sqrt(np.asarray(t(1) - t(beta2) ** count))[()]
    denom = sqrt(second) / scalar(second, bias_correction2_sqrt * step_size_neg)
    denom = denom + scalar(second, (t(1) / step_size_neg) * t(eps))
    addcdiv_(param, exp_avg, denom)


def _tensor_beta_corrections(
    t: type, beta1: float, beta2: float, step: float, lr: float, lr_type: type | None
) -> tuple[Any, Any]:
    """torch's step size and sqrt(bias correction 2) for tensor betas: 0-d tensor
    arithmetic in the betas' dtype ``t``."""
    bias_correction1 = t(1) - _tensor_pow(t(beta1), step)
    if lr_type is None:
        # NOTE: matches torch: number / tensor is tensor.reciprocal() * number
        step_size = (t(1) / bias_correction1) * t(lr)
    else:
        step_size = lr_type(lr) / bias_correction1
    bias_correction2 = t(1) - _tensor_pow(t(beta2), step)
    return float(step_size), sqrt(np.asarray(bias_correction2))[()]


def _tensor_pow(base: np.floating, exponent: float) -> np.floating:
    """``tensor ** exponent`` for a 0-d tensor: torch multiplies out squares and cubes."""
    if exponent == 2:
        return base * base
    if exponent == 3:
        return base * base * base
    return base ** type(base)(exponent)


class Adam(Optimizer):
    """Adam (Kingma & Ba), with torch's flags: amsgrad, maximize, weight decay
    (L2, or decoupled as AdamW), and the bias corrections computed in Python floats.
    """

    _declaration = Declaration("Adam", _adam, new_state=_init_state)

    @staticmethod
    def _check_arguments(arguments: dict[str, Any], checks: str) -> None:
        """torch's checks in its order: a tensor lr with foreach first, the shared
        checks, then tensor betas."""
        lr, betas = arguments["lr"], arguments["betas"]
        foreach_only = arguments["foreach"] and not arguments["capturable"]
        if isinstance(lr, Tensor) and foreach_only:
            raise ValueError(
                "lr as a Tensor is not supported for capturable=False and foreach=True"  # noqa: E501
            )
        check_hyperparameters(arguments, checks)
        floats = all(isinstance(b, float) for b in betas[:2])
        if not (floats or all(isinstance(b, Tensor) for b in betas[:2])):
            raise ValueError("betas must be either both floats or both Tensors")
        for i, beta in enumerate(betas[:2]):
            if isinstance(beta, Tensor):
                if foreach_only:
                    raise ValueError(
                        f"betas[{i}] as a Tensor is not supported for capturable=False and foreach=True"  # noqa: E501
                    )
                if beta.numel() != 1:
                    raise ValueError(f"Tensor betas[{i}] must be 1-element")
        # NOTE: matches torch: 1-element tensor betas are kept as 0-d tensors
        arguments["betas"] = tuple(
            b.squeeze() if isinstance(b, Tensor) else b for b in betas
        )
