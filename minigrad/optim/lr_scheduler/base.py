"""LRScheduler: the base of the schedulers, and torch's step-order warnings."""

from __future__ import annotations

import inspect
import types
import warnings
from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar, TypeVar
from weakref import ref

from minigrad._signature import bind
from minigrad.optim.optimizer import Optimizer
from minigrad.tensor import Tensor

EPOCH_DEPRECATION_WARNING = (
    "The epoch parameter in `scheduler.step()` was not necessary and is being "
    "deprecated where possible. Please use `scheduler.step()` to step the "
    "scheduler. During the deprecation, if epoch is different from None, the "
    "closed form is used instead of the new chainable form, where available. "
    "Please open an issue if you are unable to replicate your use case: "
    "https://github.com/pytorch/pytorch/issues/new/choose."
)
_OVERRIDDEN_STEP_WARNING = (
    "Seems like `optimizer.step()` has been overridden after learning rate scheduler "
    "initialization. Please, make sure to call `optimizer.step()` before "
    "`lr_scheduler.step()`. See more details at "
    "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate"
)
_ORDER_WARNING = (
    "Detected call of `lr_scheduler.step()` before `optimizer.step()`. "
    "In PyTorch 1.1.0 and later, you should call them in the opposite order: "
    "`optimizer.step()` before `lr_scheduler.step()`.  Failure to do this "
    "will result in PyTorch skipping the first value of the learning rate schedule. "
    "See more details at "
    "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate"
)


def _values(optimizer: Optimizer, key: str) -> list[Any]:
    """``group[key]`` of every group; tensors cloned, so nothing aliases them."""
    return [
        g[key].clone() if isinstance(g[key], Tensor) else g[key]
        for g in optimizer.param_groups
    ]


def _set_value(group: dict[str, Any], key: str, value: Any) -> None:
    """Set ``group[key]``, filling it in place when it is a tensor (as torch)."""
    if isinstance(group[key], Tensor):
        value = value.item() if isinstance(value, Tensor) else value
        group[key].fill_(value)
    else:
        group[key] = value


def _callable_state(fn: Any) -> dict[str, Any] | None:
    """What a state_dict keeps of a user's callable: a callable object's attributes;
    a plain function (or None) is saved as None, as torch."""
    if fn is None or isinstance(fn, types.FunctionType):
        return None
    return fn.__dict__.copy()


def _check_optimizer(optimizer: Any) -> None:
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"{type(optimizer).__name__} is not an Optimizer")


def _track_step_calls(scheduler: LRScheduler) -> None:
    """Wrap ``optimizer.step`` once so the scheduler can tell if it was called."""
    opt = scheduler.optimizer
    if hasattr(opt.step, "_wrapped_by_lr_sched"):
        return
    opt_ref = ref(opt)
    func = opt.step.__func__

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        target = opt_ref()
        target._opt_called = True
        return func.__get__(target, target.__class__)(*args, **kwargs)

    wrapper._wrapped_by_lr_sched = True
    opt.step = wrapper


