"""gradcheck and gradgradcheck: analytical Jacobians against central differences."""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import numpy as np

from minigrad import dtypes, factories
from minigrad.autograd.api import grad as _autograd_grad
from minigrad.tensor import Tensor


class GradcheckError(RuntimeError):
    """Raised by gradcheck and gradgradcheck when a check fails."""


# --- inputs and outputs ------------------------------------------------------------


def _as_tuple(x: Any) -> tuple:
    if isinstance(x, tuple):
        return x
    if isinstance(x, list):
        return tuple(x)
    return (x,)


def _is_tensor(x: Any) -> bool:
    return isinstance(x, Tensor)


def _is_float(x: Any) -> bool:
    return _is_tensor(x) and x.dtype.is_floating_point


def _differentiable_outputs(outputs: Any) -> tuple:
    return tuple(o for o in _as_tuple(outputs) if o.requires_grad)


def _check_inputs(inputs: tuple) -> None:
    any_requires_grad = False
    for i, x in enumerate(inputs):
        if not (_is_tensor(x) and x.requires_grad):
            continue
        if x.dtype is not dtypes.float64:
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. ",
                stacklevel=4,
            )
        # NOTE: NumPy gives every empty array zero strides; torch's need not be,
        # and no element of an empty tensor can overlap another, so skip those.
        strides = _array(x).strides
        if x.numel() and any(
            st == 0 and n > 1 for st, n in zip(strides, x.shape, strict=True)
        ):
            raise RuntimeError(
                f"The {i}th input has a dimension with stride 0. gradcheck only supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on the input before passing it to gradcheck."
            )
        any_requires_grad = True
    if not any_requires_grad:
        raise ValueError(
            "gradcheck expects at least one input tensor to require gradient, but none of them have requires_grad=True."
        )


def _array(t: Tensor) -> np.ndarray:
    """The tensor's memory as an ndarray: writing to it writes to the tensor."""
    return t.detach().numpy()


def _tensor(array: np.ndarray) -> Tensor:
    return factories.from_numpy(array.copy())


# --- the two Jacobians ---------------------------------------------------------------
# A Jacobian is stored as torch stores it: one row per input element, one column
# per output element.


def _numerical_jacobians(
    func: Callable, inputs: tuple, wanted: list[int], outputs: list, eps: float
) -> list[list[np.ndarray]]:
    """d(output)/d(input) for each float output of ``func`` and each input in
    ``wanted``, by central differences (f(x + eps) - f(x - eps)) / (2 eps), one
    input element at a time."""

    def evaluate() -> list[np.ndarray]:
        results = [o for o in _as_tuple(func(*inputs)) if _is_float(o)]
        for before, after in zip(outputs, results, strict=True):
            if before.shape != after.shape or before.dtype is not after.dtype:
                raise AssertionError(
                    f"Expected `func` to return outputs with the same shape and dtype when inputs are perturbed by {eps}, but got: {before.shape}, {before.dtype} and {after.shape}, {after.dtype}."
                )
        return [_array(o).copy() for o in results]  # outputs may be views of inputs

    jacobians = []
    for k in wanted:
        # NOTE: matches torch: x is perturbed through its memory (torch uses
        # x.data), so autograd never sees the perturbation.
        memory = _array(inputs[k])
        step = memory.dtype.type(eps)
        per_output = [
            np.zeros((memory.size, o.numel()), dtype=_array(o).dtype) for o in outputs
        ]
        for row, index in enumerate(np.ndindex(memory.shape)):
            original = memory[index]
            memory[index] = original - step
            below = evaluate()
            memory[index] = original + step
            above = evaluate()
            memory[index] = original
            for jacobian, a, b in zip(per_output, below, above, strict=True):
                jacobian[row] = ((b - a) / (2 * eps)).reshape(-1)
        jacobians.append(per_output)
    return jacobians


