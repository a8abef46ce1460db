"""Module: the base class of every layer (parameters, buffers, children, state)."""

from __future__ import annotations

import warnings
from collections import OrderedDict, namedtuple
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from minigrad.autograd._reset_grads import reset_grads
from minigrad.engine.grad_mode import no_grad
from minigrad.engine.graph import RemovableHandle, add_hook
from minigrad.nn._conversion import ModuleConversions
from minigrad.nn.hooks import call_with_hooks
from minigrad.nn.parameter import Parameter
from minigrad.tensor import Tensor

_MEMBER_TABLES = ("_parameters", "_buffers", "_modules")
_HOOK_TABLES = (
    "_forward_pre_hooks",
    "_forward_hooks",
    "_backward_pre_hooks",
    "_backward_hooks",
)


class _IncompatibleKeys(namedtuple("IncompatibleKeys", "missing_keys unexpected_keys")):
    """What ``load_state_dict`` returns: the keys it missed and the ones it skipped."""

    __slots__ = ()

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return super().__repr__()

    __str__ = __repr__


def _walkers(table: str, kind: str) -> tuple[Callable, Callable]:
    """Module.named_<kind>s and Module.<kind>s: every submodule's ``table`` entries."""

    def named(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Tensor]]:
        return self._named_members(
            lambda m: getattr(m, table).items(), prefix, recurse, remove_duplicate
        )

    def values(self, recurse: bool = True) -> Iterator[Tensor]:
        # NOTE: matches torch: through named_<kind>s, so that overriding it counts
        for _, value in getattr(self, named.__name__)(recurse=recurse):
            yield value

    named.__name__ = f"named_{kind}s"
    named.__doc__ = (
        f"(name, {kind}) of this module and, with recurse, of its submodules."
    )
    values.__name__ = f"{kind}s"
    values.__doc__ = f"The {kind}s of this module and, with recurse, of its submodules."
    for method in (named, values):
        method.__qualname__ = f"Module.{method.__name__}"
    return named, values


def _is_parameter(module: Module, name: str) -> bool:
    return isinstance(getattr(module, name), Parameter)


def _is_buffer(module: Module, name: str) -> bool:
    return name in module._buffers


