"""What the optimizer tests share: stepping both libraries alike and comparing the results."""

import numpy as np
import torch

from tests.parity import LIBS, to_numpy


def assert_bits(actual, expected, label):
    """The same dtype, shape and bits (NaNs where torch's are, of any payload)."""
    a, e = np.array(to_numpy(actual)), np.array(to_numpy(expected))
    assert a.dtype == e.dtype and a.shape == e.shape, label
    nan = np.isnan(e)
    np.testing.assert_array_equal(np.isnan(a), nan, err_msg=f"{label}: NaNs")
    # NaN payloads and signs are not compared (x86 gives -NaN or +NaN by operand order)
    a[nan], e[nan] = 0, 0
    bits = f"u{a.itemsize}"
    np.testing.assert_array_equal(a.view(bits), e.view(bits), err_msg=label)


def assert_close(actual, expected, label):
    """Within torch.testing.assert_close's default tolerances for the dtype."""
    torch.testing.assert_close(
        torch.from_numpy(np.array(to_numpy(actual))),
        torch.from_numpy(np.array(to_numpy(expected))),
        msg=lambda m: f"{label}: {m}",
    )


def make_params(lib, arrays):
    return [lib.tensor(a, requires_grad=True) for a in arrays]


def set_grads(lib, params, grads):
    for p, g in zip(params, grads, strict=True):
        p.grad = None if g is None else lib.tensor(g)


def run_both(make, start, grads, compare=assert_bits):
    """The same optimizer and gradients under both libraries; compares every step.

    Returns {library: (parameters, optimizer)}.
    """
    runs = {}
    for name, lib in LIBS.items():
        params = make_params(lib, start)
        runs[name] = (params, make(lib, params))
    for step, step_grads in enumerate(grads):
        for lib, (params, optimizer) in zip(LIBS.values(), runs.values(), strict=True):
            set_grads(lib, params, step_grads)
            optimizer.step()
        for i, (m, t) in enumerate(
            zip(runs["minigrad"][0], runs["torch"][0], strict=True)
        ):
            compare(m, t, f"step {step}, parameter {i}")
    return runs


def step_with_closure(make):
    """{library: (loss, w)} after `make(lib, [w]).step(closure)` on a least-squares loss."""
    rng = np.random.default_rng(5)
    w0, x = rng.standard_normal(3), rng.standard_normal((4, 3))
    results = {}
    for name, lib in LIBS.items():
        w = lib.tensor(w0, requires_grad=True)
        optimizer = make(lib, [w])

        def closure(lib=lib, w=w, optimizer=optimizer):
            optimizer.zero_grad()
            loss = (lib.tensor(x) @ w).pow(2).sum()
            loss.backward()
            return loss

        with lib.no_grad():
            loss = optimizer.step(closure)
        results[name] = (loss.item(), to_numpy(w))
    return results
