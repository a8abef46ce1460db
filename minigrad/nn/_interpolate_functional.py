"""F.interpolate (nearest, nearest-exact, linear, bilinear, trilinear, area), validating as torch."""

from __future__ import annotations

import math

import numpy as np

from minigrad import dtypes, ops
from minigrad.nn._pool1d_functional import adaptive_avg_pool1d
from minigrad.nn._pool_functional import adaptive_avg_pool2d
from minigrad.ops.resample import Resample, linear_weights, nearest_index
from minigrad.tensor import Tensor, apply

__all__ = ["interpolate"]

_LINEAR = {"linear": 1, "bilinear": 2, "trilinear": 3}
_NAMES = {"nearest": "Nearest", "nearest-exact": "NearestExact"}
_NAMES.update(linear="Linear", bilinear="Bilinear", trilinear="Trilinear")
_MODES = (
    "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact"
)


def _sizes_and_scales(input: Tensor, size, scale_factor, recompute) -> tuple:
    """torch's Python checks: exactly one of size and scale_factor, one per spatial dim."""
    dim = input.dim() - 2
    spatial = list(input.shape[2:])
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    scales = None
    if size is not None:
        if isinstance(size, (list, tuple)):
            if len(size) != dim:
                raise ValueError(
                    f"Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of {spatial} and output size of {size}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format."
                )
            if not all(isinstance(s, (int, np.integer)) for s in size):
                raise TypeError(
                    f"expected size to be one of int or Tuple[int] or Tuple[int, int] or Tuple[int, int, int], but got size with types {[type(s) for s in size]}"
                )
            out = [int(s) for s in size]
        else:
            out = [size] * dim
    elif scale_factor is not None:
        out = None
        if isinstance(scale_factor, (list, tuple)):
            if len(scale_factor) != dim:
                raise ValueError(
                    f"Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of {spatial} and scale_factor of shape {scale_factor}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format."
                )
            scales = [float(s) for s in scale_factor]
        else:
            scales = [float(scale_factor)] * dim
    else:
        raise ValueError("either size or scale_factor should be defined")
    if recompute and size is not None:
        raise ValueError(
            "recompute_scale_factor is not meaningful with an explicit size."
        )
    if recompute:
        out, scales = [math.floor(n * s) for n, s in zip(spatial, scales)], None
    return out, scales


def _output_size(input: Tensor, out, scales) -> list[int]:
    """torch's upsample_compute_output_size, and its check that no size is zero."""
    spatial = list(input.shape[2:])
    if out is None:
        out = [int(n * s) for n, s in zip(spatial, scales)]
    if min(spatial) <= 0 or min(out) <= 0:
        names = "DHW"[3 - len(spatial) :]
        given = ", ".join(f"{a}: {n}" for a, n in zip(names, spatial))
        wanted = ", ".join(f"{a}: {n}" for a, n in zip(names, out))
        joint = " and" if len(spatial) == 1 else ""
        raise RuntimeError(
            f"Input and output sizes should be greater than 0, but got input ({given}){joint} output ({wanted})"
        )
    return out


def _check_dtype(x: np.ndarray, mode: str, nd: int) -> None:
    if x.dtype.kind == "f" or (x.dtype == np.uint8 and mode in _NAMES and nd == 2):
        return
    if x.dtype == np.uint8 and mode.startswith("nearest"):
        return
    if nd == 2:
        kernel = f"upsample_{'bilinear' if mode == 'bilinear' else 'nearest'}2d_channels_last"
    else:
        kind = "nearest" if mode.startswith("nearest") else "linear"
        kernel = f"compute_indices_weights_{kind}"
    raise NotImplementedError(
        f"\"{kernel}\" not implemented for '{dtypes.scalar_type_name(x.dtype)}'"
    )


def interpolate(
    input: Tensor,
    size=None,
    scale_factor=None,
    mode: str = "nearest",
    align_corners: bool | None = None,
    recompute_scale_factor: bool | None = None,
    antialias: bool = False,
) -> Tensor:
    """Resize the spatial dims of a (N, C, ...) input to size or by scale_factor."""
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError(
                "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear"
            )
    elif align_corners is None:
        align_corners = False
    out, scales = _sizes_and_scales(
        input, size, scale_factor, recompute_scale_factor or mode == "area"
    )
    if antialias and not (
        mode in ("bilinear", "bicubic", "lanczos") and input.ndim == 4
    ):
        raise ValueError(
            "Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and requires a 4-D tensor as input"
        )
    nd = input.dim() - 2
    if mode in _LINEAR and nd in (1, 2, 3) and _LINEAR[mode] != nd:
        need = {1: "linear", 2: "bilinear", 3: "trilinear"}[_LINEAR[mode]]
        raise NotImplementedError(
            f"Got {input.dim()}D input, but {need} mode needs {_LINEAR[mode] + 2}D input"
        )
    if nd not in (1, 2, 3) or mode not in (*_NAMES, "area"):
        if mode in ("bicubic", "lanczos") and nd == 2:
            raise NotImplementedError(
                f"minigrad: interpolate mode '{mode}' is not supported"
            )
        raise NotImplementedError(
            f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.dim()}D) for the modes: {_MODES} (got {mode})"
        )
    if mode == "area":
        pools = {1: adaptive_avg_pool1d, 2: adaptive_avg_pool2d}
        if nd not in pools:
            raise NotImplementedError(
                "minigrad: area interpolation of 5D input is not supported"
            )
        return pools[nd](input, out)
    out = _output_size(input, out, scales)
    x = input._data
    _check_dtype(x, mode, nd)
    scales = scales or [None] * nd
    name = f"Upsample{_NAMES[mode]}{nd}DBackward0"
    if mode.startswith("nearest"):
        exact = mode == "nearest-exact"
        indices = tuple(
            nearest_index(n, o, s, exact)
            for n, o, s in zip(x.shape[2:], out, scales, strict=True)
        )
        return apply(ops.IndexPad, input, indices=indices, name=name)
    if x.dtype == np.uint8:
        raise NotImplementedError(
            "minigrad: linear interpolation of uint8 input is not supported"
        )
    opmath = np.float64 if x.dtype == np.float64 else np.float32
    mats = tuple(
        linear_weights(n, o, s, align_corners, opmath)
        for n, o, s in zip(x.shape[2:], out, scales, strict=True)
    )
    return apply(Resample, input, mats=mats, name=name)
