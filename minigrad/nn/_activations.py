"""The activations of deeper networks as functions: leaky_relu, elu, softplus."""

from __future__ import annotations

from minigrad import dtypes, ops
from minigrad.tensor import Tensor, apply

__all__ = ["elu", "elu_", "leaky_relu", "leaky_relu_", "softplus"]


def _check(name: str, input: object, kernel: str | None = None) -> None:
    """torch's errors for a non-tensor input and an integer one (``kernel``: the
    name in the NotImplementedError, ``name_cpu`` by default)."""
    if not isinstance(input, Tensor):
        raise TypeError(
            f"{name}(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}"
        )
    if input._data.dtype.kind != "f":
        raise NotImplementedError(
            f"\"{kernel or name + '_cpu'}\" not implemented for '{dtypes.scalar_type_name(input._data.dtype)}'"
        )


def _activation(name: str, op: type, input: Tensor, **params: float) -> Tensor:
    """``op`` applied to ``input`` (a new tensor), after torch's argument checks."""
    _check(name, input)
    return apply(op, input, **params)


def leaky_relu(
    input: Tensor, negative_slope: float = 0.01, inplace: bool = False
) -> Tensor:
    """x where x > 0, else negative_slope * x."""
    if inplace:
        return leaky_relu_(input, negative_slope)
    return _activation(
        "leaky_relu", ops.LeakyRelu, input, negative_slope=negative_slope
    )


def leaky_relu_(input: Tensor, negative_slope: float = 0.01) -> Tensor:
    _check("leaky_relu", input)
    op = ops.LeakyReluInplace if input.requires_grad else ops.LeakyRelu
    out = apply(op, input, negative_slope=negative_slope, name="LeakyReluBackward1")
    return input._inplace(out)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """x where x > 0, else alpha * (exp(x) - 1)."""
    if inplace:
        return elu_(input, alpha)
    return _activation("elu", ops.Elu, input, alpha=alpha)


def elu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    _check("elu", input)
    return input._inplace(apply(ops.EluInplace, input, alpha=alpha))


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    """log(1 + exp(beta * x)) / beta, and x itself where beta * x > threshold."""
    return _activation("softplus", ops.Softplus, input, beta=beta, threshold=threshold)
