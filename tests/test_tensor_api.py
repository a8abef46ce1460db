"""Tensor API against torch: factories, dtypes, conversions, .data/.grad, setitem,
in-place rules, comparisons, Size, and the idioms the course relies on."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from tests import strategies as S
from tests.parity import assert_parity, assert_same, assert_same_error, to_numpy
from tests.python_run import python


def same_python(fn):
    """fn(lib) gives equal Python values of the same types under both libraries."""
    a, e = fn(minigrad), fn(torch)
    assert _typed(a) == _typed(e), f"minigrad gives {a!r}, torch gives {e!r}"


def _typed(v):
    if isinstance(v, (list, tuple)):
        return type(v).__name__, [_typed(x) for x in v]
    return type(v).__name__, v


def tensors_of(fn):
    """fn(lib) under both libraries, compared as tensors (shape, dtype, values)."""
    assert_parity(fn, grad=False)


# --- factories ------------------------------------------------------------------------

FACTORIES = [
    ("zeros_varargs", lambda m: m.zeros(2, 3)),
    ("zeros_tuple", lambda m: m.zeros((2, 3))),
    ("zeros_list", lambda m: m.zeros([2, 3])),
    ("zeros_size", lambda m: m.zeros(m.ones(2, 3).size())),
    ("zeros_empty_shape", lambda m: m.zeros(())),
    ("zeros_size_0", lambda m: m.zeros(0, 3)),
    ("zeros_dtype", lambda m: m.zeros(2, dtype=m.float64)),
    ("zeros_int", lambda m: m.zeros(2, dtype=m.int64)),
    ("ones", lambda m: m.ones(3, 1)),
    ("ones_bool", lambda m: m.ones(2, dtype=m.bool)),
    ("full_float", lambda m: m.full((2, 2), 1.5)),
    ("full_int", lambda m: m.full((2,), 3)),
    ("full_bool", lambda m: m.full((2,), True)),
    ("full_dtype", lambda m: m.full((2,), 3, dtype=m.float64)),
    ("zeros_like", lambda m: m.zeros_like(m.ones(2, 3, dtype=m.float64))),
    ("zeros_like_int", lambda m: m.zeros_like(m.tensor([1, 2]))),
    ("ones_like_dtype", lambda m: m.ones_like(m.tensor([1, 2]), dtype=m.float32)),
    ("full_like", lambda m: m.full_like(m.tensor([1.0, 2.0]), 7.0)),
    ("full_like_int_truncates", lambda m: m.full_like(m.tensor([1, 2]), 2.7)),
    ("arange_int", lambda m: m.arange(5)),
    ("arange_start_end", lambda m: m.arange(2, 7)),
    ("arange_step", lambda m: m.arange(1, 10, 3)),
    ("arange_negative_step", lambda m: m.arange(5, 0, -2)),
    ("arange_float_end", lambda m: m.arange(5.0)),
    ("arange_float_step", lambda m: m.arange(0, 1, 0.25)),
    ("arange_dtype", lambda m: m.arange(1, 4, dtype=m.float64)),
    ("arange_empty", lambda m: m.arange(3, 3)),
    ("linspace", lambda m: m.linspace(0, 1, 5)),
    ("linspace_negative", lambda m: m.linspace(-3, 2, 7)),
    ("linspace_one", lambda m: m.linspace(2, 5, 1)),
    ("linspace_float64", lambda m: m.linspace(0, 1, 4, dtype=m.float64)),
    ("eye", lambda m: m.eye(3)),
    ("eye_rect", lambda m: m.eye(2, 4)),
    ("eye_dtype", lambda m: m.eye(2, dtype=m.int64)),
]


@pytest.mark.parametrize("name,fn", FACTORIES, ids=[c[0] for c in FACTORIES])
def test_factory(name, fn):
    tensors_of(fn)


@pytest.mark.parametrize(
    "fn",
    [
        lambda m: m.empty(2, 3),
        lambda m: m.empty((4,), dtype=m.float64),
        lambda m: m.empty(0),
        lambda m: m.empty(2, dtype=m.int64),
    ],
    ids=["varargs", "tuple_dtype", "size_0", "int64"],
)
def test_empty_shape_and_dtype(fn):
    a, e = fn(minigrad), fn(torch)
    assert tuple(a.shape) == tuple(e.shape)
    assert str(a.dtype).split(".")[-1] == str(e.dtype).split(".")[-1]


@pytest.mark.parametrize(
    "fn",
    [
        lambda m: m.zeros(2, requires_grad=True),
        lambda m: m.ones(2, 2, requires_grad=True),
        lambda m: m.full((2,), 1.5, requires_grad=True),
        lambda m: m.arange(3.0, requires_grad=True),
        lambda m: m.linspace(0, 1, 3, requires_grad=True),
        lambda m: m.eye(2, requires_grad=True),
        lambda m: m.zeros_like(m.ones(2), requires_grad=True),
        lambda m: m.tensor([1.0, 2.0], requires_grad=True),
    ],
    ids=["zeros", "ones", "full", "arange", "linspace", "eye", "zeros_like", "tensor"],
)
def test_factory_requires_grad_leaf(fn):
    for lib in (minigrad, torch):
        t = fn(lib)
        assert t.requires_grad and t.is_leaf and t.grad_fn is None and t.grad is None


# NOTE: exact (rtol=atol=0): torch computes float steps in double, then casts; the
# values must land on the same side of thresholds as torch's.
@pytest.mark.parametrize(
    "args", [(-1, 1, 0.1), (0, 1, 0.1), (-2, 2, 0.3), (0.5, 3, 0.7), (1, -1, -0.1)]
)
def test_arange_float_step_bitwise(args):
    a, e = minigrad.arange(*args), torch.arange(*args)
    assert_same(a, e, "arange", rtol=0, atol=0)
    assert (a > 0).tolist() == (e > 0).tolist()


@given(start=st.integers(-20, 20), length=st.integers(0, 12), step=st.integers(1, 5))
def test_arange_drawn(start, length, step):
    tensors_of(lambda m: m.arange(start, start + length, step))
    tensors_of(lambda m: m.linspace(start, start + length, length + 1))


def test_from_numpy_shares_memory_and_keeps_dtype():
    for np_dtype in (np.float32, np.float64, np.int64, np.int32, np.uint8, np.bool_):
        a = np.arange(6).reshape(2, 3).astype(np_dtype)
        assert_same(minigrad.from_numpy(a), torch.from_numpy(a.copy()), "from_numpy")
    a = np.zeros(3, np.float32)
    t = minigrad.from_numpy(a)
    a[0] = 5.0
    t[1] = 7.0
    assert t.tolist() == [5.0, 7.0, 0.0] and a.tolist() == [5.0, 7.0, 0.0]


# --- tensor(): dtype inference --------------------------------------------------------

TENSOR_DATA = [
    ("ints", [1, 2, 3]),
    ("floats", [1.0, 2.5]),
    ("mixed", [[1, 2.5], [3, 4]]),
    ("bools", [True, False]),
    ("bool_and_int", [True, 2]),
    ("bool_and_float", [True, 2.5]),
    ("scalar_int", 3),
    ("scalar_float", 2.5),
    ("scalar_bool", True),
    ("nested_3d", [[[1.0], [2.0]], [[3.0], [4.0]]]),
    ("empty_list", []),
    ("empty_nested", [[], []]),
    ("np_float64", np.array([1.0, 2.0])),
    ("np_float32", np.array([1.0, 2.0], np.float32)),
    ("np_int32", np.array([1, 2], np.int32)),
    ("np_uint8", np.array([1, 255], np.uint8)),
    ("np_bool", np.array([True, False])),
    ("np_0d", np.array(2.5)),
    ("np_float64_scalar", np.float64(2.0)),
    ("np_int64_scalar", np.int64(2)),
    ("list_of_np_float64", [np.float64(1.0), np.float64(2.0)]),
    ("list_of_np_arrays", [np.array([1.0, 2.0]), np.array([3.0, 4.0])]),
]


@pytest.mark.parametrize("name,data", TENSOR_DATA, ids=[c[0] for c in TENSOR_DATA])
def test_tensor_infers_dtype(name, data):
    tensors_of(lambda m: m.tensor(data))


@pytest.mark.parametrize(
    "fn",
    [
        lambda m: m.tensor([1, 2], dtype=m.float32),
        lambda m: m.tensor([1.7, -2.7], dtype=m.int64),
        lambda m: m.tensor([1.5, 2], dtype=m.float64),
        lambda m: m.tensor(np.array([1.5, 2.5]), dtype=m.float32),
        lambda m: m.tensor([0, 3], dtype=m.bool),
        lambda m: m.tensor([1, 2], dtype=m.uint8),
        lambda m: m.tensor(m.tensor([1, 2]).tolist()),
        lambda m: m.tensor(2, dtype=m.float64),
    ],
    ids=[
        "int_to_f32",
        "float_to_i64",
        "mixed_f64",
        "np_to_f32",
        "to_bool",
        "uint8",
        "roundtrip",
        "scalar",
    ],
)
def test_tensor_with_dtype(fn):
    tensors_of(fn)


def test_tensor_copies_its_data():
    a = np.zeros(2, np.float32)
    t = minigrad.tensor(a)
    a[0] = 1.0
    assert t.tolist() == [0.0, 0.0]


def test_set_default_dtype_changes_inference():
    try:
        minigrad.set_default_dtype(minigrad.float64)
        torch.set_default_dtype(torch.float64)
        for fn in (
            lambda m: m.tensor([1.5]),
            lambda m: m.tensor([1, 2.5]),
            lambda m: m.zeros(2),
            lambda m: m.arange(0, 1, 0.25),
            lambda m: m.tensor([1, 2]) * 1.5,
            lambda m: m.tensor([1, 2]) / 2,
        ):
            tensors_of(fn)
        same_python(lambda m: str(m.get_default_dtype()).split(".")[-1])
    finally:
        minigrad.set_default_dtype(minigrad.float32)
        torch.set_default_dtype(torch.float32)
    assert minigrad.get_default_dtype() is minigrad.float32


def test_dtype_aliases():
    m = minigrad
    assert m.float is m.float32 and m.double is m.float64 and m.long is m.int64
    assert m.uint8.is_floating_point is False and m.float64.is_floating_point
    same_python(lambda m: [m.float32 == m.float, m.float64 == m.double])
    same_python(
        lambda m: [
            str(d).split(".")[-1]
            for d in (m.float, m.double, m.long, m.uint8, m.bool, m.int32)
        ]
    )
    same_python(lambda m: m.ones(2).dtype == m.float32)


# --- conversions: item, tolist, numpy, __array__, dunders -----------------------------

CONVERSIONS = [
    ("item_float", lambda m: m.tensor(2.5).item()),
    ("item_one_element", lambda m: m.tensor([[1.5]]).item()),
    ("item_int", lambda m: m.tensor([7]).item()),
    ("item_bool", lambda m: m.tensor(True).item()),
    ("item_float64", lambda m: m.tensor(0.1, dtype=m.float64).item()),
    ("item_float32_rounded", lambda m: m.tensor(0.1).item()),
    ("item_requires_grad", lambda m: m.tensor(1.5, requires_grad=True).item()),
    ("tolist_2d", lambda m: m.tensor([[1.0, 2.0], [3.0, 4.0]]).tolist()),
    ("tolist_int", lambda m: m.tensor([1, 2]).tolist()),
    ("tolist_bool", lambda m: (m.tensor([1, 2]) > 1).tolist()),
    ("tolist_0d", lambda m: m.tensor(3.5).tolist()),
    ("tolist_requires_grad", lambda m: m.ones(2, requires_grad=True).tolist()),
    ("float", lambda m: float(m.tensor([2.5]))),
    ("int", lambda m: int(m.tensor(2.7))),
    ("int_negative", lambda m: int(m.tensor(-2.7))),
    ("bool_true", lambda m: bool(m.tensor([3.0]))),
    ("bool_false", lambda m: bool(m.tensor(0))),
    ("len", lambda m: len(m.zeros(4, 2))),
    ("iter_rows", lambda m: [r.tolist() for r in m.tensor([[1, 2], [3, 4]])]),
    ("iter_1d", lambda m: [type(v).__name__ for v in m.tensor([1.0, 2.0])]),
    ("numel", lambda m: m.zeros(2, 3, 4).numel()),
    ("dim", lambda m: [m.zeros(2, 3).dim(), m.zeros(()).ndim]),
    ("size_int", lambda m: [m.zeros(2, 3).size(1), m.zeros(2, 3).size(-1)]),
    ("shape_tuple", lambda m: tuple(m.zeros(2, 3).shape)),
    ("size_eq_shape", lambda m: m.zeros(2, 3).size() == m.zeros(2, 3).shape),
    ("size_eq_tuple", lambda m: m.zeros(2, 3).shape == (2, 3)),
    ("size_numel", lambda m: m.zeros(2, 3).shape.numel()),
    ("size_index", lambda m: [m.zeros(2, 3).shape[0], list(m.zeros(2, 3).shape[1:])]),
    ("is_tensor", lambda m: [m.is_tensor(m.ones(1)), m.is_tensor(1.0)]),
    (
        "is_leaf",
        lambda m: [m.ones(1).is_leaf, (m.ones(1, requires_grad=True) * 2).is_leaf],
    ),
    (
        "allclose",
        lambda m: [
            m.allclose(m.tensor([1.0]), m.tensor([1.0 + 1e-9])),
            m.allclose(m.tensor([1.0]), m.tensor([1.1])),
        ],
    ),
    (
        "equal",
        lambda m: [
            m.equal(m.tensor([1, 2]), m.tensor([1, 2])),
            m.equal(m.tensor([1, 2]), m.tensor([1, 3])),
            m.equal(m.tensor([1, 2]), m.tensor([1, 2, 3])),
        ],
    ),
]


@pytest.mark.parametrize("name,fn", CONVERSIONS, ids=[c[0] for c in CONVERSIONS])
def test_conversion(name, fn):
    same_python(fn)


def test_size_is_a_tuple_subclass():
    s = minigrad.zeros(2, 3).shape
    assert isinstance(s, tuple) and isinstance(s, minigrad.Size)
    assert isinstance(minigrad.zeros(2, 3).size(), minigrad.Size)
    assert repr(s) == repr(torch.zeros(2, 3).shape).replace("torch", "minigrad")
    assert minigrad.Size([2, 3]) == (2, 3)


def test_numpy_shares_memory():
    t = minigrad.zeros(3)
    a = t.numpy()
    a[0] = 4.0
    assert t.tolist() == [4.0, 0.0, 0.0]
    assert isinstance(a, np.ndarray) and a.dtype == np.float32


def test_numpy_interop():
    t = minigrad.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert np.asarray(t).tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert np.asarray(t).dtype == np.float32
    assert np.asarray(t, dtype=np.float64).dtype == np.float64
    assert (np.array(t.detach()) == t.numpy()).all()


# NOTE: torch 2.13's own Tensor.__array__ takes no `copy` keyword, so NumPy 2 warns
# (DeprecationWarning) when it calls it; minigrad's takes it.
@pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy")
@pytest.mark.parametrize(
    "fn",
    [lambda m, t: t.numpy(), lambda m, t: np.asarray(t), lambda m, t: np.array(t)],
    ids=["numpy", "asarray", "array"],
)
def test_numpy_refuses_tensor_requiring_grad(fn):
    for lib in (minigrad, torch):
        with pytest.raises(RuntimeError, match="requires grad"):
            fn(lib, lib.ones(2, requires_grad=True))


# --- type conversions -----------------------------------------------------------------

CASTS = [
    ("float", lambda m, x: x.float()),
    ("double", lambda m, x: x.double()),
    ("long", lambda m, x: x.long()),
    ("to_float64", lambda m, x: x.to(m.float64)),
    ("to_dtype_kw", lambda m, x: x.to(dtype=m.float64)),
    ("to_int64", lambda m, x: x.to(m.int64)),
    ("to_same", lambda m, x: x.to(m.float32)),
    ("to_bool", lambda m, x: x.to(m.bool)),
    ("type_dtype", lambda m, x: x.type(m.float64)),
    ("type_byte_tensor", lambda m, x: x.abs().type(m.ByteTensor)),
    ("double_then_op", lambda m, x: x.double() * 2),
    ("float_of_double", lambda m, x: x.double().float().sigmoid()),
]


@pytest.mark.parametrize("name,fn", CASTS, ids=[c[0] for c in CASTS])
@given(data=st.data())
def test_cast(name, fn, data):
    assert_parity(fn, data.draw(S.arrays(np.float32, S.shapes(), elements=S.grid(1))))


@pytest.mark.parametrize(
    "fn",
    [
        lambda m, x: x.float(),
        lambda m, x: x.to(m.float32),
        lambda m, x: x.type(m.float32),
    ],
    ids=["float", "to", "type"],
)
def test_cast_to_own_dtype_returns_self(fn):
    for lib in (minigrad, torch):
        x = lib.ones(2, requires_grad=True)
        assert fn(lib, x) is x


def test_type_string_of_tensor():
    for name in ("float32", "float64", "int64", "uint8", "bool"):
        expected = torch.ones(1, dtype=getattr(torch, name)).type()
        actual = minigrad.ones(1, dtype=getattr(minigrad, name)).type()
        assert actual.split(".")[-1] == expected.split(".")[-1]


# --- .data, .grad, detach -------------------------------------------------------------


def test_data_is_a_view_without_grad():
    for lib in (minigrad, torch):
        w = lib.tensor([1.0, 2.0], requires_grad=True)
        d = w.data
        assert not d.requires_grad and d.is_leaf and d.grad_fn is None
        d[0] = 5.0
        assert w.tolist() == [5.0, 2.0]


def test_data_assignment_and_manual_sgd_step():
    """The course's loop: w.data = w.data - lr * w.grad.data; w.grad.data.zero_()."""
    results = {}
    for lib in (minigrad, torch):
        w = lib.tensor([1.0, -2.0], requires_grad=True)
        x = lib.tensor([[1.0, 2.0], [3.0, -1.0]])
        y = lib.tensor([1.0, 0.0])
        for _ in range(3):
            loss = ((x @ w - y) ** 2).mean()
            loss.backward()
            w.data = w.data - 0.1 * w.grad.data
            w.grad.data.zero_()
        assert w.requires_grad and w.is_leaf
        results[lib.__name__] = (w.detach(), w.grad, loss.detach())
    for a, e in zip(results["minigrad"], results["torch"], strict=True):
        assert_same(a, e, "sgd step")


