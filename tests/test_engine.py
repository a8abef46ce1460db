"""Engine properties per-op parity cannot see, each checked against torch."""

import gc
import math
import tracemalloc
import warnings
import weakref

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import assert_parity, assert_same, node_name

LIBS = [minigrad, torch]
lib_ids = pytest.mark.parametrize("lib", LIBS, ids=["minigrad", "torch"])


def twin(fn):
    """fn(lib) -> list of tensors/None under both libraries, compared pairwise."""
    actual, expected = fn(minigrad), fn(torch)
    assert len(actual) == len(expected)
    for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
        assert_same(a, e, f"result {i}")


# --- graph shapes: reuse, diamonds, detach --------------------------------------------

GRAPHS = [
    ("reuse", lambda m, x: x * x),
    ("reuse_thrice", lambda m, x: x * x * x + x),
    ("diamond", lambda m, x: (lambda a: a * 2 + a.sigmoid() * a)(x.exp())),
    (
        "wide_diamond",
        lambda m, x: (lambda a: a.tanh() + a.sigmoid() + a * a + a)(x * 0.5),
    ),
    (
        "nested_diamonds",
        lambda m, x: (lambda a: (lambda b: b * a + b)(a.exp() * a))(x.tanh()),
    ),
    ("detach_blocks", lambda m, x: x * x.detach() + x.detach().exp()),
    ("reuse_through_views", lambda m, x: x.view(-1)[0] * x.sum() + x.reshape(-1)[-1]),
    ("broadcast_reuse", lambda m, x: x.sum(0, keepdim=True) * x - x.mean()),
]


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@pytest.mark.parametrize("name,fn", GRAPHS, ids=[c[0] for c in GRAPHS])
@given(data=st.data())
def test_graph_shapes(name, fn, dtype, data):
    x = data.draw(S.arrays(dtype, S.shapes(min_dims=2, max_dims=2, min_side=1), S.UNIT))
    assert_parity(fn, x, graph=False)


# --- accumulation and retain_graph ----------------------------------------------------


def test_grad_accumulates_across_backward_calls():
    def run(m):
        x = m.tensor([1.0, -2.0, 3.0], requires_grad=True)
        (x * m.tensor([1.0, 2.0, 3.0])).sum().backward()
        first = x.grad.clone()
        x.sigmoid().backward(m.tensor([0.5, -1.0, 2.0]))
        return [first, x.grad]

    twin(run)


def test_grad_accumulates_from_two_graphs_sharing_a_leaf():
    def run(m):
        x = m.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        a, b = (x @ x).sum(), (x.exp() * 2).mean()
        a.backward()
        b.backward()
        return [x.grad]

    twin(run)


def test_first_grad_shares_memory_with_nothing_else():
    # a leaf's first .grad may take over the engine's gradient buffer (torch
    # steals one nobody else holds): writing into it must change nothing else
    def run(m):
        a = m.tensor([1.0, 2.0], requires_grad=True)
        b = m.tensor([3.0, -1.0], requires_grad=True)
        c = m.tensor([0.5, 4.0], requires_grad=True)
        seen = []
        c.register_hook(lambda g: seen.append(g))
        root = m.tensor([2.0, -3.0], requires_grad=True)
        y = root * 1.5
        y.retain_grad()
        ((a + b) * y + c * y).sum().backward(m.tensor(2.0))
        grads = [a.grad, b.grad, c.grad, y.grad, root.grad]
        before = [g.clone() for g in grads] + [seen[0].clone()]
        for g in grads:
            g.mul_(10)
        return before + [seen[0], *grads]

    twin(run)


def test_retain_graph_allows_a_second_backward():
    def run(m):
        x = m.tensor([0.5, -1.5], requires_grad=True)
        y = (x * x).sigmoid().sum()
        y.backward(retain_graph=True)
        y.backward()
        return [x.grad]

    twin(run)


# Which graphs refuse a second backward is torch's rule (nodes that saved tensors).
SECOND_BACKWARD = [
    ("mul", lambda m, x: (x * x).sum()),
    ("mul_scalar", lambda m, x: (x * 2).sum()),
    ("sigmoid", lambda m, x: x.sigmoid().sum()),
    ("exp", lambda m, x: x.exp().sum()),
    ("matmul", lambda m, x: x @ x),
    ("add", lambda m, x: (x + 1).sum()),
    ("sum", lambda m, x: x.sum()),
    ("view", lambda m, x: x.view(2, 1).sum()),
    ("getitem", lambda m, x: x[0]),
]