def _analytical_jacobians(
    diff_inputs: list, output: Tensor, check_grad_dtypes: bool
) -> list[np.ndarray]:
    """d(output)/d(input) for each input, one vector-Jacobian product per output
    element (the one-hot grad_output picks one row of the Jacobian's transpose)."""
    jacobians = [
        np.zeros((x.numel(), output.numel()), dtype=_array(x).dtype)
        for x in diff_inputs
    ]
    one_hot = np.zeros(output.numel(), dtype=_array(output).dtype)
    sizes_ok = types_ok = True
    for j in range(output.numel()):
        one_hot[:] = 0
        one_hot[j] = 1
        grads = _autograd_grad(
            output,
            diff_inputs,
            _tensor(one_hot.reshape(output.shape)),
            retain_graph=True,
            allow_unused=True,
        )
        for jacobian, x, g in zip(jacobians, diff_inputs, grads, strict=True):
            if g is None:  # x is unused: its column stays zero
                continue
            if g.shape != x.shape:
                sizes_ok = False
            elif g.dtype is not x.dtype:
                types_ok = False
            if g.numel() != x.numel():
                raise GradcheckError("Analytical gradient has incorrect size")
            jacobian[:, j] = _array(g).reshape(-1)
    if not types_ok and check_grad_dtypes:
        raise GradcheckError("Gradient has dtype mismatch")
    if not sizes_ok:
        raise GradcheckError("Analytical gradient has incorrect size")
    return jacobians


def _check_reentrant(first: list, second: list, nondet_tol: float) -> None:
    for a, b in zip(first, second, strict=True):
        if a.size and np.abs(a - b).max() > nondet_tol:
            raise GradcheckError(
                f"Backward is not reentrant, i.e., running backward with same input and grad_output multiple times gives different values, although analytical gradient matches numerical gradient.The tolerance for nondeterminism was {nondet_tol}."
            )


def _mismatch_message(
    analytical: np.ndarray,
    numerical: np.ndarray,
    output_idx: int,
    input_idx: int,
    rtol: float,
    atol: float,
) -> str:
    row, column = np.argwhere(~np.isclose(analytical, numerical, rtol=rtol, atol=atol))[
        0
    ].tolist()
    return (
        f"Jacobian mismatch for output {output_idx} with respect to input "
        f"{input_idx},\nnumerical:{_tensor(numerical)}\n"
        f"analytical:{_tensor(analytical)}\n"
        f"first mismatch at row {row} (input element), column {column} (output "
        f"element): numerical {numerical[row, column].item()!r} vs analytical "
        f"{analytical[row, column].item()!r}\n"
    )


# --- the checks ---------------------------------------------------------------------


def _check_backward_mul_by_grad_output(outputs: tuple, diff_inputs: list) -> None:
    """A zero grad_output must give zero gradients of the inputs' dtype and shape."""
    zeros = [factories.zeros_like(o) for o in outputs]
    grads = _autograd_grad(outputs, diff_inputs, zeros, allow_unused=True)
    for g, x in zip(grads, diff_inputs, strict=True):
        if g is None:
            continue
        if np.any(_array(g) != 0):
            raise GradcheckError("backward not multiplied by grad_output")
        if g.dtype is not x.dtype:
            raise GradcheckError("grad is incorrect type")
        if g.shape != x.shape:
            raise GradcheckError("grad is incorrect size")


