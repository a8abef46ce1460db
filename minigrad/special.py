"""torch.special: the special functions under torch's names, most of them other
names of minigrad's functions (one line each in the table below)."""

from __future__ import annotations

import inspect
import math
from numbers import Number

from minigrad import _math_elementwise, _reductions, _special_functions
from minigrad import math as _math
from minigrad import ops as _ops
from minigrad._integration import _times
from minigrad._math_elementwise import _must_be_tensor
from minigrad._tensor_methods.arithmetic import _binary
from minigrad._tensor_methods.pointwise import _floating
from minigrad.factories import tensor as _tensor
from minigrad.tensor import Tensor, apply

# torch.special name -> minigrad function it calls
ALIASES = {"expit": "sigmoid", "logit": "logit", "erf": "erf", "erfc": "erfc"}
ALIASES |= {"erfinv": "erfinv", "log1p": "log1p", "expm1": "expm1", "exp2": "exp2"}
ALIASES |= {"sinc": "sinc", "xlogy": "xlogy", "gammaln": "lgamma"}
ALIASES |= {"digamma": "digamma", "psi": "digamma", "multigammaln": "mvlgamma"}
ALIASES |= {"logsumexp": "logsumexp", "softmax": "softmax"}
ALIASES |= {"log_softmax": "log_softmax", "i0": "i0"}
_SOURCES = (_math, _math_elementwise, _special_functions, _reductions)
_KEYWORD_ONLY = {"dtype"}  # NOTE: matches torch: special.softmax(input, dim, *, dtype)

# torch.special's own ops: of one tensor, of two (either may be a number)
OWN = {"entr": _ops.Entr, "erfcx": _ops.Erfcx, "log_ndtr": _ops.LogNdtr}
OWN |= {"i0e": _ops.I0e, "i1": _ops.I1, "i1e": _ops.I1e, "ndtri": _ops.Ndtri}
PAIRS = {"xlog1py": _ops.XLOG1PY, "zeta": _ops.ZETA}
PAIRS |= {"gammainc": (_ops.Igamma,), "gammaincc": (_ops.Igammac,)}  # tensors only

__all__ = [*ALIASES, *OWN, *PAIRS, "round", "polygamma", "ndtr"]


def _alias(name: str, target: str):
    """``special.<name>``: ``minigrad.<target>``, its input checked under torch's name."""
    function = next(getattr(m, target) for m in _SOURCES if hasattr(m, target))
    params = []
    for p in inspect.signature(function).parameters.values():
        kind = p.KEYWORD_ONLY if p.name in _KEYWORD_ONLY else p.kind
        params.append(p.replace(kind=kind, annotation=p.empty))

    def special(input, *args, **kwargs):
        if not (name == "xlogy" and isinstance(args[0] if args else None, Tensor)):
            _must_be_tensor(input, f"special_{name}", "input", 1)
        return function(input, *args, **kwargs)

    special.__signature__ = inspect.Signature(params)
    special.__name__ = special.__qualname__ = name
    special.__doc__ = f"torch.special.{name}: ``minigrad.{target}``."
    return special


globals().update({name: _alias(name, target) for name, target in ALIASES.items()})


def round(input: Tensor, *, decimals: int = 0) -> Tensor:  # noqa: A001
    return _must_be_tensor(input, "special_round", "input", 1).round(decimals=decimals)


def polygamma(n: int, input: Tensor) -> Tensor:
    return _must_be_tensor(input, "special_polygamma", "input", 2).polygamma(n)


def ndtr(input: Tensor) -> Tensor:
    """The standard normal CDF, as torch composes it: (1 + erf(x / sqrt 2)) * 0.5."""
    x = _must_be_tensor(input, "special_ndtr", "input", 1)
    erf = _times(x, math.sqrt(0.5)).erf()
    return _times(apply(_ops.AddScalar, erf, s=1), 0.5)


def _own(name: str, op: type):
    def special(input: Tensor) -> Tensor:
        x = _must_be_tensor(input, f"special_{name}", "input", 1)
        return apply(op, _floating(x))

    special.__name__ = special.__qualname__ = name
    special.__doc__ = f"torch.special.{name}: {op.__doc__}"
    return special


def _pair(name: str, ops: tuple):
    def special(input, other) -> Tensor:
        if len(ops) == 1:
            _must_be_tensor(input, f"special_{name}", "input", 1)
            _must_be_tensor(other, f"special_{name}", "other", 2)
        like = input if isinstance(input, Tensor) else other
        if not isinstance(like, Tensor) or not all(
            isinstance(x, (Tensor, Number)) for x in (input, other)
        ):
            got = f"{type(input).__name__}, {type(other).__name__}"
            raise TypeError(
                f"special_{name}() received an invalid combination of arguments - got ({got}), but expected one of: (Tensor self, Tensor other) or (Number self, Tensor other) or (Tensor self, Number other)"
            )
        dtype = _floating(like).dtype
        a, b = (
            x if isinstance(x, Tensor) else _tensor(x, dtype=dtype)
            for x in (input, other)
        )
        numbers = [not isinstance(x, Tensor) for x in (input, other)]
        op = ops[numbers.index(True) + 1 if any(numbers) else 0]
        return _binary(op, a, b, floating=True)

    special.__name__ = special.__qualname__ = name
    special.__doc__ = f"torch.special.{name}: {ops[0].__doc__}"
    return special


globals().update({name: _own(name, op) for name, op in OWN.items()})
globals().update({name: _pair(name, ops) for name, ops in PAIRS.items()})