@pytest.mark.parametrize(
    "name,fn", SECOND_BACKWARD, ids=[c[0] for c in SECOND_BACKWARD]
)
def test_second_backward_without_retain_graph(name, fn):
    outcome = {}
    for lib in LIBS:
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = fn(lib, x)
        y.backward()
        try:
            y.backward()
        except RuntimeError as e:
            outcome[lib.__name__] = str(e)
        else:
            outcome[lib.__name__] = None
    if outcome["torch"] is None:
        assert outcome["minigrad"] is None, outcome["minigrad"]
    else:
        assert outcome["minigrad"] is not None, "minigrad did not raise"
        assert (
            "Trying to backward through the graph a second time" in outcome["minigrad"]
        )


def test_second_autograd_grad_without_retain_graph():
    for lib in LIBS:
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = (x * x).sum()
        lib.autograd.grad(y, x)
        with pytest.raises(RuntimeError, match="backward through the graph a second"):
            lib.autograd.grad(y, x)


# --- grad mode ------------------------------------------------------------------------


@lib_ids
def test_no_grad_context(lib):
    x = lib.ones(2, requires_grad=True)
    assert lib.is_grad_enabled()
    with lib.no_grad():
        assert not lib.is_grad_enabled()
        y = x * 2
        with lib.enable_grad():
            assert lib.is_grad_enabled()
            z = x * 2
        assert not lib.is_grad_enabled()
    assert lib.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None and y.is_leaf
    assert z.requires_grad and node_name(z.grad_fn) == "MulBackward0"


@lib_ids
def test_set_grad_enabled(lib):
    x = lib.ones(2, requires_grad=True)
    with lib.set_grad_enabled(False):
        assert not (x * 2).requires_grad
        with lib.set_grad_enabled(True):
            assert (x * 2).requires_grad
    assert lib.is_grad_enabled()
    try:
        lib.set_grad_enabled(False)  # NOTE: torch: also works as a plain call
        assert not lib.is_grad_enabled() and not (x * 2).requires_grad
    finally:
        lib.set_grad_enabled(True)
    assert lib.is_grad_enabled()


@lib_ids
def test_grad_mode_decorators(lib):
    x = lib.ones(2, requires_grad=True)

    @lib.no_grad()
    def frozen(t):
        """doc"""
        return t * 2, lib.is_grad_enabled()

    @lib.enable_grad()
    def live(t):
        return t * 2

    @lib.set_grad_enabled(False)
    def off(t):
        return t * 2

    y, enabled = frozen(x)
    assert not y.requires_grad and not enabled and lib.is_grad_enabled()
    assert frozen.__doc__ == "doc" and frozen.__name__ == "frozen"
    with lib.no_grad():
        assert live(x).requires_grad
    assert not off(x).requires_grad and lib.is_grad_enabled()


@lib_ids
def test_grad_mode_restored_after_exception(lib):
    with pytest.raises(ValueError):
        with lib.no_grad():
            raise ValueError
    assert lib.is_grad_enabled()


@lib_ids
def test_no_grad_leaves_requires_grad_of_leaves(lib):
    with lib.no_grad():
        w = lib.zeros(2, requires_grad=True)
        v = w * 2
    assert w.requires_grad and w.is_leaf and not v.requires_grad


# --- deep chains ----------------------------------------------------------------------


def test_deep_chain_of_100000_ops():
    """Iterative backward: no recursion limit (the chain has 100,000 nodes)."""
    n, c = 100_000, 1.00001
    x = minigrad.tensor(0.5, dtype=minigrad.float64, requires_grad=True)
    y = x
    for _ in range(n):
        y = y * c
    y.backward()
    assert_same(x.grad, torch.tensor(c**n, dtype=torch.float64), "deep chain grad")


def test_deep_chain_with_reuse_at_every_step():
    n = 20_000
    x = minigrad.tensor(1.0, dtype=minigrad.float64, requires_grad=True)
    y = x
    for _ in range(n):
        y = y + x * 1e-4  # x reused by every node
    y.backward()
    assert_same(x.grad, torch.tensor(1.0 + n * 1e-4, dtype=torch.float64), "grad")


def test_deep_chain_autograd_grad_and_create_graph():
    n = 20_000
    x = minigrad.tensor(0.3, dtype=minigrad.float64, requires_grad=True)
    y = x
    for _ in range(n):
        y = y * 1.0
    (g,) = minigrad.autograd.grad(y * y, x, create_graph=True)
    (gg,) = minigrad.autograd.grad(g, x)
    assert math.isclose(g.item(), 0.6, rel_tol=1e-12) and math.isclose(gg.item(), 2.0)


# --- .grad on leaves, retain_grad -----------------------------------------------------


