"""What the update rules share: hyperparameters as numbers, flag checks, counters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from numbers import Real
from typing import Any

import numpy as np

from minigrad import dtypes
from minigrad._exact.fma import add_scaled
from minigrad.tensor import Tensor, _wrap

# NOTE: matches torch's _get_capturable_supported_devices(): never the CPU
_CAPTURABLE_DEVICES = "['cuda', 'xpu', 'hpu', 'privateuseone', 'xla']"


def group_number(group: dict[str, Any], name: str, owner: str) -> Any:
    """``group[name]`` as a Python number (a 1-element tensor gives its item)."""
    value = group[name]
    if type(value) is float or type(value) is int:
        return value  # NOTE: the common case, without a call: SGD.step is hot
    return _number(value, name, owner)


def _number(value: Any, name: str, owner: str) -> Any:
    if type(value) is float or type(value) is int:
        return value
    if isinstance(value, Tensor) and value.numel() == 1:
        return value.item()
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(
            f"{owner}: parameter group's '{name}' must be a real number, got {type(value).__name__}"
        )
    return value


def tensor_type(value: Any) -> type | None:
    """The NumPy scalar type of a tensor hyperparameter; None for a Python number."""
    return value._data.dtype.type if isinstance(value, Tensor) else None


def check_fused_flags(fused: Any, foreach: Any, differentiable: Any) -> None:
    """torch's constructor checks of ``fused`` (after the parameter groups)."""
    if fused and differentiable:
        raise RuntimeError("`fused` does not support `differentiable`")
    if fused and foreach:
        raise RuntimeError("`fused` and `foreach` cannot be `True` together.")


def check_step_flags(group: dict[str, Any]) -> None:
    """Refuse, before any update, the flags torch refuses at step time on the CPU."""
    if group.get("capturable"):
        raise AssertionError(
            f"If capturable=True, params and state_steps must be on supported devices: {_CAPTURABLE_DEVICES}."
        )
    if group.get("differentiable"):
        # NOTE: matches torch: a differentiable step runs with grad enabled, and
        # its in-place update of a leaf that requires grad is refused.
        stepped = [p for p in group["params"] if p._grad is not None]
        if any(p.requires_grad and p.is_leaf for p in stepped):
            raise RuntimeError(
                "a leaf Variable that requires grad is being used in an in-place operation."
            )
        if any(not p.is_leaf for p in stepped):
            raise NotImplementedError(
                "minigrad does not record optimizer steps in the graph (differentiable=True) for non-leaf parameters"
            )
    if group.get("fused"):
        for p in group["params"]:
            if p._grad is not None and not p.dtype.is_floating_point:
                raise RuntimeError(
                    f"`fused=True` requires all the params to be floating point Tensors of supported devices: ['mps', 'cuda', 'xpu', 'hpu', 'cpu', 'mtia', 'privateuseone'] but {p.dtype} and cpu"
                )


def quiet_floats() -> np.errstate:
    """No NumPy warnings for inf/nan arithmetic: torch's updates are silent."""
    return np.errstate(all="ignore")


def step_counter(fused: bool = False, value: float = 0) -> Tensor:
    """A new 0-d counter tensor at ``value``: float32, or float64 if that is the default."""
    # NOTE: matches torch's _get_scalar_dtype()
    double = not fused and dtypes.get_default_dtype() == dtypes.float64
    return _wrap(np.array(value, np.float64 if double else np.float32))


def first_state(
    p: Tensor, *buffers: str, fused: bool = False, fill: float = 0
) -> dict[str, Tensor]:
    """A parameter's new state: its ``step`` counter at 0, then each named buffer,
    an array shaped as ``p`` full of ``fill``."""
    state = {"step": step_counter(fused)}
    for name in buffers:
        state[name] = _wrap(np.full_like(p._data, fill))
    return state


def increment(step: Tensor) -> float:
    """``step += 1`` in the counter's dtype; the new count as a Python float."""
    data = step._data
    np.add(data, data.dtype.type(1), out=data)
    step._vc[0] += 1
    return float(data)


