"""minigrad <-> torch conversions and the array protocols, against NumPy's behaviour."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import minigrad
from minigrad.testing import assert_close

DATA = [[1.0, -2.0], [3.5, 4.0]]


@pytest.mark.parametrize("convert", [torch.as_tensor, torch.tensor, torch.from_dlpack])
@pytest.mark.parametrize(
    "dtype", ["float32", "float64", "int64", "int32", "uint8", "bool"]
)
def test_torch_reads_a_minigrad_tensor_as_it_reads_an_ndarray(convert, dtype):
    array = np.array(DATA).astype(dtype)
    got, want = convert(minigrad.from_numpy(array)), convert(array)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert torch.equal(got, want)


@pytest.mark.parametrize("convert", [torch.as_tensor, torch.from_dlpack])
def test_as_tensor_and_dlpack_share_memory_as_for_an_ndarray(convert):
    m = minigrad.tensor(DATA)
    t = convert(m)
    t[0, 0] = 9.0
    assert m[0, 0].item() == 9.0
    copied = torch.tensor(m)
    copied[0, 0] = -1.0
    assert m[0, 0].item() == 9.0


def test_zero_dim_and_empty_tensors_convert():
    for data in (3.0, [], [[]]):
        m, a = minigrad.tensor(data), np.array(data, dtype=np.float32)
        for convert in (torch.as_tensor, torch.tensor):
            assert torch.equal(convert(m), convert(a))


def test_a_tensor_requiring_grad_is_refused_as_torch_refuses_it():
    m = minigrad.ones(2, requires_grad=True)
    t = torch.ones(2, requires_grad=True)
    for fn in (lambda x: x.__dlpack__(), lambda x: np.asarray(x)):
        caught = []
        for x in (m, t):
            with pytest.raises(Exception) as error:
                fn(x)
            caught.append((type(error.value), str(error.value)))
        assert caught[0] == caught[1]


def test_array_follows_numpy_2_copy_keyword():
    m = minigrad.tensor(DATA)
    assert np.shares_memory(np.asarray(m), m.numpy())
    assert np.shares_memory(np.array(m, copy=False), m.numpy())
    assert not np.shares_memory(np.array(m), m.numpy())
    assert not np.shares_memory(np.array(m, copy=True), m.numpy())
    assert np.asarray(m, dtype=np.float64).dtype == np.float64
    array = np.array(DATA, dtype=np.float32)
    for x in (m, array):
        with pytest.raises(ValueError, match="Unable to avoid copy"):
            np.array(x, dtype=np.float64, copy=False)


def test_dlpack_device_is_the_cpu():
    assert minigrad.tensor(DATA).__dlpack_device__() == np.ones(1).__dlpack_device__()


def test_from_torch_copies_and_keeps_requires_grad():
    t = torch.tensor(DATA, requires_grad=True)
    m = minigrad.from_torch(t)
    assert m.requires_grad and m.is_leaf and m.dtype == minigrad.float32
    assert_close(m, t)
    with torch.no_grad():
        t[0, 0] = 7.0
    assert m[0, 0].item() == 1.0
    assert not minigrad.from_torch(torch.arange(3)).requires_grad
    assert minigrad.from_torch(torch.arange(3)).dtype == minigrad.int64


def test_from_torch_reads_views_and_negated_views():
    t = torch.arange(6.0).reshape(2, 3).t()
    assert_close(minigrad.from_torch(t), t)
    assert_close(minigrad.from_torch(t.neg()), t.neg())


def test_from_torch_refuses_what_minigrad_cannot_hold():
    with pytest.raises(TypeError, match="float16"):
        minigrad.from_torch(torch.ones(2, dtype=torch.float16))
    with pytest.raises(TypeError, match="must be a torch.Tensor, not list"):
        minigrad.from_torch([1.0])


def test_to_torch_copies_and_keeps_requires_grad():
    m = minigrad.tensor(DATA, requires_grad=True)
    t = m.to_torch()
    assert isinstance(t, torch.Tensor) and t.requires_grad and t.is_leaf
    assert t.dtype == torch.float32
    assert_close(t, m)
    with torch.no_grad():
        t[0, 0] = 7.0
    assert m[0, 0].item() == 1.0
    for dtype in (minigrad.int64, minigrad.bool, minigrad.float64, minigrad.uint8):
        x = minigrad.tensor([1, 0], dtype=dtype)
        assert str(x.to_torch().dtype) == str(dtype).replace("minigrad", "torch")


def test_round_trip_is_exact():
    t = torch.randn(3, 4, dtype=torch.float64)
    assert torch.equal(minigrad.from_torch(t).to_torch(), t)
