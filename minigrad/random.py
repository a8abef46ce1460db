"""Random numbers bit-identical to torch's CPU generator (shared/torch_rng.md)."""

from __future__ import annotations

import os
import warnings

import numpy as np
from numpy.random.bit_generator import ISeedSequence

from minigrad import _fma, dtypes
from minigrad import _rng_kernels as K
from minigrad._size import parse_size

_DEFAULT_SEED = 67280421310721
_U64 = (1 << 64) - 1
# torch's names for dtypes in its messages: ScalarType and C++ type
_SCALAR_NAME = {
    "float32": "Float",
    "float64": "Double",
    "int64": "Long",
    "int32": "Int",
    "uint8": "Byte",
    "bool": "Bool",
}
_CPP_NAME = {
    "float32": "float",
    "float64": "double",
    "int64": "long int",
    "int32": "int",
    "uint8": "unsigned char",
    "bool": "bool",
}

# The 5056-byte state of torch's CPUGeneratorImpl, field by field.
_STATE = np.dtype(
    {
        "names": [
            "seed",
            "left",
            "seeded",
            "next",
            "key",
            "normal_x",
            "normal_y",
            "normal_rho",
            "normal_valid",
            "normal_float",
            "normal_float_valid",
        ],
        "formats": [
            "<u8",
            "<i4",
            "<i4",
            "<u8",
            ("<u8", 624),
            "<f8",
            "<f8",
            "<f8",
            "<i4",
            "<f4",
            "u1",
        ],
        "offsets": [0, 8, 12, 16, 24, 5016, 5024, 5032, 5040, 5048, 5052],
        "itemsize": 5056,
    }
)


class _NoEntropy(ISeedSequence):
    """A placeholder seed for a new NumPy MT19937: its state is replaced at once,
    so the OS entropy and hashing of NumPy's own seeding would be wasted."""

    def generate_state(self, n_words: int, dtype=np.uint32) -> np.ndarray:
        return np.ones(n_words, dtype)


_NO_ENTROPY = _NoEntropy()


