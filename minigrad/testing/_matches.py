"""assert_matches_torch: run fn(lib, *tensors) under minigrad and torch; compare."""

from __future__ import annotations

import re
import types
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

import numpy as np

import minigrad
from minigrad import dtypes as _dtypes
from minigrad._size import Size
from minigrad.testing._close import assert_close
from minigrad.testing._graph import first_difference, graph_signature
from minigrad.testing._values import is_tensor_like, to_value

# NOTE: torch appends where in its C++ a warning came from; NumPy's floating-point
# RuntimeWarnings ("overflow encountered") are minigrad's kernels talking, which
# torch never emits: neither is part of the behaviour compared.
_TORCH_SUFFIX = re.compile(r"\s*\(Triggered internally at .*\)\s*$", re.DOTALL)
_NUMPY_FLOATING = re.compile(r"(divide by zero|invalid value|overflow|underflow) enc")


@dataclass
class _Run:
    """One library's run: outputs (or the exception), gradients, warnings."""

    lib: types.ModuleType
    leaves: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    error: BaseException | None = None
    warned: list = field(default_factory=list)
    backward_error: BaseException | None = None


class _Failure(AssertionError):
    pass


def _dtype_name(dtype: Any) -> str:
    """'float32' from minigrad.float32, torch.float32, np.float32 or 'float32'."""
    if isinstance(dtype, str):
        return dtype
    if isinstance(dtype, _dtypes.dtype):
        return str(dtype).rsplit(".", 1)[-1]
    text = str(dtype)
    if text.startswith("torch."):
        return text.rsplit(".", 1)[-1]
    return np.dtype(dtype).name


def _input_array(x: Any, dtype: str | None) -> np.ndarray:
    array = to_value(x).array if is_tensor_like(x) else np.asarray(x)
    if array.dtype.kind == "f" and dtype is not None:
        return array.astype(dtype)
    if array.dtype == np.float64 and not is_tensor_like(x) and dtype is None:
        return array.astype(_dtypes.get_default_dtype().np)  # torch.tensor's rule
    return np.array(array)


def _outputs(result: Any) -> list:
    if isinstance(result, (tuple, list)) and type(result).__name__ != "Size":
        return list(result)
    return [result]


def _text(message: object) -> str:
    """A message as torch would print it: torch's C++ suffix dropped, and the
    library's own name spelled `torch` (minigrad prints minigrad.Size([2]))."""
    return _TORCH_SUFFIX.sub("", str(message)).replace("minigrad.", "torch.").strip()


def _warning_key(w: warnings.WarningMessage) -> tuple[str, str]:
    return _builtin(w.category).__name__, _text(w.message)


def _builtin(cls: type) -> type:
    """The first built-in class in cls's MRO (torch's errors subclass built-ins)."""
    return next(c for c in cls.__mro__ if c.__module__ == "builtins")


def _record(run: _Run, call: Callable[[], Any]) -> Any:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return call()
        finally:
            run.warned += [
                _warning_key(w)
                for w in caught
                if not (
                    issubclass(w.category, RuntimeWarning)
                    and _NUMPY_FLOATING.search(str(w.message))
                )
            ]


def _forward(lib, fn, arrays, flags, seed) -> _Run:
    run = _Run(lib)
    run.leaves = [
        lib.tensor(a, requires_grad=bool(f)) for a, f in zip(arrays, flags, strict=True)
    ]
    lib.manual_seed(seed)
    try:
        run.outputs = _outputs(_record(run, lambda: fn(lib, *run.leaves)))
    except Exception as error:  # noqa: BLE001  (the exception is compared)
        run.error = error
    return run


def _backward(run: _Run, which: list[int], upstream: list[np.ndarray]) -> None:
    lib = run.lib
    outs = [run.outputs[i] for i in which]
    grads = [lib.tensor(u) for u in upstream]
    try:
        _record(run, lambda: lib.autograd.backward(outs, grads))
    except Exception as error:  # noqa: BLE001  (the exception is compared)
        run.backward_error = error


def _fail(label: str, message: str) -> NoReturn:
    raise _Failure(f"{label}: {message}")


