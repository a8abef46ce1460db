"""normalize, cosine_similarity and pairwise_distance, composed as torch composes them."""

from __future__ import annotations

from minigrad import dtypes, ops
from minigrad._broadcast import broadcast_shape
from minigrad.engine import grad_mode
from minigrad.tensor import Tensor, apply

__all__ = ["cosine_similarity", "normalize", "pairwise_distance"]


def _require(name: str, value: object, argument: str, position: int) -> None:
    if not isinstance(value, Tensor):
        raise TypeError(
            f"{name}(): argument '{argument}' (position {position}) must be Tensor, not {type(value).__name__}"
        )


def _check_dim(dim: int, ndim: int) -> None:
    low, high = (-1, 0) if ndim == 0 else (-ndim, ndim - 1)
    if not low <= dim <= high:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})"
        )


def _broadcast_shapes(a: tuple, b: tuple) -> tuple:
    """The common shape, with torch's error naming the first mismatch."""
    for i in range(1, min(len(a), len(b)) + 1):
        if a[-i] != b[-i] and a[-i] != 1 and b[-i] != 1:
            raise RuntimeError(
                f"The size of tensor a ({a[-i]}) must match the size of tensor b ({b[-i]}) at non-singleton dimension {max(len(a), len(b)) - i}"
            )
    return broadcast_shape(a, b)


def normalize(
    input: Tensor,
    p: float = 2.0,
    dim: int = 1,
    eps: float = 1e-12,
    out: Tensor | None = None,
) -> Tensor:
    """v / max(||v||_p, eps) for each vector v along dim."""
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    if out is None:
        return input / denom
    with grad_mode.no_grad():
        return out.copy_(input / denom)


def cosine_similarity(
    x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8
) -> Tensor:
    """sum(x1 * x2) / (max(||x1||, eps) * max(||x2||, eps)) along dim (the norms'
    clamping outside the graph, as torch)."""
    _require("cosine_similarity", x1, "x1", 1)
    _require("cosine_similarity", x2, "x2", 2)
    a, b = x1._data, x2._data
    shaped = [t._data.dtype for t in (x1, x2) if t._data.ndim]
    common = dtypes.result_type(shaped, [t.dtype for t in (a, b) if not t.ndim], [])
    if common.kind != "f":
        raise RuntimeError(
            f"expected common dtype to be floating point, yet common dtype is {dtypes.scalar_type_name(common)}"
        )
    if a.dtype.kind != "f":
        x1 = x1.to(dtypes.from_numpy_dtype(common))
    if b.dtype.kind != "f":
        x2 = x2.to(dtypes.from_numpy_dtype(common))
    if a.shape != b.shape:  # NOTE: matches torch: expand_outplace expands both
        shape = _broadcast_shapes(a.shape, b.shape)
        x1, x2 = x1.expand(shape), x2.expand(shape)
    _check_dim(dim, x1._data.ndim)
    n1 = x1.norm(2, dim, keepdim=True).clone()
    n2 = x2.norm(2, dim, keepdim=True).clone()
    with grad_mode.no_grad():
        n1.clamp_(min=eps)
        n2.clamp_(min=eps)
    return ((x1 / n1) * (x2 / n2)).sum(dim)


def pairwise_distance(
    x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False
) -> Tensor:
    """||x1 - x2 + eps||_p along the last dim."""
    _require("pairwise_distance", x1, "x1", 1)
    _require("pairwise_distance", x2, "x2", 2)
    _broadcast_shapes(x1._data.shape, x2._data.shape)
    diff = x1 - x2
    if diff._data.dtype.kind != "f":  # NOTE: matches torch: + eps makes it float
        diff = diff.to(dtypes.get_default_dtype())
    shifted = apply(ops.AddScalar, diff, s=eps)
    last = max(x1._data.ndim, x2._data.ndim) - 1
    return apply(
        ops.VectorNorm,
        shifted,
        p=float(p),
        dims=(last % max(shifted._data.ndim, 1),) if shifted._data.ndim else None,
        keepdim=keepdim,
        name="NormBackward1",
    )