class Generator:
    """A CPU random generator: MT19937 plus torch's normal cache."""

    def __init__(self, device: object = "cpu") -> None:
        if str(device) != "cpu":
            raise RuntimeError(f"minigrad only has CPU generators, not {device!r}")
        self.device = "cpu"
        self._engine = np.random.MT19937(_NO_ENTROPY)
        self.manual_seed(_DEFAULT_SEED)

    # NOTE: matches torch's display of its C generator (repr and IPython's pretty)
    def __repr__(self) -> str:
        return f"<minigrad._C.Generator object at {hex(id(self))}>"

    def _repr_pretty_(self, p, cycle: bool) -> None:
        p.text(f"<minigrad._C.Generator at {hex(id(self))}>")

    def manual_seed(self, seed: int) -> Generator:
        if isinstance(seed, np.integer):
            raise TypeError("an integer is required")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise RuntimeError(
                f"manual_seed expected a long, but got {type(seed).__name__}"
            )
        if not -(1 << 63) <= seed <= _U64:
            raise ValueError("Overflow when unpacking long long")
        self._initial_seed = seed & _U64
        # NOTE: NumPy's legacy seeding is the reference init_genrand (torch_rng.md),
        # in C; it leaves pos = 624, so the next draw regenerates, as torch
        self._engine._legacy_seeding(seed & 0xFFFFFFFF)
        # torch's counters after seeding are left=1, next=0 (after a full block of
        # draws they are left=1, next=624); both mean "regenerate on next draw".
        self._next_if_fresh = 0
        self._normal: float | None = None  # torch's cached double normal sample
        self._normal_float: float | None = None  # kept only for the state bytes
        return self

    def seed(self) -> int:
        """Seed from OS entropy (as torch does) and return the seed."""
        seed = int.from_bytes(os.urandom(8), "little")
        self.manual_seed(seed)
        return seed

    def initial_seed(self) -> int:
        return self._initial_seed

    def get_state(self):
        return _wrap(self._state_bytes())

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
        self._load_state_bytes(data)
        return self

    # --- the engine and its raw words --------------------------------------------

    def _set_engine(self, key: np.ndarray, pos: int) -> None:
        # NOTE: NumPy's MT19937 is the reference engine; pos = 624 regenerates first
        self._engine.state = {
            "bit_generator": "MT19937",
            "state": {"key": key, "pos": pos},
        }

    def _words(self, n: int) -> np.ndarray:
        """The next n 32-bit engine outputs, as uint64."""
        if n == 0:
            return np.empty(0, np.uint64)
        self._next_if_fresh = None
        return self._engine.random_raw(n)

    def _words64(self, n: int) -> np.ndarray:
        """n 64-bit draws: two words each, the first one high."""
        w = self._words(2 * n).reshape(n, 2)
        return (w[:, 0] << np.uint64(32)) | w[:, 1]

    # --- torch's state bytes --------------------------------------------------

    def _state_bytes(self) -> np.ndarray:
        engine = self._engine.state["state"]
        pos = int(engine["pos"])
        st = np.zeros((), _STATE)
        st["seed"] = self._initial_seed
        st["left"] = 625 - pos
        st["seeded"] = 1
        st["next"] = pos if self._next_if_fresh is None else self._next_if_fresh
        st["key"] = engine["key"]
        if self._normal is not None:
            st["normal_y"], st["normal_valid"] = self._normal, 1
        if self._normal_float is not None:
            st["normal_float"], st["normal_float_valid"] = self._normal_float, 1
        return st.reshape(1).view(np.uint8).copy()

    def _load_state_bytes(self, data: np.ndarray) -> None:
        if data.size != _STATE.itemsize:
            raise RuntimeError(
                f"Expected a CPUGeneratorImplState of size {_STATE.itemsize} but "
                f"found the input RNG state size to be {data.size}"
            )
        st = np.frombuffer(data.tobytes(), _STATE)[0]
        left, nxt = int(st["left"]), int(st["next"]) & 0xFFFFFFFF
        if not (st["seeded"] and 1 <= left <= 624 and nxt <= 624):
            raise RuntimeError("Invalid mt19937 state")
        key = (st["key"] & 0xFFFFFFFF).astype(np.uint32)
        # NOTE: a consistent state has next = 625 - left (or left = 1); NumPy's
        # engine keeps one position, so a hand-made inconsistent one is read by left.
        self._set_engine(key, 625 - left)
        self._next_if_fresh = nxt if left == 1 else None
        self._initial_seed = int(st["seed"])
        self._normal = float(st["normal_y"]) if st["normal_valid"] else None
        self._normal_float = (
            float(st["normal_float"]) if st["normal_float_valid"] else None
        )


# NOTE: matches torch: the default generator is seeded from OS entropy at start-up.
default_generator = Generator()
default_generator.seed()


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


# --- helpers ---------------------------------------------------------------------


def _wrap(array: np.ndarray, requires_grad: bool = False):
    from minigrad.tensor import _wrap as wrap  # NOTE: lazy: tensor.py imports us

    return wrap(array, requires_grad)


def _num(x: float) -> str:
    """A double as C++ streams print it (6 significant digits)."""
    return f"{x:g}"


def _gen(generator: Generator | None, fname: str) -> Generator:
    if generator is None:
        return default_generator
    if not isinstance(generator, Generator):
        raise TypeError(
            f"{fname}(): argument 'generator' must be Generator, "
            f"not {type(generator).__name__}"
        )
    return generator


def _check_grad(requires_grad: bool, np_dtype: np.dtype) -> None:
    if requires_grad and np_dtype.kind != "f":
        raise RuntimeError(
            "Only Tensors of floating point and complex dtype can require gradients"
        )


def _out_of_bounds(name: str, np_dtype: np.dtype) -> RuntimeError:
    return RuntimeError(f"{name} is out of bounds for {_CPP_NAME[np_dtype.name]}")


def _not_implemented(kernel: str, np_dtype: np.dtype) -> NotImplementedError:
    return NotImplementedError(
        f"\"{kernel}\" not implemented for '{_SCALAR_NAME[np_dtype.name]}'"
    )


