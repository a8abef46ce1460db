"""Optimizer: parameter groups, per-parameter state, and their state_dict."""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from copy import deepcopy
from itertools import chain
from typing import Any, ClassVar

from minigrad import dtypes
from minigrad.autograd._reset_grads import reset_grads
from minigrad.engine.grad_mode import enable_grad
from minigrad.engine.graph import RemovableHandle, add_hook
from minigrad.optim._common import (
    check_hyperparameters,
    check_step_flags,
    quiet_floats,
    step_counter,
)
from minigrad.optim._declared import Declaration
from minigrad.optim._hooks import (
    patch_step,
    register_optimizer_step_post_hook,
    register_optimizer_step_pre_hook,
)
from minigrad.tensor import Tensor


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


_HOOKS = (
    "_optimizer_step_pre_hooks",
    "_optimizer_step_post_hooks",
    "_optimizer_state_dict_pre_hooks",
    "_optimizer_state_dict_post_hooks",
    "_optimizer_load_state_dict_pre_hooks",
    "_optimizer_load_state_dict_post_hooks",
)
__all__ = [
    "Optimizer",
    "register_optimizer_step_post_hook",
    "register_optimizer_step_pre_hook",
    "required",
]


# NOTE: torch's four state_dict hooks: when each runs, and what it is called with
_HOOK_DOCS = {
    "state_dict_pre": "``hook(optimizer)`` before :meth:`state_dict` builds the dict.",
    "state_dict_post": "``hook(optimizer, state_dict)`` on the built dict; it may return another.",
    "load_state_dict_pre": "``hook(optimizer, state_dict)`` before loading; it may return another.",
    "load_state_dict_post": "``hook(optimizer)`` after :meth:`load_state_dict`.",
}


def _registrar(kind: str) -> Callable[..., RemovableHandle]:
    """torch's ``Optimizer.register_{kind}_hook`` method."""
    hooks = f"_optimizer_{kind}_hooks"

    def register(self: Any, hook: Callable, prepend: bool = False) -> RemovableHandle:
        return add_hook(getattr(self, hooks), hook, prepend)

    register.__name__ = f"register_{kind}_hook"
    register.__qualname__ = f"Optimizer.{register.__name__}"
    register.__doc__ = _HOOK_DOCS[kind]
    return register


