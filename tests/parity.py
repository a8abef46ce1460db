"""assert_parity: run one function under minigrad and torch; compare values, grads."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import torch

import minigrad
from minigrad.testing._graph import graph_signature, node_name

LIBS = {"minigrad": minigrad, "torch": torch}


def to_numpy(t: object) -> np.ndarray:
    """A tensor of either library (or a Python number) as an ndarray."""
    if isinstance(t, torch.Tensor):  # force: torch's second-order ZeroTensors
        return t.detach().numpy(force=True)
    if hasattr(t, "detach"):
        return np.asarray(t.detach().numpy())
    return np.asarray(t)


def dtype_name(t: object) -> str:
    return str(t.dtype).rsplit(".", 1)[-1]


def assert_same(actual: object, expected: object, label: str, **tol: float) -> None:
    """minigrad's `actual` against torch's `expected`: shape, dtype and values."""
    if expected is None or actual is None:
        assert actual is None and expected is None, (
            f"{label}: minigrad gives {actual!r}, torch gives {expected!r}"
        )
        return
    if isinstance(expected, torch.Tensor):
        assert tuple(actual.shape) == tuple(expected.shape), (
            f"{label}: shape {tuple(actual.shape)} != torch's {tuple(expected.shape)}"
        )
        assert dtype_name(actual) == dtype_name(expected), (
            f"{label}: dtype {actual.dtype} != torch's {expected.dtype}"
        )
    torch.testing.assert_close(
        torch.from_numpy(np.array(to_numpy(actual))),
        torch.from_numpy(np.array(to_numpy(expected))),
        equal_nan=True,
        msg=lambda m: f"{label}: {m}",
        **tol,
    )


def _outputs(result: object) -> list:
    if isinstance(result, (tuple, list)):
        return list(result)
    return [result]


def _seeded(shapes: Sequence[tuple], dtypes: Sequence, seed: int) -> list[np.ndarray]:
    """Non-uniform upstream gradients: a `.sum()` seed hides misplaced gradients.
    float32 values whatever the dtype, so a float64 rerun sees the same numbers."""
    rng = np.random.default_rng(seed)
    return [
        rng.standard_normal(s).astype(np.float32).astype(d)
        for s, d in zip(shapes, dtypes, strict=True)
    ]


class _Run:
    """One library's side of a parity check, stage by stage; each stage returns
    {label: value} for the comparison."""

    def __init__(self, name, fn, arrays, requires_grad, strict):
        self.name, self.lib, self.strict = name, LIBS[name], strict
        self.inputs = [i for i, rg in enumerate(requires_grad) if rg]
        self.leaves = [
            self.lib.tensor(a, requires_grad=rg)
            for a, rg in zip(arrays, requires_grad, strict=True)
        ]
        self.outs = _outputs(self.guard(fn, self.lib, *self.leaves))
        self.labels = (
            ["forward"]
            if len(self.outs) == 1
            else [f"forward output {i}" for i in range(len(self.outs))]
        )

    def guard(self, fn: Callable, *args: object, **kwargs: object) -> object:
        """Call fn; for minigrad, with NumPy warnings and floating errors raising."""
        if self.name == "torch" or not self.strict:
            return fn(*args, **kwargs)
        with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
            warnings.simplefilter("error")
            return fn(*args, **kwargs)

    def tensors(self, arrays, requires_grad=False):
        return [self.lib.tensor(a, requires_grad=requires_grad) for a in arrays]

    def forward(self) -> dict:
        return dict(zip(self.labels, self.outs, strict=True))

    def first_order(self, which, upstream) -> dict:
        outs, grads = [self.outs[i] for i in which], self.tensors(upstream)
        if len(outs) == 1:  # the common path: Tensor.backward(gradient)
            self.guard(outs[0].backward, gradient=grads[0], retain_graph=True)
        else:
            self.guard(self.lib.autograd.backward, outs, grads, retain_graph=True)
        return {f"backward input {i}": self.leaves[i].grad for i in self.inputs}

    def second_order(self, which, upstream, seed) -> dict:
        """Grads with create_graph=True, then the grads of sum(g * w) w.r.t. the
        inputs and the upstream gradient v (as gradgradcheck)."""
        v = self.tensors(upstream, requires_grad=True)
        leaves = [self.leaves[i] for i in self.inputs]
        outs = [self.outs[i] for i in which]
        firsts = self.guard(
            self.lib.autograd.grad,
            outs,
            leaves,
            grad_outputs=v,
            create_graph=True,
            allow_unused=True,
        )
        result = {
            f"backward (create_graph) input {i}": g
            for i, g in zip(self.inputs, firsts, strict=True)
        }
        shapes = [tuple(x.shape) for x in leaves]
        weights = self.tensors(_seeded(shapes, [_np_dtype(x) for x in leaves], seed))
        total = _weighted_sum(firsts, weights)
        wrt = leaves + v
        if getattr(total, "requires_grad", False):
            seconds = self.guard(self.lib.autograd.grad, total, wrt, allow_unused=True)
        else:  # every first derivative is constant
            seconds = [None] * len(wrt)
        labels = [f"second order input {i}" for i in self.inputs] + [
            f"second order upstream {j}" for j in range(len(v))
        ]
        result.update(zip(labels, seconds, strict=True))
        return result


def _np_dtype(t: object) -> np.dtype:
    return np.dtype(dtype_name(t))


def _weighted_sum(tensors: Sequence, weights: Sequence) -> object:
    """sum_k (t_k * w_k).sum(), skipping None; None when nothing is left."""
    total = None
    for t, w in zip(tensors, weights, strict=True):
        if t is not None:
            total = (t * w).sum() if total is None else total + (t * w).sum()
    return total


def assert_parity(
    fn: Callable,
    *arrays: np.ndarray,
    grad: bool = True,
    graph: str | bool = "full",
    second_order: bool = True,
    strict: bool = True,
    seed: int = 0,
    rtol: float | None = None,
    atol: float | None = None,
) -> None:
    """Check `fn(lib, *leaves)` under minigrad against torch.

    Leaves are built from the same arrays (floating ones require grad when `grad`).
    Compared: every output's value, dtype, shape, requires_grad; each input's
    `.grad` after backward with a random upstream gradient; with `second_order`,
    the gradients taken with create_graph=True and the gradients of those (w.r.t.
    the inputs and the upstream gradient, as gradgradcheck); last, the graph
    (node names; `graph="root"`: the output's node only; False: not at all).
    `strict` makes NumPy warnings and floating-point errors fail under minigrad.
    """
    arrays = tuple(np.asarray(a) for a in arrays)
    tol = {} if rtol is None else {"rtol": rtol, "atol": atol}
    rg = [grad and a.dtype.kind == "f" for a in arrays]
    mg = _Run("minigrad", fn, arrays, rg, strict)
    tc = _Run("torch", fn, arrays, rg, strict)
    truth = _Float64Truth(fn, arrays, rg, tc.outs)

    assert len(mg.outs) == len(tc.outs), "forward: number of outputs differs"
    _compare(mg.forward(), tc.forward(), truth, "forward", tol)
    for label, a, e in zip(tc.labels, mg.outs, tc.outs, strict=True):
        if isinstance(e, torch.Tensor):
            assert a.requires_grad == e.requires_grad, f"{label}: requires_grad"

    which = [i for i, t in enumerate(tc.outs) if getattr(t, "requires_grad", False)]
    if which:
        outs = [tc.outs[i] for i in which]
        upstream = _seeded([tuple(t.shape) for t in outs], map(_np_dtype, outs), seed)
        stage = ("first_order", which, upstream)
        _compare(
            mg.first_order(which, upstream),
            tc.first_order(which, upstream),
            truth,
            stage,
            tol,
        )
        if second_order:
            stage = ("second_order", which, upstream, seed + 1)
            _compare(
                mg.second_order(*stage[1:]),
                tc.second_order(*stage[1:]),
                truth,
                stage,
                tol,
            )

    for label, a, e in zip(tc.labels, mg.outs, tc.outs, strict=True):
        if graph and isinstance(e, torch.Tensor):
            _assert_same_graph(a, e, label, graph)


class _Float64Truth:
    """torch's run of the same function in float64, computed only when needed."""

    def __init__(self, fn, arrays, rg, outs):
        self.fn, self.rg, self.run = fn, rg, None
        dtypes = [a.dtype.name for a in arrays] + [
            dtype_name(t) for t in outs if isinstance(t, torch.Tensor)
        ]
        self.low = "float32" if "float32" in dtypes else "float64"
        self.arrays = [
            a.astype(np.float64) if a.dtype == np.float32 else a for a in arrays
        ]
        self.stages: dict = {}

    def __call__(self, stage) -> dict:
        if self.run is None:
            self.run = _Run("torch", self.fn, self.arrays, self.rg, strict=False)
        if stage == "forward":
            return self.run.forward()
        key = stage[0]
        if key not in self.stages:
            args = [
                np.asarray(a, np.float64) if isinstance(a, np.ndarray) else a
                for a in stage[2]
            ]
            self.stages[key] = getattr(self.run, key)(stage[1], args, *stage[3:])
        return self.stages[key]


def _compare(actual: dict, expected: dict, truth: _Float64Truth, stage, tol) -> None:
    for label, e in expected.items():
        a = actual[label]
        if (a is None) != (e is None) and label.startswith("second order"):
            # NOTE: whether torch's double backward reaches an input whose second
            # derivative is zero (relu, abs: zeros; clamp, max: None) is a detail of
            # its formulas; None and zeros are taken as equal here.
            like = a if e is None else e
            zeros = torch.from_numpy(np.zeros(tuple(like.shape), _np_dtype(like)))
            a, e = (zeros if t is None else t for t in (a, e))
        try:
            assert_same(a, e, label, **tol)
        except AssertionError:
            if tol or not isinstance(e, torch.Tensor) or not e.is_floating_point():
                raise
            if tuple(a.shape) != tuple(e.shape) or dtype_name(a) != dtype_name(e):
                raise
            t = truth(stage)[label]
            t = torch.zeros(tuple(e.shape), dtype=torch.float64) if t is None else t
            assert_as_close_as_torch(a, e, t, label, truth.low)


_DEFAULT_TOLERANCE = {"float32": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7)}


