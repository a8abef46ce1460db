"""Top-level products (``minigrad.outer``, ``addmm``, ``tensordot`` ...): each calls
the Tensor method; tensordot permutes, reshapes and multiplies as torch."""

from __future__ import annotations

import math

from minigrad._checks import wrap_dim
from minigrad._method_functions import method_function
from minigrad.math import _tensor
from minigrad.tensor import Tensor

outer = method_function("outer")
ger = method_function("ger")
mv = method_function("mv")
addmm = method_function("addmm")
addmv = method_function("addmv")
baddbmm = method_function("baddbmm")
addbmm = method_function("addbmm")
inner = method_function("inner")
kron = method_function("kron")
vdot = method_function("vdot")
cross = method_function("cross")


def tensordot(a: Tensor, b: Tensor, dims=2) -> Tensor:
    """Sums of products over dims of a paired with dims of b (an int n: a's last n with b's first n)."""
    a, b = _tensor(a, "a"), _tensor(b, "b")
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        da = list(range(a._data.ndim - dims, a._data.ndim))
        db = list(range(dims))
    else:
        da, db = ([d] if isinstance(d, int) else list(d) for d in dims)
        da = [wrap_dim(d, a._data.ndim) for d in da]
        db = [wrap_dim(d, b._data.ndim) for d in db]
    if len(da) != len(db):
        raise RuntimeError("both dimension lists should have same length")
    for i, j in zip(da, db):
        if a._data.shape[i] != b._data.shape[j]:
            raise RuntimeError(
                f"contracted dimensions need to match, but first has size {a._data.shape[i]} in dim {i - a._data.ndim if isinstance(dims, int) else i} and second has size {b._data.shape[j]} in dim {j}"
            )
    free_a = [d for d in range(a._data.ndim) if d not in da]
    free_b = [d for d in range(b._data.ndim) if d not in db]
    k = math.prod(a._data.shape[d] for d in da)
    left = a.permute(free_a + da).reshape(-1, k)
    right = b.permute(db + free_b).reshape(k, -1)
    shape = [a._data.shape[d] for d in free_a] + [b._data.shape[d] for d in free_b]
    return left.mm(right).view(shape)