def test_grad_assignment_and_reset():
    for lib in (minigrad, torch):
        w = lib.ones(2, requires_grad=True)
        (w * 3).sum().backward()
        assert w.grad.tolist() == [3.0, 3.0]
        w.grad = None
        (w * 2).sum().backward()
        assert w.grad.tolist() == [2.0, 2.0]
        w.grad = lib.zeros(2)
        (w * 2).sum().backward()
        assert w.grad.tolist() == [2.0, 2.0]


def test_detach_shares_storage_and_cuts_the_graph():
    for lib in (minigrad, torch):
        x = lib.ones(2, requires_grad=True)
        y = x * 2
        d = y.detach()
        assert not d.requires_grad and d.grad_fn is None and d.is_leaf
        d[0] = 7.0  # NOTE: torch: detach() shares storage with y
        assert y.tolist() == [7.0, 2.0]


def test_requires_grad_():
    for lib in (minigrad, torch):
        x = lib.ones(2)
        assert x.requires_grad_() is x and x.requires_grad and x.is_leaf
        assert not x.requires_grad_(False).requires_grad


def test_clone_is_a_copy_in_the_graph():
    assert_parity(lambda m, x: x.clone() * 2, np.array([1.0, 2.0], np.float32))
    for lib in (minigrad, torch):
        x = lib.zeros(2)
        c = x.clone()
        c[0] = 1.0
        assert x.tolist() == [0.0, 0.0]


