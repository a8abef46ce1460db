"""Views and in-place writes against torch: CopySlices, rebuilt views, stale views,
the errors torch raises, and random sequences of view and in-place ops."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scenarios import leaf, name_of, run_both, signature, upstream

A = np.array(
    [[0.5, -1.25, 2.0], [1.5, 0.25, -0.75], [3.0, -2.0, 1.0], [0.1, 0.7, -0.3]],
    dtype=np.float32,
)
V4 = np.array([0.5, -1.5, 2.5, 4.0], dtype=np.float32)
G = upstream(A.shape)


def _finish(lib, out, x, y, *leaves):
    """Record y's value, node and graph, then backward with a non-uniform gradient."""
    out += [y, name_of(y), signature(y)]
    y.backward(lib.tensor(upstream(tuple(y.shape))))
    out += [t.grad for t in (x, *leaves)]


def test_zero_through_slice():
    def s(lib, out):
        x = leaf(lib, V4)
        y = x * 2
        y[1:].zero_()
        out.append(name_of(y[1:]))
        _finish(lib, out, x, y * x)

    run_both(s)


def test_setitem_through_view_of_view():
    def s(lib, out):
        x, v = leaf(lib, V4), leaf(lib, np.float32(3.0))
        h = x * 2
        h.view(2, 2)[0, 0] = v * 2
        _finish(lib, out, x, h * h, v)

    run_both(s)


def test_mul_through_select():
    def s(lib, out):
        x, w = leaf(lib, A), leaf(lib, A[0] + 1)
        h = x * 1.5
        h[0].mul_(w)
        _finish(lib, out, x, h.sin(), w)

    run_both(s)


def test_clamp_through_column():
    def s(lib, out):
        x = leaf(lib, A * 3)
        h = x + 0
        h[:, 0].clamp_(max=3)
        out.append(name_of(h))
        _finish(lib, out, x, h * x)

    run_both(s)


def test_copy_into_slice_from_grad_source():
    def s(lib, out):
        x, t = leaf(lib, V4), leaf(lib, np.array([7.0, -8.0], np.float32))
        h = x * x
        h[2:].copy_(t)
        _finish(lib, out, x, h.tanh(), t)

    run_both(s)


def test_copy_broadcast_source():
    def s(lib, out):
        x, t = leaf(lib, A), leaf(lib, np.array([7.0, -8.0, 9.0], np.float32))
        h = x * 2
        h[1:3].copy_(t)
        _finish(lib, out, x, h * x, t)

    run_both(s)


@pytest.mark.parametrize(
    "make",
    [
        lambda h: h.t(),
        lambda h: h.transpose(0, 1)[1],
        lambda h: h.permute(1, 0)[:, 1:3],
        lambda h: h.unsqueeze(0)[0, 1],
        lambda h: h[None][:, 2:].squeeze(0),
        lambda h: h.view(12)[3:9],
        lambda h: h.reshape(6, 2)[1],
        lambda h: h.narrow(1, 1, 2),
        lambda h: h.select(1, 2),
        lambda h: h[1:, ::2],
        lambda h: h[..., -1],
        lambda h: h.view(2, 2, 3)[1].t()[0],
    ],
)
def test_mul_through_views(make):
    def s(lib, out):
        x = leaf(lib, A)
        h = x * 2
        v = make(h)
        v.mul_(lib.tensor(upstream(tuple(v.shape), seed=3)))
        out += [name_of(v), v]
        _finish(lib, out, x, h * x)

    run_both(s)


def test_in_place_through_one_view_then_use_of_another():
    def s(lib, out):
        x = leaf(lib, A)
        h = x * 1.5
        a, b = h[0], h[:, 1]
        a.mul_(3)
        out += [name_of(b), b]  # b is stale: its grad_fn is rebuilt from the base
        _finish(lib, out, x, b * b)

    run_both(s)


def test_in_place_on_base_then_old_view():
    def s(lib, out):
        x = leaf(lib, A)
        h = x * 2
        v = h[1:]
        h.add_(x)
        out += [name_of(v), v]
        _finish(lib, out, x, v.cos())

    run_both(s)


def test_in_place_on_view_then_base_and_view_backward():
    def s(lib, out):
        x = leaf(lib, A)
        h = x - 0.5
        v = h[2]
        v.sub_(x[0])
        out += [name_of(h), name_of(v)]
        _finish(lib, out, x, (h * v).sum(0))

    run_both(s)


def test_expand_in_place_refused():
    def s(lib, out):
        x = leaf(lib, np.float32([1.0, 2.0]))
        h = (x * 2).unsqueeze(0).expand(3, 2)
        h.add_(1)

    run_both(s, words=("unsupported operation", "more than one element"))


