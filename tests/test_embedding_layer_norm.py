"""nn.Embedding / F.embedding and nn.LayerNorm / F.layer_norm against torch: values,
gradients (first and second order), graphs, initialisation and errors."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.parity import assert_parity
from tests.scenarios import raises_as_torch, run_both

FLOATS = st.floats(-10, 10, width=32)


@settings(max_examples=40, deadline=None)
@given(
    table=hnp.arrays(
        np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=FLOATS
    ),
    index_shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
    data=st.data(),
    double=st.booleans(),
)
def test_embedding_as_torch(table, index_shape, data, double):
    rows = table.shape[0]
    indices = data.draw(
        hnp.arrays(np.int64, index_shape, elements=st.integers(0, rows - 1))
    )
    padding = data.draw(st.none() | st.integers(-rows, rows - 1))
    by_freq = data.draw(st.booleans())
    table = table if double else table.astype(np.float32)

    def fn(L, w, i):  # noqa: N803
        return L.nn.functional.embedding(
            i, w, padding_idx=padding, scale_grad_by_freq=by_freq
        )

    assert_parity(fn, table, indices)


@settings(max_examples=40, deadline=None)
@given(
    x=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=4, max_side=5),
        elements=FLOATS,
    ),
    data=st.data(),
)
def test_layer_norm_as_torch(x, data):
    k = data.draw(st.integers(1, x.ndim))
    shape = x.shape[x.ndim - k :]
    affine = data.draw(st.sampled_from(["none", "weight", "both"]))
    double = data.draw(st.booleans())
    x = x if double else x.astype(np.float32)
    rng = np.random.default_rng(k)
    w = rng.standard_normal(shape).astype(x.dtype)
    b = rng.standard_normal(shape).astype(x.dtype)

    def fn(L, x, w, b):  # noqa: N803
        weight = None if affine == "none" else w
        bias = b if affine == "both" else None
        return L.nn.functional.layer_norm(x, shape, weight, bias, eps=1e-5)

    assert_parity(fn, x, w, b)


def test_modules_initialise_and_print_as_torch():
    def s(L, out):  # noqa: N803
        L.manual_seed(3)
        e = L.nn.Embedding(6, 4, padding_idx=-2, max_norm=1.5)
        ln = L.nn.LayerNorm([3, 4])
        out += [repr(e), repr(ln), e.weight, ln.weight, ln.bias]
        out += [e.weight._version, ln.weight._version, ln.bias._version]
        out += [
            repr(L.nn.LayerNorm(4, elementwise_affine=False)),
            L.nn.LayerNorm(4, bias=False).bias,
        ]
        y = ln(
            e(L.tensor([[1, 4, 5], [0, 0, 3]]))
            .transpose(0, 1)
            .reshape(1, 3, 2, 4)[0, :, :, :]
            .reshape(2, 3, 4)
        )
        out.append(type(y.grad_fn).__name__)
        y.sum().backward()
        out += [e.weight, e.weight.grad, ln.weight.grad, ln.bias.grad]
        pre = L.nn.Embedding.from_pretrained(L.arange(6.0).view(3, 2))
        out += [repr(pre), pre.weight.requires_grad, pre(L.tensor([2, 0]))]
        out.append(
            L.nn.Embedding.from_pretrained(
                L.ones(2, 2), freeze=False
            ).weight.requires_grad
        )
        out.append(
            L.nn.Embedding(3, 2, norm_type=1.0, scale_grad_by_freq=True).extra_repr()
        )

    run_both(s)


def test_max_norm_renormalises_the_looked_up_rows_as_torch():
    def s(L, out):  # noqa: N803
        w = L.arange(12.0).view(4, 3) / 2
        before = w._version
        y = L.nn.functional.embedding(L.tensor([[3, 1], [3, 0]]), w, max_norm=2.0)
        out += [y, w, w._version - before]  # one in-place op, however many rows

    run_both(s)


ERRORS = [
    ("L.nn.functional.embedding(L.tensor([5]), L.ones(5, 3))", ()),
    ("L.nn.functional.embedding(L.tensor([-1]), L.ones(5, 3))", ()),
    (
        "L.nn.functional.embedding(L.tensor([1.0]), L.ones(5, 3))",
        ("have one of the following scalar types: Long, Int",),
    ),
    ("L.nn.functional.embedding(L.tensor([1]), L.ones(5, 3), padding_idx=5)", ()),
    ("L.nn.functional.embedding(L.tensor([1]), L.ones(3))", ()),
    ("L.nn.Embedding(3, 2, padding_idx=-4)", ()),
    ("L.nn.Embedding(3, 2, _weight=L.ones(2, 2))", ()),
    ("L.nn.Embedding.from_pretrained(L.ones(2))", ()),
    ("L.nn.functional.layer_norm(L.ones(2, 3), (4,))", ()),
    ("L.nn.functional.layer_norm(L.ones(2, 3), (3,), L.ones(4))", ()),
    ("L.nn.functional.layer_norm(L.ones(2, 3), ())", ()),
    ("L.nn.functional.layer_norm(L.ones(2, 3, dtype=L.int64), (3,))", ()),
    ("L.nn.LayerNorm(3)(L.ones(3, 2))", ()),
]


test_bad_input_raises_as_torch = raises_as_torch(ERRORS)