def assert_as_close_as_torch(actual, expected, truth, label, low) -> None:
    """NOTE: float32 arithmetic (sums, matmuls, the gradients of broadcasts, and
    float32 intermediates of float64 results) rounds differently in NumPy and
    torch; with cancellation the two can differ beyond assert_close's default.
    minigrad then passes when it is within that default of torch's float64
    result, widened by twice torch's own error: no less accurate than torch.
    The default is float32's when any float32 took part (`low`): a float64
    gradient reached through float32 ops carries float32 rounding."""
    t = torch.from_numpy(np.array(to_numpy(truth), dtype=np.float64))
    a = torch.from_numpy(np.array(to_numpy(actual), dtype=np.float64))
    e = torch.from_numpy(np.array(to_numpy(expected), dtype=np.float64))
    torch_error = float((e - t).abs().nan_to_num().max()) if t.numel() else 0.0
    rtol, atol = _DEFAULT_TOLERANCE[
        "float32" if "float32" in (low, dtype_name(expected)) else "float64"
    ]
    torch.testing.assert_close(
        a,
        t,
        rtol=rtol,
        atol=atol + 2 * torch_error,
        equal_nan=True,
        msg=lambda m: (
            f"{label}: differs from torch's result, and from its float64 result "
            f"by more than torch's own error ({torch_error:.3g}): {m}"
        ),
    )


