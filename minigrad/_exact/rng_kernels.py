"""The float kernels behind torch's CPU random numbers, bit for bit (docs/torch_rng.md)."""

from __future__ import annotations

import ctypes
import ctypes.util
import math

import numpy as np

from minigrad._exact import fma
from minigrad._exact.fma import muladd

F32, F64, U32, U64 = np.float32, np.float64, np.uint32, np.uint64
TWO_PI = 2.0 * math.pi  # NOTE: matches torch: 2 * M_PI formed first, in double


# --- uniforms from raw 32-bit words --------------------------------------------


def uniform32(words: np.ndarray) -> np.ndarray:
    """One word per float32 in [0, 1): the low 24 bits times 2^-24."""
    low = words.astype(U32)
    low &= 0xFFFFFF
    x = low.view(np.int32).astype(F32)
    x *= F32(2.0**-24)
    return x


def uniform64(words: np.ndarray) -> np.ndarray:
    """Two words (high first) per float64 in [0, 1): the low 53 bits times 2^-53."""
    w = words.reshape(-1, 2)
    x = (((w[:, 0] & 0x1FFFFF) << 32) | w[:, 1]).astype(F64)
    x *= 2.0**-53
    return x


# --- libm, element by element (torch's scalar kernels call it) ------------------


def _libm_double(fn, x: np.ndarray) -> np.ndarray:
    # NOTE: matches torch: glibc's log/log1p/sin/cos, not NumPy's SIMD versions.
    return np.fromiter(map(fn, x.tolist()), F64, count=x.size)


def _load_libm_float() -> dict:
    name = ctypes.util.find_library("m")
    if name is None:  # no C math library to call: the closest we can do
        return {"logf": math.log, "cosf": math.cos, "sinf": math.sin}
    lib = ctypes.CDLL(name)
    fns = {}
    for fname in ("logf", "cosf", "sinf"):
        fns[fname] = f = getattr(lib, fname)
        f.restype, f.argtypes = ctypes.c_float, [ctypes.c_float]
    return fns


_LIBM_FLOAT: dict = {}


def _libm_float(fname: str, x: np.ndarray) -> np.ndarray:
    # NOTE: matches torch: the scalar kernel calls the C library's float
    # functions, which are not correctly rounded (double-then-round differs).
    if not _LIBM_FLOAT:
        _LIBM_FLOAT.update(_load_libm_float())
    fn = _LIBM_FLOAT[fname]
    return np.fromiter(map(fn, x.tolist()), F64, count=x.size).astype(F32)


# --- normal: serial Box-Muller with a double cache (torch's small/strided path) --