def test_grad_only_on_leaves_and_retain_grad():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        h = x.exp()
        kept = x * 3
        kept.retain_grad()
        (h * kept).sum().backward()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch warns on a non-leaf's .grad
            assert h.grad is None and not h.is_leaf
        assert not kept.is_leaf
        return [x.grad, kept.grad]

    twin(run)


@lib_ids
def test_leaf_without_requires_grad_gets_no_grad(lib):
    x, c = lib.ones(2, requires_grad=True), lib.ones(2)
    (x * c).sum().backward()
    assert c.grad is None and c.is_leaf


@lib_ids
def test_requires_grad_propagation(lib):
    a, b = lib.ones(2), lib.ones(2, requires_grad=True)
    assert not (a * 2).requires_grad and (a * 2).grad_fn is None and (a * 2).is_leaf
    assert (a * b).requires_grad and not (a * b).is_leaf
    assert (a.requires_grad_() + 1).requires_grad


# --- backward()'s arguments -----------------------------------------------------------


def test_backward_with_gradient_and_retained_nonscalar():
    def run(m):
        x = m.tensor([[1.0, -1.0], [0.5, 2.0]], requires_grad=True)
        y = x.sigmoid() * x
        y.backward(gradient=m.tensor([[1.0, -2.0], [0.5, 3.0]]))
        return [x.grad]

    twin(run)


def test_backward_of_one_element_nonscalar_and_0d():
    def run(m):
        x = m.tensor([2.0], requires_grad=True)
        (x * x).view(1, 1).backward()
        (x * 3).sum().backward(m.tensor(2.0))
        return [x.grad]

    twin(run)


@lib_ids
def test_backward_of_nonscalar_without_gradient_raises(lib):
    y = lib.ones(2, requires_grad=True) * 2
    with pytest.raises(
        RuntimeError, match="grad can be implicitly created only for scalar"
    ):
        y.backward()


@lib_ids
def test_backward_of_tensor_without_grad_raises(lib):
    with pytest.raises(RuntimeError, match="does not require grad"):
        lib.ones(2).sum().backward()


def test_backward_create_graph_gives_differentiable_grad():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        (x**3).sum().backward(create_graph=True)
        g = x.grad
        assert g.requires_grad
        (second,) = m.autograd.grad((g * m.tensor([1.0, -1.0])).sum(), x)
        return [g.detach(), second]

    twin(run)


# --- autograd.backward / autograd.grad ------------------------------------------------


def test_autograd_backward_many_outputs():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = m.tensor([3.0, -1.0], requires_grad=True)
        m.autograd.backward(
            [x * y, (x + y).sum()], [m.tensor([1.0, -1.0]), m.tensor(2.0)]
        )
        m.autograd.backward((x * x).sum())
        return [x.grad, y.grad]

    twin(run)


def test_autograd_grad_returns_tuple_and_leaves_grad_untouched():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = m.tensor(3.0, requires_grad=True)
        out = (x * y).exp()
        gx, gy = m.autograd.grad(out, (x, y), grad_outputs=m.tensor([0.5, -1.0]))
        assert x.grad is None and y.grad is None
        (single,) = m.autograd.grad((x * x).sum(), x)
        assert isinstance(m.autograd.grad((x * 2).sum(), [x]), tuple)
        return [gx, gy, single]

    twin(run)


def test_autograd_grad_allow_unused():
    def run(m):
        x, y = m.ones(2, requires_grad=True), m.ones(2, requires_grad=True)
        gx, gy = m.autograd.grad((x * 2).sum(), [x, y], allow_unused=True)
        return [gx, gy]

    twin(run)


@lib_ids
def test_autograd_grad_unused_input_raises(lib):
    x, y = lib.ones(2, requires_grad=True), lib.ones(2, requires_grad=True)
    with pytest.raises(
        RuntimeError, match="appears to not have been used in the graph"
    ):
        lib.autograd.grad((x * 2).sum(), [x, y])


def test_autograd_grad_of_intermediate():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        h = x.exp()
        y = (h * h).sum()
        (gh,) = m.autograd.grad(y, h, retain_graph=True)
        (gx,) = m.autograd.grad(y, x)
        return [gh, gx]

    twin(run)


def test_autograd_grad_many_outputs_with_grad_outputs():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        outs = [x.sigmoid(), (x * x).sum()]
        (g,) = m.autograd.grad(
            outs, x, grad_outputs=[m.tensor([1.0, 2.0]), m.tensor(-1.0)]
        )
        return [g]

    twin(run)


# --- custom autograd.Function ---------------------------------------------------------


def scaled_exp(lib):
    """exp(k * x) as a Function: saves its output, k is a non-tensor argument."""

    class ScaledExp(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x, k):
            y = (x * k).exp()
            ctx.save_for_backward(y)
            ctx.k = k
            return y

        @staticmethod
        def backward(ctx, grad):
            (y,) = ctx.saved_tensors
            return grad * y * ctx.k, None

    return ScaledExp


