"""torch's CPU random engine and its draws on arrays, bit for bit (docs/torch_rng.md)."""

from __future__ import annotations

import os

import numpy as np
from numpy.random.bit_generator import ISeedSequence

from minigrad._exact import fma as _fma
from minigrad._exact import rng_kernels
from minigrad.dtypes import scalar_type_name

_DEFAULT_SEED = 67280421310721
_U64 = (1 << 64) - 1
# torch's C++ names of dtypes in its messages
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


class Engine:
    """torch's CPUGeneratorImpl: MT19937, its seed, and torch's normal cache."""

    def __init__(self) -> None:
        self._engine = np.random.MT19937(_NO_ENTROPY)
        self.manual_seed(_DEFAULT_SEED)

    def manual_seed(self, seed: int) -> None:
        if isinstance(seed, np.integer):
            raise TypeError("an integer is required")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise RuntimeError(
                f"manual_seed expected a long, but got {type(seed).__name__}"
            )
        if not -(1 << 63) <= seed <= _U64:
            raise ValueError("Overflow when unpacking long long")
        self._initial_seed = seed & _U64
        # NOTE: NumPy's legacy seeding is the reference init_genrand (docs/torch_rng.md),
        # in C; it leaves pos = 624, so the next draw regenerates, as torch
        self._engine._legacy_seeding(seed & 0xFFFFFFFF)
        # torch's counters after seeding are left=1, next=0 (after a full block of
        # draws they are left=1, next=624); both mean "regenerate on next draw".
        self._next_if_fresh = 0
        self._normal: float | None = None  # torch's cached double normal sample
        self._normal_float: float | None = None  # kept only for the state bytes

    def seed(self) -> int:
        """Seed from OS entropy (as torch does) and return the seed."""
        seed = int.from_bytes(os.urandom(8), "little")
        self.manual_seed(seed)
        return seed

    def initial_seed(self) -> int:
        return self._initial_seed

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
                f"Expected a CPUGeneratorImplState of size {_STATE.itemsize} but found the input RNG state size to be {data.size}"
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
default_engine = Engine()
default_engine.seed()


# --- helpers ---------------------------------------------------------------------


def _num(x: float) -> str:
    """A double as C++ streams print it (6 significant digits)."""
    return f"{x:g}"


def engine_of(generator, fname: str) -> Engine:
    """The engine behind a public Engine (None: the default one)."""
    if generator is None:
        return default_engine
    if isinstance(generator, Engine):
        return generator
    engine = getattr(generator, "_engine", None)
    if not isinstance(engine, Engine):
        raise TypeError(
            f"{fname}(): argument 'generator' must be Engine, not {type(generator).__name__}"
        )
    return engine


def _out_of_bounds(name: str, np_dtype: np.dtype) -> RuntimeError:
    return RuntimeError(f"{name} is out of bounds for {_CPP_NAME[np_dtype.name]}")


def _not_implemented(kernel: str, np_dtype: np.dtype) -> NotImplementedError:
    return NotImplementedError(
        f"\"{kernel}\" not implemented for '{scalar_type_name(np_dtype)}'"
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


def _uniform(g: Engine, n: int, np_dtype: np.dtype, low: float, high: float):
    x = _uniforms(g, n, np_dtype)
    if low == 0 and high == 1:
        return x
    frm, to = np_dtype.type(low), np_dtype.type(high)
    v = _fma.muladd(x, to - frm, frm, np_dtype, fused=_fma.fused())
    v[v == to] = frm  # NOTE: matches torch: a value rounded up to `to` becomes `from`
    return v


def _uniforms(g: Engine, n: int, np_dtype: np.dtype) -> np.ndarray:
    if np_dtype == np.float32:
        return rng_kernels.uniform32(g._words(n))
    return rng_kernels.uniform64(g._words(2 * n))


def _normal_fill(g: Engine, n: int, np_dtype: np.dtype, mean: float, std: float):
    """torch's normal_fill (n >= 16, contiguous): Box-Muller on blocks of 16 in
    place; if n % 16 != 0, the n % 16 leftover uniforms are drawn but unused, and
    16 fresh ones are transformed and written over the last 16 outputs."""
    full = n - n % 16
    if full <= 16 * rng_kernels.ROWS:  # one kernel call for everything
        u = _uniforms(g, n + 16 * (full < n), np_dtype)
        rows = rng_kernels.normal_blocks(
            np.concatenate([u[:full], u[n:]]).reshape(-1, 16), mean, std
        ).reshape(-1)
        return rows if full == n else np.concatenate([rows[: n - 16], rows[full:]])
    out = np.empty(n, np_dtype)
    blocks = out[:full].reshape(-1, 16)
    for i in range(
        0, len(blocks), rng_kernels.ROWS
    ):  # in order: the draws are sequential
        chunk = blocks[i : i + rng_kernels.ROWS]
        chunk[...] = rng_kernels.normal_blocks(
            _uniforms(g, chunk.size, np_dtype).reshape(-1, 16), mean, std
        )
    if full < n:
        _uniforms(g, n - full, np_dtype)
        out[n - 16 :] = rng_kernels.normal_blocks(
            _uniforms(g, 16, np_dtype).reshape(1, 16), mean, std
        )[0]
    return out


def _normal_serial(g: Engine, n: int, np_dtype: np.dtype, mean: float, std: float):
    """torch's serial Box-Muller: pairs of doubles, the sine cached across calls."""
    cached = [] if g._normal is None else [g._normal]
    k = n - len(cached)
    pairs = (k + 1) // 2
    u = rng_kernels.uniform64(g._words(4 * pairs)).reshape(pairs, 2)
    samples = rng_kernels.box_muller_pairs(u[:, 0], u[:, 1]).reshape(-1)
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
            f"uniform_ expects to return a [from, to) range, but found from={_num(low)} > to={_num(high)}"
        )
    if not high - low <= fmax:
        raise RuntimeError(
            f"uniform_ expects to-from <= std::numeric_limits<{scalar_type_name(np_dtype)}>::max(), but found to={_num(high)} and from={_num(low)} which result in to-from to exceed the limit"
        )


def fill_uniform_(
    array: np.ndarray, low: float, high: float, generator: Engine | None = None
) -> np.ndarray:
    """torch's ``uniform_(low, high)`` on a NumPy array, in place, in memory order."""
    low, high = float(low), float(high)
    _check_uniform(array.dtype, low, high)
    g = engine_of(generator, "uniform_")
    if array.size:
        _write_in_memory_order(array, _uniform(g, array.size, array.dtype, low, high))
    return array


def fill_normal_(
    array: np.ndarray, mean: float, std: float, generator: Engine | None = None
) -> np.ndarray:
    """torch's ``normal_(mean, std)`` on a NumPy array, in place, in memory order."""
    mean, std = float(mean), float(std)
    if not std >= 0.0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {_num(std)}")
    if array.size == 0:
        return array
    if array.dtype.kind != "f":
        raise _not_implemented("normal_kernel_cpu", array.dtype)
    g = engine_of(generator, "normal_")
    n = array.size
    # NOTE: matches torch: the path depends only on numel and contiguity
    if n >= 16 and array.flags.c_contiguous:
        array.reshape(-1)[...] = _normal_fill(g, n, array.dtype, mean, std)
    else:
        _write_in_memory_order(array, _normal_serial(g, n, array.dtype, mean, std))
    return array


def random_int64(generator: Engine | None = None) -> int:
    """torch's ``empty((), dtype=int64).random_()``: a 64-bit draw, top bit cleared."""
    return int(engine_of(generator, "random_")._words64(1)[0]) & ((1 << 63) - 1)
