"""F.pad: constant padding of any trailing dims; reflect, replicate and circular."""

from __future__ import annotations

from minigrad import ops
from minigrad.nn._args import require_tensors, shape_str
from minigrad.ops.pad import gather_index
from minigrad.tensor import Tensor, apply

_NODE = {
    "reflect": "ReflectionPad{}DBackward0",
    "replicate": "ReplicationPad{}DBackward0",
}


def pad(
    input: Tensor, pad, mode: str = "constant", value: float | None = None
) -> Tensor:
    """Pad the last len(pad) // 2 dims: pad = (left of last dim, right of last, ...)."""
    require_tensors("pad", input)
    pad = [int(p) for p in pad]
    x = input._data
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > x.ndim:
        raise RuntimeError(
            f"Padding length should be less than or equal to two times the input dimension but got padding length {len(pad)} and input of dimension {x.ndim}"
        )
    k = len(pad) // 2
    pairs = tuple((pad[2 * i], pad[2 * i + 1]) for i in reversed(range(k)))
    if mode == "constant":
        for n, (lo, hi) in zip(x.shape[x.ndim - k :], pairs, strict=True):
            if n + lo + hi < 0:
                raise RuntimeError("narrow(): length must be non-negative.")
        return apply(
            ops.ConstantPadNd, input, pairs=pairs, value=0 if value is None else value
        )
    if mode not in ("reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    if not (1 <= k <= 3 and x.ndim in (k + 1, k + 2)):
        raise NotImplementedError(
            f"Padding size {len(pad)} is not supported for {x.ndim}D input tensor.\nSupported combinations for non-constant padding:\n  - 2D or 3D input: padding size = 2 (pads last dimension)\n  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)"
        )
    dims = x.shape[x.ndim - k :]
    for i, (n, (lo, hi)) in reversed(list(enumerate(zip(dims, pairs, strict=True)))):
        dim = x.ndim - k + i  # NOTE: matches torch: the last dim is checked first
        if mode == "reflect" and (lo >= n or hi >= n):
            raise RuntimeError(
                f"Argument #4: Padding size should be less than the corresponding input dimension, but got: padding ({lo}, {hi}) at dimension {dim} of input {shape_str(x.shape)}"
            )
        if mode == "circular" and (lo > n or hi > n):
            raise RuntimeError("Padding value causes wrapping around more than once.")
        if mode == "replicate" and n == 0 and (lo > 0 or hi > 0):
            raise RuntimeError(
                f"Expected input's non-batch dimensions to have positive length, but input has a shape of {shape_str(x.shape)} and non-batch dimension {dim} has length zero!"
            )
    indices = tuple(
        gather_index(n, lo, hi, mode) for n, (lo, hi) in zip(dims, pairs, strict=True)
    )
    # NOTE: torch builds circular padding from slices (CopySlices nodes); here
    # it is one gather with the same values and gradients, named CopySlices.
    name = _NODE[mode].format(k) if mode in _NODE else "CopySlices"
    return apply(ops.IndexPad, input, indices=indices, name=name)
