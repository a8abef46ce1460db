"""torch.nn.utils: clip_grad_norm_, clip_grad_value_, get_total_norm and the
parameter/vector conversions, against torch."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scenarios import raises_as_torch, run_both


def _params(L, grads):  # noqa: N803
    params = []
    for i, g in enumerate(grads):
        p = L.nn.Parameter(L.ones(np.shape(g)) * (i + 1))
        p.grad = L.tensor(g)
        params.append(p)
    return params


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 40), min_size=1, max_size=4),
    max_norm=st.floats(0.01, 100.0),
    norm_type=st.sampled_from([1.0, 2.0, 3.0, float("inf"), "inf"]),
    seed=st.integers(0, 1000),
)
def test_clip_grad_norm_as_torch(sizes, max_norm, norm_type, seed):
    rng = np.random.default_rng(seed)
    grads = [
        rng.standard_normal(n).astype(np.float32) * rng.random() * 5 for n in sizes
    ]

    def s(L, out):  # noqa: N803
        params = _params(L, grads)
        params.append(L.nn.Parameter(L.ones(2)))  # no grad: skipped
        out.append(L.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type))
        out += [p.grad for p in params[:-1]]

    run_both(s)


@pytest.mark.parametrize("clip", [0.1, 1, 2.5])
def test_clip_grad_value_as_torch(clip):
    grads = [[1.0, -2.0, float("nan"), 0.05], [[3.0, -0.2], [0.0, -7.0]]]

    def s(L, out):  # noqa: N803
        params = _params(L, grads)
        out.append(L.nn.utils.clip_grad_value_(params, clip))
        out += [p.grad for p in params]
        L.nn.utils.clip_grad_value_(params[0], clip / 2)  # one tensor
        out.append(params[0].grad)

    run_both(s)


def test_norms_of_edge_cases_as_torch():
    def s(L, out):  # noqa: N803
        out.append(L.nn.utils.clip_grad_norm_([], 1.0))
        p = _params(L, [[3.0, 4.0]])
        out.append(L.nn.utils.clip_grad_norm_(p[0], 1.0))
        out.append(p[0].grad)
        out.append(L.nn.utils.get_total_norm([L.ones(3), L.ones(2) * 2]))
        q = _params(L, [[float("nan"), 1.0]])
        out.append(L.nn.utils.clip_grad_norm_(q, 1.0))
        out.append(q[0].grad)

    run_both(s)


BAD = [
    (
        "L.nn.utils.clip_grad_norm_(_params(L, [[float('nan'), 1.0]]), 1.0, error_if_nonfinite=True)",
        (),
    ),
    ("L.nn.utils.clip_grad_norm_(_params(L, [[1.0]]), 1.0, norm_type='fro')", ()),
    ("L.nn.utils.clip_grad_value_(_params(L, [[1.0]]), None)", ()),
    (
        "L.nn.utils.vector_to_parameters(L.arange(2.0), _params(L, [[1.0, 2.0, 3.0]]))",
        (),
    ),
    ("L.nn.utils.vector_to_parameters([1.0], _params(L, [[1.0]]))", ("but got: list",)),
]


test_bad_arguments_raise_as_torch = raises_as_torch(BAD, _params=_params)


def test_parameters_and_vector_as_torch():
    def s(L, out):  # noqa: N803
        model = L.nn.Linear(3, 2)
        vec = L.nn.utils.parameters_to_vector(model.parameters())
        out.append(type(vec.grad_fn).__name__)
        (vec * L.arange(8.0)).sum().backward()
        out += [model.weight.grad, model.bias.grad]
        L.nn.utils.vector_to_parameters(L.arange(8.0) / 3, model.parameters())
        out += [model.weight, model.bias, model.weight._version]

    run_both(s)
