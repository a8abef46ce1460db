"""Bad input raises torch's exception class, with words that name the problem."""

import numpy as np
import pytest

from tests.parity import assert_same_error


def _backward_twice(m):
    y = (m.ones(2, requires_grad=True) ** 2).sum()
    y.backward()
    y.backward()


def _function_returning_too_few_grads(m):
    class Pair(m.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            return x * y

        @staticmethod
        def backward(ctx, grad):
            return grad

    Pair.apply(
        m.ones(2, requires_grad=True), m.ones(2, requires_grad=True)
    ).sum().backward()


# (id, fn(lib), words every message must contain). The exception class is torch's.
ERRORS = [
    # shapes
    (
        "add_shape",
        lambda m: m.ones(2, 3) + m.ones(4),
        ["size of tensor a (3)", "(4)", "dimension 1"],
    ),
    ("mul_shape", lambda m: m.ones(2, 3) * m.ones(2), ["(3)", "(2)", "dimension 1"]),
    ("maximum_shape", lambda m: m.maximum(m.ones(2), m.ones(3)), ["must match"]),
    (
        "where_shape",
        lambda m: m.where(m.ones(2) > 0, m.ones(3), m.ones(2)),
        ["size", "3"],
    ),
    (
        "matmul_shape",
        lambda m: m.ones(2, 3) @ m.ones(2, 3),
        ["cannot be multiplied", "2x3 and 2x3"],
    ),
    (
        "matmul_vectors",
        lambda m: m.ones(3) @ m.ones(4),
        ["inconsistent tensor size", "3", "4"],
    ),
    ("matmul_0d", lambda m: m.tensor(1.0) @ m.ones(3), ["at least 1D", "0D"]),
    (
        "matmul_batch",
        lambda m: m.ones(2, 2, 3) @ m.ones(3, 3, 4),
        ["must match", "(2)", "(3)"],
    ),
    (
        "mm_shape",
        lambda m: m.mm(m.ones(2, 3), m.ones(2, 3)),
        ["cannot be multiplied", "2x3 and 2x3"],
    ),
    ("mm_vector", lambda m: m.mm(m.ones(3), m.ones(3, 2)), ["must be a matrix"]),
    (
        "mm_dtype",
        lambda m: m.mm(m.ones(2, 2), m.ones(2, 2, dtype=m.float64)),
        ["same dtype"],
    ),
    (
        "matmul_dtype",
        lambda m: m.ones(2, 2) @ m.ones(2, dtype=m.float64),
        ["same dtype"],
    ),
    (
        "cat_shape",
        lambda m: m.cat([m.ones(2, 3), m.ones(2, 4)]),
        ["Sizes of tensors must match", "Expected size 3 but got size 4"],
    ),
    (
        "cat_ndim",
        lambda m: m.cat([m.ones(2, 3), m.ones(3)]),
        ["same number of dimensions", "2 and 1"],
    ),
    ("cat_nothing", lambda m: m.cat([]), ["non-empty"]),
    (
        "stack_shape",
        lambda m: m.stack([m.ones(2), m.ones(3)]),
        ["equal size", "[2]", "[3]"],
    ),
    ("stack_nothing", lambda m: m.stack([]), ["non-empty"]),
    ("view_after_transpose", lambda m: m.ones(2, 3).t().view(-1), ["view", "reshape"]),
    (
        "view_numel",
        lambda m: m.ones(2, 3).view(4),
        ["shape '[4]' is invalid for input of size 6"],
    ),
    ("view_inferred_bad", lambda m: m.ones(2, 3).view(-1, 4), ["[-1, 4]", "size 6"]),
    (
        "view_two_inferred",
        lambda m: m.ones(2, 3).view(-1, -1),
        ["only one dimension can be inferred"],
    ),
    ("reshape_numel", lambda m: m.ones(2, 3).reshape(5), ["[5]", "size 6"]),
    (
        "reshape_two_inferred",
        lambda m: m.ones(6).reshape(-1, -1),
        ["only one dimension can be inferred"],
    ),
    (
        "expand_bad",
        lambda m: m.ones(2, 3).expand(4, 3),
        ["expanded size", "(4)", "(2)"],
    ),
    (
        "expand_fewer_sizes",
        lambda m: m.ones(2, 3).expand(3),
        ["number of sizes provided (1)", "(2)"],
    ),
    (
        "expand_leading_minus_one",
        lambda m: m.ones(3).expand(-1, 3),
        ["(-1)", "leading"],
    ),
    ("t_of_3d", lambda m: m.ones(2, 3, 4).t(), ["<= 2 dimensions"]),
    ("permute_length", lambda m: m.ones(2, 3).permute(0), ["number of dimensions"]),
    ("permute_duplicate", lambda m: m.ones(2, 3).permute(0, 0), ["duplicate dims"]),
    (
        "sum_duplicate_dims",
        lambda m: m.ones(2, 3).sum((0, 0)),
        ["appears multiple times"],
    ),
    ("setitem_shape", lambda m: m.ones(2, 3).__setitem__(0, m.ones(4)), ["(3", "(4"]),
    ("copy_shape", lambda m: m.ones(2, 3).copy_(m.ones(4)), ["must match", "3", "4"]),
    (
        "inplace_broadcast_out",
        lambda m: m.ones(3).add_(m.ones(2, 3)),
        ["[3]", "[2, 3]"],
    ),
    # dimensions
    (
        "sum_dim",
        lambda m: m.ones(2, 3).sum(2),
        ["Dimension out of range", "[-2, 1]", "got 2"],
    ),
    (
        "sum_negative_dim",
        lambda m: m.ones(2, 3).sum(-3),
        ["Dimension out of range", "got -3"],
    ),
    (
        "sum_tuple_dim",
        lambda m: m.ones(2, 3).sum(dim=(0, 5)),
        ["Dimension out of range", "got 5"],
    ),
    ("mean_dim", lambda m: m.ones(2, 3).mean(5), ["Dimension out of range", "got 5"]),
    ("max_dim", lambda m: m.ones(2, 3).max(2), ["Dimension out of range"]),
    ("argmax_dim", lambda m: m.ones(2, 3).argmax(3), ["Dimension out of range"]),
    ("squeeze_dim", lambda m: m.ones(2, 3).squeeze(2), ["Dimension out of range"]),
    (
        "unsqueeze_dim",
        lambda m: m.ones(2, 3).unsqueeze(4),
        ["Dimension out of range", "[-3, 2]"],
    ),
    (
        "unsqueeze_negative",
        lambda m: m.ones(2).unsqueeze(-3),
        ["Dimension out of range"],
    ),
    (
        "transpose_dim",
        lambda m: m.ones(2, 3).transpose(0, 2),
        ["Dimension out of range"],
    ),
    ("flatten_dim", lambda m: m.ones(2, 3).flatten(3), ["Dimension out of range"]),
    ("size_dim", lambda m: m.ones(2, 3).size(2), ["Dimension out of range"]),
    (
        "size_negative_dim",
        lambda m: m.ones(2).size(-2),
        ["Dimension out of range", "got -2"],
    ),
    (
        "cat_dim",
        lambda m: m.cat([m.ones(2, 3), m.ones(2, 3)], 2),
        ["Dimension out of range"],
    ),
    ("stack_dim", lambda m: m.stack([m.ones(2)], 3), ["Dimension out of range"]),
    (
        "dim_of_0d",
        lambda m: m.tensor(1.0).sum(1),
        ["Dimension out of range", "[-1, 0]"],
    ),
    # indexing
    (
        "index_out_of_bounds",
        lambda m: m.ones(2, 3)[2],
        ["index 2 is out of bounds for dimension 0 with size 2"],
    ),
    (
        "index_negative_oob",
        lambda m: m.ones(2, 3)[:, -4],
        ["index -4 is out of bounds", "size 3"],
    ),
    ("too_many_indices", lambda m: m.ones(2, 3)[0, 0, 0], ["too many indices"]),
    ("index_0d", lambda m: m.tensor(1.0)[0], ["0-dim"]),
    (
        "index_tensor_oob",
        lambda m: m.ones(2, 3)[m.tensor([0, 5])],
        ["index 5 is out of bounds", "size 2"],
    ),
    (
        "mask_shape",
        lambda m: m.ones(2, 3)[m.tensor([True, False, True])],
        [("mask", "boolean"), "3"],
    ),
    (
        "float_index",
        lambda m: m.ones(2, 3)[m.tensor([0.0, 1.0])],
        ["tensors used as indices"],
    ),
    ("negative_step", lambda m: m.ones(4)[::-1], ["step must be greater than zero"]),
    # scalars and conversions
    (
        "item_of_many",
        lambda m: m.ones(2).item(),
        ["2 elements", "cannot be converted to Scalar"],
    ),
    ("item_of_none", lambda m: m.ones(0).item(), ["0 elements"]),
    ("bool_of_many", lambda m: bool(m.ones(2)), ["more than one value", "ambiguous"]),
    ("float_of_many", lambda m: float(m.ones(2)), ["only one element tensors"]),
    ("len_of_0d", lambda m: len(m.tensor(1.0)), ["0-d tensor"]),
    ("iter_of_0d", lambda m: iter(m.tensor(1.0)), ["0-d tensor"]),
    (
        "numpy_requires_grad",
        lambda m: m.ones(2, requires_grad=True).numpy(),
        ["requires grad", "detach"],
    ),
    (
        "array_requires_grad",
        lambda m: np.asarray(m.ones(2, requires_grad=True)),
        ["requires grad"],
    ),
    # construction
    (
        "int_requires_grad",
        lambda m: m.tensor([1, 2], requires_grad=True),
        ["floating point"],
    ),
    (
        "int_requires_grad_",
        lambda m: m.tensor([1, 2]).requires_grad_(),
        ["floating point"],
    ),
    (
        "factory_int_requires_grad",
        lambda m: m.zeros(2, dtype=m.int64, requires_grad=True),
        ["floating point"],
    ),
    (
        "ragged",
        lambda m: m.tensor([[1, 2], [3]]),
        ["expected sequence of length 2", "got 1"],
    ),
    (
        "ragged_deeper",
        lambda m: m.tensor([[[1.0], [2.0]], [[3.0]]]),
        ["expected sequence of length 2"],
    ),
    ("tensor_of_str", lambda m: m.tensor("abc"), ["str"]),
    ("tensor_of_none", lambda m: m.tensor([None]), ["NoneType"]),
    (
        "from_numpy_str",
        lambda m: m.from_numpy(np.array(["a"])),
        ["can't convert", "str"],
    ),
    (
        "from_numpy_list",
        lambda m: m.from_numpy([1, 2]),
        ["expected np.ndarray", "list"],
    ),
    ("zeros_negative", lambda m: m.zeros(-1), ["negative"]),
    ("zeros_negative_tuple", lambda m: m.zeros((2, -3)), ["negative"]),
    ("zeros_float_size", lambda m: m.zeros(2.5), ["tuple of ints", "float"]),
    ("full_without_value", lambda m: m.full((2,)), ["fill_value"]),
    ("arange_zero_step", lambda m: m.arange(0, 1, 0), ["step must be nonzero"]),
    (
        "arange_wrong_sign",
        lambda m: m.arange(0, 5, -1),
        ["inconsistent with step sign"],
    ),
    (
        "linspace_negative_steps",
        lambda m: m.linspace(0, 1, -1),
        ["number of steps must be non-negative"],
    ),
    ("eye_negative", lambda m: m.eye(-1), ["n must be greater or equal to 0", "-1"]),
    ("default_dtype_int", lambda m: m.set_default_dtype(m.int64), ["floating-point"]),
    # ops on the wrong dtype or arguments
    ("mean_of_int", lambda m: m.tensor([1, 2]).mean(), ["floating point", "Long"]),
    ("argmax_of_bool", lambda m: m.tensor([True]).argmax(), ["bool"]),
    ("max_of_nothing", lambda m: m.ones(0).max(), ["reduction dim"]),
    ("argmax_of_nothing", lambda m: m.ones(0).argmax(), ["reduction dim"]),
    ("min_dim_of_nothing", lambda m: m.ones(2, 0).min(1), ["non-zero size"]),
    ("max_dim_of_nothing", lambda m: m.ones(0, 2).max(0), ["non-zero size"]),
    ("argmax_dim_of_nothing", lambda m: m.ones(2, 0).argmax(1), ["non-zero size"]),
    (
        "where_float_condition",
        lambda m: m.where(m.ones(2), m.ones(2), m.ones(2)),
        ["boolean"],
    ),
    (
        "clamp_without_bounds",
        lambda m: m.ones(2).clamp(),
        ["At least one of 'min' or 'max' must not be None"],
    ),
    (
        "int_to_negative_power",
        lambda m: m.tensor([2]) ** -1,
        ["negative integer powers"],
    ),
    ("sub_bools", lambda m: m.tensor([True]) - m.tensor([True]), ["bool"]),
    ("neg_bool", lambda m: -m.tensor([True]), ["bool"]),
    (
        "inplace_int_by_float",
        lambda m: m.tensor([1, 2]).add_(1.5),
        ["can't be cast", "Long"],
    ),
    ("add_str", lambda m: m.ones(2) + "a", ["unsupported operand", "str"]),
    ("lt_str", lambda m: m.ones(2) < "a", [("not supported", "unsupported"), "str"]),
    # autograd
    (
        "backward_twice",
        _backward_twice,
        ["Trying to backward through the graph a second time"],
    ),
    (
        "backward_nonscalar",
        lambda m: (m.ones(2, requires_grad=True) * 2).backward(),
        ["grad can be implicitly created only for scalar outputs"],
    ),
    (
        "backward_without_grad",
        lambda m: m.ones(2).sum().backward(),
        ["does not require grad"],
    ),
    (
        "backward_gradient_shape",
        lambda m: (m.ones(2, requires_grad=True) * 2).backward(m.ones(3)),
        ["Mismatch in shape", "[3]", "[2]"],
    ),
    (
        "grad_outputs_shape",
        lambda m: (lambda x: m.autograd.grad(x * 2, x, grad_outputs=m.ones(3)))(
            m.ones(2, requires_grad=True)
        ),
        ["Mismatch in shape"],
    ),
    (
        "grad_unused_input",
        lambda m: m.autograd.grad(
            (m.ones(2, requires_grad=True) * 2).sum(), [m.ones(2, requires_grad=True)]
        ),
        ["appears to not have been used in the graph", "allow_unused=True"],
    ),
    (
        "grad_input_without_grad",
        lambda m: m.autograd.grad(
            (m.ones(2, requires_grad=True) * 2).sum(), [m.ones(2)]
        ),
        ["does not require grad"],
    ),
    (
        "inplace_on_leaf",
        lambda m: m.ones(2, requires_grad=True).add_(1),
        ["leaf Variable that requires grad", "in-place"],
    ),
    (
        "setitem_on_leaf",
        lambda m: m.ones(2, requires_grad=True).__setitem__(0, 1.0),
        ["leaf Variable that requires grad"],
    ),
    (
        "requires_grad_of_nonleaf",
        lambda m: (m.ones(2, requires_grad=True) * 2).requires_grad_(False),
        ["leaf variables"],
    ),
    (
        "retain_grad_without_grad",
        lambda m: m.ones(2).retain_grad(),
        ["requires_grad=False"],
    ),
    (
        "function_too_few_grads",
        _function_returning_too_few_grads,
        ["incorrect number of gradients", "expected 2, got 1"],
    ),
]


@pytest.mark.parametrize("name,fn,words", ERRORS, ids=[c[0] for c in ERRORS])
def test_error(name, fn, words):
    assert_same_error(fn, *words)