def _compare_errors(label: str, mine: BaseException | None, theirs, check) -> None:
    if mine is None and theirs is None:
        return
    if theirs is None:
        _fail(label, f"minigrad raises {type(mine).__name__}: {mine}; torch does not")
    if mine is None:
        _fail(
            label,
            f"torch raises {type(theirs).__name__}: {theirs}; minigrad does not",
        )
    if _builtin(type(mine)) is not _builtin(type(theirs)):
        _fail(
            label,
            f"minigrad raises {type(mine).__name__}: {mine}; torch raises "
            f"{_builtin(type(theirs)).__name__}: {theirs}",
        )
    if check and _text(mine) != _text(theirs):
        _fail(
            label,
            f"{type(mine).__name__} message {str(mine)!r} != torch's {str(theirs)!r}",
        )


def _compare_warnings(label: str, mine: list, theirs: list) -> None:
    for i in range(max(len(mine), len(theirs))):
        a = mine[i] if i < len(mine) else None
        e = theirs[i] if i < len(theirs) else None
        if a == e:
            continue
        if a is None and e is not None:
            _fail(label, f"torch warns {e[0]}({e[1]!r}); minigrad does not")
        if e is None and a is not None:
            _fail(label, f"minigrad warns {a[0]}({a[1]!r}); torch does not")
        assert a is not None and e is not None
        _fail(label, f"minigrad warns {a[0]}({a[1]!r}); torch warns {e[0]}({e[1]!r})")


def _compare_tensors(label: str, mine: Any, theirs: Any, tol: dict) -> None:
    if mine is None or theirs is None:
        if mine is not None or theirs is not None:
            _fail(label, f"minigrad gives {mine!r}, torch gives {theirs!r}")
        return
    if not hasattr(mine, "grad_fn") or not hasattr(theirs, "grad_fn"):
        if hasattr(mine, "grad_fn") != hasattr(theirs, "grad_fn"):
            _fail(
                label,
                f"minigrad gives a {type(mine).__name__}, torch a "
                f"{type(theirs).__name__}",
            )
        mine_t = tuple(mine) if isinstance(mine, Size) else mine
        theirs_t = tuple(theirs) if type(theirs).__name__ == "Size" else theirs
        try:
            assert_close(mine_t, theirs_t, **tol)
        except (AssertionError, TypeError) as error:
            _fail(label, str(error))
        return
    if tuple(mine.shape) != tuple(theirs.shape):
        _fail(label, f"shape {tuple(mine.shape)} != torch's {tuple(theirs.shape)}")
    if _dtype_name(mine.dtype) != _dtype_name(theirs.dtype):
        _fail(
            label,
            f"dtype {_dtype_name(mine.dtype)} != torch's {_dtype_name(theirs.dtype)}",
        )
    try:
        assert_close(mine, theirs, equal_nan=True, **tol)
    except AssertionError as error:
        _fail(label, str(error))


def _upstream(shapes, dtypes, grad_outputs, seed) -> list[np.ndarray]:
    """Non-uniform upstream gradients: a `.sum()` seed hides misplaced gradients.
    float32 values whatever the dtype, so every dtype sees the same numbers."""
    if grad_outputs is not None:
        given = (
            [grad_outputs]
            if is_tensor_like(grad_outputs) or len(shapes) == 1
            else list(grad_outputs)
        )
        return [
            _input_array(g, d).reshape(s)
            for g, s, d in zip(given, shapes, dtypes, strict=True)
        ]
    rng = np.random.default_rng(seed)
    return [
        rng.standard_normal(s).astype(np.float32).astype(d)
        for s, d in zip(shapes, dtypes, strict=True)
    ]