def written(p: Tensor, times: int = 1) -> None:
    """Count in-place writes to ``p`` as torch's version counter does."""
    p._vc[0] += times


_VALUE_LABELS = {"lr": "learning rate", "eps": "epsilon value"}


def check_hyperparameters(
    arguments: dict[str, Any], names: str, *, nan_passes: bool = False
) -> None:
    """torch's constructor checks of the ``names`` (space-separated) in ``arguments``,
    in that order: a Tensor ``lr`` has one element, the two ``betas`` lie in [0, 1),
    ``rho`` in [0, 1], ``etas`` around 1, and any other value is >= 0.

    ``nan_passes``: the test is ``value < 0`` (as SGD's), which lets NaN through.
    """
    for name in names.split():
        value = arguments[name]
        if name == "lr" and isinstance(value, Tensor) and value.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        if name == "betas":
            for i in (0, 1):
                if not 0.0 <= value[i] < 1.0:
                    raise ValueError(f"Invalid beta parameter at index {i}: {value[i]}")
        elif name == "rho":
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"Invalid rho value: {value}")
        elif name == "etas":
            if not 0.0 < value[0] < 1.0 < value[1]:
                raise ValueError(f"Invalid eta values: {value[0]}, {value[1]}")
        elif value < 0.0 if nan_passes else not 0.0 <= value:
            label = _VALUE_LABELS.get(name, name + " value")
            raise ValueError(f"Invalid {label}: {value}")


# NOTE: matches torch's rules, which unpack these pairs: beta1, beta2 = group["betas"]
_PAIRS = {
    "betas": ("beta1", "beta2"),
    "etas": ("etaminus", "etaplus"),
    "step_sizes": ("step_size_min", "step_size_max"),
}


def group_numbers(names: str, owner: str) -> Callable[[dict[str, Any]], list[Any]]:
    """A group's hyperparameters ``names`` (space-separated) as numbers, a pair
    (``betas``, ``etas``, ``step_sizes``) as its two numbers."""
    flat = [(name, _PAIRS.get(name)) for name in names.split()]
    if not any(pair for _, pair in flat):
        return lambda group: [group_number(group, name, owner) for name, _ in flat]

    def numbers(group: dict[str, Any]) -> list[Any]:
        values = []
        for name, pair in flat:
            if pair is None:
                values.append(group_number(group, name, owner))
            else:
                first, second = group[name]
                values.append(_number(first, pair[0], owner))
                values.append(_number(second, pair[1], owner))
        return values

    return numbers


def stepped(
    optimizer: Any, group: dict[str, Any], lr: Any = 0, weight_decay: float = 0
) -> Iterator[tuple[Tensor, dict[str, Any], np.ndarray, float]]:
    """The per-parameter preamble of torch's single-tensor rules: for each parameter
    with a gradient, ``(parameter, its state, its gradient, its step count)``.

    The state is made by ``optimizer._new_state`` on first use; then, as torch: the
    gradient negated if maximize, ``step += 1``, and the weight decay (decoupled if
    the group says so) applied.
    """
    decoupled = group.get("decoupled_weight_decay", False)
    for p in group["params"]:
        if p._grad is None:
            continue
        state = optimizer.state[p]
        if len(state) == 0:
            state.update(optimizer._new_state(p, group))
        grad = p._grad._data
        if group["maximize"]:
            grad = -grad
        step = increment(state["step"])
        yield p, state, weight_decayed(p, grad, lr, weight_decay, decoupled), step


def weight_decayed(
    p: Tensor, grad: np.ndarray, lr: float, weight_decay: float, decoupled: bool
) -> np.ndarray:
    """torch's weight decay: ``param *= 1 - lr * wd`` if decoupled, else ``grad + wd * param``."""
    if weight_decay == 0:
        return grad
    param = p._data
    if not decoupled:
        return add_scaled(grad, param, weight_decay)
    np.multiply(param, param.dtype.type(1 - lr * weight_decay), out=param)
    written(p)
    return grad
