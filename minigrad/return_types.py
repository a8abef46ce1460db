"""Named result tuples (``minigrad.return_types.max(values=..., indices=...)``), as torch's."""

from __future__ import annotations

from operator import itemgetter

__all__ = [
    "aminmax",
    "linalg_cholesky_ex",
    "linalg_eigh",
    "linalg_inv_ex",
    "linalg_lstsq",
    "linalg_qr",
    "linalg_slogdet",
    "linalg_solve_ex",
    "linalg_svd",
    "slogdet",
    "cummax",
    "cummin",
    "frexp",
    "kthvalue",
    "max",
    "median",
    "min",
    "mode",
    "nanmedian",
    "qr",
    "sort",
    "svd",
    "topk",
    "triangular_solve",
]


class _StructSeq(tuple):
    """A tuple with named fields, built from one sequence (torch's structseq)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    n_fields = n_sequence_fields = 0
    n_unnamed_fields = 0

    def __new__(cls, sequence=(), dict=None):  # noqa: A002  (torch's parameter name)
        items = tuple(sequence)
        if len(items) != cls.n_fields:
            raise TypeError(
                f"minigrad.return_types.{cls.__name__}() takes a {cls.n_fields}-sequence ({len(items)}-sequence given)"
            )
        return super().__new__(cls, items)

    def __repr__(self) -> str:
        body = ",\n".join(
            f"{name}={value!r}" for name, value in zip(self._fields, self)
        )
        return f"minigrad.return_types.{type(self).__name__}(\n{body})"

    def __reduce__(self):
        return (type(self), (tuple(self),))


def _define(name: str, *fields: str) -> type:
    """A result class whose fields read by name as by index."""
    namespace = {field: property(itemgetter(i)) for i, field in enumerate(fields)}
    namespace.update(
        __slots__=(),
        __module__=__name__,
        __qualname__=name,
        _fields=fields,
        n_fields=len(fields),
        n_sequence_fields=len(fields),
    )
    return type(name, (_StructSeq,), namespace)


max = _define("max", "values", "indices")  # noqa: A001
min = _define("min", "values", "indices")  # noqa: A001
sort = _define("sort", "values", "indices")
topk = _define("topk", "values", "indices")
kthvalue = _define("kthvalue", "values", "indices")
mode = _define("mode", "values", "indices")
median = _define("median", "values", "indices")
aminmax = _define("aminmax", "min", "max")
nanmedian = _define("nanmedian", "values", "indices")
cummax = _define("cummax", "values", "indices")
cummin = _define("cummin", "values", "indices")
frexp = _define("frexp", "mantissa", "exponent")
linalg_inv_ex = _define("linalg_inv_ex", "inverse", "info")
linalg_solve_ex = _define("linalg_solve_ex", "result", "info")
linalg_slogdet = _define("linalg_slogdet", "sign", "logabsdet")
slogdet = _define("slogdet", "sign", "logabsdet")
linalg_cholesky_ex = _define("linalg_cholesky_ex", "L", "info")
linalg_eigh = _define("linalg_eigh", "eigenvalues", "eigenvectors")
linalg_svd = _define("linalg_svd", "U", "S", "Vh")
svd = _define("svd", "U", "S", "V")
linalg_qr = _define("linalg_qr", "Q", "R")
triangular_solve = _define("triangular_solve", "solution", "cloned_coefficient")
linalg_lstsq = _define(
    "linalg_lstsq", "solution", "residuals", "rank", "singular_values"
)
qr = _define("qr", "Q", "R")