def box_muller_pairs(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """(cos, sin) samples, shape (k, 2), from k pairs of float64 uniforms."""
    r = np.sqrt(-2.0 * _libm_double(math.log1p, -u2))
    theta = TWO_PI * u1
    out = np.empty((u1.size, 2))
    out[:, 0] = r * _libm_double(math.cos, theta)
    out[:, 1] = r * _libm_double(math.sin, theta)
    return out


# --- normal: normal_fill on blocks of 16 (torch's contiguous path) --------------


def normal_blocks(u: np.ndarray, mean: float, std: float) -> np.ndarray:
    """Box-Muller in place on rows of 16 uniforms: first 8 radius, last 8 angle."""
    if u.dtype == F64:
        u1, u2 = 1 - u[:, :8].ravel(), u[:, 8:].ravel()
        radius = np.sqrt(-2 * _libm_double(math.log, u1))
        theta = TWO_PI * u2
        cos, sin = _libm_double(math.cos, theta), _libm_double(math.sin, theta)
    elif fma.CAPABILITY == "default":
        u1, u2 = 1 - u[:, :8].ravel(), u[:, 8:].ravel()
        radius = np.sqrt(F32(-2) * _libm_float("logf", u1))
        theta = (TWO_PI * u2.astype(F64)).astype(F32)  # NOTE: a double product
        cos, sin = _libm_float("cosf", theta), _libm_float("sinf", theta)
    else:
        _normal_rows_avx2(u, mean, std)
        return u
    # NOTE: matches torch: this multiply-add is an explicit fma on every kernel
    u[:, :8] = muladd(radius * cos, std, mean, u.dtype, fused=True).reshape(-1, 8)
    u[:, 8:] = muladd(radius * sin, std, mean, u.dtype, fused=True).reshape(-1, 8)
    return u


# Rows of 16 per call that keep the AVX2 emulation's temporaries in cache.
ROWS = 2048


def _normal_rows_avx2(u: np.ndarray, mean: float, std: float) -> None:
    radius = log256_ps(1 - u[:, :8])
    radius *= F32(-2)
    np.sqrt(radius, out=radius)
    sin, cos = sincos256_ps(F32(TWO_PI) * u[:, 8:])
    cos *= radius
    sin *= radius
    u[:, :8] = muladd(cos, std, mean, u.dtype, fused=True)
    u[:, 8:] = muladd(sin, std, mean, u.dtype, fused=True)


# --- avx_mathfun.h's log256_ps and sincos256_ps, as GCC compiled them ------------

_LOG_P = [
    F32(v)
    for v in (
        7.0376836292e-2,
        -1.1514610310e-1,
        1.1676998740e-1,
        -1.2420140846e-1,
        1.4249322787e-1,
        -1.6668057665e-1,
        2.0000714765e-1,
        -2.4999993993e-1,
        3.3333331174e-1,
    )
]
_LOG_Q1, _LOG_Q2 = F32(-2.12194440e-4), F32(0.693359375)
_SQRTHF, _HALF, _ONE = F32(0.707106781186547524), F32(0.5), F32(1.0)
_FOPI = F32(1.27323954473516)
_DP1, _DP2, _DP3 = (
    F32(-0.78515625),
    F32(-2.4187564849853515625e-4),
    F32(-3.77489497744594108e-8),
)
_COS_P = [
    F32(v) for v in (2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2)
]
_SIN_P = [F32(v) for v in (-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1)]


def _fma(a: np.ndarray, b, c) -> np.ndarray:
    """float32 fma(a, b, c) of float64-held operands, rounded once (kept in float64).

    Only for the two kernels below: over all 2^24 possible inputs of each kernel
    this equals torch's fused result (checked exhaustively against torch), so the
    midpoint repair of ``fma32`` is never needed there."""
    s = a * b
    s += c
    return s.astype(F32).astype(F64)


def log256_ps(x: np.ndarray) -> np.ndarray:
    """Natural log of positive float32, bit-exact to torch's AVX2 build."""
    bits = np.maximum(x, F32(2.0**-126)).view(np.int32)
    e = (bits >> 23).astype(F32)
    e -= F32(126)  # float(exponent - 127) + 1, exactly
    m = ((bits & ~0x7F800000) | 0x3F000000).view(F32)
    mask = (m < _SQRTHF).astype(F32)
    t = m - _ONE
    t += m * mask
    e -= mask
    z = t * t
    t64, z64 = t.astype(F64), z.astype(F64)
    y = _fma(t64, float(_LOG_P[0]), float(_LOG_P[1]))
    for p in _LOG_P[2:]:
        y = _fma(y, t64, float(p))
    y *= t64  # a float32 product (exact in float64)
    y = _fma(y.astype(F32).astype(F64), z64, (e * _LOG_Q1).astype(F64))
    y = y.astype(F32)
    y -= z * _HALF
    t += y
    e *= _LOG_Q2  # exact, so adding it is the fused form
    t += e
    return t


def sincos256_ps(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sin, cos) of float32, bit-exact to torch's AVX2 build."""
    bits = x.view(np.int32)
    a = (bits & 0x7FFFFFFF).view(F32)
    j = (a * _FOPI).astype(np.int32)
    j += 1
    j &= ~1
    y = j.astype(F32)
    sign_sin = (j & 4) << 29
    sign_sin ^= bits & -0x80000000
    sign_cos = (~(j - 2) & 4) << 29
    poly = ((j & 2) >> 1) - 1  # all ones where the sine polynomial is used
    a += y * _DP1  # j*DP1 and j*DP2 are exact products: fused = mul then add
    a += y * _DP2
    x64 = _fma(y.astype(F64), float(_DP3), a.astype(F64))
    x = x64.astype(F32)
    z = x * x
    z64 = z.astype(F64)
    c = _fma(z64, float(_COS_P[0]), float(_COS_P[1]))
    c = _fma(c, z64, float(_COS_P[2]))
    c *= z64
    c = _fma(c.astype(F32).astype(F64), z64, -0.5 * z64).astype(F32)
    c += _ONE
    s = _fma(z64, float(_SIN_P[0]), float(_SIN_P[1]))
    s = _fma(s, z64, float(_SIN_P[2]))
    s *= z64
    s = _fma(s.astype(F32).astype(F64), x64, x64).astype(F32)
    # select the two polynomials with bit masks, as the AVX code does
    a2 = (s.view(np.int32) & poly).view(F32)
    a1 = (c.view(np.int32) & ~poly).view(F32)
    c -= a1
    s -= a2
    c += s
    a1 += a2
    sin = a1.view(np.int32)
    sin ^= sign_sin
    cos = c.view(np.int32)
    cos ^= sign_cos
    return sin.view(F32), cos.view(F32)


# --- randperm: Fisher-Yates swaps with known offsets, resolved without a loop ----


def apply_forward_swaps(offsets: np.ndarray) -> np.ndarray:
    """The permutation ``r = arange(n)`` after ``swap(r[i], r[i + offsets[i]])`` for
    i = 0, 1, ..., n-2 in turn (n = len(offsets) + 1 < 2^31), without a Python loop.

    Step i fixes r[i] for good: it takes the value then at its target t = i + offset
    (t's own value if no earlier step targeted t, else the value the latest such step
    carried there) and carries the value then at position i to t. That carried
    value is, in turn, whatever the latest earlier step targeting i carried there
    (or i itself): chains that pointer doubling follows to their start.
    """
    n = offsets.size + 1
    if n <= 128:  # a plain loop is faster for small n
        perm = list(range(n))
        for i, z in enumerate(offsets.tolist()):
            perm[i], perm[i + z] = perm[i + z], perm[i]
        return np.array(perm, np.int64)
    # sort the steps by target, then by time (sorting packed unique keys is fast)
    shift = n.bit_length()
    key = np.arange(n, dtype=np.int64)
    key[:-1] += offsets
    key <<= shift
    key |= np.arange(n)
    key.sort()
    target = (key >> shift).astype(np.int32)
    step = (key & ((1 << shift) - 1)).astype(np.int32)
    del key
    first = np.empty(n, bool)  # first step of its target group
    first[0] = True
    np.not_equal(target[1:], target[:-1], out=first[1:])
    # before: the previous step with the same target, or n + target if none
    before = np.empty(n, np.int32)
    before[0] = n + target[0]
    np.copyto(before[1:], np.where(first[1:], target[1:] + n, step[:-1]))
    # carried[k]: the value step k carries away. Position k last received, before
    # step k, from the last step of k's group (or the one before it, if the last
    # one is k itself); a start of chain (n + k) means k's own value.
    ends = np.flatnonzero(np.append(first[1:], True))
    last_step = step[ends]
    feeder = np.where(last_step == target[ends], before[ends], last_step)
    carried = np.arange(n, dtype=np.int32)
    carried[target[ends]] = feeder % n
    fed = np.flatnonzero(carried != np.arange(n, dtype=np.int32))
    while fed.size:  # pointer doubling on the steps not yet at a chain start
        hop = carried[fed]
        after = carried[hop]
        carried[fed] = after
        fed = fed[after != hop]
    values = np.concatenate([carried, np.arange(n, dtype=np.int32)])[before]
    perm = np.empty(n, np.int64)
    perm[step] = values
    return perm