def test_in_place_on_view_of_leaf_refused():
    def s(lib, out):
        x = leaf(lib, A)
        x[0].mul_(2)

    run_both(s, raises=True)


def test_setitem_on_leaf_refused():
    def s(lib, out):
        x = leaf(lib, A)
        x[0, 1] = 2.0

    run_both(s, raises=True)


def test_in_place_on_leaf_view_under_no_grad_is_allowed():
    def s(lib, out):
        x = leaf(lib, A)
        with lib.no_grad():
            x[0].mul_(2)
            x[1:, 1] = 5.0
        out += [x, x._version]
        _finish(lib, out, x, x * x)

    run_both(s)


def test_view_made_under_no_grad_modified_with_grad():
    def s(lib, out):
        x = leaf(lib, A)
        h = x * 2
        with lib.no_grad():
            v = h[0]
        out.append(v.requires_grad)
        v.mul_(leaf(lib, A[1]))

    run_both(s, raises=True)


def test_view_of_leaf_under_no_grad_modified_with_grad():
    def s(lib, out):
        x = leaf(lib, A)
        with lib.no_grad():
            v = x[1:]
        v.add_(1)

    run_both(s, raises=True)


def test_detach_in_place_refused_on_a_view():
    def s(lib, out):
        x = leaf(lib, A)
        (x * 2)[1:].detach_()

    run_both(s, raises=True)


def test_hooks_and_retained_grad_of_a_view_written_in_place():
    def s(lib, out):
        x = leaf(lib, A)
        h = x * 2
        v = h[1:]
        calls = []
        v.register_hook(lambda g: calls.append(g.shape))
        v.retain_grad()
        v.mul_(3)
        (h * x).sum().backward()
        out += [len(calls), v.grad, x.grad]

    run_both(s)


def test_setitem_advanced_index():
    def s(lib, out):
        x, v = leaf(lib, A), leaf(lib, np.float32([5.0, -6.0]))
        h = x * 3
        h[[0, 2], [1, 0]] = v
        out.append(name_of(h))
        _finish(lib, out, x, h * x, v)

    run_both(s)


def test_setitem_bool_mask():
    def s(lib, out):
        x = leaf(lib, A)
        h = x * 3
        h[h > 2] = 0.0
        _finish(lib, out, x, h * x)

    run_both(s)


def test_setitem_basic_with_tensor_value():
    def s(lib, out):
        x, v = leaf(lib, A), leaf(lib, np.float32([5.0, -6.0, 1.5]))
        h = x - 1
        h[1] = v * v
        h[2:, 1:] = 0.5
        out.append(name_of(h))
        _finish(lib, out, x, h.exp(), v)

    run_both(s)


def test_in_place_twice_through_views():
    def s(lib, out):
        x = leaf(lib, A)
        h = x * 1.0
        h[0].mul_(h[1].clone())  # the source: a copy of another view
        h[:, 2].add_(h[:, 0] * 2)
        _finish(lib, out, x, h * h)

    run_both(s)


def test_double_backward_through_copy_slices():
    def s(lib, out):
        x = leaf(lib, A)
        h = x * x
        h[1:3].mul_(x[1:3])
        y = (h * h).sum()
        (g,) = lib.autograd.grad(y, x, create_graph=True)
        out += [g, name_of(g)]
        w = lib.tensor(upstream(A.shape, seed=11))
        (g2,) = lib.autograd.grad((g * w).sum(), x)
        out.append(g2)

    run_both(s)


def test_double_backward_through_setitem_value():
    def s(lib, out):
        x, v = leaf(lib, V4), leaf(lib, np.float32([2.0, -1.0]))
        h = x * 3
        h[1:3] = v * v
        y = (h * x).sum()
        gx, gv = lib.autograd.grad(y, (x, v), create_graph=True)
        out += [gx, gv]
        w = lib.tensor(upstream((2,), seed=5))
        out += list(lib.autograd.grad((gv * w).sum(), (x, v), allow_unused=True))

    run_both(s)


def test_saved_output_changed_through_view_raises():
    def s(lib, out):
        x = leaf(lib, V4)
        h = x.exp()
        h.view(2, 2)[0, 0] = 5.0
        h.sum().backward()

    run_both(s, raises=True)


def test_output_of_in_place_op_saved_then_changed_raises():
    def s(lib, out):
        x = leaf(lib, V4)
        h = x * 2
        h.sigmoid_()
        h[1:].mul_(2)
        h.sum().backward()

    run_both(s, raises=True)