# --- __setitem__ ----------------------------------------------------------------------

SETITEM = [
    ("scalar_int_index", lambda m, x: x.__setitem__(0, 5.0)),
    ("scalar_into_slice", lambda m, x: x.__setitem__(slice(1, 3), -1.0)),
    ("int_scalar_into_float", lambda m, x: x.__setitem__((0, 1), 2)),
    (
        "column",
        lambda m, x: x.__setitem__((slice(None), 0), m.tensor([1.0, 2.0, 3.0, 4.0])),
    ),
    (
        "column_from_int_tensor",
        lambda m, x: x.__setitem__((slice(None), 1), m.tensor([1, 2, 3, 4])),
    ),
    (
        "row_float64_value",
        lambda m, x: x.__setitem__(1, m.tensor([9.0, 8.0, 7.0], dtype=m.float64)),
    ),
    ("bool_mask", lambda m, x: x.__setitem__(x > 0, 0.0)),
    ("bool_mask_tensor_value", lambda m, x: x.__setitem__(x > 0, x[x > 0] * 10)),
    ("leading_size_1_value", lambda m, x: x.__setitem__(slice(0, 2), m.ones(1, 2, 3))),
    (
        "broadcast_row",
        lambda m, x: x.__setitem__(slice(None), m.tensor([1.0, 2.0, 3.0])),
    ),
    ("ellipsis", lambda m, x: x.__setitem__(Ellipsis, 3.0)),
    ("int_tensor_index", lambda m, x: x.__setitem__(m.tensor([0, 2]), 1.5)),
    ("step_slice", lambda m, x: x.__setitem__((slice(None, None, 2), 2), -3.0)),
    ("zero_dim_tensor_value", lambda m, x: x.__setitem__((1, 1), m.tensor(4.0))),
]


