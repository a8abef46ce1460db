"""gradcheck/gradgradcheck: the same verdicts and messages as torch's, twin by twin."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given

import minigrad
from minigrad.autograd import GradcheckError, gradcheck, gradgradcheck
from tests.parity import LIBS
from tests.scenarios import run_both
from tests.strategies import (
    BOUNDED,
    POSITIVE,
    UNIT,
    arrays,
    broadcast_arrays,
    matmul_arrays,
    shapes,
)

CHECKS = {
    "minigrad": (gradcheck, gradgradcheck),
    "torch": (torch.autograd.gradcheck, torch.autograd.gradgradcheck),
}
small_shapes = shapes(max_dims=2, min_side=1, max_side=3)


# --- twin custom Functions: one body, written against either library ------------------


def make_function(lib, backward_rule: str):
    """y = x ** 2 as a custom Function whose backward follows ``backward_rule``."""

    class Square(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            if backward_rule == "correct":
                return 2 * x * grad
            if backward_rule == "wrong":  # 3x instead of 2x
                return 3 * x * grad
            if backward_rule == "ignores_grad":  # right Jacobian rows, no grad factor
                return 2 * x
            if backward_rule == "detached":  # right first derivative, wrong second
                return 2 * x.detach() * grad
            raise AssertionError(backward_rule)

    return Square.apply


def make_sum_ignoring_grad(lib):
    """y = x.sum(); backward returns ones whatever the grad_output: each one-hot
    row of the Jacobian is right, only a zero grad_output exposes it."""

    class Sum(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.shape = x.shape
            return x.sum()

        @staticmethod
        def backward(ctx, grad):
            return lib.ones(ctx.shape, dtype=lib.float64)

    return Sum.apply


class NoGrad:
    """An input array that becomes a tensor not requiring grad."""

    def __init__(self, array: np.ndarray) -> None:
        self.array = array


def to_lib(lib, array: np.ndarray):
    # NOTE: copied into a fresh tensor: torch.from_numpy keeps NumPy's zero strides
    # of empty arrays, which torch's gradcheck rejects as overlapping memory
    fresh = lib.zeros(array.shape, dtype=getattr(lib, array.dtype.name))
    return fresh.copy_(lib.from_numpy(array.copy()))


def outcome(lib_name: str, fn_of_lib, arrays_, *, second_order=False, **kwargs):
    """(verdict, message) of gradcheck (or gradgradcheck) under one library."""
    lib = LIBS[lib_name]
    check = CHECKS[lib_name][1 if second_order else 0]
    inputs = tuple(
        to_lib(lib, a).requires_grad_()
        if isinstance(a, np.ndarray)
        else to_lib(lib, a.array)
        if isinstance(a, NoGrad)
        else a
        for a in arrays_
    )
    try:
        return check(fn_of_lib(lib), inputs, **kwargs), ""
    except RuntimeError as error:
        return type(error).__name__, str(error)


def assert_same_outcome(fn_of_lib, arrays_, **kwargs) -> tuple:
    """minigrad's verdict and message are torch's; a Jacobian mismatch message
    adds one line (the first mismatching entry) to torch's."""
    if kwargs.get("second_order"):
        # same seed: the random grad_outputs are torch's own draws, digit for digit
        minigrad.manual_seed(0)
        torch.manual_seed(0)
    mine = outcome("minigrad", fn_of_lib, arrays_, **kwargs)
    theirs = outcome("torch", fn_of_lib, arrays_, **kwargs)
    assert mine[0] == theirs[0], (mine, theirs)
    expected = theirs[1].replace("torch.", "minigrad.")
    if expected.startswith("Jacobian mismatch"):
        assert mine[1].startswith(expected), (mine, theirs)
    else:  # torch may append a note on its own test suite; its first line is ours
        assert mine[1].splitlines()[:1] == expected.splitlines()[:1], (mine, theirs)
    return mine


# --- correct ops pass, under both libraries -------------------------------------------

UNARY = {
    "sigmoid": lambda lib: lambda x: x.sigmoid(),
    "tanh": lambda lib: lambda x: lib.tanh(x),
    "cube": lambda lib: lambda x: x**3,
    "exp_sum": lambda lib: lambda x: (x.exp() * 2).sum(),
    "two_outputs": lambda lib: lambda x: (x * 2, x.sigmoid()),
    "custom": lambda lib: make_function(lib, "correct"),
}


@pytest.mark.parametrize("second_order", [False, True], ids=["grad", "gradgrad"])
@pytest.mark.parametrize("fn_of_lib", UNARY.values(), ids=UNARY.keys())
@given(x=arrays(np.float64, small_shapes, BOUNDED))
def test_correct_unary_ops_pass(fn_of_lib, second_order, x):
    assert assert_same_outcome(fn_of_lib, (x,), second_order=second_order)[0] is True