def test_view_versions_shared():
    def s(lib, out):
        x = lib.tensor(A.copy())
        v, d = x[1], x.detach()
        v.add_(1)
        d.mul_(2)
        x.t()[0].zero_()
        data = x.data
        data.add_(1)
        out += [x._version, v._version, d._version, data._version, x]

    run_both(s)


# --- random sequences of views and in-place ops, replayed on both libraries ------

VIEWS = [
    ("row", lambda t, i: t[i % t.shape[0]] if t.ndim else t),
    ("slice", lambda t, i: t[i % 2 :] if t.ndim else t),
    ("t", lambda t, i: t.t() if t.ndim == 2 else t),
    ("unsqueeze", lambda t, i: t.unsqueeze(0)),
    ("view", lambda t, i: t.view(-1)),
    ("narrow", lambda t, i: t.narrow(-1, 0, 1) if t.ndim else t),
]
INPLACE = [
    ("mul_", lambda lib, t, w: t.mul_(w)),
    ("add_", lambda lib, t, w: t.add_(w * 2)),
    ("zero_", lambda lib, t, w: t.zero_()),
    ("clamp_", lambda lib, t, w: t.clamp_(min=-0.5, max=1.0)),
    ("copy_", lambda lib, t, w: t.copy_(w.sin())),
    ("fill_", lambda lib, t, w: t.fill_(0.25)),
    ("setitem", lambda lib, t, w: t.__setitem__(..., w.exp())),
    ("tanh_", lambda lib, t, w: t.tanh_()),
]

steps = st.lists(
    st.tuples(
        st.lists(
            st.tuples(st.integers(0, len(VIEWS) - 1), st.integers(0, 3)), max_size=3
        ),
        st.integers(0, len(INPLACE) - 1),
        st.booleans(),  # whether the op reads a weight that requires grad
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(steps)
def test_random_view_and_in_place_sequences(ops):
    def s(lib, out):
        x = leaf(lib, A)
        w0 = leaf(lib, A[::-1].copy() * 0.5)
        h = x * 1.5
        for views, op, weighted in ops:
            v, wv = h, w0 if weighted else w0.detach()
            for k, i in views:
                v, wv = VIEWS[k][1](v, i), VIEWS[k][1](wv, i)
            INPLACE[op][1](lib, v, wv)
            out.append(v)
        _finish(lib, out, x, h * x, w0)

    run_both(s, raises=True)


RELAYOUTS = [
    ("t_", (3, 3), lambda x: x[0], lambda x: x.t_()),
    ("t_ non-square", (2, 3), lambda x: x[0], lambda x: x.t_()),
    (
        "transpose_ unsqueeze_",
        (3, 3),
        lambda x: x[1, 1:],
        lambda x: x.transpose_(0, 1).unsqueeze_(0),
    ),
    (
        "unsqueeze_ squeeze_",
        (3, 3),
        lambda x: x[:, 0],
        lambda x: x.unsqueeze_(1).squeeze_(),
    ),
    ("squeeze_ dim", (3, 1), lambda x: x[1:], lambda x: x.squeeze_(1)),
    ("t_ 1-d", (3,), lambda x: x[1:], lambda x: x.t_()),
    (
        "swapdims_ t_ view of view",
        (2, 3),
        lambda x: x[0][1:],
        lambda x: x.swapdims_(0, 1).t_(),
    ),
]


@pytest.mark.parametrize(
    ("shape", "view", "relayout"),
    [r[1:] for r in RELAYOUTS],
    ids=[r[0] for r in RELAYOUTS],
)
def test_view_made_before_its_base_is_laid_out_anew(shape, view, relayout):
    # the older view's rebuilt node must reach the elements it viewed, not the
    # ones at the same places of the new layout
    def s(lib, out):
        x = leaf(lib, np.arange(np.prod(shape), dtype=np.float32).reshape(shape) - 2)
        y = x * 1
        v = view(y)
        relayout(y)
        w = v * 2
        out += [y, w, name_of(w), name_of(v)]
        loss = (w * lib.tensor(upstream(tuple(w.shape)))).sum()
        loss = loss + (y * lib.tensor(upstream(tuple(y.shape)))).sum() + y[0].sum()
        loss.backward()
        out.append(x.grad)

    run_both(s)


def test_write_through_a_view_made_before_its_base_is_transposed():
    def s(lib, out):
        x = leaf(lib, np.arange(9, dtype=np.float32).reshape(3, 3))
        y = x * 1
        v = y[0]
        y.t_()
        v.mul_(lib.tensor([2.0, 3.0, 4.0]))
        out += [y, name_of(y)]
        _finish(lib, out, x, y * 1)

    run_both(s)