class Module(ModuleConversions):
    """Base class of all layers: subclass it, assign layers and Parameters as
    attributes in ``__init__``, and compute the output in ``forward``."""

    _version: int = 1
    training: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs:
            raise TypeError(
                f"{type(self).__name__}.__init__() got an unexpected keyword argument '{next(iter(kwargs))}'"
            )
        if args:
            raise TypeError(
                f"{type(self).__name__}.__init__() takes 1 positional argument but {len(args) + 1} were given"
            )
        setattr_ = object.__setattr__
        setattr_(self, "training", True)
        setattr_(self, "_parameters", {})
        setattr_(self, "_buffers", {})
        setattr_(self, "_non_persistent_buffers_set", set())
        setattr_(self, "_modules", {})
        for table in _HOOK_TABLES:
            setattr_(self, table, OrderedDict())

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f'Module [{type(self).__name__}] is missing the required "forward" function'
        )

    _has_hooks = False  # set once a hook is registered: the plain call skips them

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self._has_hooks:
            return self.forward(*args, **kwargs)
        return call_with_hooks(self, args, kwargs)

    # --- hooks ---------------------------------------------------------------------

    def _hook(
        self, table: str, hook: Callable, prepend: bool, **flags: bool
    ) -> RemovableHandle:
        object.__setattr__(self, "_has_hooks", True)
        handle = add_hook(getattr(self, table), hook, prepend)
        if any(flags.values()):
            self.__dict__.setdefault("_hook_flags", {})[handle.id] = flags
        return handle

    def register_forward_pre_hook(
        self, hook: Callable, *, prepend: bool = False, with_kwargs: bool = False
    ) -> RemovableHandle:
        """``hook(module, args)`` before forward; it may return new args."""
        return self._hook("_forward_pre_hooks", hook, prepend, with_kwargs=with_kwargs)

    def register_forward_hook(
        self,
        hook: Callable,
        *,
        prepend: bool = False,
        with_kwargs: bool = False,
        always_call: bool = False,
    ) -> RemovableHandle:
        """``hook(module, args, output)`` after forward; it may return a new output."""
        return self._hook("_forward_hooks", hook, prepend, with_kwargs=with_kwargs)

    def register_full_backward_pre_hook(
        self, hook: Callable, prepend: bool = False
    ) -> RemovableHandle:
        """``hook(module, grad_output)`` when the output's gradient is known."""
        return self._hook("_backward_pre_hooks", hook, prepend)

    def register_full_backward_hook(
        self, hook: Callable, prepend: bool = False
    ) -> RemovableHandle:
        """``hook(module, grad_input, grad_output)`` once the input's gradient is known;
        it may return a new grad_input."""
        return self._hook("_backward_hooks", hook, prepend)

    def _forward_pre_hooks_info(self):
        flags = self.__dict__.get("_hook_flags", {})
        return (
            (h, flags.get(k, {}).get("with_kwargs", False))
            for k, h in self._forward_pre_hooks.items()
        )

    def _forward_hooks_info(self):
        flags = self.__dict__.get("_hook_flags", {})
        return (
            (h, flags.get(k, {}).get("with_kwargs", False))
            for k, h in self._forward_hooks.items()
        )

    # --- registering members --------------------------------------------------

    def _put(self, table: dict, name: str, value: Any) -> None:
        # NOTE: members also live in __dict__, so `self.weight` is a plain attribute
        # lookup; torch finds them through __getattr__ (+1.5 us per training step).
        table[name] = value
        self.__dict__[name] = value

    def _forget(self, name: str, keep: dict | None = None) -> None:
        """Remove ``name`` from every member table but ``keep``, and from __dict__."""
        self.__dict__.pop(name, None)
        for table in (self._parameters, self._buffers, self._modules):
            if table is not keep:
                table.pop(name, None)
        if keep is not self._buffers:
            self._non_persistent_buffers_set.discard(name)

    def _check_member_name(self, kind: str, name: Any, table: dict) -> None:
        if not isinstance(name, str):
            raise TypeError(f"{kind} name should be a string. Got {_typename(name)}")
        if "." in name:
            raise KeyError(f'{kind} name can\'t contain "."')
        if name == "":
            raise KeyError(f'{kind} name can\'t be empty string ""')
        if hasattr(self, name) and name not in table:
            raise KeyError(f"attribute '{name}' already exists")

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        if "_parameters" not in self.__dict__:
            raise AttributeError(
                "cannot assign parameter before Module.__init__() call"
            )
        self._check_member_name("parameter", name, self._parameters)
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{_typename(param)}' object to parameter '{name}' (minigrad.nn.Parameter or None required)"
            )
        self._put(self._parameters, name, param)

    def register_buffer(
        self, name: str, tensor: Tensor | None, persistent: bool = True
    ) -> None:
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        self._check_member_name("buffer", name, self._buffers)
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(
                f"cannot assign '{_typename(tensor)}' object to buffer '{name}' (minigrad Tensor or None required)"
            )
        self._put(self._buffers, name, tensor)
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name: str, module: Module | None) -> None:
        if not isinstance(module, Module) and module is not None:
            raise TypeError(f"{_typename(module)} is not a Module subclass")
        if not isinstance(name, str):
            raise TypeError(f"module name should be a string. Got {_typename(name)}")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        if "." in name:
            raise KeyError(f'module name can\'t contain ".", got: {name}')
        if name == "":
            raise KeyError('module name can\'t be empty string ""')
        self._put(self._modules, name, module)

    register_module = add_module

    def __setattr__(self, name: str, value: Any) -> None:
        members = self.__dict__
        params = members.get("_parameters")
        modules = members.get("_modules")
        buffers = members.get("_buffers")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError(
                    "cannot assign parameters before Module.__init__() call"
                )
            self._forget(name, keep=params)
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{_typename(value)}' as parameter '{name}' (minigrad.nn.Parameter or None expected)"
                )
            self.register_parameter(name, value)
        elif isinstance(value, Module):
            if modules is None:
                raise AttributeError(
                    "cannot assign module before Module.__init__() call"
                )
            self._forget(name, keep=modules)
            self._put(modules, name, value)
        elif modules is not None and name in modules:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{_typename(value)}' as child module '{name}' (minigrad.nn.Module or None expected)"
                )
            self._put(modules, name, value)
        elif buffers is not None and name in buffers:
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(
                    f"cannot assign '{_typename(value)}' as buffer '{name}' (minigrad.Tensor or None expected)"
                )
            persistent = name not in self._non_persistent_buffers_set
            self.register_buffer(name, value, persistent)
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:
        # Only reached when `name` is not in __dict__ (e.g. a half-built module).
        members = self.__dict__
        for table in _MEMBER_TABLES:
            if table in members and name in members[table]:
                return members[table][name]
        raise AttributeError(
            f"'{type(self).__name__}' object has no attribute '{name}'"
        )

    def __delattr__(self, name: str) -> None:
        if any(name in getattr(self, table) for table in _MEMBER_TABLES):
            self._forget(name)
        else:
            object.__delattr__(self, name)

    # --- walking the tree -----------------------------------------------------

    def _named_members(
        self, get_members: Callable, prefix: str, recurse: bool, remove_duplicate: bool
    ) -> Iterator[tuple[str, Any]]:
        seen = set()
        modules = (
            self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate)
            if recurse
            else [(prefix, self)]
        )
        for module_prefix, module in modules:
            for name, value in get_members(module):
                if value is None or id(value) in seen:
                    continue
                if remove_duplicate:
                    seen.add(id(value))
                yield (module_prefix + "." if module_prefix else "") + name, value

    named_parameters, parameters = _walkers("_parameters", "parameter")
    named_buffers, buffers = _walkers("_buffers", "buffer")

    def named_children(self) -> Iterator[tuple[str, Module]]:
        seen = set()
        for name, module in self._modules.items():
            if module is not None and module not in seen:
                seen.add(module)
                yield name, module

    def children(self) -> Iterator[Module]:
        for _, module in self.named_children():
            yield module

    def named_modules(
        self, memo: set | None = None, prefix: str = "", remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Module]]:
        if memo is None:
            memo = set()
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, module in self._modules.items():
            if module is not None:
                sub_prefix = prefix + ("." if prefix else "") + name
                yield from module.named_modules(memo, sub_prefix, remove_duplicate)

    def modules(self, remove_duplicate: bool = True) -> Iterator[Module]:
        for _, module in self.named_modules(remove_duplicate=remove_duplicate):
            yield module

    def get_submodule(self, target: str) -> Module:
        """The module at a dotted path such as ``"encoder.0"`` (``""`` is this module)."""
        module = self
        for name in target.split(".") if target else ():
            if not hasattr(module, name):
                raise AttributeError(f"{module._get_name()} has no attribute `{name}`")
            module = getattr(module, name)
            if not isinstance(module, Module):
                raise AttributeError(f"`{name}` is not an nn.Module")
        return module

    def get_parameter(self, target: str) -> Parameter:
        """The parameter at a dotted path such as ``"0.weight"``."""
        return self._member_at(target, _is_parameter, "an nn.Parameter")

    def get_buffer(self, target: str) -> Tensor:
        """The buffer at a dotted path such as ``"bn.running_mean"``."""
        return self._member_at(target, _is_buffer, "a buffer")

    def _member_at(self, target: str, is_member: Callable, what: str) -> Any:
        """The attribute at the dotted path ``target``, which must be ``what`` it is."""
        path, _, name = target.rpartition(".")
        owner = self.get_submodule(path)
        if not hasattr(owner, name):
            raise AttributeError(f"{owner._get_name()} has no attribute `{name}`")
        if not is_member(owner, name):
            raise AttributeError(f"`{name}` is not {what}")
        return getattr(owner, name)

    def apply(self, fn: Callable[[Module], None]) -> Module:
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # --- modes and gradients --------------------------------------------------

    def train(self, mode: bool = True) -> Module:
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        self.training = mode
        for module in self.children():
            module.train(mode)
        return self

    def eval(self) -> Module:
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> Module:
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        reset_grads(self.parameters(), set_to_none)

    # --- state ----------------------------------------------------------------

    def state_dict(
        self,
        *args: Any,
        destination: Any = None,
        prefix: str = "",
        keep_vars: bool = False,
    ) -> dict[str, Any]:
        if args:
            warnings.warn(
                "Positional args are being deprecated, use kwargs instead.",
                FutureWarning,
                stacklevel=2,
            )
            destination = args[0] if destination is None else destination
            prefix = args[1] if len(args) > 1 and prefix == "" else prefix
            keep_vars = args[2] if len(args) > 2 and not keep_vars else keep_vars
        if destination is None:
            destination = OrderedDict()
            destination._metadata = OrderedDict()
        if hasattr(destination, "_metadata"):
            destination._metadata[prefix[:-1]] = {"version": self._version}
        for name, value in self._persistent_state().items():
            destination[prefix + name] = value if keep_vars else value.detach()
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(
                    destination=destination,
                    prefix=prefix + name + ".",
                    keep_vars=keep_vars,
                )
        return destination

    def _persistent_state(self) -> dict[str, Tensor]:
        state = {k: v for k, v in self._parameters.items() if v is not None}
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent_buffers_set:
                state[name] = buffer
        return state

    def load_state_dict(
        self, state_dict: Mapping[str, Any], strict: bool = True, assign: bool = False
    ) -> _IncompatibleKeys:
        if not isinstance(state_dict, Mapping):
            raise TypeError(
                f"Expected state_dict to be dict-like, got {type(state_dict)}."
            )
        missing: list[str] = []
        unexpected: list[str] = []
        errors: list[str] = []
        for prefix, module in self.named_modules(remove_duplicate=False):
            module._load_own_state(
                state_dict,
                prefix + "." if prefix else "",
                assign,
                missing,
                unexpected,
                errors,
            )
        if strict:
            if unexpected:
                keys = ", ".join(f'"{k}"' for k in unexpected)
                errors.insert(0, f"Unexpected key(s) in state_dict: {keys}. ")
            if missing:
                keys = ", ".join(f'"{k}"' for k in missing)
                errors.insert(0, f"Missing key(s) in state_dict: {keys}. ")
        if errors:
            raise RuntimeError(
                f"Error(s) in loading state_dict for {type(self).__name__}:\n\t"
                + "\n\t".join(errors)
            )
        return _IncompatibleKeys(missing, unexpected)

    def _load_own_state(
        self,
        state_dict: Mapping[str, Any],
        prefix: str,
        assign: bool,
        missing: list[str],
        unexpected: list[str],
        errors: list[str],
    ) -> None:
        """Copy this module's own entries of ``state_dict`` (torch's
        ``_load_from_state_dict``), noting missing and unexpected keys."""
        own = self._persistent_state()
        for name, param in own.items():
            key = prefix + name
            if key not in state_dict:
                missing.append(key)
                continue
            value = state_dict[key]
            if not isinstance(value, Tensor):
                errors.append(
                    f'While copying the parameter named "{key}", expected '
                    "minigrad.Tensor or Tensor-like object from checkpoint but "
                    f"received {type(value)}"
                )
                continue
            if param.ndim == 0 and value.shape == (1,):
                value = value[0]  # NOTE: matches torch: 1-element to 0-d (old files)
            if value.shape != param.shape:
                errors.append(
                    f"size mismatch for {key}: copying a param with shape "
                    f"{value.shape} from checkpoint, the shape in current model is "
                    f"{param.shape}."
                )
                continue
            with no_grad():
                if not assign:
                    param._data[...] = value._data
                    param._vc[0] += 1  # NOTE: matches torch: param.copy_(value)
                elif isinstance(param, Parameter):
                    setattr(self, name, Parameter(value, param.requires_grad))
                else:
                    setattr(self, name, value)
        for key in state_dict:
            if key.startswith(prefix):
                head, dot, _ = key[len(prefix) :].partition(".")
                if head not in (self._modules if dot else own):
                    unexpected.append(key)

    # --- printing -------------------------------------------------------------

    def _get_name(self) -> str:
        return type(self).__name__

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = [
            f"({name}): " + _addindent(repr(module), 2)
            for name, module in self._modules.items()
        ]
        lines = extra_lines + child_lines
        if len(extra_lines) == 1 and not child_lines:
            return f"{self._get_name()}({extra_lines[0]})"
        body = "\n  " + "\n  ".join(lines) + "\n" if lines else ""
        return f"{self._get_name()}({body})"

    def __dir__(self) -> list[str]:
        keys = [*dir(type(self)), *self.__dict__]
        keys += [*self._parameters, *self._modules, *self._buffers]
        return sorted({key for key in keys if not key[0].isdigit()})


def _addindent(text: str, spaces: int) -> str:
    first, *rest = text.split("\n")
    if not rest:
        return text
    rest = [" " * spaces + line if line.strip() else "" for line in rest]
    return "\n".join([first, *rest])


def _typename(obj: Any) -> str:
    """torch.typename: a tensor's type() string, else module.qualname."""
    if isinstance(obj, Tensor):
        return obj.type()
    named = obj if hasattr(obj, "__qualname__") else type(obj)
    module = getattr(named, "__module__", "") or ""
    qualname = named.__qualname__
    return qualname if module in ("", "builtins") else f"{module}.{qualname}"