def assert_matches_torch(
    fn: Callable[..., Any],
    *inputs: Any,
    requires_grad: bool | Sequence[bool] = True,
    grad_outputs: Any = None,
    check_graph: bool = True,
    dtypes: Sequence[Any] | None = (_dtypes.float32, _dtypes.float64),
    rtol: float | None = None,
    atol: float | None = None,
    check_message: bool = True,
    seed: int = 0,
) -> None:
    """Check that ``fn(lib, *tensors)`` computes in minigrad what it does in torch.

    ``inputs`` are NumPy arrays, nested lists, numbers or tensors of either
    library; each run gets fresh leaf tensors made from the same values (floating
    inputs cast to each of ``dtypes`` in turn; ``dtypes=None`` keeps theirs).
    Both libraries are seeded with ``seed`` before ``fn`` runs. Compared, in this
    order: a raised exception (built-in class; message too with
    ``check_message``), the warnings, every output's shape, dtype, value and
    ``requires_grad``, with ``check_graph`` each output's graph (node names and
    structure), then every input's ``.grad`` after one backward pass with the
    same non-uniform upstream gradient in both (``grad_outputs``: one array per
    output that requires grad; default: seeded normal values), and the warnings
    and exception of that pass. Tolerances are ``assert_close``'s defaults per
    dtype unless ``rtol`` and ``atol`` are given.

    Raises AssertionError naming the dtype and the first difference.
    """
    import torch

    flags = (
        [requires_grad] * len(inputs)
        if isinstance(requires_grad, bool)
        else list(requires_grad)
    )
    if len(flags) != len(inputs):
        raise ValueError(
            f"requires_grad has {len(flags)} entries for {len(inputs)} inputs"
        )
    tol: dict[str, Any] = {"rtol": rtol, "atol": atol}
    options = {"graph": check_graph, "tol": tol, "message": check_message}
    for dtype in [None] if dtypes is None else [_dtype_name(d) for d in dtypes]:
        arrays = [_input_array(x, dtype) for x in inputs]
        grads = [f and a.dtype.kind == "f" for f, a in zip(flags, arrays, strict=True)]
        try:
            _check(fn, arrays, grads, grad_outputs, options, seed, torch)
        except _Failure as failure:
            where = f" ({dtype})" if dtype else ""
            raise AssertionError(f"assert_matches_torch{where}: {failure}") from None


def _check(fn, arrays, grads, grad_outputs, options, seed, torch) -> None:
    tol, check_message = options["tol"], options["message"]
    mine = _forward(minigrad, fn, arrays, grads, seed)
    theirs = _forward(torch, fn, arrays, grads, seed)
    _compare_errors("forward", mine.error, theirs.error, check_message)
    _compare_warnings("forward warnings", mine.warned, theirs.warned)
    if theirs.error is not None:
        return
    if len(mine.outputs) != len(theirs.outputs):
        _fail(
            "forward",
            f"{len(mine.outputs)} outputs != torch's {len(theirs.outputs)}",
        )
    labels = (
        ["output"]
        if len(theirs.outputs) == 1
        else [f"output {i}" for i in range(len(theirs.outputs))]
    )
    for label, a, e in zip(labels, mine.outputs, theirs.outputs, strict=True):
        _compare_tensors(label, a, e, tol)
        if isinstance(e, torch.Tensor) and a.requires_grad != e.requires_grad:
            _fail(
                label,
                f"requires_grad={a.requires_grad} != torch's {e.requires_grad}",
            )
        if options["graph"] and isinstance(e, torch.Tensor):
            difference = first_difference(graph_signature(a), graph_signature(e))
            if difference:
                _fail(f"{label} graph", difference)
    which = [
        i
        for i, t in enumerate(theirs.outputs)
        if isinstance(t, torch.Tensor) and t.requires_grad
    ]
    if not which:
        return
    outs = [theirs.outputs[i] for i in which]
    upstream = _upstream(
        [tuple(t.shape) for t in outs],
        [_dtype_name(t.dtype) for t in outs],
        grad_outputs,
        seed,
    )
    n = len(mine.warned), len(theirs.warned)
    _backward(mine, which, upstream)
    _backward(theirs, which, upstream)
    _compare_errors(
        "backward", mine.backward_error, theirs.backward_error, check_message
    )
    _compare_warnings("backward warnings", mine.warned[n[0] :], theirs.warned[n[1] :])
    for i, (a, e) in enumerate(zip(mine.leaves, theirs.leaves, strict=True)):
        if e.requires_grad:
            _compare_tensors(f"gradient of input {i}", a.grad, e.grad, tol)
