"""Random tensors bit-identical to torch's CPU generator (docs/torch_rng.md)."""

from __future__ import annotations

import warnings

import numpy as np

from minigrad import dtypes
from minigrad._checks import check_requires_grad
from minigrad._device import CPU, cpu_device
from minigrad._device import device as device_of
from minigrad._exact import rng_kernels
from minigrad._exact.generator import (
    _CPP_NAME,
    _U64,
    Engine,
    _not_implemented,
    _out_of_bounds,
    default_engine,
    engine_of,
    fill_normal_,
    fill_uniform_,
)
from minigrad._size import parse_size
from minigrad.tensor import Tensor, _wrap


class Generator:
    """A CPU random generator (torch.Generator): a handle on an MT19937 engine."""

    def __init__(self, device: object = "cpu") -> None:
        if device_of(device).type != "cpu":
            raise RuntimeError(f"minigrad only has CPU generators, not {device!r}")
        self.device = CPU
        self._engine = Engine()

    # NOTE: matches torch's display of its C generator (repr and IPython's pretty)
    def __repr__(self) -> str:
        return f"<minigrad._C.Generator object at {hex(id(self))}>"

    def _repr_pretty_(self, p, cycle: bool) -> None:
        p.text(f"<minigrad._C.Generator at {hex(id(self))}>")

    def manual_seed(self, seed: int) -> Generator:
        self._engine.manual_seed(seed)
        return self

    def seed(self) -> int:
        """Seed from OS entropy (as torch does) and return the seed."""
        return self._engine.seed()

    def initial_seed(self) -> int:
        return self._engine.initial_seed()

    def get_state(self):
        return _wrap(self._engine._state_bytes())

    def set_state(self, new_state) -> Generator:
        data = getattr(new_state, "_data", None)
        if not isinstance(data, np.ndarray):
            raise TypeError(
                f"expected a torch.ByteTensor, but got {type(new_state).__name__}"
            )
        if data.dtype != np.uint8:
            raise TypeError("RNG state must be a torch.ByteTensor")
        if not data.flags.c_contiguous:
            raise RuntimeError("RNG state must be contiguous")
        self._engine._load_state_bytes(data)
        return self


def _generator_around(engine: Engine) -> Generator:
    g = object.__new__(Generator)
    g.device, g._engine = CPU, engine
    return g


default_generator = _generator_around(default_engine)


def manual_seed(seed: int) -> Generator:
    return default_generator.manual_seed(int(seed))


def seed() -> int:
    return default_generator.seed()


def initial_seed() -> int:
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(new_state) -> None:
    default_generator.set_state(new_state)


# --- tensor factories ----------------------------------------------------------------


def _size_of(fname: str, args: tuple, size) -> tuple[int, ...]:
    if size is not None:
        if args:
            raise TypeError(f"{fname}() got multiple values for argument 'size'")
        args = (size,)
    if not args:
        raise TypeError(f"{fname}() missing 1 required positional argument: 'size'")
    return parse_size(args)


def _check_device(device) -> None:
    cpu_device(device)


def _filled(out: np.ndarray, fill, generator, fname: str, requires_grad: bool):
    out = fill(out, 0.0, 1.0, engine_of(generator, fname))
    check_requires_grad(requires_grad, out.dtype)
    return _wrap(out, requires_grad)


def _like(input, dtype):
    np_dtype = input._data.dtype if dtype is None else dtypes.to_np(dtype)
    return np.empty_like(input._data, dtype=np_dtype)  # NOTE: keeps the layout


