"""Hypothesis strategies for property tests against torch: shapes, values, models.

Built on ``hypothesis.extra.numpy``; importing this module imports hypothesis
(install it with ``pip install hypothesis``, or minigrad's ``dev`` extra).
"""

from __future__ import annotations

import inspect
import types
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from minigrad import dtypes
from minigrad.factories import tensor as _tensor
from minigrad.tensor import Tensor

__all__ = [
    "BOUNDED",
    "DOMAINS",
    "Domain",
    "NONZERO",
    "POSITIVE",
    "PROBABILITY",
    "REAL",
    "SATURATING",
    "SmallModel",
    "UNIT",
    "arrays",
    "broadcastable_shapes",
    "domain_for",
    "matmul_shapes",
    "shapes",
    "small_models",
    "tensors",
]

# --- shapes ---------------------------------------------------------------------


def shapes(
    min_dims: int = 0, max_dims: int = 3, min_side: int = 0, max_side: int = 4
) -> st.SearchStrategy[tuple[int, ...]]:
    """Any shape: 0-d, size-0 and size-1 dimensions included."""
    return hnp.array_shapes(
        min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side
    )


def broadcastable_shapes(
    num_shapes: int = 2, min_side: int = 0, max_side: int = 3, max_dims: int = 3
) -> st.SearchStrategy[tuple[tuple[int, ...], ...]]:
    """Shapes that broadcast together, e.g. ((3, 1), (4,)); 0-d and size-0 included."""
    return hnp.mutually_broadcastable_shapes(
        num_shapes=num_shapes,
        min_dims=0,
        max_dims=max_dims,
        min_side=min_side,
        max_side=max_side,
    ).map(lambda result: result.input_shapes)