def _write_in_memory_order(out: np.ndarray, values: np.ndarray) -> None:
    """Write values into out in storage order, as TensorIterator visits it."""
    if out.flags.c_contiguous:
        out.reshape(-1)[...] = values
        return
    axes = sorted(range(out.ndim), key=lambda d: -abs(out.strides[d]))
    view = out.transpose(axes)
    view[...] = values.reshape(view.shape)


# --- the draws (flat arrays in draw order) -----------------------------------------


def _uniform(g: Generator, n: int, np_dtype: np.dtype, low: float, high: float):
    x = _uniforms(g, n, np_dtype)
    if low == 0 and high == 1:
        return x
    frm, to = np_dtype.type(low), np_dtype.type(high)
    v = _fma.muladd(x, to - frm, frm, np_dtype, fused=_fma.fused())
    v[v == to] = frm  # NOTE: matches torch: a value rounded up to `to` becomes `from`
    return v


def _uniforms(g: Generator, n: int, np_dtype: np.dtype) -> np.ndarray:
    if np_dtype == np.float32:
        return K.uniform32(g._words(n))
    return K.uniform64(g._words(2 * n))


def _normal_fill(g: Generator, n: int, np_dtype: np.dtype, mean: float, std: float):
    """torch's normal_fill (n >= 16, contiguous): Box-Muller on blocks of 16 in
    place; if n % 16 != 0, the n % 16 leftover uniforms are drawn but unused, and
    16 fresh ones are transformed and written over the last 16 outputs."""
    full = n - n % 16
    if full <= 16 * K.ROWS:  # one kernel call for everything
        u = _uniforms(g, n + 16 * (full < n), np_dtype)
        rows = K.normal_blocks(
            np.concatenate([u[:full], u[n:]]).reshape(-1, 16), mean, std
        ).reshape(-1)
        return rows if full == n else np.concatenate([rows[: n - 16], rows[full:]])
    out = np.empty(n, np_dtype)
    blocks = out[:full].reshape(-1, 16)
    for i in range(0, len(blocks), K.ROWS):  # in order: the draws are sequential
        chunk = blocks[i : i + K.ROWS]
        chunk[...] = K.normal_blocks(
            _uniforms(g, chunk.size, np_dtype).reshape(-1, 16), mean, std
        )
    if full < n:
        _uniforms(g, n - full, np_dtype)
        out[n - 16 :] = K.normal_blocks(
            _uniforms(g, 16, np_dtype).reshape(1, 16), mean, std
        )[0]
    return out


def _normal_serial(g: Generator, n: int, np_dtype: np.dtype, mean: float, std: float):
    """torch's serial Box-Muller: pairs of doubles, the sine cached across calls."""
    cached = [] if g._normal is None else [g._normal]
    k = n - len(cached)
    pairs = (k + 1) // 2
    u = K.uniform64(g._words(4 * pairs)).reshape(pairs, 2)
    samples = K.box_muller_pairs(u[:, 0], u[:, 1]).reshape(-1)
    g._normal = float(samples[k]) if k % 2 else None
    values = np.concatenate([np.array(cached, np.float64), samples[:k]])
    values = _fma.muladd(values, std, mean, np.dtype(np.float64), fused=_fma.fused())
    return values.astype(np_dtype)


# --- array-level fills (Tensor.uniform_/normal_, nn.init) ---------------------------


def _check_uniform(np_dtype: np.dtype, low: float, high: float) -> None:
    if np_dtype.kind != "f":
        raise _not_implemented("check_uniform_bounds", np_dtype)
    fmax = float(np.finfo(np_dtype).max)
    for name, v in (("from", low), ("to", high)):
        if not -fmax <= v <= fmax:
            raise _out_of_bounds(name, np_dtype)
    if not low <= high:
        raise RuntimeError(
            f"uniform_ expects to return a [from, to) range, but found "
            f"from={_num(low)} > to={_num(high)}"
        )
    if not high - low <= fmax:
        raise RuntimeError(
            f"uniform_ expects to-from <= std::numeric_limits<"
            f"{_SCALAR_NAME[np_dtype.name]}>::max(), but found to={_num(high)} and "
            f"from={_num(low)} which result in to-from to exceed the limit"
        )