def _samplers(fname: str, fill, doc: str):
    """``fname`` and ``fname_like`` (rand, randn): torch's arguments around one fill
    of a fresh array (fill_uniform_ on [0, 1), fill_normal_ with mean 0, std 1)."""

    def sample(
        *args,
        size=None,
        generator: Generator | None = None,
        dtype=None,
        requires_grad: bool = False,
        device=None,
    ) -> Tensor:
        shape = _size_of(fname, args, size)
        _check_device(device)
        out = np.empty(shape, dtypes.to_np(dtype, dtypes.get_default_dtype().np))
        return _filled(out, fill, generator, fname, requires_grad)

    def sample_like(
        input,
        *,
        generator: Generator | None = None,
        dtype=None,
        requires_grad: bool = False,
        device=None,
    ) -> Tensor:
        _check_device(device)
        out = _like(input, dtype)
        return _filled(out, fill, generator, f"{fname}_like", requires_grad)

    sample.__name__ = sample.__qualname__ = fname
    sample_like.__name__ = sample_like.__qualname__ = f"{fname}_like"
    sample.__doc__ = f"{doc}: ``{fname}(2, 3)``, ``{fname}((2, 3))``, as torch."
    sample_like.__doc__ = f"{doc} in the shape, dtype and layout of ``input``."
    return sample, sample_like


rand, rand_like = _samplers("rand", fill_uniform_, "Uniform samples on [0, 1)")
randn, randn_like = _samplers("randn", fill_normal_, "Standard normal samples")


def _int_arg(name: str, pos: int, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(
            f"randint(): argument '{name}' (position {pos}) must be int, not {type(value).__name__}"
        )
    if not -(1 << 63) <= value < (1 << 63):
        raise ValueError("Overflow when unpacking long long")
    return int(value)


def _randint_bounds(low: int, high: int, np_dtype: np.dtype) -> tuple[int, int]:
    if low >= high:
        raise RuntimeError(
            f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}"
        )
    if np_dtype.kind == "f":
        digits = np.finfo(np_dtype).nmant + 1
        low = _update_from(low, np_dtype, digits)
        high = _update_to(high, np_dtype, digits)
        if low >= high:
            raise RuntimeError(
                f"random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from={low} >= to={high}"
            )
        fmax = float(np.finfo(np_dtype).max)
        lo_lim, hi_lim = -fmax, fmax
    else:
        info = np.iinfo(np_dtype) if np_dtype.kind != "b" else None
        lo_lim, hi_lim = (info.min, info.max) if info else (0, 1)
    for name, v in (("from", low), ("to - 1", high - 1)):
        if not lo_lim <= v <= hi_lim:
            raise _out_of_bounds(name, np_dtype)
    if np_dtype.kind == "f":
        for name, v in (("from", low), ("to - 1", high - 1)):
            if not -(1 << digits) <= v <= 1 << digits:
                warnings.warn(
                    f"{name} is out of bounds [-(2^{digits}), 2^{digits}]. Due to precision limitations {_CPP_NAME[np_dtype.name]} can support discrete uniform distribution only within this range. This warning will become an error in version 1.7 release, please fix the code in advance",
                    UserWarning,
                    stacklevel=4,
                )
    return low, high


def _as_dtype_and_back(v: int, np_dtype: np.dtype) -> int:
    return int(np.array(v, np.int64).astype(np_dtype))


def _update_from(low: int, np_dtype: np.dtype, digits: int) -> int:
    # NOTE: matches torch: move `from` up to a value the dtype keeps below `to`
    from_plus_1 = _as_dtype_and_back(low + 1, np_dtype)
    if from_plus_1 < low:
        n = abs(low + 1).bit_length() - 1
        low = from_plus_1 + (1 << (n - digits + 1))
    return low


def _update_to(high: int, np_dtype: np.dtype, digits: int) -> int:
    to_minus_1 = _as_dtype_and_back(high - 1, np_dtype)
    if to_minus_1 >= high:
        n = abs(high - 1).bit_length() - 1
        high = to_minus_1 - (1 << (n - digits + 1))
    return high