@pytest.mark.parametrize("second_order", [False, True], ids=["grad", "gradgrad"])
@given(pair=matmul_arrays(np.float64))
def test_matmul_passes(second_order, pair):
    fn_of_lib = lambda lib: lib.matmul  # noqa: E731
    assert assert_same_outcome(fn_of_lib, pair, second_order=second_order)[0] is True


@given(pair=broadcast_arrays(np.float64, (UNIT, UNIT), min_side=1))
def test_broadcasting_mul_with_a_number_input_passes(pair):
    # the Python number among the inputs is passed through untouched
    fn_of_lib = lambda lib: lambda a, c, b: a * b * c  # noqa: E731
    assert assert_same_outcome(fn_of_lib, (pair[0], 2.5, pair[1]))[0] is True


# --- wrong backward formulas fail, with torch's message -------------------------------


@given(x=arrays(np.float64, small_shapes, POSITIVE))
def test_wrong_backward_fails_like_torch(x):
    fn_of_lib = lambda lib: make_function(lib, "wrong")  # noqa: E731
    verdict, message = assert_same_outcome(fn_of_lib, (x,))
    assert verdict == "GradcheckError"
    assert "Jacobian mismatch for output 0 with respect to input 0" in message
    assert "first mismatch at row 0 (input element), column 0" in message


@given(x=arrays(np.float64, small_shapes, POSITIVE))
def test_backward_ignoring_grad_output_fails_like_torch(x):
    # one element: the Jacobian is right and only a zero grad_output exposes it;
    # more: the one-hot rows already disagree
    fn_of_lib = lambda lib: make_function(lib, "ignores_grad")  # noqa: E731
    verdict, message = assert_same_outcome(fn_of_lib, (x,))
    assert verdict == "GradcheckError"
    if x.size == 1:
        assert message == "backward not multiplied by grad_output"


def test_mismatch_counts_only_inputs_requiring_grad():
    a, b = np.array([1.0, 2.0]), np.array([0.5, -1.5])
    fn_of_lib = lambda lib: lambda x, c, y: x * c + make_function(lib, "wrong")(y)  # noqa: E731
    _, message = assert_same_outcome(fn_of_lib, (NoGrad(a), 3.0, b))
    # NOTE: matches torch: y is input 0, the first input that requires grad
    assert message.startswith("Jacobian mismatch for output 0 with respect to input 0,")
    last = message.splitlines()[-1]
    assert last.startswith("first mismatch at row 0 (input element), column 0 ")
    numerical, analytical = re.findall(r"numerical (\S+) vs analytical (\S+)$", last)[0]
    assert float(numerical) == pytest.approx(2 * 0.5) and float(analytical) == 3 * 0.5


def test_backward_not_multiplied_by_grad_output():
    verdict, message = assert_same_outcome(make_sum_ignoring_grad, (np.arange(3.0),))
    assert verdict == "GradcheckError"
    assert message == "backward not multiplied by grad_output"


def test_nondeterministic_backward_is_not_reentrant():
    def fn_of_lib(lib):
        class Noisy(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, grad):
                return grad * (2 + lib.rand(grad.shape, dtype=lib.float64) * 1e-12)

        return Noisy.apply

    verdict, message = assert_same_outcome(fn_of_lib, (np.arange(3.0),))
    assert verdict == "GradcheckError"
    assert message.startswith("Backward is not reentrant")
    verdict, _ = assert_same_outcome(fn_of_lib, (np.arange(3.0),), nondet_tol=1e-9)
    assert verdict is True


@pytest.mark.parametrize(
    ("backward_rule", "verdict"),
    # a wrong first derivative can still be differentiated correctly: gradgradcheck
    # checks only the second derivative
    [("correct", True), ("wrong", True), ("detached", "GradcheckError")],
)
def test_gradgradcheck_verdicts_match_torch(backward_rule, verdict):
    x = np.array([[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]])
    fn_of_lib = lambda lib: make_function(lib, backward_rule)  # noqa: E731
    outcome_ = assert_same_outcome(fn_of_lib, (x,), second_order=True)
    assert outcome_[0] == verdict


def test_gradgradcheck_with_given_grad_outputs():
    x, v = np.array([0.5, -1.25, 2.0]), np.array([0.25, -2.0, 1.0])

    def run(lib_name):
        lib = LIBS[lib_name]
        inputs = lib.from_numpy(x.copy()).requires_grad_()
        grad_outputs = lib.from_numpy(v.copy())  # needs no grad: not checked
        return CHECKS[lib_name][1](lambda t: t**3, inputs, grad_outputs)

    assert run("minigrad") is run("torch") is True


# --- the verdict when nothing fails, or nothing can be checked ------------------------