def fill_uniform_(
    array: np.ndarray,
    low: float = 0.0,
    high: float = 1.0,
    generator: Generator | None = None,
) -> np.ndarray:
    """torch's ``uniform_(low, high)`` on a NumPy array, in place, in memory order."""
    low, high = float(low), float(high)
    _check_uniform(array.dtype, low, high)
    g = _gen(generator, "uniform_")
    if array.size:
        _write_in_memory_order(array, _uniform(g, array.size, array.dtype, low, high))
    return array


def fill_normal_(
    array: np.ndarray,
    mean: float = 0.0,
    std: float = 1.0,
    generator: Generator | None = None,
) -> np.ndarray:
    """torch's ``normal_(mean, std)`` on a NumPy array, in place, in memory order."""
    mean, std = float(mean), float(std)
    if not std >= 0.0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {_num(std)}")
    if array.size == 0:
        return array
    if array.dtype.kind != "f":
        raise _not_implemented("normal_kernel_cpu", array.dtype)
    g = _gen(generator, "normal_")
    n = array.size
    # NOTE: matches torch: the path depends only on numel and contiguity
    if n >= 16 and array.flags.c_contiguous:
        array.reshape(-1)[...] = _normal_fill(g, n, array.dtype, mean, std)
    else:
        _write_in_memory_order(array, _normal_serial(g, n, array.dtype, mean, std))
    return array


def random_int64(generator: Generator | None = None) -> int:
    """torch's ``empty((), dtype=int64).random_()``: a 64-bit draw, top bit cleared."""
    return int(_gen(generator, "random_")._words64(1)[0]) & ((1 << 63) - 1)


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
    if device is not None and str(device) != "cpu":
        raise RuntimeError(f"minigrad only has CPU tensors, not {device!r}")


def _float_dtype(dtype, kernel: str) -> np.dtype:
    np_dtype = dtypes.to_np(dtype, dtypes.get_default_dtype().np)
    if np_dtype.kind != "f":
        raise _not_implemented(kernel, np_dtype)
    return np_dtype


def rand(
    *args,
    size=None,
    generator: Generator | None = None,
    dtype=None,
    requires_grad: bool = False,
    device=None,
):
    """Uniform samples on [0, 1): ``rand(2, 3)``, ``rand((2, 3))``, as torch."""
    shape = _size_of("rand", args, size)
    _check_device(device)
    np_dtype = _float_dtype(dtype, "check_uniform_bounds")
    g = _gen(generator, "rand")
    n = int(np.prod(shape))
    return _wrap(_uniform(g, n, np_dtype, 0.0, 1.0).reshape(shape), requires_grad)


def randn(
    *args,
    size=None,
    generator: Generator | None = None,
    dtype=None,
    requires_grad: bool = False,
    device=None,
):
    """Standard normal samples: ``randn(2, 3)``, ``randn((2, 3))``, as torch."""
    shape = _size_of("randn", args, size)
    _check_device(device)
    np_dtype = dtypes.to_np(dtype, dtypes.get_default_dtype().np)
    out = np.empty(shape, np_dtype)
    fill_normal_(out, 0.0, 1.0, _gen(generator, "randn"))
    _check_grad(requires_grad, np_dtype)
    return _wrap(out, requires_grad)


def _like(input, dtype):
    np_dtype = input._data.dtype if dtype is None else dtypes.to_np(dtype)
    return np.empty_like(input._data, dtype=np_dtype)  # NOTE: keeps the layout


def rand_like(
    input,
    *,
    generator: Generator | None = None,
    dtype=None,
    requires_grad: bool = False,
    device=None,
):
    _check_device(device)
    out = fill_uniform_(_like(input, dtype), 0.0, 1.0, _gen(generator, "rand_like"))
    return _wrap(out, requires_grad)