@pytest.mark.parametrize("name,fn", SETITEM, ids=[c[0] for c in SETITEM])
@given(data=st.data())
def test_setitem(name, fn, data):
    x = data.draw(S.arrays(np.float32, (4, 3)))

    def run(m, x):
        y = x.clone()
        fn(m, y)
        return y

    assert_parity(run, x, grad=False)


def test_setitem_on_int_tensor_truncates_float_value():
    def run(m):
        y = m.zeros(3, dtype=m.int64)
        y[0] = 2.7
        y[1:] = m.tensor([1.9, -1.9])
        return y

    tensors_of(run)


def test_setitem_under_no_grad_on_leaf():
    for lib in (minigrad, torch):
        w = lib.zeros(3, requires_grad=True)
        with lib.no_grad():
            w[1] = 2.0
        assert w.requires_grad and w.is_leaf and w.grad_fn is None
        assert w.detach().tolist() == [0.0, 2.0, 0.0]


def test_state_dict_style_write_through_a_view():
    for lib in (minigrad, torch):
        w = lib.zeros(2, 3)
        w.data[0] = -15
        view = w.view(-1)
        view[1] = 4.0
        assert w.tolist() == [[-15.0, 4.0, -15.0], [0.0, 0.0, 0.0]]


# --- in-place ops ---------------------------------------------------------------------