def _gradcheck(func: Callable, inputs: tuple, opts: SimpleNamespace) -> bool:
    """The check itself, with gradcheck's options ``opts``."""
    eps, atol, rtol = opts.eps, opts.atol, opts.rtol
    _check_inputs(inputs)
    float_outputs = [o for o in _as_tuple(func(*inputs)) if _is_float(o)]
    outputs = _differentiable_outputs(float_outputs)
    wanted = [i for i, x in enumerate(inputs) if _is_tensor(x) and x.requires_grad]
    numerical = _numerical_jacobians(func, inputs, wanted, float_outputs, eps)
    if not outputs:
        # nothing to differentiate: the function must not depend on its inputs
        if any(np.any(j != 0) for per_input in numerical for j in per_input):
            raise GradcheckError("Numerical gradient for function expected to be zero")
        return True
    keep = [i for i, o in enumerate(float_outputs) if o.requires_grad]
    diff_inputs = [inputs[k] for k in wanted]
    for i, output in enumerate(outputs):
        analytical = _analytical_jacobians(diff_inputs, output, opts.check_grad_dtypes)
        again = _analytical_jacobians(diff_inputs, output, opts.check_grad_dtypes)
        _check_reentrant(analytical, again, opts.nondet_tol)
        for k, a in enumerate(analytical):
            n = numerical[k][keep[i]]
            common = np.promote_types(a.dtype, n.dtype)
            a, n = a.astype(common), n.astype(common)
            if not np.allclose(a, n, rtol=rtol, atol=atol):
                raise GradcheckError(_mismatch_message(a, n, i, k, rtol, atol))
    _check_backward_mul_by_grad_output(outputs, diff_inputs)
    # NOTE: torch's check_undefined_grad re-runs this test with "undefined"
    # grad_outputs; minigrad has none (a missing gradient is zeros, as for torch's
    # Python Functions), so the test above covers it.
    return True


# NOTE: matches torch: the keyword-only options of both checks, declared once in
# an order each follows: (name, annotation, default, which check takes it).
_OPTIONS = (
    ("eps", "float", 1e-6, "both"),
    ("atol", "float", 1e-5, "both"),
    ("rtol", "float", 1e-3, "both"),
    ("gen_non_contig_grad_outputs", "bool", False, "gradgradcheck"),
    ("raise_exception", "bool", True, "both"),
    ("nondet_tol", "float", 0.0, "both"),
    ("check_undefined_grad", "bool", True, "both"),
    ("check_grad_dtypes", "bool", False, "both"),
    ("check_batched_grad", "bool", False, "both"),
    ("check_batched_forward_grad", "bool", False, "gradcheck"),
    ("check_forward_ad", "bool", False, "gradcheck"),
    ("check_backward_ad", "bool", True, "gradcheck"),
    ("check_fwd_over_rev", "bool", False, "gradgradcheck"),
    ("check_rev_over_rev", "bool", True, "gradgradcheck"),
    ("fast_mode", "bool", False, "both"),
    ("masked", "bool | None", None, "gradcheck"),
    ("masked", "bool", False, "gradgradcheck"),
)


def _takes_options(check: Callable) -> Callable:
    """Give ``check`` torch's signature: its own parameters, then its options."""
    own = inspect.signature(check)
    options = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
        for name, a, d, taker in _OPTIONS
        if taker in ("both", check.__name__)
    ]
    positional = [p for p in own.parameters.values() if p.kind is not p.VAR_KEYWORD]
    check.__signature__ = own.replace(parameters=[*positional, *options])
    return check


def _options(check: Callable, given: dict[str, Any]) -> SimpleNamespace:
    """``check``'s options: those given, the others at their defaults."""
    taken = {
        p.name: p.default
        for p in check.__signature__.parameters.values()
        if p.kind is p.KEYWORD_ONLY
    }
    for name in given:
        if name not in taken:
            raise TypeError(
                f"{check.__name__}() got an unexpected keyword argument '{name}'"
            )
    return SimpleNamespace(**{**taken, **given})


def _check_modes(
    opts: SimpleNamespace, modes: tuple[str, str], *needs: dict[str, str]
) -> None:
    """torch's checks: one of the two ``modes`` at least is on, and each option in
    ``needs`` is on only with the mode it names."""
    if not any(getattr(opts, mode) for mode in modes):
        raise AssertionError(
            f"Expected at least one of {modes[0]} or {modes[1]} to be True"
        )
    for need in needs:
        for option, mode in need.items():
            if getattr(opts, option) and not getattr(opts, mode):
                raise AssertionError(
                    f"Setting {option}=True requires {mode} to be True"
                )