def randn_like(
    input,
    *,
    generator: Generator | None = None,
    dtype=None,
    requires_grad: bool = False,
    device=None,
):
    _check_device(device)
    out = fill_normal_(_like(input, dtype), 0.0, 1.0, _gen(generator, "randn_like"))
    _check_grad(requires_grad, out.dtype)
    return _wrap(out, requires_grad)


def _int_arg(name: str, pos: int, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(
            f"randint(): argument '{name}' (position {pos}) must be int, "
            f"not {type(value).__name__}"
        )
    if not -(1 << 63) <= value < (1 << 63):
        raise ValueError("Overflow when unpacking long long")
    return int(value)


def _randint_bounds(low: int, high: int, np_dtype: np.dtype) -> tuple[int, int]:
    if low >= high:
        raise RuntimeError(
            f"random_ expects 'from' to be less than 'to', but got "
            f"from={low} >= to={high}"
        )
    if np_dtype.kind == "f":
        digits = np.finfo(np_dtype).nmant + 1
        low = _update_from(low, np_dtype, digits)
        high = _update_to(high, np_dtype, digits)
        if low >= high:
            raise RuntimeError(
                f"random_ expects 'from' casted to dtype to be less than 'to' casted "
                f"to dtype, but got from={low} >= to={high}"
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
                    f"{name} is out of bounds [-(2^{digits}), 2^{digits}]. Due to "
                    f"precision limitations {_CPP_NAME[np_dtype.name]} can support "
                    "discrete uniform distribution only within this range. This "
                    "warning will become an error in version 1.7 release, please fix "
                    "the code in advance",
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
            "randint() received an invalid combination of arguments: "
            "expected (high, size) or (low, high, size)"
        )
    named.update(zip(order, args))  # noqa: B905  (args may be empty)
    low, high, size = named["low"], named["high"], named["size"]
    if high is None or size is None:
        raise TypeError(
            "randint() received an invalid combination of arguments: "
            "expected (high, size) or (low, high, size)"
        )
    position = 1 if low is None else 2
    high = _int_arg("high", position, high)
    low = 0 if low is None else _int_arg("low", 1, low)
    if isinstance(size, int):
        raise TypeError(
            f"randint(): argument 'size' (position {position + 1}) must "
            "be tuple of ints, not int"
        )
    shape = parse_size((size,))
    _check_device(device)
    np_dtype = dtypes.to_np(dtype, np.dtype(np.int64))
    g = _gen(generator, "randint")
    low, high = _randint_bounds(low, high, np_dtype)
    n = int(np.prod(shape))
    span = high - low
    # NOTE: matches torch: 64-bit draws only from a range of 2^28 on
    draws = g._words64(n) if span >= 1 << 28 else g._words(n)
    values = (draws % np.uint64(span)) + np.uint64(low & _U64)  # wraps as uint64
    out = values.view(np.int64).astype(np_dtype).reshape(shape)
    _check_grad(requires_grad, np_dtype)
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
    g = _gen(generator, "randperm")
    if n == 0:
        perm = np.empty(0, np.int64)
    elif n < _RANDPERM_LIMIT:
        # NOTE: matches torch: swap i with i + (32-bit draw mod (n - i))
        offsets = g._words(n - 1) % np.arange(n, 1, -1, dtype=np.uint64)
        perm = K.apply_forward_swaps(offsets.astype(np.int64))
    else:
        perm = _randperm_inside_out(g, n)
    _check_grad(requires_grad, np_dtype)
    return _wrap(perm.astype(np_dtype, copy=False), requires_grad)


def _check_randperm_dtype(n: int, np_dtype: np.dtype) -> None:
    if np_dtype.kind == "b":
        raise _not_implemented("randperm", np_dtype)
    if np_dtype.kind == "f":
        digits = np.finfo(np_dtype).nmant + 1
        if n > (1 << digits) + 1:
            raise RuntimeError(
                f"n cannot be greater than 2^{digits}+1 for "
                f"{_SCALAR_NAME[np_dtype.name]} type."
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