@st.composite
def matmul_shapes(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Shapes valid for matmul: 1-D.1-D, 2-D, 1-D@2-D, 2-D@1-D, batched (broadcast)."""
    side = st.integers(0, 4)
    n, k, m = draw(side), draw(side), draw(side)
    kind = draw(st.sampled_from(["dot", "mm", "vm", "mv", "batched", "bv", "vb"]))
    if kind == "dot":
        return (k,), (k,)
    if kind == "mm":
        return (n, k), (k, m)
    if kind == "vm":
        return (k,), (k, m)
    if kind == "mv":
        return (n, k), (k,)
    batch_a, batch_b = draw(
        hnp.mutually_broadcastable_shapes(
            num_shapes=2, min_dims=0, max_dims=2, min_side=1, max_side=3
        ).map(lambda result: result.input_shapes)
    )
    if kind == "bv":
        return (*batch_a, n, k), (k,)
    if kind == "vb":
        return (k,), (*batch_b, k, m)
    if not batch_a and not batch_b:  # at least one operand is batched
        batch_a = (2,)
    return (*batch_a, n, k), (*batch_b, k, m)


# --- value domains --------------------------------------------------------------


@dataclass(frozen=True)
class Domain:
    """Where an op's inputs are drawn: an interval, minus a gap around kinks/ties,
    plus extreme values that must still work (e.g. sigmoid at +-1e4)."""

    low: float = -10.0
    high: float = 10.0
    avoid: tuple[float, ...] = ()
    gap: float = 1e-2
    extremes: tuple[float, ...] = ()

    def elements(self, dtype: Any) -> st.SearchStrategy[float]:
        np_dtype = _np_dtype(dtype)
        width: Any = np_dtype.itemsize * 8  # 16, 32 or 64
        values = st.floats(self.low, self.high, width=width)
        if self.avoid:
            values = values.filter(
                lambda v: all(abs(v - a) > self.gap for a in self.avoid)
            )
        if self.extremes:
            # NOTE: hypothesis refuses values the dtype cannot hold exactly
            exact = tuple(np_dtype.type(v).item() for v in self.extremes)
            values = st.one_of(values, st.sampled_from(exact))
        return values


REAL = Domain()
BOUNDED = Domain(-4.0, 4.0)  # exp, pow: no overflow, gradients of moderate size
POSITIVE = Domain(0.25, 10.0)  # log, sqrt, divisors, bases of pow
NONZERO = Domain(avoid=(0.0,))  # divisors of either sign, kinks of abs/relu
SATURATING = Domain(-20.0, 20.0, extremes=(-1e4, 1e4, -100.0, 100.0, 0.0))
UNIT = Domain(-1.0, 1.0)
PROBABILITY = Domain(0.05, 0.95, extremes=(1e-6, 1 - 1e-6))

DOMAINS: dict[str, Domain] = {
    "exp": Domain(-4.0, 4.0, extremes=(-100.0, 0.0, 40.0)),
    "log": Domain(0.25, 10.0, extremes=(1e-30, 1e30)),
    "sqrt": Domain(0.25, 10.0, extremes=(1e-30, 1e30)),
    "pow": POSITIVE,
    "div": NONZERO,
    "reciprocal": NONZERO,
    "abs": NONZERO,
    "relu": NONZERO,
    "sigmoid": SATURATING,
    "tanh": SATURATING,
    "binary_cross_entropy": PROBABILITY,
    "matmul": UNIT,
    "mm": UNIT,
}


def domain_for(op: str | Domain) -> Domain:
    """The input domain for an op name (``"log"``: positive values), REAL otherwise."""
    return op if isinstance(op, Domain) else DOMAINS.get(op, REAL)


# --- arrays and tensors ---------------------------------------------------------


def _np_dtype(dtype: Any) -> np.dtype:
    if isinstance(dtype, dtypes.dtype):
        return np.dtype(dtype.np)
    return np.dtype(dtype)


def arrays(
    dtype: Any = dtypes.float32,
    shape: tuple[int, ...] | st.SearchStrategy[tuple[int, ...]] | None = None,
    elements: st.SearchStrategy | None = None,
    domain: str | Domain = REAL,
    unique: bool = False,
) -> st.SearchStrategy[np.ndarray]:
    """NumPy arrays of ``dtype`` (a minigrad or NumPy dtype) with values in ``domain``
    (an op name such as ``"log"`` or a Domain) or drawn from ``elements``."""
    np_dtype = _np_dtype(dtype)
    if shape is None:
        shape = shapes(min_side=1)
    if elements is None:
        if np_dtype.kind == "f":
            elements = domain_for(domain).elements(np_dtype)
        elif np_dtype.kind == "b":
            elements = st.booleans()
        else:
            elements = st.integers(0 if np_dtype.kind == "u" else -5, 5)
    return hnp.arrays(np_dtype, shape, elements=elements, unique=unique)


def tensors(
    *args: Any, requires_grad: bool = False, **kwargs: Any
) -> st.SearchStrategy[Tensor]:
    """minigrad tensors of the arrays ``arrays(*args, **kwargs)`` draws; pass them
    to ``assert_matches_torch``."""
    return arrays(*args, **kwargs).map(
        lambda a: _tensor(a, requires_grad=requires_grad)
    )


# help(tensors) shows arrays()'s parameters, then requires_grad
tensors.__signature__ = inspect.signature(tensors).replace(
    parameters=[
        *inspect.signature(arrays).parameters.values(),
        inspect.signature(tensors).parameters["requires_grad"],
    ]
)


# --- small models ---------------------------------------------------------------


@dataclass(frozen=True)
class SmallModel:
    """A small MLP training problem; ``build(lib)`` for assert_trajectories_match."""

    sizes: tuple[int, ...]
    activation: str
    loss: str
    lr: float
    momentum: float
    batch: int
    dtype: str = "float64"

    def __call__(self, lib: types.ModuleType) -> tuple:
        """(model, loss_fn, optimizer, (X, Y)) built with ``lib``'s random stream."""
        dtype = getattr(lib, self.dtype)
        layers: list = []
        for i, (a, b) in enumerate(zip(self.sizes, self.sizes[1:], strict=False)):
            if i:
                layers.append(getattr(lib.nn, self.activation)())
            layers.append(lib.nn.Linear(a, b, dtype=dtype))
        model = lib.nn.Sequential(*layers)
        x = lib.randn(self.batch, self.sizes[0], dtype=dtype)
        y = lib.randn(self.batch, self.sizes[-1], dtype=dtype)
        if self.loss == "BCEWithLogitsLoss":
            y = (y > 0).to(dtype)
        optimizer = lib.optim.SGD(
            model.parameters(), lr=self.lr, momentum=self.momentum
        )
        return model, getattr(lib.nn, self.loss)(), optimizer, (x, y)


@st.composite
def small_models(
    draw: st.DrawFn,
    max_layers: int = 3,
    max_width: int = 8,
    dtypes: tuple[str, ...] = ("float64",),
) -> SmallModel:
    """Small MLPs (Linear layers, one activation), a loss, SGD and a batch.

    float64 by default: NumPy's and torch's matrix products may differ in the last
    bit, and over many steps of a float32 network such differences can grow past
    float32's per-step tolerance; pass ``dtypes=("float32",)`` for float32 models
    (and a tolerance to assert_trajectories_match).
    """
    width = st.integers(1, max_width)
    sizes = tuple(draw(st.lists(width, min_size=2, max_size=max_layers + 1)))
    return SmallModel(
        sizes=sizes,
        activation=draw(st.sampled_from(["Tanh", "ReLU", "Sigmoid"])),
        loss=draw(st.sampled_from(["MSELoss", "BCEWithLogitsLoss"])),
        lr=draw(st.sampled_from([0.01, 0.05, 0.1])),
        momentum=draw(st.sampled_from([0.0, 0.9])),
        batch=draw(st.integers(1, 8)),
        dtype=draw(st.sampled_from(dtypes)),
    )
