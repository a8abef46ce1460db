"""The unpicklers of torch's data.pkl: full, or weights-only (restricted)."""

from __future__ import annotations

import _compat_pickle
import codecs
import pickle
import struct
from collections import Counter, OrderedDict
from collections.abc import Callable
from typing import Any

from minigrad.serialization._classes import parameter_class
from minigrad.serialization._unpickle_torch import (
    _STORAGES,
    Refused,
    StorageType,
    set_state,
    torch_names,
)
from minigrad.tensor import Tensor

SAFE_BUILTINS = {
    "collections.OrderedDict": OrderedDict,
    "collections.Counter": Counter,
    "_codecs.encode": codecs.encode,
    "builtins.bytearray": bytearray,
    "builtins.set": set,
    "builtins.complex": complex,
}
BLOCKED_MODULES = ("sys", "os", "posix", "nt")


class _TorchNames:
    """find_class: torch's names resolve to minigrad's objects.

    With ``allowed`` (weights-only), any other global is refused, so no code in
    the file runs: the only callables reachable are the ones in the tables.
    """

    _names: dict[str, Any] | None = None

    def _setup(
        self, persistent_load: Callable[[Any], Any], allowed: dict[str, Any] | None
    ) -> None:
        self._persistent = persistent_load
        self._allowed = allowed
        if _TorchNames._names is None:
            _TorchNames._names = torch_names()

    def persistent_load(self, pid: Any) -> Any:
        return self._persistent(pid)

    def find_class(self, module: str, name: str) -> Any:
        # NOTE: matches torch: Python 2 names of protocol-2 pickles are mapped
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
        full = f"{module}.{name}"
        names = _TorchNames._names
        if full in names:
            return names[full]
        if module.startswith("torch.") and name.endswith("Storage"):
            if name in _STORAGES:
                return StorageType(name)
        if self._allowed is not None:
            if module in BLOCKED_MODULES:
                raise Refused(
                    f"Trying to load unsupported GLOBAL {full} whose module {module} is blocked."  # noqa: E501
                )
            if full in SAFE_BUILTINS:
                return SAFE_BUILTINS[full]
            if full in self._allowed:
                return self._allowed[full]
            if full.startswith("builtins."):
                full = full[len("builtins.") :]
            raise Refused(
                f"Unsupported global: GLOBAL {full} was not an allowed global by default. Please use `minigrad.serialization.add_safe_globals([{full}])` or the `minigrad.serialization.safe_globals([{full}])` context manager to allowlist this global if you trust this class/function."  # noqa: E501
            )
        if module == "torch" or module.startswith("torch."):
            raise pickle.UnpicklingError(
                f"minigrad.load: the file needs torch's {full}, which minigrad does not provide"  # noqa: E501
            )
        return super().find_class(module, name)


class FullUnpickler(_TorchNames, pickle.Unpickler):
    """weights_only=False: any global, torch's mapped to minigrad's."""

    def __init__(self, file: Any, persistent_load, allowed, **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self._setup(persistent_load, None)


_CONTAINERS = (dict, OrderedDict, Counter)


class WeightsOnlyUnpickler(_TorchNames, pickle._Unpickler):
    """weights_only=True, as torch's: allowed globals only; BUILD, APPEND,
    SETITEM, NEWOBJ and REDUCE only on the types and functions torch allows."""

    dispatch = pickle._Unpickler.dispatch.copy()

    def __init__(self, file: Any, persistent_load, allowed, **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self._setup(persistent_load, allowed)
        known = [*_TorchNames._names.values(), *SAFE_BUILTINS.values()]
        self._callables = {id(v) for v in [*known, *allowed.values()]}
        self._user_types = {id(v) for v in allowed.values() if isinstance(v, type)}

    def load(self) -> Any:
        try:
            return super().load()
        except (struct.error, IndexError, KeyError) as e:
            if self.read(1) == b"":
                raise EOFError(
                    f"Ran out of input: the pickle is truncated ({e})"
                ) from None
            raise pickle.UnpicklingError(f"the pickle is corrupt ({e!r})") from None

    def _build(self) -> None:
        state = self.stack.pop()
        inst = self.stack[-1]
        kind = type(inst)
        if kind is OrderedDict:
            inst.__dict__.update(state)
        elif kind is Tensor or kind is parameter_class():
            set_state(inst, state)
        elif id(kind) in self._user_types:
            if hasattr(inst, "__setstate__"):
                inst.__setstate__(state)
            else:
                set_state(inst, state)
        else:
            raise Refused(
                f"Can only build Tensor, Parameter, OrderedDict or types allowlisted via `add_safe_globals`, but got {kind}"  # noqa: E501
            )

    def _append(self) -> None:
        value = self.stack.pop()
        if type(self.stack[-1]) is not list:
            raise Refused(f"Can only append to lists, but got {type(self.stack[-1])}")
        self.stack[-1].append(value)

    def _appends(self) -> None:
        items = self.pop_mark()
        if type(self.stack[-1]) is not list:
            raise Refused(f"Can only extend lists, but got {type(self.stack[-1])}")
        self.stack[-1].extend(items)

    def _check_mapping(self, opcode: str) -> None:
        if type(self.stack[-1]) not in _CONTAINERS:
            raise Refused(
                f"Can only {opcode} for dict, collections.OrderedDict, collections.Counter, but got {type(self.stack[-1])}"  # noqa: E501
            )

    def _setitem(self) -> None:
        value, key = self.stack.pop(), self.stack.pop()
        self._check_mapping("SETITEM")
        self.stack[-1][key] = value

    def _setitems(self) -> None:
        items = self.pop_mark()
        self._check_mapping("SETITEMS")
        for i in range(0, len(items), 2):
            self.stack[-1][items[i]] = items[i + 1]

    def _newobj(self) -> None:
        args = self.stack.pop()
        cls = self.stack.pop()
        if cls is parameter_class():
            self.append(cls(*args))
        elif id(cls) in self._callables and isinstance(cls, type):
            self.append(cls.__new__(cls, *args))
        else:
            raise Refused(
                f"Can only create new object for nn.Parameter or classes allowlisted via `add_safe_globals` but got {cls}"  # noqa: E501
            )

    def _reduce(self) -> None:
        args = self.stack.pop()
        func = self.stack[-1]
        if id(func) not in self._callables:
            raise Refused(f"Trying to call reduce for unrecognized function {func}")
        self.stack[-1] = func(*args)

    def _unsupported(self) -> None:
        raise Refused("Unsupported operand: only the opcodes of torch's format")

    dispatch[pickle.BUILD[0]] = _build
    dispatch[pickle.APPEND[0]] = _append
    dispatch[pickle.APPENDS[0]] = _appends
    dispatch[pickle.SETITEM[0]] = _setitem
    dispatch[pickle.SETITEMS[0]] = _setitems
    dispatch[pickle.NEWOBJ[0]] = _newobj
    dispatch[pickle.REDUCE[0]] = _reduce
    for _op in (pickle.NEWOBJ_EX, pickle.INST, pickle.OBJ, pickle.ADDITEMS):
        dispatch[_op[0]] = _unsupported


def make_unpickler(
    file: Any,
    persistent_load: Callable[[Any], Any],
    allowed: dict[str, Any] | None,
    **kwargs: Any,
) -> pickle.Unpickler:
    """The weights-only unpickler when ``allowed`` is given, else the full one."""
    if allowed is None:
        return FullUnpickler(file, persistent_load, None, **kwargs)
    return WeightsOnlyUnpickler(file, persistent_load, allowed, **kwargs)
