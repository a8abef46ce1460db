"""Top-level reductions (``minigrad.amax``, ``median``, ``std_mean`` ...): each calls
the Tensor method, or records torch's pair of outputs."""

from __future__ import annotations

from minigrad import ops
from minigrad._checks import wrap_dims
from minigrad._method_functions import method_function
from minigrad.math import _tensor
from minigrad.tensor import Tensor, apply

amax = method_function("amax")
amin = method_function("amin")
aminmax = method_function("aminmax")
logsumexp = method_function("logsumexp")
median = method_function("median")
nanmedian = method_function("nanmedian")
mode = method_function("mode")
cumprod = method_function("cumprod")
cummax = method_function("cummax")
logcumsumexp = method_function("logcumsumexp")
cummin = method_function("cummin")
nansum = method_function("nansum")
nanmean = method_function("nanmean")
all = method_function("all")
any = method_function("any")
count_nonzero = method_function("count_nonzero")
argsort = method_function("argsort")
unique = method_function("unique")
diff = method_function("diff")


def std_mean(input: Tensor, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _spread_and_mean(
        input, ops.StdOfPair, "std_mean", dim, unbiased, keepdim, correction
    )


def var_mean(input: Tensor, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _spread_and_mean(
        input, ops.VarOfPair, "var_mean", dim, unbiased, keepdim, correction
    )


def _spread_and_mean(x, op, name, dim, unbiased, keepdim, correction) -> tuple:
    x = _tensor(x)
    if x._data.dtype.kind != "f":
        raise RuntimeError(f"{name} only support floating point and complex dtypes")
    if isinstance(dim, bool):  # NOTE: matches torch: std_mean(x, True) is unbiased
        dim, unbiased = None, dim
    spread = x._spread(op, name, dim, unbiased, keepdim, correction)
    dims = wrap_dims(dim, x._data.ndim)
    node = "StdMeanBackward0" if name == "std_mean" else "VarMeanBackward0"
    mean = apply(ops.MeanOfPair, x, dims=dims, keepdim=keepdim, name=node)
    return spread, mean