def randint(
    *args,
    size=None,
    low=None,
    high=None,
    generator: Generator | None = None,
    dtype=None,
    requires_grad: bool = False,
    device=None,
):
    """Integers uniform on [low, high): ``randint(high, size)`` or
    ``randint(low, high, size)``, as ``torch.randint``."""
    named = {"low": low, "high": high, "size": size}
    if len(args) == 3:
        order = ("low", "high", "size")
    elif len(args) == 2:
        order = ("high", "size") if size is None else ("low", "high")
    else:
        order = ("high",) if high is None else ("low",)
    clash = any(named[name] is not None for name in order[: len(args)])
    if len(args) > 3 or clash or (args and low is not None and "low" not in order):
        raise TypeError(
            "randint() received an invalid combination of arguments: expected (high, size) or (low, high, size)"
        )
    named.update(zip(order, args))  # noqa: B905  (args may be empty)
    low, high, size = named["low"], named["high"], named["size"]
    if high is None or size is None:
        raise TypeError(
            "randint() received an invalid combination of arguments: expected (high, size) or (low, high, size)"
        )
    position = 1 if low is None else 2
    high = _int_arg("high", position, high)
    low = 0 if low is None else _int_arg("low", 1, low)
    if isinstance(size, int):
        raise TypeError(
            f"randint(): argument 'size' (position {position + 1}) must be tuple of ints, not int"
        )
    shape = parse_size((size,))
    _check_device(device)
    np_dtype = dtypes.to_np(dtype, np.dtype(np.int64))
    g = engine_of(generator, "randint")
    low, high = _randint_bounds(low, high, np_dtype)
    n = int(np.prod(shape))
    span = high - low
    # NOTE: matches torch: 64-bit draws only from a range of 2^28 on
    draws = g._words64(n) if span >= 1 << 28 else g._words(n)
    values = (draws % np.uint64(span)) + np.uint64(low & _U64)  # wraps as uint64
    out = values.view(np.int64).astype(np_dtype).reshape(shape)
    check_requires_grad(requires_grad, np_dtype)
    return _wrap(out, requires_grad)


_RANDPERM_LIMIT = (2**32 - 1) // 20


def randperm(
    n: int,
    *,
    generator: Generator | None = None,
    dtype=None,
    requires_grad: bool = False,
    device=None,
):
    """A random permutation of 0..n-1, as ``torch.randperm``."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(
            f"randperm(): argument 'n' (position 1) must be int, not {type(n).__name__}"
        )
    n = int(n)
    if n < 0:
        parse_size((n,))  # raises torch's negative-dimension error
    _check_device(device)
    np_dtype = dtypes.to_np(dtype, np.dtype(np.int64))
    _check_randperm_dtype(n, np_dtype)
    g = engine_of(generator, "randperm")
    if n == 0:
        perm = np.empty(0, np.int64)
    elif n < _RANDPERM_LIMIT:
        # NOTE: matches torch: swap i with i + (32-bit draw mod (n - i))
        offsets = g._words(n - 1) % np.arange(n, 1, -1, dtype=np.uint64)
        perm = rng_kernels.apply_forward_swaps(offsets.astype(np.int64))
    else:
        perm = _randperm_inside_out(g, n)
    check_requires_grad(requires_grad, np_dtype)
    return _wrap(perm.astype(np_dtype, copy=False), requires_grad)


def _check_randperm_dtype(n: int, np_dtype: np.dtype) -> None:
    if np_dtype.kind == "b":
        raise _not_implemented("randperm", np_dtype)
    if np_dtype.kind == "f":
        digits = np.finfo(np_dtype).nmant + 1
        if n > (1 << digits) + 1:
            raise RuntimeError(
                f"n cannot be greater than 2^{digits}+1 for {dtypes.scalar_type_name(np_dtype)} type."
            )
    elif n - 1 > np.iinfo(np_dtype).max:
        ctype = {"uint8": "uint8_t", "int32": "int"}[np_dtype.name]
        raise RuntimeError(
            f"value cannot be converted to type {ctype} without overflow"
        )


def _randperm_inside_out(g: Generator, n: int) -> np.ndarray:
    # NOTE: matches torch (unverified, needs > 1.6 GB): inside-out shuffle with
    # 64-bit draws for n >= 214748364.
    perm = np.empty(n, np.int64)
    picks = (g._words64(n) % np.arange(1, n + 1, dtype=np.uint64)).tolist()
    for i, z in enumerate(picks):
        perm[i] = perm[z]
        perm[z] = i
    return perm


def bernoulli(input, p=None, *, generator: Generator | None = None):
    """0/1 draws: with probability ``input`` (a tensor of probabilities), or ``p``."""
    return input.bernoulli(p, generator=generator)
