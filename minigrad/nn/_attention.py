"""F.scaled_dot_product_attention without dropout: softmax(q k^T * scale + mask) v, as torch's math path."""

from __future__ import annotations

import math

import numpy as np

from minigrad.nn._conv_functional import _c_name
from minigrad.tensor import Tensor, _wrap

_LONG = {"int64": "long int"}


def scaled_dot_product_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    attn_mask: Tensor | None = None,
    dropout_p: float = 0.0,
    is_causal: bool = False,
    scale: float | None = None,
    enable_gqa: bool = False,
) -> Tensor:
    """Attention of query over key/value (..., L, E), (..., S, E), (..., S, Ev)."""
    q, k, v = query._data, key._data, value._data
    if not q.dtype == k.dtype == v.dtype:
        names = (_c_name(a.dtype) for a in (q, k, v))
        raise RuntimeError(
            "Expected query, key, and value to have the same dtype, but got query.dtype: {} key.dtype: {} and value.dtype: {} instead.".format(
                *names
            )
        )
    if min(q.ndim, k.ndim, v.ndim) < 2:
        raise RuntimeError(
            f"Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: {q.ndim} key.dim: {k.ndim} and value.dim: {v.ndim} instead."
        )
    if attn_mask is not None:
        m = attn_mask._data
        if is_causal:
            raise RuntimeError(
                "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True"
            )
        if m.dtype.kind != "b" and m.dtype != q.dtype and m.dtype.kind != "f":
            raise RuntimeError(
                f"Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: {_LONG.get(m.dtype.name, _c_name(m.dtype))} and  query.dtype: {_c_name(q.dtype)} instead."
            )
    if dropout_p > 0.0:
        raise NotImplementedError(
            "minigrad: scaled_dot_product_attention with dropout_p > 0 is not supported"
        )
    if enable_gqa:
        raise NotImplementedError(
            "minigrad: scaled_dot_product_attention with enable_gqa=True is not supported"
        )
    if q.dtype.kind != "f":
        raise RuntimeError(
            f"expected scalar type Float but found {_c_name(q.dtype).capitalize()}"
        )
    length, source = q.shape[-2], k.shape[-2]
    factor = 1 / math.sqrt(q.shape[-1]) if scale is None else scale
    bias = None
    if is_causal:
        allowed = np.tril(np.ones((length, source), bool))
        bias = np.where(allowed, 0, -np.inf).astype(q.dtype)
    elif attn_mask is not None and m.dtype.kind == "b":
        bias = np.where(m, 0, -np.inf).astype(q.dtype)
    # NOTE: matches torch's math path: q and k each scaled by sqrt(scale)
    root = math.sqrt(factor)
    weights = (query * root) @ (key.transpose(-2, -1) * root)
    if attn_mask is not None and m.dtype.kind != "b":
        weights = weights + attn_mask
    empty = None
    if bias is not None:
        # NOTE: matches torch's safe softmax: a row masked everywhere gives zeros
        empty = np.broadcast_to(np.isneginf(bias).all(-1, keepdims=True), weights.shape)
        bias = np.where(empty, 0, bias)
        weights = weights + _wrap(bias)
    attn = weights.softmax(-1)
    if empty is not None and empty.any():
        attn = attn.masked_fill(_wrap(np.ascontiguousarray(empty)), 0.0)
    return attn @ value
