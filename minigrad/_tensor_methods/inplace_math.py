"""Math methods in place: sin_, cos_, clip_, cumsum_ and the comparisons eq_ ... ge_."""

from __future__ import annotations

from numbers import Number

from minigrad._tensor_methods.base import TensorBase, named
from minigrad.ops.compared import Compared


def _compared(t: TensorBase, other, method: str) -> TensorBase:
    """t.<method>_(other): the comparison's 0/1 written into t, as t's dtype."""
    if not isinstance(other, (TensorBase, Number)):
        raise TypeError(
            f"{method}_() received an invalid combination of arguments - got ({type(other).__name__}), but expected one of:\n * (Tensor other)\n * (Number other)\n"
        )
    out = getattr(t, method)(other)._data.astype(t._data.dtype)
    if t._recorded(other):
        inputs = (t, other) if isinstance(other, TensorBase) else (t,)
        name = f"{method.capitalize()}Backward{len(inputs) - 1}"
        return t._inplace(t._apply(Compared, *inputs, out=out, name=name))
    return t._inplace(t._wrap(out))


def _comparison(method: str):
    """The method ``<method>_(other)``."""

    def inplace(self, other) -> TensorBase:
        return _compared(self, other, method)

    return named(inplace, f"{method}_", f"self.{method}(other) written into self.")


class InplaceMathMethods(TensorBase):
    __slots__ = ()

    def sin_(self) -> TensorBase:
        return self._inplace(self.sin())

    def cos_(self) -> TensorBase:
        return self._inplace(self.cos())

    def clip_(self, min=None, max=None) -> TensorBase:  # noqa: A002
        return self._inplace(self.clip(min, max))

    def cumsum_(self, dim: int, *, dtype=None) -> TensorBase:
        return self._inplace(self.cumsum(dim, dtype=dtype))

    eq_ = _comparison("eq")
    ne_ = _comparison("ne")
    lt_ = _comparison("lt")
    le_ = _comparison("le")
    gt_ = _comparison("gt")
    ge_ = _comparison("ge")
