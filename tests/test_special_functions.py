"""torch.special, the gamma family, erf's family and the bitwise ops against torch:
values (edge inputs included), gradients (second order), node names, errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import assert_parity, assert_same
from tests.scenarios import raises_as_torch, run_both, values_as_torch

RNG = np.random.default_rng(0)
EDGES = [0.0, -0.0, -1.0, -2.5, np.inf, -np.inf, np.nan, 1e-30, -1e-30, 1e20, -1e20]
EDGES += [3.0, 10.0, 9.0, 0.3, -0.7, -5.3, 1e-3, 55.5, 0.5, -0.5, 6.1, -6.2, 27.0]
WIDE = np.concatenate([EDGES, RNG.standard_normal(400) * 8, RNG.standard_normal(100)])
UNIT = np.concatenate([[1, -1, 0, -0.0, 0.7, -0.7, 0.9999999, -0.9999, 1.5, np.nan]])
UNIT = np.concatenate([UNIT, RNG.uniform(-1, 1, 400), 1 - 10 ** -RNG.uniform(0, 7, 50)])
POSITIVE = np.abs(RNG.standard_normal((3, 4))) + 0.6
SMOOTH = RNG.standard_normal((3, 4))

# name -> (function of (lib, x), inputs it is valued on)
VALUES = {
    "erf": (lambda L, x: L.erf(x), WIDE),
    "erfc": (lambda L, x: L.erfc(x), WIDE),
    "erfinv": (lambda L, x: L.erfinv(x), UNIT),
    "erfcx": (lambda L, x: L.special.erfcx(x), WIDE),
    "lgamma": (lambda L, x: L.lgamma(x), WIDE),
    "digamma": (lambda L, x: L.digamma(x), WIDE),
    "polygamma1": (lambda L, x: L.polygamma(1, x), WIDE),
    "polygamma2": (lambda L, x: L.polygamma(2, x), WIDE),
    "polygamma5": (lambda L, x: L.polygamma(5, x), WIDE),
    "entr": (lambda L, x: L.special.entr(x), WIDE),
    "log_ndtr": (lambda L, x: L.special.log_ndtr(x), WIDE),
    "ndtr": (lambda L, x: L.special.ndtr(x), WIDE),
    "zeta": (lambda L, x: L.special.zeta(x, x.abs() + 0.1), WIDE),
    "zeta_q": (lambda L, x: L.special.zeta(3.0, x), WIDE),
    "mvlgamma": (lambda L, x: L.mvlgamma(x.abs() + 2, 3), WIDE),
    "nextafter": (lambda L, x: L.nextafter(x, x.flip(0)), WIDE),
    "ldexp": (lambda L, x: L.ldexp(x, L.arange(x.shape[0]) % 9 - 4), WIDE),
    "frexp": (lambda L, x: L.frexp(x), WIDE),
    "i0": (lambda L, x: L.i0(x), WIDE),
    "i0e": (lambda L, x: L.special.i0e(x), WIDE),
    "i1": (lambda L, x: L.special.i1(x), WIDE),
    "i1e": (lambda L, x: L.special.i1e(x), WIDE),
    "ndtri": (lambda L, x: L.special.ndtri(x), np.concatenate([UNIT, UNIT / 2 + 0.5])),
    "ndtri_tails": (lambda L, x: L.special.ndtri(x), 10.0 ** -RNG.uniform(0, 300, 50)),
    "gammainc": (lambda L, x: L.special.gammainc(x.abs(), x.flip(0).abs()), WIDE),
    "gammaincc": (lambda L, x: L.special.gammaincc(x.abs(), x.flip(0).abs()), WIDE),
    "gammainc_signed": (lambda L, x: L.special.gammainc(x, x.flip(0)), WIDE),
    "gammaincc_signed": (lambda L, x: L.special.gammaincc(x, x.flip(0)), WIDE),
    "gammainc_large": (
        lambda L, x: L.special.gammainc(x, x * 1.01),
        10 ** RNG.uniform(-3, 5, 200),
    ),
}


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", VALUES)
def test_values_as_torch(name: str, dtype) -> None:
    fn, x = VALUES[name]
    with np.errstate(all="ignore"):
        assert_parity(fn, np.asarray(x, dtype), grad=False, strict=False)


# name -> function of (lib, x) whose gradients (second order too) are torch's
GRADS = {
    "erf": lambda L, x: L.erf(x),
    "erfc": lambda L, x: L.special.erfc(x),
    "erfinv": lambda L, x: L.erfinv(x.tanh()),
    "lgamma": lambda L, x: L.lgamma(x),
    "digamma": lambda L, x: x.digamma(),
    "polygamma": lambda L, x: L.polygamma(2, x),
    "mvlgamma": lambda L, x: x.mvlgamma(2),
    "gammaln": lambda L, x: L.special.gammaln(x),
    "psi": lambda L, x: L.special.psi(x),
    "multigammaln": lambda L, x: L.special.multigammaln(x, 3),
    "entr": lambda L, x: L.special.entr(x),
    "erfcx": lambda L, x: L.special.erfcx(x),
    "log_ndtr": lambda L, x: L.special.log_ndtr(x - 1.5),
    "ndtr": lambda L, x: L.special.ndtr(x),
    "zeta": lambda L, x: L.special.zeta(x.detach() + 1, x),
    "ldexp": lambda L, x: L.ldexp(x, L.tensor([1, -2, 3, 0])),
    "frexp": lambda L, x: L.frexp(x).mantissa,
    "nextafter": lambda L, x: L.nextafter(x, x.detach() * 2),
    "expit": lambda L, x: L.special.expit(x),
    "logit": lambda L, x: L.special.logit(x / 4, eps=1e-3),
    "xlogy": lambda L, x: L.special.xlogy(x, x * 2),
    "xlog1py": lambda L, x: L.special.xlog1py(x, x.flip(0)),
    "xlog1py_number": lambda L, x: L.special.xlog1py(x, 2.5),
    "number_xlog1py": lambda L, x: L.special.xlog1py(2.5, x),
    "softmax": lambda L, x: L.special.softmax(x, 1),
    "log_softmax": lambda L, x: L.special.log_softmax(x, 0, dtype=L.float64),
    "logsumexp": lambda L, x: L.special.logsumexp(x, 1),
    "round": lambda L, x: L.special.round(x, decimals=1),
    "sinc": lambda L, x: L.special.sinc(x),
    "exp2": lambda L, x: L.special.exp2(x),
    "i0": lambda L, x: x.i0(),
    "special_i0": lambda L, x: L.special.i0(x),
    "i0e": lambda L, x: L.special.i0e(x),
    "i1": lambda L, x: L.special.i1(x),
    "i1e": lambda L, x: L.special.i1e(x),
    "ndtri": lambda L, x: L.special.ndtri(x / 4),
    "gammainc": lambda L, x: L.special.gammainc(x.detach() * 2, x),
    "gammaincc": lambda L, x: L.special.gammaincc(x.detach() + 0.5, x * 3),
}
GRAPH = {"xlog1py_number": "root", "number_xlog1py": "root", "zeta": "root"}


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", GRADS)
def test_gradients_as_torch(name: str, dtype) -> None:
    x = POSITIVE.astype(dtype)
    assert_parity(GRADS[name], x, graph=GRAPH.get(name, "full"))


SIGNED = ["erf", "erfinv", "digamma", "polygamma", "ndtr", "i0", "i0e", "i1", "i1e"]


@pytest.mark.parametrize("name", SIGNED)
def test_gradients_on_signed_inputs(name: str) -> None:
    x = (SMOOTH * 0.9).astype(np.float32)
    if name == "erfinv":
        x = np.tanh(x)
    fn = {"erfinv": lambda L, x: L.erfinv(x)}.get(name, GRADS[name])
    assert_parity(fn, x)


def test_lgamma_at_poles_and_infinities_as_torch() -> None:
    x = np.array([0.0, -0.0, -1.0, -3.0, np.inf, -np.inf, np.nan], np.float32)
    for fn in (lambda L, t: L.lgamma(t), lambda L, t: L.digamma(t)):
        assert_same(fn(minigrad, minigrad.tensor(x)), fn(torch, torch.tensor(x)), "")


INTS = np.array([[5, -3, 0, 127], [1, 2, -128, 64]], np.int64)
BITWISE = [
    "L.bitwise_and(a, b)",
    "L.bitwise_or(a, b)",
    "L.bitwise_xor(a, b)",
    "L.bitwise_not(a)",
    "L.bitwise_left_shift(a, b % 70 - 3)",
    "L.bitwise_right_shift(a, b % 70 - 3)",
    "L.bitwise_and(2, a)",
    "L.bitwise_left_shift(2, b % 9)",
    "L.bitwise_right_shift(-9, b % 9)",
    "a & b",
    "a | 3",
    "5 ^ a",
    "~a",
    "~(a > 0)",
    "(a > 0) & (b > 0)",
    "(a > 0) | True",
    "(a > 0) ^ a",
    "a << 3",
    "a >> 65",
    "a << -1",
    "2 << (b % 5)",
    "100 >> (b % 5)",
    "a.to(L.uint8) << 3",
    "a.to(L.uint8) & 300",
    "a.to(L.int32) & 10000000000",
    "a.to(L.int32) << b",
    "a.bitwise_and(b)",
    "a.bitwise_xor(7)",
    "a.bitwise_not()",
    "a.bitwise_left_shift(2)",
    "a.bitwise_right_shift(b.abs() % 8)",
    "L.gcd(a, b)",
    "L.lcm(a, b)",
    "a.gcd(b.flip(0))",
    "a.lcm(b.flip(1))",
]
INPLACE = ["&=", "|=", "^=", "<<=", ">>="]
INPLACE_METHODS = ["bitwise_and_", "bitwise_or_", "bitwise_xor_"]
INPLACE_METHODS += ["bitwise_left_shift_", "bitwise_right_shift_", "gcd_", "lcm_"]


def _scenario(code: str):
    def scenario(L, out) -> None:  # noqa: N803
        a, b = L.tensor(INTS), L.tensor(INTS[::-1].copy())
        out.append(eval(code, {"L": L, "a": a, "b": b}))

    return scenario


def _in_place_scenario(code: str):
    def scenario(L, out) -> None:  # noqa: N803
        a, b = L.tensor(INTS), L.tensor(INTS[::-1] % 7)
        exec(code, {"L": L, "a": a, "b": b})
        out.append(a)

    return scenario


@pytest.mark.parametrize("code", BITWISE)
def test_bitwise_as_torch(code: str) -> None:
    run_both(_scenario(code))


IN_PLACE = [f"a {op} b" for op in INPLACE] + [f"a {op} 3" for op in INPLACE]
IN_PLACE += [f"a.{m}(b)" for m in INPLACE_METHODS] + ["a.bitwise_not_()"]


@pytest.mark.parametrize("code", IN_PLACE)
def test_bitwise_in_place_as_torch(code: str) -> None:
    run_both(_in_place_scenario(code))


MORE_VALUES = [
    "L.frexp(L.tensor([0.0, 3.0, -0.5, 1e-40, float('inf'), float('nan')])).mantissa",
    "L.frexp(L.tensor([0.0, 3.0, -0.5, 1e-40, float('inf'), float('nan')]))[1]",
    "type(L.frexp(L.tensor([1.0]))).__name__",
    "L.frexp(L.tensor([6.0, -1e300], dtype=L.float64)).exponent",
    "L.ldexp(L.tensor([1, 2]), L.tensor([3, 4]))",
    "L.ldexp(L.tensor([1.0], dtype=L.float64), L.tensor([2.0]))",
    "L.nextafter(L.tensor([1.0, 0.0]), L.tensor([2.0, -1.0]))",
    "L.lgamma(L.tensor([3, 4]))",
    "L.polygamma(2, L.tensor([3, 4]))",
    "L.tensor([1.5, 2.5]).mvlgamma(2)",
    "L.mvlgamma(L.tensor([3, 4]), 2)",
    "L.special.multigammaln(L.tensor([0.5, 2.0]), 2)",
    "L.special.entr(L.tensor([0, 1, 2]))",
    "L.special.zeta(L.tensor([2, 3]), L.tensor([1, 2]))",
    "L.special.zeta(L.tensor([1.0, 0.5, 2.0, 2.5]), L.tensor([1.0, 1.0, -1.0, -1.5]))",
    "L.special.xlog1py(L.tensor([0.0, 1.0, 2.0]), L.tensor([-1.0, -1.0, float('nan')]))",
    "L.special.ndtr(L.tensor([1, 2]))",
    "L.special.round(L.tensor([1.26, -0.55]), decimals=1)",
    "L.special.round(L.tensor([1.5, 2.5]))",
    "L.tensor([1.5, 2.5]).lgamma_()",
    "L.tensor([1.5, 2.5]).digamma_()",
    "L.tensor([1.5, 2.5]).polygamma_(3)",
    "L.tensor([1.5, 2.5]).mvlgamma_(2)",
    "L.tensor([1.5, 2.5]).ldexp_(L.tensor([2, 3]))",
    "L.tensor([1.5, 2.5]).nextafter_(L.tensor([0.0, 3.0]))",
    "L.tensor([0.0, -1.5, 2.5]).i0_()",
    "L.i0(L.tensor([0, -1, 2]))",
    "L.special.i1e(L.tensor([0, -1, 2]))",
]
test_more_values_as_torch = values_as_torch(MORE_VALUES)

ERRORS = [
    ("L.tensor([1.0]) & L.tensor([1])", ()),
    ("L.bitwise_and(L.tensor([1.0]), 1)", ()),
    ("L.tensor([True]) << L.tensor([True])", ()),
    ("L.tensor([1]) << 1.5", ()),
    ("L.tensor([1.0]).bitwise_not()", ()),
    ("~L.tensor([1.0])", ()),
    ("L.tensor([1]).bitwise_and([1])", ()),
    ("L.tensor([1]) & [1]", ()),
    ("L.bitwise_and(2, 3)", ("bitwise_and() received an invalid combination",)),
    ("L.bitwise_not(3)", ()),
    ("L.tensor([True]).__iand__(L.tensor([2]))", ()),
    ("L.tensor([2]).__ior__(2.5)", ()),
    ("L.gcd(L.tensor([1.0]), L.tensor([1.0]))", ()),
    ("L.gcd(L.tensor([1]), 2)", ()),
    ("L.tensor([1, 2]) & L.tensor([1, 2, 3])", ("size",)),
    ("L.lgamma(2)", ()),
    ("L.tensor([3, 4]).lgamma_()", ()),
    ("L.tensor([3, 4]).mvlgamma_(1)", ()),
    ("L.tensor([3, 4]).ldexp_(L.tensor([1]))", ()),
    ("L.polygamma(-1, L.tensor([1.0]))", ()),
    ("L.polygamma(1.5, L.tensor([1.0]))", ()),
    ("L.polygamma(1, 2.0)", ()),
    ("L.mvlgamma(L.tensor([1.0]), 0)", ()),
    ("L.mvlgamma(L.tensor([1.0]), p=1.5)", ()),
    ("L.frexp(L.tensor([1, 2]))", ()),
    ("L.ldexp(L.tensor([1.0]), 2)", ()),
    ("L.nextafter(L.tensor([1]), L.tensor([2]))", ()),
    ("L.special.expit(2)", ()),
    ("L.special.gammaln(2.0)", ()),
    ("L.special.polygamma(1, 2.0)", ()),
    ("L.special.softmax(2, 0)", ()),
    ("L.special.gammainc(2.5, L.tensor([1.0]))", ()),
    ("L.special.gammaincc(L.tensor([1.0]), 2)", ()),
    ("L.special.zeta(2.0, 3.0)", ("special_zeta() received an invalid combination",)),
    (
        "L.special.zeta(L.tensor([2.0], requires_grad=True), L.tensor([1.0])).sum().backward()",
        (),
    ),
    (
        "L.special.gammainc(L.tensor([2.0], requires_grad=True), L.tensor([1.0])).sum().backward()",
        (),
    ),
    (
        "L.special.gammaincc(L.tensor([2.0], requires_grad=True), L.tensor([1.0])).sum().backward()",
        (),
    ),
]
test_errors_as_torch = raises_as_torch(ERRORS)


def test_special_names_match_torch() -> None:
    missing: set[str] = set()
    public = {n for n in dir(torch.special) if n[0] != "_" and n != "torch"}
    ours = set(minigrad.special.__all__)
    assert ours <= public
    first_kinds = {n for n in public if not n.startswith(("airy", "bessel"))}
    assert {"expit", "erfcx", "zeta", "xlog1py", "multigammaln"} <= ours
    assert not (missing & ours), "update the list of what is missing"
    assert first_kinds


@pytest.mark.parametrize("name", ["i0", "i0e", "i1", "i1e", "erfcx", "entr"])
def test_gradients_at_zero_as_torch(name: str) -> None:
    x = np.array([0.0, 1e-20, -1e-9, 0.5, -2.0, 9.0], np.float64)
    fn = GRADS[name]
    assert_parity(fn, np.abs(x) if name == "entr" else x, strict=False)


def test_torch_alias_provides_special() -> None:
    import subprocess
    import sys

    code = "import minigrad.torch_alias, minigrad, torch.special; from torch.special import expit; print(torch.special is minigrad.special, expit(torch.tensor([0.0])).item())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split() == ["True", "0.5"], out.stderr
