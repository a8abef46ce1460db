"""Embedding: a lookup table of learned vectors, one row per index."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from minigrad._signature import bind
from minigrad.engine.grad_mode import no_grad
from minigrad.factories import empty
from minigrad.nn import init
from minigrad.nn._embedding_functional import _padding_row, embedding
from minigrad.nn._functional_module import method_signature, param, params_of
from minigrad.nn.module import Module
from minigrad.nn.parameter import Parameter
from minigrad.tensor import Tensor

# F.embedding's options, declared (defaults, annotations) once, by F.embedding
_LOOKUP = params_of(
    embedding, "padding_idx max_norm norm_type scale_grad_by_freq sparse"
)
_options = attrgetter(*(p.name for p in _LOOKUP))
_INIT = method_signature(
    [
        param("num_embeddings", "int"),
        param("embedding_dim", "int"),
        *_LOOKUP,
        param("_weight", "Tensor | None", None),
        param("_freeze", "bool", False),
        param("device", "Any", None),
        param("dtype", "dtypes.dtype | None", None),
    ]
)
_FROM_PRETRAINED = method_signature(
    [param("embeddings", "Tensor"), param("freeze", "bool", True), *_LOOKUP],
    first="cls",
    returns="Embedding",
)


class Embedding(Module):
    """y = weight[input]: ``num_embeddings`` rows of ``embedding_dim`` numbers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        a = bind(_INIT, "Embedding.__init__", (self, *args), kwargs)
        super().__init__()
        num_embeddings, embedding_dim = a["num_embeddings"], a["embedding_dim"]
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        for p in _LOOKUP:
            setattr(self, p.name, a[p.name])
        if self.padding_idx is not None:
            self.padding_idx = _padding_row(self.padding_idx, num_embeddings)
        _weight, _freeze = a["_weight"], a["_freeze"]
        if _weight is None:
            shape = (num_embeddings, embedding_dim)
            weight = empty(shape, device=a["device"], dtype=a["dtype"])
            self.weight = Parameter(weight, requires_grad=not _freeze)
            self.reset_parameters()
        else:
            if list(_weight.shape) != [num_embeddings, embedding_dim]:
                raise AssertionError(
                    "Shape of weight does not match num_embeddings and embedding_dim"
                )
            self.weight = Parameter(_weight, requires_grad=not _freeze)

    def reset_parameters(self) -> None:
        init.normal_(self.weight)
        if self.padding_idx is not None:
            with no_grad():
                self.weight[self.padding_idx].fill_(0)

    def forward(self, input: Tensor) -> Tensor:
        return embedding(input, self.weight, *_options(self))

    def extra_repr(self) -> str:
        s = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            s += f", padding_idx={self.padding_idx}"
        if self.max_norm is not None:
            s += f", max_norm={self.max_norm}"
        if self.norm_type != 2:
            s += f", norm_type={self.norm_type}"
        if self.scale_grad_by_freq is not False:
            s += f", scale_grad_by_freq={self.scale_grad_by_freq}"
        if self.sparse is not False:
            s += ", sparse=True"
        return s

    @classmethod
    def from_pretrained(cls, *args: Any, **kwargs: Any) -> Embedding:
        """An Embedding whose table is ``embeddings`` (frozen unless ``freeze=False``)."""
        a = bind(_FROM_PRETRAINED, "Embedding.from_pretrained", (cls, *args), kwargs)
        embeddings = a["embeddings"]
        if embeddings.dim() != 2:
            raise AssertionError("Embeddings parameter is expected to be 2-dimensional")
        rows, cols = embeddings.shape
        options = {p.name: a[p.name] for p in _LOOKUP}
        return cls(rows, cols, _weight=embeddings, _freeze=a["freeze"], **options)


Embedding.__init__.__signature__ = _INIT
Embedding.from_pretrained.__func__.__signature__ = _FROM_PRETRAINED
