"""Top-level index functions (``minigrad.index_select``, ``nonzero``, ``take`` ...): each calls the Tensor method."""

from __future__ import annotations

from minigrad._method_functions import method_function

index_select = method_function("index_select")
masked_select = method_function("masked_select")
nonzero = method_function("nonzero")
argwhere = method_function("argwhere")
take = method_function("take")
take_along_dim = method_function("take_along_dim")
index_add = method_function("index_add")
index_copy = method_function("index_copy")
index_fill = method_function("index_fill")