class LRScheduler:
    """Base of the schedulers: ``step()`` sets every group's ``lr`` from ``get_lr``."""

    _get_lr_called_within_step: bool = False
    _is_initial: bool = False
    # NOTE: matches torch: a scheduler may save one attribute in its own form,
    # after the others (the inner schedulers, the user's lambdas): its name
    _saved_apart: ClassVar[str | None] = None

    def __init__(self, optimizer: Optimizer, last_epoch: int = -1) -> None:
        _check_optimizer(optimizer)
        self.optimizer = optimizer
        if last_epoch == -1:
            for group in optimizer.param_groups:
                initial_lr = group["lr"]
                if isinstance(initial_lr, Tensor):
                    initial_lr = initial_lr.clone()
                group.setdefault("initial_lr", initial_lr)
        else:
            for i, group in enumerate(optimizer.param_groups):
                if "initial_lr" not in group:
                    raise KeyError(
                        f"param 'initial_lr' is not specified in param_groups[{i}] when resuming scheduler with last_epoch >= 0.\nThis typically happens when:\n1. You're trying to resume training from a checkpoint but haven't properly loaded the optimizer state\n2. You're using last_epoch >= 0 for a fresh training run (not recommended)"  # noqa: E501
                    )
        self.base_lrs: list[Any] = _values(optimizer, "initial_lr")
        self.last_epoch = last_epoch
        _track_step_calls(self)
        self._initial_step()

    def _store_hyperparameters(self, values: dict[str, Any], last_epoch: int) -> None:
        """Keep each hyperparameter as an attribute of its name (a scheduler
        declared with ``_hyperparameters`` adds torch's checks here)."""
        for name, value in values.items():
            setattr(self, name, value)

    def _initial_step(self) -> None:
        self._step_count = 0
        self._is_initial = True
        try:
            self.step()
        finally:
            self._is_initial = False

    def state_dict(self) -> dict[str, Any]:
        """Every attribute but the optimizer (``_saved_apart`` last, in its own form)."""
        apart = self._saved_apart
        state = {
            k: v for k, v in self.__dict__.items() if k not in ("optimizer", apart)
        }
        if apart is not None:
            state[apart] = self._save_apart()
        return state

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore the attributes saved by :meth:`state_dict`."""
        apart = self._saved_apart
        if apart is None:
            self.__dict__.update(state_dict)
            return
        saved = state_dict.pop(apart)
        self.__dict__.update(state_dict)
        state_dict[apart] = saved
        self._load_apart(saved)

    def _save_apart(self) -> Any:
        """The saved form of the attribute named by ``_saved_apart``."""
        raise NotImplementedError

    def _load_apart(self, saved: Any) -> None:
        """Load the attribute named by ``_saved_apart`` back from ``saved``."""
        raise NotImplementedError

    def get_last_lr(self) -> list[Any]:
        """The learning rates the last :meth:`step` set, one per group."""
        return self._last_lr

    def get_lr(self) -> list[Any]:
        """The next learning rates; subclasses implement it."""
        raise NotImplementedError

    def step(self, epoch: int | None = None) -> None:
        """Advance one epoch (after ``optimizer.step()``) and set the new rates."""
        if self._step_count == 1:
            if not hasattr(self.optimizer.step, "_wrapped_by_lr_sched"):
                warnings.warn(_OVERRIDDEN_STEP_WARNING, UserWarning, stacklevel=2)
            elif not getattr(self.optimizer, "_opt_called", False):
                warnings.warn(_ORDER_WARNING, UserWarning, stacklevel=2)
        self._step_count += 1
        if epoch is not None:
            warnings.warn(EPOCH_DEPRECATION_WARNING, UserWarning, stacklevel=2)
        self._update_lr(epoch)

    def _update_lr(self, epoch: int | None = None) -> None:
        if epoch is None:
            self.last_epoch += 1
            self._set_lrs(self.get_lr)
        else:
            self.last_epoch = epoch
            self._set_lrs(getattr(self, "_get_closed_form_lr", self.get_lr))

    def _set_lrs(self, compute: Callable[[], list[Any]]) -> None:
        """Set every group's ``lr`` to ``compute()``, run as from within ``step``."""
        self._get_lr_called_within_step = True
        try:
            values = compute()
        finally:
            self._get_lr_called_within_step = False
        for group, lr in zip(self.optimizer.param_groups, values, strict=True):
            _set_value(group, "lr", lr)
        self._last_lr = _values(self.optimizer, "lr")

    def _warn_outside_step(self) -> None:
        if not self._get_lr_called_within_step:
            warnings.warn(
                "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.",
                UserWarning,
                stacklevel=3,
            )

    def _scaled_lrs(self, factor: Any) -> list[Any]:
        """The current rates, each times ``factor`` (a chainable schedule's update)."""
        return [group["lr"] * factor for group in self.optimizer.param_groups]


class _LRScheduler(LRScheduler):
    """torch's older name of :class:`LRScheduler`, kept for old subclasses."""


_Class = TypeVar("_Class", bound=type[LRScheduler])
_P = inspect.Parameter


def _parameter(name: str, annotation: Any, default: Any = _P.empty) -> _P:
    return _P(name, _P.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation)


def _hyperparameters(cls: _Class) -> _Class:
    """Give a scheduler torch's constructor ``(optimizer, *hyperparameters,
    last_epoch=-1)``, its hyperparameters declared once as the class's annotated
    attributes (dataclass style: in order, with their defaults); it stores each
    under its name (``_store_hyperparameters``), then runs LRScheduler's."""
    declared = cls.__dict__.get("__annotations__", {})
    defaults = {name: cls.__dict__[name] for name in declared if name in cls.__dict__}
    for name in defaults:
        delattr(cls, name)  # the default lives in the signature only, as torch's
    signature = inspect.Signature(
        [
            _parameter("self", _P.empty),
            _parameter("optimizer", "Optimizer"),
            *(_parameter(n, a, defaults.get(n, _P.empty)) for n, a in declared.items()),
            _parameter("last_epoch", "int", -1),
        ],
        return_annotation="None",
    )

    qualname = f"{cls.__qualname__}.__init__"

    def __init__(self: LRScheduler, *args: Any, **kwargs: Any) -> None:
        given = bind(signature, qualname, (self, *args), kwargs)
        last_epoch = given["last_epoch"]
        self._store_hyperparameters({k: given[k] for k in declared}, last_epoch)
        super(cls, self).__init__(given["optimizer"], last_epoch)

    __init__.__signature__ = signature
    __init__.__qualname__ = qualname
    __init__.__module__ = cls.__module__
    __init__.__doc__ = (
        f"Store {cls.__name__}'s hyperparameters, then start the schedule."
    )
    cls.__init__ = __init__
    return cls