def _assert_same_graph(actual, expected, label: str, graph: str | bool) -> None:
    if graph == "full":
        assert graph_signature(actual) == graph_signature(expected), (
            f"{label}: graph {graph_signature(actual)}\n"
            f"  != torch's {graph_signature(expected)}"
        )
    else:
        a, e = node_name(actual.grad_fn), node_name(expected.grad_fn)
        assert a == e, f"{label}: grad_fn {a} != torch's {e}"


def assert_same_error(
    fn: Callable, *words: str | tuple[str, ...], arrays: Sequence[np.ndarray] = ()
) -> None:
    """fn(lib, *tensors) raises the same exception class under both libraries (torch's
    built-in base class), and minigrad's message contains each of `words`, case
    ignored (a tuple of words: any one of them); checked against torch's too."""
    caught = {}
    for name, lib in LIBS.items():
        tensors = [lib.tensor(a) for a in arrays]
        try:
            fn(lib, *tensors)
        except Exception as e:  # noqa: BLE001
            caught[name] = e
        else:
            caught[name] = None
    expected, actual = caught["torch"], caught["minigrad"]
    assert expected is not None, "torch did not raise: the test is wrong"
    for w in words:
        assert _mentions(expected, w), f"torch's message lacks {w!r}: the test is wrong"
    assert actual is not None, f"minigrad did not raise; torch raises {expected!r}"
    builtin = next(c for c in type(expected).__mro__ if c.__module__ == "builtins")
    assert type(actual) is builtin, (
        f"minigrad raises {type(actual).__name__}({actual}), "
        f"torch raises {builtin.__name__}({expected})"
    )
    for w in words:
        assert _mentions(actual, w), (
            f"minigrad's message {str(actual)!r} lacks {w!r} (torch: {expected})"
        )


def _mentions(error: Exception, word: str | tuple[str, ...]) -> bool:
    alternatives = (word,) if isinstance(word, str) else word
    return any(w.lower() in str(error).lower() for w in alternatives)
