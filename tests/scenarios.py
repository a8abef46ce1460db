"""run_both: one scenario under minigrad and torch; results, names and errors compared."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import torch

import minigrad
from tests.parity import LIBS, assert_same, graph_signature, node_name


class Name(str):
    """A node name or other string a scenario reports for comparison."""


def _run(scenario: Callable, lib) -> tuple[list, Exception | None]:
    out: list = []
    try:
        scenario(lib, out)
    except Exception as e:  # noqa: BLE001
        return out, e
    return out, None


def _builtin(e: Exception) -> type:
    return next(c for c in type(e).__mro__ if c.__module__ == "builtins")


def run_both(
    scenario: Callable, *, words: tuple[str, ...] = (), raises: bool = False
) -> None:
    """``scenario(lib, out)`` appends tensors, None, numbers, names (``name_of``)
    and graph signatures to ``out``; both libraries must append the same things
    and raise the same built-in exception class (only when ``raises`` or ``words``) (minigrad's message holding torch's
    message, or each of ``words`` when given)."""
    mine, mine_err = _run(scenario, minigrad)
    theirs, their_err = _run(scenario, torch)
    assert len(mine) == len(theirs), (
        f"{len(mine)} results (error {mine_err!r}), torch has {len(theirs)} (error {their_err!r})"
    )
    for i, (a, e) in enumerate(zip(mine, theirs, strict=True)):
        label = f"result {i}"
        if isinstance(e, torch.Tensor) or isinstance(a, minigrad.Tensor):
            assert_same(a, e, label)
        else:
            assert a == e, f"{label}: minigrad {a!r} != torch {e!r}"
    if their_err is None:
        assert mine_err is None, f"minigrad raised {mine_err!r}; torch did not"
        return
    assert raises or words, f"torch raises {their_err!r}: the test is wrong"
    assert mine_err is not None, f"minigrad did not raise; torch raises {their_err!r}"
    assert type(mine_err) is _builtin(their_err), (
        f"minigrad raises {mine_err!r}, torch raises {their_err!r}"
    )
    for w in words or (str(their_err).split("\n")[0].split(" Hint:")[0],):
        assert w.lower() in str(mine_err).lower(), (
            f"minigrad's message {str(mine_err)!r} lacks {w!r} (torch: {their_err})"
        )


def name_of(t: object) -> Name:
    """The name of t's grad_fn (None as 'None')."""
    return Name(node_name(t.grad_fn))


def signature(t: object) -> object:
    return graph_signature(t)


def leaf(lib, a, requires_grad: bool = True):
    return lib.tensor(np.asarray(a), requires_grad=requires_grad)


def upstream(shape: tuple, seed: int = 7, dtype=np.float32) -> np.ndarray:
    """A non-uniform upstream gradient."""
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


__all__ = ["LIBS", "Name", "leaf", "name_of", "run_both", "signature", "upstream"]


def raises_as_torch(
    cases: list[tuple[str, tuple[str, ...]]], **names: object
) -> Callable:
    """A test, one case per (code, words): ``code`` (run with L = the library and
    ``names``) raises torch's built-in exception class, its message holding
    ``words`` (or torch's first line when ``words`` is empty)."""

    @pytest.mark.parametrize("code, words", cases, ids=[c for c, _ in cases])
    def test(code: str, words: tuple[str, ...]) -> None:
        run_both(lambda L, out: eval(code, {"L": L, **names}), raises=True, words=words)  # noqa: N803

    return test


def values_as_torch(codes: list[str], **names: object) -> Callable:
    """A test, one case per code: its value under minigrad is torch's."""

    @pytest.mark.parametrize("code", codes)
    def test(code: str) -> None:
        run_both(lambda L, out: out.append(eval(code, {"L": L, **names})))  # noqa: N803

    return test
