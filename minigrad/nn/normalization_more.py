"""BatchNorm3d, InstanceNorm1d/2d/3d, GroupNorm and RMSNorm layers, as torch's."""

from __future__ import annotations

import inspect
import warnings
from typing import Any

from minigrad import dtypes
from minigrad._signature import bind
from minigrad.nn import _norm_more_functional as F
from minigrad.nn._affine import AffineNorm, as_shape
from minigrad.nn._functional_module import method_signature, params_of
from minigrad.nn.batchnorm import _BatchNorm, _NormBase
from minigrad.nn.normalization import LayerNorm
from minigrad.tensor import Tensor

__all__ = ["BatchNorm3d", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"]
__all__ += ["GroupNorm", "RMSNorm"]


class BatchNorm3d(_BatchNorm):
    """Batch normalisation of a (N, C, D, H, W) input."""

    def _check_input_dim(self, input: Tensor) -> None:
        if input.dim() != 5:
            raise ValueError(f"expected 5D input (got {input.dim()}D input)")


class _InstanceNorm(_NormBase):
    """torch's _InstanceNorm: _NormBase's parameters and buffers, instance_norm's forward."""

    _nd = 1

    def __init__(self, *args, **kwargs) -> None:
        given = _INSTANCE_INIT.bind(self, *args, **kwargs)
        given.apply_defaults()
        super().__init__(*given.args[1:], **given.kwargs)

    def _check_input_dim(self, input: Tensor) -> None:
        low = self._nd + 1
        if input.dim() not in (low, low + 1):
            raise ValueError(
                f"expected {low}D or {low + 1}D input (got {input.dim()}D input)"
            )

    def forward(self, input: Tensor) -> Tensor:
        self._check_input_dim(input)
        feature_dim = input.dim() - (self._nd + 1)
        if input.size(feature_dim) != self.num_features:
            if self.affine:
                raise ValueError(
                    f"expected input's size at dim={feature_dim} to match num_features ({self.num_features}), but got: {input.size(feature_dim)}."
                )
            warnings.warn(
                f"input's size at dim={feature_dim} does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False",
                stacklevel=2,
            )
        unbatched = input.dim() == self._nd + 1
        out = F._instance_norm(
            input.unsqueeze(0) if unbatched else input,
            self.running_mean,
            self.running_var,
            self.weight,
            self.bias,
            self.training or not self.track_running_stats,
            self.momentum if self.momentum is not None else 0.0,
            self.eps,
        )
        return out.squeeze(0) if unbatched else out


# NOTE: matches torch: _NormBase's parameters, but neither affine nor tracking
_INSTANCE_INIT = inspect.signature(_NormBase.__init__)
_INSTANCE_INIT = _INSTANCE_INIT.replace(
    parameters=[
        p.replace(default=False) if p.name in ("affine", "track_running_stats") else p
        for p in _INSTANCE_INIT.parameters.values()
    ]
)
_InstanceNorm.__init__.__signature__ = _INSTANCE_INIT


class InstanceNorm1d(_InstanceNorm):
    """Instance normalisation of a (N, C, L) or (C, L) input."""


class InstanceNorm2d(_InstanceNorm):
    """Instance normalisation of a (N, C, H, W) or (C, H, W) input."""

    _nd = 2


class InstanceNorm3d(_InstanceNorm):
    """Instance normalisation of a (N, C, D, H, W) or (C, D, H, W) input."""

    _nd = 3


class GroupNorm(AffineNorm):
    """Normalisation over groups of channels of each sample, with a per-channel scale and shift."""

    def __init__(
        self,
        num_groups: int,
        num_channels: int,
        eps: float = 1e-5,
        affine: bool = True,
        device: Any = None,
        dtype: dtypes.dtype | None = None,
        *,
        bias: bool = True,
    ) -> None:
        super().__init__()
        if num_channels % num_groups != 0:
            raise ValueError(
                f"num_channels ({num_channels}) must be divisible by num_groups ({num_groups})"
            )
        self.num_groups, self.num_channels = num_groups, num_channels
        self.eps, self.affine = eps, affine
        self._add_affine(num_channels, affine, bias, device, dtype)

    def forward(self, input: Tensor) -> Tensor:
        return F.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return f"{self.num_groups}, {self.num_channels}, eps={self.eps}, affine={self.affine}, bias={self.bias is not None}"


class RMSNorm(AffineNorm):
    """y = x / sqrt(mean(x^2) + eps) * weight over the last dims."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        a = bind(_RMS_INIT, "RMSNorm.__init__", (self, *args), kwargs)
        super().__init__()
        self.normalized_shape = as_shape(a["normalized_shape"])
        self.eps, self.elementwise_affine = a["eps"], a["elementwise_affine"]
        affine, factory = self.elementwise_affine, (a["device"], a["dtype"])
        self._add_affine(self.normalized_shape, affine, None, *factory)

    def forward(self, input: Tensor) -> Tensor:
        return F.rms_norm(input, self.normalized_shape, self.weight, self.eps)

    def extra_repr(self) -> str:
        return f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}"


# NOTE: matches torch: LayerNorm's parameters but bias, eps None (the dtype's eps)
_RMS_INIT = method_signature(
    [
        p.replace(default=None, annotation="float | None") if p.name == "eps" else p
        for p in params_of(
            LayerNorm.__init__, "normalized_shape eps elementwise_affine device dtype"
        )
    ]
)
RMSNorm.__init__.__signature__ = _RMS_INIT
