"""assert_close with torch.testing's default tolerances per dtype."""

from __future__ import annotations

import numpy as np

from minigrad.tensor import Tensor

# NOTE: matches torch.testing.assert_close's defaults (rtol, atol) per dtype
_TOLERANCES = {
    np.dtype(np.float32): (1.3e-6, 1e-5),
    np.dtype(np.float64): (1e-7, 1e-7),
}


def _array(x) -> np.ndarray:
    if isinstance(x, Tensor):
        return x._data
    return np.asarray(x)


def assert_close(
    actual,
    expected,
    *,
    rtol: float | None = None,
    atol: float | None = None,
    equal_nan: bool = False,
    check_dtype: bool = True,
    msg: str | None = None,
) -> None:
    """Raise AssertionError unless ``actual`` and ``expected`` are close elementwise."""
    if (rtol is None) != (atol is None):
        raise ValueError(
            f"Both 'rtol' and 'atol' must be either specified or omitted, but got no {'rtol' if rtol is None else 'atol'}."
        )
    a, e = _array(actual), _array(expected)
    if a.shape != e.shape:
        raise AssertionError(
            msg
            or f"The values for attribute 'shape' do not match: {a.shape} != {e.shape}."
        )
    if check_dtype and a.dtype != e.dtype:
        raise AssertionError(
            msg
            or f"The values for attribute 'dtype' do not match: {a.dtype} != {e.dtype}."
        )
    if rtol is None:
        rtol, atol = _TOLERANCES.get(a.dtype, (0.0, 0.0))
    af, ef = a.astype(np.float64), e.astype(np.float64)
    ok = np.isclose(af, ef, rtol=rtol, atol=atol, equal_nan=equal_nan) | (af == ef)
    if not ok.all():
        bad = int((~ok).sum())
        diff = np.abs(af - ef)
        i = (
            np.unravel_index(np.argmax(np.where(ok, -1, diff)), a.shape)
            if a.shape
            else ()
        )
        raise AssertionError(
            msg
            or (
                f"Tensor-likes are not close!\n\nMismatched elements: {bad} / {a.size} "
                f"({100 * bad / max(a.size, 1):.1f}%)\nGreatest absolute difference: "
                f"{diff.max()} at index {tuple(int(j) for j in i)} (up to {atol} "
                "allowed)\n"
                f"Greatest relative difference: "
                f"{np.max(diff / np.maximum(np.abs(ef), 1e-300))} (up to {rtol} "
                "allowed)"
            )
        )
