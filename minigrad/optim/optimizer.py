"""Optimizer: parameter groups, per-parameter state, and their state_dict."""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from copy import deepcopy
from itertools import chain
from numbers import Real
from typing import Any

import numpy as np

from minigrad import dtypes
from minigrad.engine.grad_mode import enable_grad
from minigrad.tensor import Tensor, _wrap

# NOTE: matches torch's _get_capturable_supported_devices(): never the CPU
_CAPTURABLE_DEVICES = "['cuda', 'xpu', 'hpu', 'privateuseone', 'xla']"


class _RequiredParameter:
    """Marks a hyperparameter every parameter group must set (torch's ``required``)."""

    def __repr__(self) -> str:
        return "<required parameter>"


required = _RequiredParameter()


def _typename(obj: object) -> str:
    if isinstance(obj, Tensor):
        return obj.type()
    module = type(obj).__module__
    name = type(obj).__qualname__
    return name if module in (None, "builtins") else f"{module}.{name}"


class Optimizer:
    """Base class of the optimizers: holds ``param_groups`` and ``state``."""

    def __init__(self, params: Iterable, defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of "
                "Tensors or dicts, but got " + _typename(params)
            )
        self.state: defaultdict[Tensor, Any] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []

        param_groups = list(params)
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for param_group in param_groups:
            self.add_param_group(param_group)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "defaults": self.defaults,
            "state": self.state,
            "param_groups": self.param_groups,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.defaults.setdefault("differentiable", False)

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            keys = sorted(k for k in group if k != "params")
            text += "".join(f"    {k}: {group[k]}\n" for k in keys)
        return text + ")"

    # --- parameter groups ---------------------------------------------------

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group of parameters, with its own hyperparameters, to optimize."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, "
                "but the ordering of tensors in sets will change between runs. "
                "Please use a list instead."
            )
        else:
            params = list(params)

        # NOTE: matches torch: (name, tensor) pairs, as from named_parameters()
        names = [p[0] for p in params if isinstance(p, tuple)]
        params = [p[1] if isinstance(p, tuple) else p for p in params]
        param_group["params"] = params
        if names:
            if len(names) != len(params):
                raise ValueError(
                    "all optimizer params should be with/without names. Some param "
                    "names are missing"
                )
            param_group["param_names"] = names

        for param in params:
            if not isinstance(param, Tensor):
                raise TypeError(
                    "optimizer can only optimize Tensors, but one of the params is "
                    + _typename(param)
                )
            if not self.defaults.get("differentiable", None) and not (
                param.is_leaf or param.retains_grad
            ):
                raise ValueError("can't optimize a non-leaf Tensor")

        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError(
                    "parameter group didn't specify a value of required optimization "
                    f"parameter {name}"
                )
            param_group.setdefault(name, default)

        if len(params) != len({id(p) for p in params}):
            warnings.warn(
                "optimizer contains a parameter group with duplicate parameters; "
                "in future, this will cause an error; see "
                "github.com/pytorch/pytorch/issues/40967 for more information",
                stacklevel=3,
            )

        seen: set[int] = set()
        for group in self.param_groups:
            seen.update(id(p) for p in group["params"])
            if ("param_names" in param_group) != ("param_names" in group):
                which = "with" if "param_names" in param_group else "without"
                raise ValueError(
                    "all optimizer param groups should be with/without names. "
                    f"cannot add param group {which} names to the optimizer"
                )
        if any(id(p) in seen for p in params):
            raise ValueError("some parameters appear in more than one parameter group")

        self.param_groups.append(param_group)

    # --- gradients and steps ------------------------------------------------

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Reset the gradients of every optimized tensor (to None, or to zeros)."""
        for group in self.param_groups:
            for p in group["params"]:
                grad = p._grad
                if grad is None:
                    continue
                if set_to_none:
                    p._grad = None
                else:
                    if grad._grad_fn is not None:
                        grad.detach_()
                    else:
                        grad.requires_grad_(False)
                    grad.zero_()

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Perform one optimization step; subclasses implement it."""
        raise NotImplementedError

    def _run_closure(self, closure: Callable[[], Any] | None) -> Any:
        if closure is None:
            return None
        with enable_grad():
            return closure()

    # --- state_dict -----------------------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        """The state as torch saves it: parameters replaced by their index."""
        index: dict[int, int] = {}
        start = 0
        param_groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            for i, p in enumerate(group["params"], start):
                index.setdefault(id(p), i)
            packed["params"] = [index[id(p)] for p in group["params"]]
            start += len(packed["params"])
            param_groups.append(packed)
        state = {
            (index[id(k)] if isinstance(k, Tensor) else k): v
            for k, v in self.state.items()
        }
        return {"state": state, "param_groups": param_groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Load a :meth:`state_dict`; its groups must match in number and size."""
        groups = self.param_groups
        saved_groups = deepcopy(state_dict["param_groups"])
        if len(groups) != len(saved_groups):
            raise ValueError(
                "loaded state dict has a different number of parameter groups"
            )
        if any(
            len(g["params"]) != len(s["params"])
            for g, s in zip(groups, saved_groups, strict=True)
        ):
            raise ValueError(
                "loaded state dict contains a parameter group that doesn't match the "
                "size of optimizer's group"
            )

        id_map = dict(
            zip(
                chain.from_iterable(g["params"] for g in saved_groups),
                chain.from_iterable(g["params"] for g in groups),
                strict=True,
            )
        )
        state: defaultdict[Any, Any] = defaultdict(dict)
        for k, v in state_dict["state"].items():
            if k in id_map:
                param = id_map[k]
                float_step = _fused_or_capturable(k, state_dict)
                state[param] = _cast(param, v, None, float_step)
            else:
                state[k] = v

        for group, new_group in zip(groups, saved_groups, strict=True):
            new_group["params"] = group["params"]
            if "param_names" in group and "param_names" not in new_group:
                new_group["param_names"] = group["param_names"]
        self.__setstate__({"state": state, "param_groups": saved_groups})


def _fused_or_capturable(param_id: Any, state_dict: dict[str, Any]) -> bool:
    """Whether the saved group holding ``param_id`` is fused or capturable."""
    for group in state_dict["param_groups"]:
        if param_id in group["params"]:
            return bool(group.get("fused") or group.get("capturable"))
    return False


def _cast(param: Tensor, value: Any, key: Any = None, float_step: bool = False) -> Any:
    """Loaded state for ``param``: tensors take its dtype, containers are rebuilt."""
    if isinstance(value, Tensor):
        # NOTE: matches torch: a tensor already of the right dtype is not copied;
        # 'step' counters keep their dtype unless the group is fused or capturable.
        if key == "step":
            return value.to(dtype=dtypes.float32) if float_step else value
        if param.dtype.is_floating_point:
            return value.to(dtype=param.dtype)
        return value
    if isinstance(value, dict):
        return {k: _cast(param, v, k, float_step) for k, v in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, str):
        return type(value)(_cast(param, v, None, float_step) for v in value)
    return value


# --- helpers of the update rules ----------------------------------------------------


def group_number(group: dict[str, Any], name: str, owner: str) -> Any:
    """``group[name]`` as a Python number (a 1-element tensor gives its item)."""
    value = group[name]
    if type(value) is float or type(value) is int:
        return value
    if isinstance(value, Tensor) and value.numel() == 1:
        return value.item()
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(
            f"{owner}: parameter group's '{name}' must be a real number, "
            f"got {type(value).__name__}"
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
            "If capturable=True, params and state_steps must be on supported devices: "
            f"{_CAPTURABLE_DEVICES}."
        )
    if group.get("differentiable"):
        # NOTE: matches torch: a differentiable step runs with grad enabled, and
        # its in-place update of a leaf that requires grad is refused.
        for p in group["params"]:
            if p._grad is not None and p.requires_grad and p.is_leaf:
                raise RuntimeError(
                    "a leaf Variable that requires grad is being used in an in-place "
                    "operation."
                )
        if any(p._grad is not None for p in group["params"]):
            raise NotImplementedError(
                "minigrad does not record optimizer steps in the graph "
                "(differentiable=True) for non-leaf parameters"
            )
    if group.get("fused"):
        for p in group["params"]:
            if p._grad is not None and not p.dtype.is_floating_point:
                raise RuntimeError(
                    "`fused=True` requires all the params to be floating point Tensors "
                    f"of supported devices: ['mps', 'cuda', 'xpu', 'hpu', 'cpu', "
                    f"'mtia', 'privateuseone'] but {p.dtype} and cpu"
                )


def quiet_floats() -> np.errstate:
    """No NumPy warnings for inf/nan arithmetic: torch's updates are silent."""
    return np.errstate(all="ignore")


def step_counter(fused: bool = False) -> Tensor:
    """A new 0-d ``step`` tensor at 0: float32, or float64 if that is the default."""
    # NOTE: matches torch's _get_scalar_dtype()
    double = not fused and dtypes.get_default_dtype() == dtypes.float64
    return _wrap(np.zeros((), np.float64 if double else np.float32))


def tensor_steps(optimizer: Optimizer) -> None:
    """Turn loaded ``step`` numbers (older checkpoints) into counters, as torch."""
    for group in optimizer.param_groups:
        for p in group["params"]:
            state = optimizer.state.get(p, {})
            if len(state) != 0 and not isinstance(state["step"], Tensor):
                counter = step_counter(bool(group.get("fused")))
                counter._data[...] = float(state["step"])
                state["step"] = counter


def increment(step: Tensor) -> float:
    """``step += 1`` in the counter's dtype; the new count as a Python float."""
    data = step._data
    np.add(data, data.dtype.type(1), out=data)
    step._version += 1
    return float(data)


def written(p: Tensor, times: int = 1) -> None:
    """Count in-place writes to ``p`` as torch's version counter does."""
    p._version += times
