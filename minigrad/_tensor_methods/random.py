"""Random fills and draws, in torch's streams (docs/torch_rng.md): uniform_, normal_, bernoulli_."""

from __future__ import annotations

from numbers import Number

from minigrad import ops as _ops
from minigrad._exact.bernoulli import bernoulli_scalar_, bernoulli_tensor_
from minigrad._exact.exponential import fill_exponential_
from minigrad._exact.generator import engine_of, fill_normal_, fill_uniform_
from minigrad._exact.multinomial import multinomial_indices
from minigrad._tensor_methods.base import TensorBase


class RandomMethods(TensorBase):
    __slots__ = ()

    def uniform_(self, a: float = 0.0, b: float = 1.0, *, generator=None) -> TensorBase:
        return self._random_fill(fill_uniform_, a, b, generator, "UniformBackward0")

    def normal_(
        self, mean: float = 0.0, std: float = 1.0, *, generator=None
    ) -> TensorBase:
        return self._random_fill(fill_normal_, mean, std, generator, "NormalBackward0")

    def exponential_(self, lambd: float = 1.0, *, generator=None) -> TensorBase:
        return self._random_fill(
            _exponential, lambd, None, generator, "ExponentialBackward0"
        )

    def multinomial(
        self, num_samples: int, replacement: bool = False, *, generator=None
    ):
        """Category indices drawn from each row of (unnormalised) probabilities."""
        engine = engine_of(generator, "multinomial")
        return self._wrap(
            multinomial_indices(self._data, num_samples, replacement, engine)
        )

    def _random_fill(self, fill, p, q, generator, name: str) -> TensorBase:
        if self._recorded():
            values = self._data.copy()
            fill(values, p, q, generator)
            return self._inplace(self._apply(_ops.Fill, self, value=values, name=name))
        fill(self._data, p, q, generator)  # checks its arguments before it draws
        self._check_inplace()
        return self

    def bernoulli_(self, p=0.5, *, generator=None) -> TensorBase:
        engine = engine_of(generator, "bernoulli_")
        if isinstance(p, TensorBase):
            probs = p.expand(self._data.shape)._data
            self._check_inplace()
            bernoulli_tensor_(self._data, probs, engine)
            return self
        if isinstance(p, bool) or not isinstance(p, Number):
            raise TypeError(
                f"bernoulli_() received an invalid combination of arguments - got ({type(p).__name__}), but expected one of:\n * (Tensor p, *, torch.Generator generator = None)\n * (float p = 0.5, *, torch.Generator generator = None)\n"
            )
        self._check_inplace()
        bernoulli_scalar_(self._data, p, engine)
        return self

    def bernoulli(self, p=None, *, generator=None) -> TensorBase:
        """Draws of 0/1 with probability self (or p, a number, for every element)."""
        engine = engine_of(generator, "bernoulli")
        if p is None:
            return self._apply(_ops.Bernoulli, self, engine=engine)
        return self._apply(_ops.BernoulliScalar, self, p=float(p), engine=engine)


def _exponential(out, lambd, _, generator):
    return fill_exponential_(out, lambd, engine_of(generator, "exponential_"))
