"""torch's bitwise, gamma-family and float-bits functions (``minigrad.bitwise_and``,
``minigrad.lgamma``, ``minigrad.frexp`` ...): each calls the Tensor method."""

from __future__ import annotations

from numbers import Number

from minigrad._math_elementwise import _function, _must_be_tensor
from minigrad.tensor import Tensor

UNARY = ["bitwise_not", "lgamma", "digamma", "frexp", "mvlgamma", "i0"]
TENSORS = {"gcd": "other", "lcm": "other", "ldexp": "other", "nextafter": "other"}
# the first operand may be a number too: ``bitwise_and(2, t)``
EITHER = ["bitwise_and", "bitwise_or", "bitwise_xor"]
EITHER += ["bitwise_left_shift", "bitwise_right_shift"]
_REFLECTED = {"bitwise_left_shift": "__rlshift__", "bitwise_right_shift": "__rrshift__"}

__all__ = [*UNARY, *TENSORS, *EITHER, "polygamma"]

_MADE = [_function(name) for name in UNARY]
_MADE += [_function(name, arg) for name, arg in TENSORS.items()]
for _made in _MADE:
    _made.__module__ = __name__  # pickled by name from here, as torch's are
    globals()[_made.__name__] = _made


def _either(name: str):
    """``minigrad.<name>(input, other)``: a number and a tensor in either order."""
    method = getattr(Tensor, name)
    reflected = getattr(Tensor, _REFLECTED.get(name, name))

    def function(input, other) -> Tensor:
        if isinstance(input, Tensor) and (
            isinstance(other, Tensor) or isinstance(other, Number)
        ):
            return method(input, other)
        if isinstance(input, Number) and isinstance(other, Tensor):
            return reflected(other, input)
        got = f"{type(input).__name__}, {type(other).__name__}"
        raise TypeError(
            f"{name}() received an invalid combination of arguments - got ({got}), but expected one of: (Tensor input, Tensor other) or (Number self, Tensor other) or (Tensor input, Number other)"
        )

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"torch.{name}: ``input.{name}(other)``."
    return function


globals().update({name: _either(name) for name in EITHER})


def polygamma(n: int, input: Tensor) -> Tensor:
    return _must_be_tensor(input, "polygamma", "input", 2).polygamma(n)
