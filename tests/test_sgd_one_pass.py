"""SGD's vector paths (one pass over small parameters, blocks for large ones) equal torch's bits."""

import warnings

import numpy as np
import pytest
import torch

import minigrad

SHAPES = [(3, 4), (4,), (1,), (), (2, 1, 3)]


def _pairs(seed: int, shapes, lr: float, duplicate: bool = False):
    rng = np.random.default_rng(seed)
    values = [rng.standard_normal(s).astype(np.float32) for s in shapes]
    grads = [rng.standard_normal(s).astype(np.float32) * 1e3 for s in shapes]
    out = []
    for lib in (torch, minigrad):
        params = [lib.tensor(v.copy(), requires_grad=True) for v in values]
        for p, g in zip(params, grads, strict=True):
            p.grad = lib.tensor(g.copy())
        group = params + params[:1] if duplicate else params
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch warns on a duplicate parameter
            lib.optim.SGD(group, lr=lr).step()
        out.append([p.detach().numpy() for p in params])
    return out


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("lr", [0.1, 1e-3, 0.37])
def test_many_parameters_update_as_torch(seed, lr):
    expected, actual = _pairs(seed, SHAPES, lr)
    for e, a in zip(expected, actual, strict=True):
        np.testing.assert_array_equal(a, e)


def test_a_parameter_listed_twice_is_updated_twice_as_torch():
    expected, actual = _pairs(0, SHAPES, 0.1, duplicate=True)
    for e, a in zip(expected, actual, strict=True):
        np.testing.assert_array_equal(a, e)


def test_a_gradient_that_is_another_parameter_as_torch():
    for lib in (torch, minigrad):
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        b = lib.tensor([3.0, 4.0], requires_grad=True)
        a.grad = lib.tensor([0.5, 0.25])
        b.grad = a.detach()  # shares a's memory: b sees a's update
        lib.optim.SGD([a, b], lr=1.0).step()
        if lib is torch:
            expected = [a.detach().numpy().copy(), b.detach().numpy().copy()]
    np.testing.assert_array_equal(a.detach().numpy(), expected[0])
    np.testing.assert_array_equal(b.detach().numpy(), expected[1])


@pytest.mark.parametrize("lr", [0.1, 2.0**-24])
def test_a_large_weight_updated_in_blocks_as_torch(lr):
    rng = np.random.default_rng(7)
    value = rng.standard_normal((300, 250)).astype(np.float32)  # 75_000 elements
    grad = rng.standard_normal((300, 250)).astype(np.float32)
    # a float32 midpoint in the third block: 1 + 2**-24 when lr = 2**-24
    value[200, 100], grad[200, 100] = 1.0, -1.0
    out = []
    for lib in (torch, minigrad):
        p = lib.tensor(value.copy(), requires_grad=True)
        p.grad = lib.tensor(grad.copy())
        lib.optim.SGD([p], lr=lr).step()
        out.append(p.detach().numpy())
    np.testing.assert_array_equal(out[1], out[0])