INPLACE = [
    ("add_", lambda m, x: x.add_(2.0)),
    ("add_tensor", lambda m, x: x.add_(m.ones(3))),
    ("add_alpha", lambda m, x: x.add_(m.ones(3), alpha=-0.5)),
    ("sub_", lambda m, x: x.sub_(1.5)),
    ("sub_tensor", lambda m, x: x.sub_(m.tensor([1.0, 2.0, 3.0]))),
    ("mul_", lambda m, x: x.mul_(3.0)),
    (
        "mul_tensor_broadcast",
        lambda m, x: x.mul_(m.tensor([[2.0], [3.0], [4.0], [5.0]])),
    ),
    ("div_", lambda m, x: x.div_(4.0)),
    ("zero_", lambda m, x: x.zero_()),
    ("fill_", lambda m, x: x.fill_(1.25)),
    ("fill_tensor", lambda m, x: x.fill_(m.tensor(2.0))),
    ("copy_", lambda m, x: x.copy_(m.arange(12.0).view(4, 3))),
    ("copy_broadcast_and_cast", lambda m, x: x.copy_(m.tensor([1, 2, 3]))),
    ("clamp_", lambda m, x: x.clamp_(-1.0, 1.0)),
    ("clamp_min", lambda m, x: x.clamp_(min=0.0)),
    ("chain", lambda m, x: x.mul_(2).add_(1).clamp_(max=3.0)),
]