def mul_add(lib, seen):
    """x * y + x as a Function with two tensor inputs; records needs_input_grad."""

    class MulAdd(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            ctx.save_for_backward(x, y)
            seen.append(tuple(ctx.needs_input_grad))
            return x * y + x

        @staticmethod
        def backward(ctx, grad):
            x, y = ctx.saved_tensors
            gx = grad * (y + 1) if ctx.needs_input_grad[0] else None
            gy = grad * x if ctx.needs_input_grad[1] else None
            return gx, gy

    return MulAdd


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@given(data=st.data())
def test_custom_function(dtype, data):
    x = data.draw(S.arrays(dtype, S.shapes(), S.BOUNDED))
    assert_parity(lambda m, x: scaled_exp(m).apply(x, 0.5) * 2, x, graph="root")
    assert_parity(lambda m, x: scaled_exp(m).apply(x, 0.5), x, graph="full")


@pytest.mark.parametrize("dtype", S.FLOAT_DTYPES)
@given(data=st.data())
def test_custom_function_two_inputs(dtype, data):
    x, y = data.draw(S.broadcast_arrays(dtype, (S.UNIT, S.UNIT)))
    seen = {"minigrad": [], "torch": []}
    assert_parity(lambda m, x, y: mul_add(m, seen[m.__name__]).apply(x, y), x, y)
    assert seen["minigrad"] == seen["torch"]


def test_custom_function_needs_input_grad_and_none_grads():
    seen = {"minigrad": [], "torch": []}

    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        c = m.tensor([3.0, 4.0])
        out = mul_add(m, seen[m.__name__]).apply(x, c)
        assert out.requires_grad and node_name(out.grad_fn) == "MulAddBackward"
        out.backward(m.tensor([1.0, -1.0]))
        frozen = mul_add(m, seen[m.__name__]).apply(c, c)
        assert not frozen.requires_grad and frozen.grad_fn is None
        return [x.grad, c.grad, out]

    twin(run)
    assert seen["minigrad"] == seen["torch"] == [(True, False), (False, False)]


@lib_ids
def test_custom_function_forward_does_not_record(lib):
    inner = {}

    class Probe(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            y = x * 2
            inner["requires_grad"] = y.requires_grad
            return y

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

    out = Probe.apply(lib.ones(2, requires_grad=True))
    assert not inner["requires_grad"] and node_name(out.grad_fn) == "ProbeBackward"


# --- memory: graphs are freed ---------------------------------------------------------


@lib_ids
def test_step_graph_is_freed_without_gc(lib):
    """After backward and `del loss`, nothing of the step survives (refcounts only)."""
    w, x = lib.ones(3, requires_grad=True), lib.tensor([1.0, 2.0, 3.0])
    gc.disable()
    try:
        refs = []
        for _ in range(3):
            h = (w * x).sigmoid()
            loss = (h * h).sum()
            loss.backward()
            refs += [weakref.ref(h), weakref.ref(loss)]
            del h, loss
        assert all(r() is None for r in refs)
    finally:
        gc.enable()


@lib_ids
def test_backward_frees_saved_intermediates(lib):
    w = lib.ones(3, requires_grad=True)
    gc.disable()
    try:
        h = (w * 2).sigmoid()
        loss = (h * h).sum()
        ref = weakref.ref(h)
        del h
        assert ref() is not None  # held by the graph
        loss.backward()
        assert ref() is None  # released by backward, though `loss` is alive
    finally:
        gc.enable()


def test_memory_bounded_over_training_steps():
    w = minigrad.zeros(64, 8, requires_grad=True)
    x = minigrad.ones(16, 64)

    def step():
        loss = ((x @ w).sigmoid() - 0.5).pow(2).mean()
        loss.backward()
        with minigrad.no_grad():
            w.sub_(0.1 * w.grad)
        w.grad = None

    for _ in range(20):
        step()
    tracemalloc.start()
    try:
        for _ in range(20):
            step()
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(200):
            step()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 64 * 1024, f"grew by {after - before} bytes over 200 steps"


def test_identity_of_inputs_in_grad_with_create_graph():
    """The upstream gradient of a linear op may be passed through as torch does:
    values only are compared; both must be usable for further differentiation."""

    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        v = m.tensor([3.0, -1.0], requires_grad=True)
        (g,) = m.autograd.grad(x + 1, x, grad_outputs=v, create_graph=True)
        (gv,) = m.autograd.grad((g * g).sum(), v)
        return [g, gv]

    twin(run)