def test_raise_exception_false_returns_false():
    x = np.array([1.0, -2.0])
    verdict, _ = assert_same_outcome(
        lambda lib: make_function(lib, "wrong"), (x,), raise_exception=False
    )
    assert verdict is False


def test_gradcheck_error_is_a_runtime_error_as_in_torch():
    torch_error = torch.autograd.gradcheck.__globals__["GradcheckError"]
    assert [c.__name__ for c in GradcheckError.__mro__] == [
        c.__name__ for c in torch_error.__mro__
    ]
    assert minigrad.autograd.GradcheckError is GradcheckError


@pytest.mark.parametrize(
    "fn_of_lib",
    [lambda lib: lambda x: x.detach() * 2, lambda lib: lambda x: x.detach() * 0],
    ids=["depends_on_input", "constant"],
)
def test_no_differentiable_outputs(fn_of_lib):
    verdict, message = assert_same_outcome(fn_of_lib, (np.arange(3.0),))
    assert verdict in (True, "GradcheckError")


def test_no_input_requires_grad_raises_value_error():
    for lib_name, (check, _) in CHECKS.items():
        x = LIBS[lib_name].ones(2, dtype=LIBS[lib_name].float64)
        with pytest.raises(ValueError, match="at least one input tensor to require"):
            check(lambda t: t * 2, (x,))


@pytest.mark.parametrize("lib_name", ["minigrad", "torch"])
def test_float32_inputs_are_warned_about(lib_name):
    lib, (check, _) = LIBS[lib_name], CHECKS[lib_name]
    x = lib.from_numpy(np.array([0.5, 2.0], dtype=np.float32)).requires_grad_()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check(lambda t: t * 2, (x,), raise_exception=False)
    messages = [str(w.message) for w in caught if w.category is UserWarning]
    warning = "Input #0 requires gradient and is not a double precision floating"
    assert any(m.startswith(warning) for m in messages)


@given(
    x=arrays(
        np.float32, shapes(min_dims=1, max_dims=1, min_side=1, max_side=4), BOUNDED
    )
)
def test_float32_verdicts_match_torch(x):
    # in float32 the central differences are too coarse: torch usually fails
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        assert_same_outcome(lambda lib: lambda t: t * 2, (x,), raise_exception=False)


@pytest.mark.parametrize("shape", [(0,), (2, 0), (0, 3)])
def test_empty_input_passes(shape):
    for lib_name, (check, _) in CHECKS.items():
        lib = LIBS[lib_name]
        x = lib.zeros(shape, dtype=lib.float64, requires_grad=True)
        assert check(lambda t: t * 2, (x,)) is True, lib_name


def test_expanded_input_is_rejected_like_torch():
    for lib_name, (check, _) in CHECKS.items():
        lib = LIBS[lib_name]
        x = lib.ones(1, 3, dtype=lib.float64).expand(2, 3).requires_grad_()
        with pytest.raises(RuntimeError, match="has a dimension with stride 0"):
            check(lambda t: t * 2, (x,))


@pytest.mark.parametrize(
    "check, more, options, words",
    [
        (
            "gradcheck",
            (),
            {"foo": 1},
            "gradcheck() got an unexpected keyword argument 'foo'",
        ),
        (
            "gradgradcheck",
            (),
            {"check_forward_ad": True},
            "argument 'check_forward_ad'",
        ),
        ("gradcheck", (1e-3,), {}, "positional argument"),
        ("gradcheck", (), {"check_backward_ad": False}, "Expected at least one of"),
        (
            "gradcheck",
            (),
            {
                "check_forward_ad": True,
                "check_batched_grad": True,
                "check_backward_ad": False,
            },
            "Setting check_batched_grad=True requires check_backward_ad to be True",
        ),
        (
            "gradgradcheck",
            (),
            {"check_fwd_over_rev": True, "check_rev_over_rev": False},
            "Setting check_undefined_grad=True requires check_rev_over_rev to be True",
        ),
    ],
)
def test_wrong_options_raise_as_torch(check, more, options, words):
    """Unknown or positional options, and torch's checks of the modes."""

    def call(lib, out):
        x = lib.ones(2, dtype=lib.float64, requires_grad=True)
        getattr(lib.autograd, check)(lib.sin, (x,), *more, **options)

    run_both(call, words=(words,))


def test_gradgradcheck_passes_its_options_on_as_torch():
    verdicts = {}
    for name, lib in LIBS.items():
        x = lib.tensor([0.5, 1.5], dtype=lib.float64, requires_grad=True)
        check = lib.autograd.gradgradcheck
        verdicts[name] = [
            check(lib.sin, (x,), eps=1e-6, atol=1e-5, rtol=1e-3),
            check(lib.exp, (x,), atol=0.0, rtol=0.0, eps=1e-1, raise_exception=False),
        ]
    assert verdicts["minigrad"] == verdicts["torch"] == [True, False]