@pytest.mark.parametrize("name,fn", INPLACE, ids=[c[0] for c in INPLACE])
@given(data=st.data())
def test_inplace(name, fn, data):
    x = data.draw(S.arrays(np.float32, (4, 3), elements=S.grid(1)))

    def run(m, x):
        y = x.clone()
        out = fn(m, y)
        assert out is y, "in-place ops return self"
        return y

    assert_parity(run, x, grad=False)


def test_inplace_on_a_view_changes_the_base():
    for lib in (minigrad, torch):
        x = lib.zeros(2, 3)
        x[0].add_(1.0)
        x[:, 1].mul_(0.0).add_(5.0)
        x.view(-1)[5:].fill_(-1.0)
        assert x.tolist() == [[1.0, 5.0, 1.0], [0.0, 5.0, -1.0]]


@pytest.mark.parametrize(
    "fn",
    [
        lambda m, w: w.add_(1.0),
        lambda m, w: w.sub_(1.0),
        lambda m, w: w.mul_(2.0),
        lambda m, w: w.div_(2.0),
        lambda m, w: w.zero_(),
        lambda m, w: w.fill_(1.0),
        lambda m, w: w.copy_(m.ones(2)),
        lambda m, w: w.clamp_(0.0, 1.0),
        lambda m, w: w.uniform_(),
        lambda m, w: w.normal_(),
        lambda m, w: w.__setitem__(0, 1.0),
    ],
    ids=[
        "add_",
        "sub_",
        "mul_",
        "div_",
        "zero_",
        "fill_",
        "copy_",
        "clamp_",
        "uniform_",
        "normal_",
        "setitem",
    ],
)
def test_inplace_on_leaf_requiring_grad(fn):
    """Raises RuntimeError outside no_grad; works under no_grad (as torch)."""
    for lib in (minigrad, torch):
        w = lib.zeros(2, requires_grad=True)
        with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
            fn(lib, w)
        with lib.no_grad():
            fn(lib, w)
        assert w.requires_grad and w.is_leaf and w.grad_fn is None


