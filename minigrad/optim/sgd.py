"""SGD: torch's single-tensor update, step by step and rounded as torch rounds it."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from minigrad._exact.fma import F32, add_scaled, add_scaled_, add_scaled_many_, fused
from minigrad.optim._common import check_hyperparameters, written
from minigrad.optim._declared import Declaration
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor, _wrap

# NOTE: above this many elements in all, one pass per parameter is as fast.
_ONE_PASS_LIMIT = 1 << 15


def _owner(a: np.ndarray) -> int:
    """The id of the array that owns `a`'s memory (numpy's views point at it)."""
    return id(a if a.base is None else a.base)


def _one_pass(params: list[Tensor], lr: float) -> bool:
    """All small float32 parameters in one vector update; False if not taken."""
    if len(params) < 2 or not fused():
        return False
    xs, ys = [], []
    size = 0
    for p in params:
        grad = p._grad
        if grad is None:
            continue
        x, y = p._data, grad._data
        if x.dtype != F32 or y.dtype != F32 or x.shape != y.shape or x.base is not None:
            return False
        size += x.size
        xs.append(x)
        ys.append(y)
    if size > _ONE_PASS_LIMIT or len(xs) < 2:
        return False
    # NOTE: torch updates one parameter after another; a single pass equals
    # that only if no parameter's memory is another's or a gradient's.
    owners = {id(x) for x in xs}
    if len(owners) != len(xs) or any(_owner(y) in owners for y in ys):
        return False
    if not add_scaled_many_(xs, ys, -lr):
        return False
    for p in params:
        if p._grad is not None:
            written(p)
    return True


def _plain_sgd(params: list[Tensor], lr: float) -> None:
    """``p -= lr * grad`` for every parameter that has a gradient."""
    if _one_pass(params, lr):
        return
    for p in params:
        grad = p._grad
        if grad is not None:
            add_scaled_(p._data, grad._data, -lr)
            written(p)


def _sgd(optimizer: Optimizer, group: dict[str, Any], *numbers: float) -> None:
    """torch's ``_single_tensor_sgd``, one parameter at a time, in its order."""
    lr, momentum, dampening, weight_decay = numbers
    if momentum == 0 and weight_decay == 0 and not group["maximize"]:
        _plain_sgd(group["params"], lr)
        return
    nesterov, maximize = group["nesterov"], group["maximize"]
    for p in group["params"]:
        if p._grad is None:
            continue
        param = p._data
        grad = p._grad._data
        if maximize:
            grad = -grad
        if weight_decay != 0:
            grad = add_scaled(grad, param, weight_decay)
        if momentum != 0:
            param_state = optimizer.state[p]
            buf = param_state.get("momentum_buffer")
            if buf is None:
                buf = _wrap(np.array(grad))  # a copy, and an array even if 0-d
            else:
                b = buf._data
                np.multiply(b, b.dtype.type(momentum), out=b)
                add_scaled_(b, grad, 1 - dampening)
                written(buf, 2)  # NOTE: matches torch: buf.mul_(...).add_(...)
            param_state["momentum_buffer"] = buf
            if nesterov:
                grad = add_scaled(grad, buf._data, momentum)
            else:
                grad = buf._data
        add_scaled_(param, grad, -lr)
        written(p)


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with momentum (torch's formulation).

    With ``g`` the gradient: ``g = -g`` if maximize; ``g = g + weight_decay * p``;
    with momentum, ``b = g`` on the first step, then
    ``b = momentum * b + (1 - dampening) * g``, and ``g = g + momentum * b``
    (nesterov) or ``g = b``; finally ``p = p - lr * g``.
    """

    # NOTE: foreach and fused are kept for torch's state_dict; minigrad has
    # one update loop, whose results equal torch's single-tensor path.
    _declaration = Declaration("SGD", _sgd)
    # NOTE: matches torch's __setstate__: an older pickle's group gets fused=False
    _unpickled_group_defaults: ClassVar[dict[str, Any]] = {
        **_declaration.unpickled,
        "fused": False,
    }

    @staticmethod
    def _check_arguments(arguments: dict[str, Any], checks: str) -> None:
        """torch's checks: the shared ones, then nesterov's conditions."""
        # NOTE: matches torch: SGD tests ``value < 0``, so NaN passes
        check_hyperparameters(arguments, checks, nan_passes=True)
        momentum, dampening = arguments["momentum"], arguments["dampening"]
        if arguments["nesterov"] and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
