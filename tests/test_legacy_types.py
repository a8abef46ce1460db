"""torch's legacy tensor types (FloatTensor, ...) as old course code uses them."""

import numpy as np
import pytest
import torch

import minigrad

NAMES = [
    "FloatTensor",
    "DoubleTensor",
    "LongTensor",
    "IntTensor",
    "ByteTensor",
    "BoolTensor",
]


@pytest.mark.parametrize("name", NAMES)
def test_construct_convert_and_check(name):
    for lib in (torch, minigrad):
        getattr(lib, name)  # exists in both
    data = [[1.7, 0.0], [2.0, 3.5]]
    got = getattr(minigrad, name)(data)
    want = getattr(torch, name)(data)
    assert got.dtype.name == str(want.dtype).removeprefix("torch.")
    np.testing.assert_array_equal(got.numpy(), want.numpy())
    assert isinstance(got, getattr(minigrad, name))
    assert not isinstance(minigrad.tensor([1.0]).double(), minigrad.FloatTensor)
    x, t = minigrad.tensor(data), torch.tensor(data)
    np.testing.assert_array_equal(
        x.type(getattr(minigrad, name)).numpy(), t.type(getattr(torch, name)).numpy()
    )
    assert x.type() == t.type()
    assert getattr(minigrad, name)(2, 3).shape == getattr(torch, name)(2, 3).shape