def test_inplace_under_no_grad_then_backward():
    """The manual SGD idiom: update under no_grad, then the next backward is clean."""
    results = {}
    for lib in (minigrad, torch):
        w = lib.tensor([0.5, -1.0], requires_grad=True)
        for _ in range(3):
            (w * w * lib.tensor([1.0, 3.0])).sum().backward()
            with lib.no_grad():
                w.sub_(0.1 * w.grad)
                w.grad.zero_()
        results[lib.__name__] = w.detach()
    assert_same(results["minigrad"], results["torch"], "weights")


# --- comparisons ----------------------------------------------------------------------

COMPARE = [
    ("lt", lambda m, x, y: x < y),
    ("le", lambda m, x, y: x <= y),
    ("gt", lambda m, x, y: x > y),
    ("ge", lambda m, x, y: x >= y),
    ("eq", lambda m, x, y: x == y),
    ("ne", lambda m, x, y: x != y),
    ("gt_scalar", lambda m, x, y: x > 0.125),
    ("le_int_scalar", lambda m, x, y: x <= 1),
    ("reflected", lambda m, x, y: 0.375 < x),
    ("eq_scalar", lambda m, x, y: x == 0.125),
]


@pytest.mark.parametrize("name,fn", COMPARE, ids=[c[0] for c in COMPARE])
@given(data=st.data())
def test_comparison(name, fn, data):
    sx, sy = data.draw(S.broadcastable_shapes(2))
    x = data.draw(S.arrays(np.float32, sx, elements=S.grid(1, -4, 4)))
    y = data.draw(S.arrays(np.float64, sy, elements=S.grid(1, -4, 4)))
    assert_parity(fn, x, y)


