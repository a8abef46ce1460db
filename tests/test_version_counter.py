"""Version counters against torch: every route that changes a saved tensor makes
backward raise torch's error; `.data` does not; `_version` counts as torch's."""

from __future__ import annotations

import numpy as np
import pytest

from tests.scenarios import leaf, run_both, upstream

A = np.array([[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]], dtype=np.float32)


def _saved_then(change):
    """x -> h = x * 2 -> y = h * h (saves h); change(lib, h); backward."""

    def s(lib, out):
        x = leaf(lib, A)
        h = x * 2
        y = h * h
        change(lib, h)
        out.append(h._version)
        y.backward(lib.tensor(upstream(A.shape)))
        out.append(x.grad)

    return s


ROUTES = {
    "in place": lambda lib, h: h.add_(1),
    "view": lambda lib, h: h[0].mul_(2),
    "view of view": lambda lib, h: h.t()[1][:1].zero_(),
    "detach": lambda lib, h: h.detach().mul_(3),
    "detach then view": lambda lib, h: h.detach()[1].fill_(0.5),
    "copy_": lambda lib, h: h.copy_(lib.ones(3)),
    "setitem": lambda lib, h: h.__setitem__((0, 1), 7.0),
    "no_grad slice": lambda lib, h: _no_grad(lib, lambda: h[1:].add_(1)),
    "no_grad whole": lambda lib, h: _no_grad(lib, lambda: h.clamp_(max=1.0)),
    "data (not counted)": lambda lib, h: h.data.add_(1),
    "data view (not counted)": lambda lib, h: h.data[0].zero_(),
    "out of place (not counted)": lambda lib, h: h + 1,
}


def _no_grad(lib, fn):
    with lib.no_grad():
        fn()


@pytest.mark.parametrize("route", ROUTES)
def test_saved_tensor_changed(route):
    run_both(_saved_then(ROUTES[route]), raises=True)


def test_leaf_changed_under_no_grad():
    def s(lib, out):
        w = leaf(lib, A)
        y = (w * w).sum()
        with lib.no_grad():
            w.mul_(2)
        out.append(w._version)
        y.backward()

    run_both(s, raises=True)


def test_saved_output_changed():
    def s(lib, out):
        x = leaf(lib, A)
        y = x.sigmoid()
        y.detach()[0, 0] = 1.0
        out.append(y._version)
        y.backward(lib.tensor(upstream(A.shape)))

    run_both(s, raises=True)


def _model(lib):
    lib.manual_seed(0)
    return lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.Tanh(), lib.nn.Linear(4, 1))


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_optimizer_step_between_forward_and_backward(momentum):
    def s(lib, out):
        m = _model(lib)
        opt = lib.optim.SGD(m.parameters(), lr=0.1, momentum=momentum)
        x = leaf(lib, A)  # x requires grad: the weights are saved for its gradient
        m(x).sum().backward()
        loss = m(x).sum()
        opt.step()
        out += [p._version for p in m.parameters()]
        out += [
            opt.state[p]["momentum_buffer"]._version for p in m.parameters() if momentum
        ]
        loss.backward()

    run_both(s, raises=True)


def test_optimizer_steps_count_versions():
    def s(lib, out):
        m = _model(lib)
        opt = lib.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
        for _ in range(3):
            opt.zero_grad()
            m(lib.tensor(A)).pow(2).sum().backward()
            opt.step()
            out += [p._version for p in m.parameters()]
            out += [opt.state[p]["momentum_buffer"]._version for p in m.parameters()]
        opt.zero_grad(set_to_none=False)
        out += [p.grad._version for p in m.parameters()]

    run_both(s, raises=True)


def test_load_state_dict_between_forward_and_backward():
    def s(lib, out):
        m = _model(lib)
        state = {k: v * 2 for k, v in m.state_dict().items()}
        x = leaf(lib, A)
        loss = m(x).sum()
        m.load_state_dict(state)
        out += [p._version for p in m.parameters()]
        loss.backward()

    run_both(s, raises=True)


@pytest.mark.parametrize(
    "init",
    [
        lambda lib, w: lib.nn.init.uniform_(w),
        lambda lib, w: lib.nn.init.normal_(w),
        lambda lib, w: lib.nn.init.constant_(w, 0.5),
        lambda lib, w: lib.nn.init.zeros_(w),
        lambda lib, w: lib.nn.init.eye_(w),
        lambda lib, w: lib.nn.init.xavier_uniform_(w),
        lambda lib, w: lib.nn.init.kaiming_normal_(w),
    ],
)
def test_init_fills_count_and_invalidate(init):
    def s(lib, out):
        w = leaf(lib, A)
        y = (w * w).sum()
        init(lib, w)
        out.append(w._version)
        y.backward()

    run_both(s, raises=True)


def test_gradient_accumulation_counts():
    def s(lib, out):
        x = leaf(lib, A)
        (x * 2).sum().backward()
        g = x.grad
        out.append(g._version)
        (x * 3).sum().backward()
        out += [g._version, x.grad is g, x.grad]

    run_both(s, raises=True)


def test_versions_after_op_sequences():
    def s(lib, out):
        x = lib.tensor(A.copy())
        v, t, d = x[1], x.t(), x.detach()
        ops = [
            lambda: x.add_(1),
            lambda: v.mul_(2),
            lambda: t[0].zero_(),
            lambda: d.fill_(3.0),
            lambda: x.__setitem__((0, 0), 1.0),
            lambda: x.__setitem__(([0, 1], [2, 0]), 5.0),
            lambda: x.copy_(lib.zeros(2, 3)),
            lambda: x.uniform_(),
            lambda: x.normal_(),
            lambda: x.clamp_(min=0.0),
            lambda: x.data.add_(1),
            lambda: x.view(6)[2:].sub_(1),
        ]
        for op in ops:
            op()
            out += [x._version, v._version, t._version, d._version]

    run_both(s, raises=True)


def test_data_does_not_share_the_counter():
    def s(lib, out):
        x = leaf(lib, A)
        y = x.exp()
        y.data.mul_(2)
        out += [y._version, y.data._version]
        y.backward(lib.tensor(upstream(A.shape)))
        out.append(x.grad)

    run_both(s, raises=True)


@pytest.mark.parametrize(
    "op",
    [
        lambda lib, h: h.copy_(lib.ones(2, 3)),
        lambda lib, h: h.zero_(),
        lambda lib, h: h.fill_(2.0),
        lambda lib, h: h.__setitem__(([0, 1], [1, 2]), 2.0),
        lambda lib, h: h.uniform_(),
        lambda lib, h: h.clamp_(max=0.0),
        lambda lib, h: h.clamp_(min=-1.0, max=0.0),
        lambda lib, h: h.relu_(),
        lambda lib, h: h.sub_(1),
        lambda lib, h: h.div_(2),
        lambda lib, h: h.pow_(2),
        lambda lib, h: h.t()[0:1].mul_(2),
    ],
)
def test_error_names_the_node_that_changed_it(op):
    def s(lib, out):
        x = leaf(lib, A)
        h = x * 2
        y = h * h
        op(lib, h)
        y.backward(lib.tensor(upstream(A.shape)))

    run_both(s, raises=True)
