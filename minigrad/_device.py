"""torch.device, and the checks that keep every tensor on the CPU (minigrad's only device)."""

from __future__ import annotations

import re

# NOTE: matches torch: the device types a device string may name, in torch's order
DEVICE_TYPES = (
    "cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve",
    "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone",
)  # fmt: skip
_DEVICE_STRING = re.compile(r"([a-zA-Z_]+)(?::(0|[1-9][0-9]*))?")
CUDA_MISSING = "Torch not compiled with CUDA enabled"  # torch's words, so code that greps them still works


class device:
    """Where a tensor lives: ``device("cpu")``, ``device("cuda", 0)``, ``device("cuda:0")``."""

    __slots__ = ("_type", "_index")

    def __init__(self, type: str | device | int, index: int | None = None) -> None:  # noqa: A002
        if isinstance(type, device):
            if index is not None:
                raise RuntimeError("device(): an index cannot be given with a device")
            self._type, self._index = type._type, type._index
            return
        if isinstance(type, int) and not isinstance(type, bool):
            raise RuntimeError(
                "Cannot access accelerator device when none is available."
            )
        if not isinstance(type, str):
            raise TypeError(
                f"device() received an invalid combination of arguments - got ({_typename(type)}), but expected one of: (minigrad.device device) or (str type, int index = -1)"
            )
        if index is not None and not (
            isinstance(index, int) and not isinstance(index, bool)
        ):
            raise TypeError(
                f"device(): argument 'index' must be int, not {_typename(index)}"
            )
        self._type, parsed = _parse(type)
        if index is not None and parsed is not None:
            raise RuntimeError(
                f"type (string) must not include an index because index was passed explicitly: {type}"
            )
        if index is not None and index < 0:
            raise RuntimeError("Device index must not be negative")
        self._index = parsed if index is None else index

    @property
    def type(self) -> str:
        return self._type

    @property
    def index(self) -> int | None:
        return self._index

    def __str__(self) -> str:
        return self._type if self._index is None else f"{self._type}:{self._index}"

    def __repr__(self) -> str:
        if self._index is None:
            return f"device(type='{self._type}')"
        return f"device(type='{self._type}', index={self._index})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, device):
            return NotImplemented
        return (self._type, self._index) == (other._type, other._index)

    def __hash__(self) -> int:
        return hash((self._type, self._index))

    def __reduce__(self):
        return (device, (self._type, self._index))

    def __enter__(self) -> device:
        return self

    def __exit__(self, *exc) -> None:
        return None


def _typename(x) -> str:
    return "NoneType" if x is None else type(x).__name__


def _parse(text: str) -> tuple[str, int | None]:
    if not text:
        raise RuntimeError("Device string must not be empty")
    match = _DEVICE_STRING.fullmatch(text)
    if match is None:
        raise RuntimeError(f"Invalid device string: '{text}'")
    kind, index = match.groups()
    if kind not in DEVICE_TYPES:
        raise RuntimeError(
            f"Expected one of {', '.join(DEVICE_TYPES)} device type at start of device string: {kind}"
        )
    return kind, None if index is None else int(index)


CPU = device("cpu")


def cpu_device(where) -> device:
    """``where`` as a device, if it is the CPU: a CUDA device raises torch's AssertionError."""
    if where is None or where is CPU or where == "cpu":
        return CPU
    found = where if isinstance(where, device) else device(where)
    if found.type == "cpu":
        return CPU
    if found.type == "cuda":
        raise AssertionError(CUDA_MISSING)
    raise RuntimeError(f"minigrad runs on the CPU only; got device '{found}'")


_TO_OVERLOADS = "(device device = None, dtype dtype = None, bool non_blocking = False, bool copy = False, *, memory_format memory_format = None), (dtype dtype, bool non_blocking = False, bool copy = False, *, memory_format memory_format = None), (Tensor tensor, bool non_blocking = False, bool copy = False, *, memory_format memory_format = None)"


def parse_to(
    args: tuple, kwargs: dict, tensor_type: type
) -> tuple[device, object, bool]:
    """The (device, dtype or None, copy) of a ``to(...)`` call, read as torch reads its three overloads."""
    from minigrad.dtypes import dtype as dtype_type

    def invalid() -> TypeError:
        got = [type(a).__name__ for a in args]
        got += [f"{k}={type(v).__name__}" for k, v in sorted(kwargs.items())]
        return TypeError(
            f"to() received an invalid combination of arguments - got ({', '.join(got)}), but expected one of: {_TO_OVERLOADS}"
        )

    where, dtype = None, None
    first = args[0] if args else None
    if isinstance(first, (dtype_type, tensor_type)):
        names = ("non_blocking", "copy")
        if isinstance(first, dtype_type):
            where, dtype = None, first
        else:
            where, dtype = CPU, first.dtype
        if "device" in kwargs or "dtype" in kwargs:
            raise invalid()
        rest = args[1:]
    else:
        names = ("device", "dtype", "non_blocking", "copy")
        rest = args
    if len(rest) > len(names):
        raise invalid()
    values = dict(zip(names, rest, strict=False))
    for key, value in kwargs.items():
        if key == "memory_format":
            continue
        if key not in names or key in values:
            raise invalid()
        values[key] = value
    if "device" in values:
        where = values["device"]
        if where is not None and not isinstance(where, (str, device, int)):
            raise invalid()
    if "dtype" in values:
        dtype = values["dtype"]
        if dtype is not None and not isinstance(dtype, dtype_type):
            raise invalid()
    for flag in ("non_blocking", "copy"):
        if not isinstance(values.get(flag, False), bool):
            raise invalid()
    return cpu_device(where), dtype, values.get("copy", False)