@pytest.mark.parametrize(
    "fn",
    [
        lambda m: m.tensor([0.1, 0.2, 0.3]) == 0.1,
        lambda m: m.tensor([0.1, 0.2, 0.3]) > 0.3,
        lambda m: m.tensor([0.1, 0.7]) >= 0.7,
        lambda m: m.arange(-1, 1, 0.1) > 0,
        lambda m: m.arange(-1, 1, 0.1) <= -0.5,
        lambda m: m.tensor([1, 2, 3]) > 1.5,
        lambda m: m.tensor([1, 2, 3]) == m.tensor([1.0, 2.5, 3.0]),
        lambda m: m.tensor([True, False]) == m.tensor([1, 0]),
        lambda m: m.tensor([0.1], dtype=m.float64) == m.tensor([0.1]),
    ],
    ids=[
        "eq_float32",
        "gt_float32",
        "ge_float32",
        "arange_gt",
        "arange_le",
        "int_vs_float",
        "int_vs_float_tensor",
        "bool_vs_int",
        "f64_vs_f32",
    ],
)
def test_comparison_precision(fn):
    """A float32 tensor against a Python float compares in float32, as torch."""
    tensors_of(fn)


# --- course idioms --------------------------------------------------------------------


def test_submodules_reachable_as_attributes():
    import minigrad as m

    for name in ("nn", "optim", "utils", "autograd"):
        assert hasattr(m, name), name
    assert hasattr(m.utils, "data") and hasattr(m.nn, "functional")


def test_randn_accepts_sizes_like_torch():
    for lib in (minigrad, torch):
        x = lib.ones(5, 2)
        for t in (
            lib.randn((5, 1)),
            lib.randn(x.size()),
            lib.rand(5, 1),
            lib.randn([5]),
        ):
            assert isinstance(t.shape, tuple) and t.dtype == lib.float32
        assert tuple(lib.randn(x.size()).shape) == (5, 2)


def test_view_of_a_column_slice():
    tensors_of(lambda m: m.arange(12.0).view(4, 3)[:, 1].view(-1, 1))
    tensors_of(lambda m: m.arange(12.0).view(4, 3)[:, 1:2].view(-1))


def test_reshape_of_a_column_slice_copies():
    tensors_of(lambda m: m.arange(12.0).view(4, 3)[:, 0].reshape(2, 2))


def test_iterating_yields_rows_that_are_views():
    for lib in (minigrad, torch):
        x = lib.zeros(2, 2)
        for row in x:
            row[0] = 1.0
        assert x.tolist() == [[1.0, 0.0], [1.0, 0.0]]


@given(data=st.data())
def test_numpy_roundtrip(data):
    a = data.draw(S.arrays(np.float64, S.shapes()))
    t = minigrad.tensor(a)
    assert to_numpy(t).dtype == a.dtype and (to_numpy(t) == a).all()
    assert np.array_equal(np.array(t.tolist(), dtype=a.dtype).reshape(a.shape), a)


def test_size_slices_and_sums_are_sizes_as_torch():
    import torch

    for lib in (minigrad, torch):
        s = lib.Size([1, 2, 3])
        assert type(s[1:]) is lib.Size and type(s + (4,)) is lib.Size
        assert type((4,) + s) is lib.Size and type(s * 2) is lib.Size
        assert type(s[0]) is int
    assert repr(minigrad.Size([1, 2, 3])[1:]) == "minigrad.Size([2, 3])"


_SCALAR_WARNINGS = """
import sys, warnings
lib = __import__(sys.argv[-1])
warnings.simplefilter("always")
x = lib.ones(1, requires_grad=True)
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    x.item(); int(x); bool(x)
    with lib.no_grad():
        float(x)
    float(x.detach())
    float(x * 2)
    float(x)
print([str(w.message).split(" (Triggered")[0] for w in seen])
"""


def test_float_of_a_tensor_that_requires_grad_warns_once_per_process_as_torch():
    runs = [
        python(_SCALAR_WARNINGS.replace("sys.argv[-1]", repr(name)))
        for name in ("torch", "minigrad")
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[1].stderr
    assert runs[1].stdout == runs[0].stdout
    assert "scalar" in runs[0].stdout  # the check compares something


@pytest.mark.parametrize(
    "b,words",
    [(np.ones(2), ("Float", "Double")), (np.ones(3, np.float32), ("size", "match"))],
    ids=["dtypes", "sizes"],
)
def test_allclose_refuses_what_isclose_refuses(b, words):
    a = np.ones(2, np.float32)
    assert_same_error(lambda lib, x, y: lib.allclose(x, y), *words, arrays=[a, b])
