"""The top-level matrix functions (torch.det, inverse, cholesky, svd, qr, pinverse ...)."""

from __future__ import annotations

from minigrad._linalg_checks import check_int
from minigrad._method_functions import method_function
from minigrad.tensor import Tensor

__all__ = ["det", "inverse", "logdet", "matrix_power", "slogdet", "cholesky"]
__all__ += ["cholesky_inverse", "cholesky_solve", "pinverse", "svd"]
__all__ += ["triangular_solve", "qr"]


def _checked(name: str):
    """The input check of torch.<name>, with torch's TypeError."""

    def first(x) -> Tensor:
        if not isinstance(x, Tensor):
            raise TypeError(
                f"{name}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}"
            )
        return x

    return first


# NOTE: one family: each is its Tensor method, its input checked as torch's
(
    det,
    inverse,
    logdet,
    _matrix_power,
    slogdet,
    cholesky,
    cholesky_inverse,
    cholesky_solve,
    pinverse,
    svd,
    triangular_solve,
    qr,
) = (method_function(name, _checked(name)) for name in __all__)


def matrix_power(input: Tensor, n: int) -> Tensor:  # noqa: A002
    """input.matrix_power(n) as a function (torch names n the 2nd argument)."""
    check_int(n, "matrix_power", "n", 2)
    return _matrix_power(input, n)
