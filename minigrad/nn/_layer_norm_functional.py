"""F.layer_norm: normalise over the last dims of each sample, as torch."""

from __future__ import annotations

from minigrad.dtypes import scalar_type_name
from minigrad.ops.layer_norm import LayerNorm
from minigrad.tensor import Tensor, apply


def layer_norm(
    input: Tensor,
    normalized_shape,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise ``input`` over its last ``len(normalized_shape)`` dims (one graph node)."""
    axes = check_inputs(input, normalized_shape, weight, bias, "LayerNormKernelImpl")
    return apply(LayerNorm, input, weight, bias, axes=axes, eps=eps)


def check_inputs(
    input, normalized_shape, weight, bias, kernel: str, star: str = "*, "
) -> tuple:
    """torch's checks of a layer (or RMS) norm's arguments; the normalised axes
    (``star`` starts the expected shape in the error: rms_norm's has no comma)."""
    shape = (
        (normalized_shape,)
        if isinstance(normalized_shape, int)
        else tuple(normalized_shape)
    )
    k = len(shape)
    if k == 0:
        raise RuntimeError(
            "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []"
        )
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and tuple(t.shape) != shape:
            raise RuntimeError(
                f"Expected {name} to be of same shape as normalized_shape, but got {name} of shape {list(t.shape)} and normalized_shape = {list(shape)}"
            )
    if input.ndim < k or tuple(input.shape[input.ndim - k :]) != shape:
        expected = star + ", ".join(str(n) for n in shape)
        raise RuntimeError(
            f"Given normalized_shape={list(shape)}, expected input with shape [{expected}], but got input of size{list(input.shape)}"
        )
    if not input.is_floating_point():
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{scalar_type_name(input._data.dtype)}'"
        )
    return tuple(range(input.ndim - k, input.ndim))