@_takes_options
def gradcheck(
    func: Callable[..., Tensor | Sequence[Tensor]],
    inputs: Tensor | Sequence[Any],
    **options: Any,
) -> bool:
    """Check the gradients of ``func`` at ``inputs`` against finite differences.

    For every input that requires grad and every output that requires grad,
    the analytical Jacobian (one ``autograd.grad`` call per output element) must
    be ``allclose`` to the numerical one (central differences, step ``eps``):
    ``|analytical - numerical| <= atol + rtol * |numerical|``. Returns True, or
    raises GradcheckError naming the output, the input and the first
    mismatching entry (returns False instead when ``raise_exception=False``).
    The defaults are meant for float64 inputs; others are warned about.
    """
    opts = _options(gradcheck, options)
    _check_modes(
        opts,
        ("check_forward_ad", "check_backward_ad"),
        {"check_batched_grad": "check_backward_ad"},
        {"check_batched_forward_grad": "check_forward_ad"},
    )
    if (
        opts.check_forward_ad
        or opts.check_batched_grad
        or opts.check_batched_forward_grad
    ):
        raise NotImplementedError(
            "minigrad has no forward-mode AD and no vmap: check_forward_ad, check_batched_grad and check_batched_forward_grad must be False"
        )
    # NOTE: fast_mode (random projections of the Jacobian) is accepted and runs
    # the full check, which catches everything the fast one does; masked only
    # concerns sparse tensors, which minigrad does not have.
    try:
        return _gradcheck(func, _as_tuple(inputs), opts)
    except GradcheckError:
        if opts.raise_exception:
            raise
        return False


def _random_grad_output(output: Tensor, noncontiguous: bool):
    """Uniform in [-1, 1), drawn as torch.testing.make_tensor draws it."""
    dtype = output.dtype if output.dtype.is_floating_point else dtypes.float64
    shape = tuple(output.shape)
    if noncontiguous and output.numel() > 1:
        wide = factories.empty(*shape[:-1], 2 * shape[-1], dtype=dtype).uniform_(-1, 1)
        return wide[..., 1::2].requires_grad_()
    return factories.empty(shape, dtype=dtype).uniform_(-1, 1).requires_grad_()


@_takes_options
def gradgradcheck(
    func: Callable[..., Tensor | Sequence[Tensor]],
    inputs: Tensor | Sequence[Any],
    grad_outputs: Tensor | Sequence[Tensor | None] | None = None,
    **options: Any,
) -> bool:
    """Check second derivatives: gradcheck of the map (inputs, grad_outputs) ->
    grad(func(inputs), inputs, grad_outputs, create_graph=True).

    Without ``grad_outputs``, random ones are drawn in [-1, 1) (they require
    grad, so the check also covers the derivative in grad_outputs).
    """
    opts = _options(gradgradcheck, options)
    _check_modes(
        opts,
        ("check_fwd_over_rev", "check_rev_over_rev"),
        {"check_undefined_grad": "check_rev_over_rev"},
        {"check_batched_grad": "check_rev_over_rev"},
    )
    inputs = _as_tuple(inputs)
    if grad_outputs is None:
        grad_outputs = tuple(
            _random_grad_output(o, opts.gen_non_contig_grad_outputs)
            for o in _differentiable_outputs(func(*inputs))
        )
    else:
        grad_outputs = _as_tuple(grad_outputs)
    n_outputs = len(grad_outputs)
    diff_inputs = {i for i, x in enumerate(inputs) if _is_tensor(x) and x.requires_grad}

    def first_derivative(*args: Any) -> tuple:
        xs, vs = args[:-n_outputs], args[-n_outputs:]
        outputs = _differentiable_outputs(func(*xs))
        grads = _autograd_grad(
            outputs,
            [x for i, x in enumerate(xs) if i in diff_inputs],
            vs,
            create_graph=True,
            allow_unused=True,
        )
        return tuple(g for g in grads if g is not None)

    # the options both checks take pass on; forward/reverse over reverse become
    # gradcheck's forward/backward AD
    shared = gradcheck.__signature__.parameters
    passed = {k: v for k, v in vars(opts).items() if k in shared}
    return gradcheck(
        first_derivative,
        inputs + grad_outputs,
        **passed,
        check_forward_ad=opts.check_fwd_over_rev,
        check_backward_ad=opts.check_rev_over_rev,
    )