class Optimizer:
    """Base class of the optimizers: holds ``param_groups`` and ``state``."""

    def __init__(self, params: Iterable, defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        for name in _HOOKS:
            setattr(self, name, {})
        patch_step(type(self))
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

    # torch's optimisers: the row of the table (_table.py) and the update rule.
    _declaration: ClassVar[Declaration | None] = None
    # Group keys an older pickled state may lack, and the values torch fills in.
    _unpickled_group_defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A class that has a ``_declaration`` gets torch's constructor."""
        super().__init_subclass__(**kwargs)
        declared = cls.__dict__.get("_declaration")
        if declared is not None:
            cls.__init__ = declared.constructor(cls, Optimizer.__init__)
            if "_unpickled_group_defaults" not in cls.__dict__:
                cls._unpickled_group_defaults = declared.unpickled

    @staticmethod
    def _check_arguments(arguments: dict[str, Any], checks: str) -> None:
        """torch's constructor checks: the shared range checks of ``checks``."""
        check_hyperparameters(arguments, checks)

    def _constructed(self) -> None:
        """What an optimiser does once its groups are made (nothing here)."""

    def _new_state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Tensor]:
        """A parameter's state at its first step, as declared."""
        return self._declaration.new_state(p, group)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "defaults": self.defaults,
            "state": self.state,
            "param_groups": self.param_groups,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        for name in _HOOKS:
            self.__dict__.setdefault(name, {})
        patch_step(type(self))
        self.defaults.setdefault("differentiable", False)
        for group in self.param_groups:
            for key, value in self._unpickled_group_defaults.items():
                group.setdefault(key, value)
        if self._declaration is not None:
            self._steps_as_counters()

    def _steps_as_counters(self) -> None:
        """Turn loaded ``step`` numbers (older checkpoints) into counters, as torch."""
        for group in self.param_groups:
            for p in group["params"]:
                step = self.state.get(p, {}).get("step")
                if step is not None and not isinstance(step, Tensor):
                    fused = bool(group.get("fused"))
                    self.state[p]["step"] = step_counter(fused, float(step))

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
                "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead."
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
                    "all optimizer params should be with/without names. Some param names are missing"
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
                    f"parameter group didn't specify a value of required optimization parameter {name}"
                )
            param_group.setdefault(name, default)

        if len(params) != len({id(p) for p in params}):
            warnings.warn(
                "optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information",
                stacklevel=3,
            )

        seen: set[int] = set()
        for group in self.param_groups:
            seen.update(id(p) for p in group["params"])
            if ("param_names" in param_group) != ("param_names" in group):
                which = "with" if "param_names" in param_group else "without"
                raise ValueError(
                    f"all optimizer param groups should be with/without names. cannot add param group {which} names to the optimizer"
                )
        if any(id(p) in seen for p in params):
            raise ValueError("some parameters appear in more than one parameter group")

        self.param_groups.append(param_group)

    # --- hooks --------------------------------------------------------------

    def register_step_pre_hook(self, hook: Callable) -> RemovableHandle:
        """``hook(optimizer, args, kwargs)`` before each step; it may return
        ``(new_args, new_kwargs)``."""
        return add_hook(self._optimizer_step_pre_hooks, hook)

    def register_step_post_hook(self, hook: Callable) -> RemovableHandle:
        """``hook(optimizer, args, kwargs)`` after each step."""
        return add_hook(self._optimizer_step_post_hooks, hook)

    register_state_dict_pre_hook = _registrar("state_dict_pre")
    register_state_dict_post_hook = _registrar("state_dict_post")
    register_load_state_dict_pre_hook = _registrar("load_state_dict_pre")
    register_load_state_dict_post_hook = _registrar("load_state_dict_post")

    # --- gradients and steps ------------------------------------------------

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Reset the gradients of every optimized tensor (to None, or to zeros)."""
        reset_grads(
            chain.from_iterable(g["params"] for g in self.param_groups), set_to_none
        )

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Perform one optimization step: the closure's loss, then the update rule."""
        declared = self._declaration
        if declared is None:
            raise NotImplementedError
        return self._step_each_group(closure, declared.numbers_of, declared.rule)

    def _step_each_group(
        self,
        closure: Callable[[], Any] | None,
        numbers_of: Callable[[dict[str, Any]], Sequence[Any]],
        update: Callable[..., None],
    ) -> Any:
        """One step of a single-tensor rule: the closure's loss, then
        ``update(self, group, *numbers_of(group))`` for each parameter group."""
        loss = self._run_closure(closure)
        # Check every group before touching any parameter: never a half-updated model.
        numbers = [numbers_of(group) for group in self.param_groups]
        for group in self.param_groups:
            check_step_flags(group)
        with quiet_floats():
            for group, group_numbers in zip(self.param_groups, numbers, strict=True):
                update(self, group, *group_numbers)
        return loss

    def _run_closure(self, closure: Callable[[], Any] | None) -> Any:
        if closure is None:
            return None
        with enable_grad():
            return closure()

    # --- state_dict -----------------------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        """The state as torch saves it: parameters replaced by their index."""
        for pre_hook in self._optimizer_state_dict_pre_hooks.values():
            pre_hook(self)
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
        state_dict = {"state": state, "param_groups": param_groups}
        for post_hook in self._optimizer_state_dict_post_hooks.values():
            result = post_hook(self, state_dict)
            if result is not None:
                state_dict = result
        return state_dict

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Load a :meth:`state_dict`; its groups must match in number and size."""
        state_dict = state_dict.copy()  # NOTE: matches torch: a shallow copy
        for pre_hook in self._optimizer_load_state_dict_pre_hooks.values():
            result = pre_hook(self, state_dict)
            if result is not None:
                state_dict = result
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
                "loaded state dict contains a parameter group that doesn't match the size of optimizer's group"
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
        for post_hook in self._optimizer_load_state_dict_post_hooks.values():
            post_hook(self)


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
