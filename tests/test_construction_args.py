"""Construction from malformed data and arguments of the wrong type raise torch's
class with a message naming the problem; values torch accepts build the same."""

from __future__ import annotations

import numpy as np
import pytest

from tests.scenarios import run_both

# (code run with L = the library, words minigrad's message must hold)
ERRORS = [
    ("L.tensor(2**63)", ("Overflow when unpacking long long",)),
    ("L.tensor(-(2**63) - 1)", ("Overflow",)),
    ("L.tensor([1, 2**63])", ("Overflow",)),
    ("L.tensor([[2**64]])", ("Overflow",)),
    ("L.tensor([True, 2**63])", ("Overflow",)),
    ("L.tensor([2**63], dtype=L.int64)", ("Overflow",)),
    ("L.tensor([[1, 2], 3])", ("not a sequence",)),
    ("L.tensor([[1.0, 2], 3.0])", ("not a sequence",)),
    ("L.tensor([1, [2]])", ("'list' object cannot be interpreted as an integer",)),
    ("L.tensor((1, (2,)))", ("'tuple' object cannot be interpreted as an integer",)),
    ("L.tensor([1.0, [2]])", ("must be real number, not list",)),
    ("L.tensor([1, []])", ("must be real number, not list",)),
    ("L.tensor([[1, 2], [3]])", ("expected sequence of length 2 at dim 1 (got 1)",)),
    ("L.tensor(['a'])", ("too many dimensions 'str'",)),
    ("L.tensor('a')", ("invalid data type 'str'",)),
    ("L.tensor([1, 'a'])", ("invalid data type 'str'",)),
    ("L.tensor([1, None])", ("Could not infer dtype of NoneType",)),
    ("L.tensor(1, dtype='a')", ("argument 'dtype' must be", "not str")),
    (
        "L.tensor([1.0], requires_grad='a')",
        ("argument 'requires_grad' must be bool, not str",),
    ),
    (
        "L.zeros_like('a')",
        ("zeros_like(): argument 'input' (position 1) must be Tensor, not str",),
    ),
    (
        "L.ones_like([1])",
        ("ones_like(): argument 'input' (position 1) must be Tensor, not list",),
    ),
    (
        "L.full_like(L.ones(2), 'a')",
        ("full_like(): argument 'fill_value' (position 2) must be Number, not str",),
    ),
    ("L.full((2,), 'a')", ("fill_value", "Number", "str")),
    ("L.full((2,), None)", ("fill_value", "Number", "NoneType")),
    (
        "L.full((2,), 2**63)",
        ("value cannot be converted to type int64_t without overflow",),
    ),
    ("L.ones(2).new_full((2,), 'a')", ("new_full", "fill_value", "Number")),
    ("L.ones(2).fill_('a')", ("fill_()", "str")),
    ("L.ones(2).fill_(None)", ("fill_()", "NoneType")),
    ("L.ones(2, dtype=L.int64).fill_(2**63)", ("without overflow",)),
    ("L.ones(4).view('a')", ("view()", "str")),
    ("L.ones(4).view(2, 2.0)", ("view()", "float")),
    ("L.ones(4).reshape(2.5)", ("reshape()", "tuple of ints", "float")),
    ("L.ones(4).expand('a')", ("expand()", "tuple of ints", "str")),
    ("L.ones(4).expand(4.0)", ("expand()", "tuple of ints", "float")),
    ("L.ones(4).permute('a')", ("permute()", "tuple of ints", "str")),
    ("L.ones(2, 2).permute(0, 1.0)", ("permute()", "float")),
    ("L.ones(4).clamp('a')", ("clamp()", "str")),
    ("L.ones(4).clamp(max='a')", ("clamp()", "str")),
    (
        "L.ones(4).add(1, alpha='a')",
        ("add(): argument 'alpha' must be Number, not str",),
    ),
    ("L.ones(4).narrow(0, 1.5, 1)", ("narrow()",)),
    (
        "L.ones(4, 3).narrow(0, 3, 2)",
        ("start (3) + length (2) exceeds dimension size (4).",),
    ),
    ("L.ones(4, 3).narrow(0, -5, 1)", ("start out of range",)),
    ("L.ones(4, 3).narrow(0, 0, -1)", ("narrow(): length must be non-negative.",)),
    ("L.ones(1, 1).expand(-2, 1)", ("numel: integer multiplication overflow",)),
    ("L.ones(1, 1).expand(3, -2)", ("numel: integer multiplication overflow",)),
    (
        "L.ones(4, 3).select(0, 4)",
        ("select(): index 4 out of range for tensor of size [4, 3] at dimension 0",),
    ),
    ("L.ones(4, 3).select(2, 0)", ("Dimension out of range",)),
    ("L.tensor(3.0).select(0, 0)", ("select() cannot be applied to a 0-dim tensor.",)),
    ("L.ones(4, 3).select(0, True)", ("select()", "bool")),
]


@pytest.mark.parametrize("code, words", ERRORS, ids=[c for c, _ in ERRORS])
def test_bad_construction_and_arguments_raise_as_torch(code, words):
    def s(L, out):  # noqa: N803
        eval(code, {"L": L, "np": np})

    run_both(s, words=words)


VALID = [
    "L.tensor(2**63 - 1)",
    "L.tensor([-(2**63), 5])",
    "L.tensor([2**63, 1.5])",
    "L.tensor(2**63, dtype=L.float32)",
    "L.tensor([[1.5, 2], [3, 4]])",
    "L.tensor([np.int64(3), 2])",
    "L.tensor([np.float32(1.5), 2])",
    "L.tensor([[], []])",
    "L.full((2,), 2**63, dtype=L.float32)",
    "L.full((2,), L.tensor(3.0))",
    "L.ones(2).fill_(L.tensor(2.0))",
    "L.ones(4).view(L.tensor(4))",
    "L.ones(4).reshape([2, 2])",
    "L.ones(4).add(1, alpha=L.tensor(2.0))",
    "L.ones(4).sub(1, alpha=0.5)",
    "L.ones(4, 3).narrow(-1, -2, 2)",
    "L.ones(4, 3).narrow(0, 4, 0)",
    "L.arange(12.0).view(4, 3).select(1, -1)",
    "L.arange(12.0).view(4, 3).narrow(0, 1, 2)",
]


@pytest.mark.parametrize("code", VALID)
def test_valid_edge_arguments_build_as_torch(code):
    def s(L, out):  # noqa: N803
        out.append(eval(code, {"L": L, "np": np}))

    run_both(s)
