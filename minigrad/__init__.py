"""minigrad: reverse-mode automatic differentiation on NumPy with PyTorch's API."""

import warnings as _warnings

# NOTE: matches torch: an op whose result is inf or nan (log(0), 0 * inf) is silent;
# NumPy's floating-point warnings are ignored for minigrad's own modules only.
_warnings.filterwarnings(
    "ignore", r"(divide by zero|invalid value|overflow) encountered",
    RuntimeWarning, r"minigrad\.",
)

from minigrad._size import Size
from minigrad.autograd.grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)
from minigrad.dtypes import (
    bool,
    double,
    dtype,
    float,
    float32,
    float64,
    get_default_dtype,
    int,
    int32,
    int64,
    long,
    set_default_dtype,
    uint8,
)
from minigrad.factories import (
    BoolTensor,
    ByteTensor,
    DoubleTensor,
    FloatTensor,
    IntTensor,
    LongTensor,
    arange,
    as_tensor,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    linspace,
    ones,
    ones_like,
    tensor,
    zeros,
    zeros_like,
)
from minigrad.math import (
    abs,
    add,
    allclose,
    argmax,
    argmin,
    cat,
    clamp,
    clip,
    clone,
    concat,
    concatenate,
    div,
    dot,
    eq,
    equal,
    exp,
    flatten,
    ge,
    gt,
    is_floating_point,
    is_tensor,
    isclose,
    le,
    log,
    lt,
    matmul,
    max,
    maximum,
    mean,
    min,
    minimum,
    mm,
    mul,
    ne,
    neg,
    numel,
    permute,
    pow,
    relu,
    reshape,
    sigmoid,
    sqrt,
    squeeze,
    stack,
    sub,
    sum,
    t,
    tanh,
    transpose,
    unsqueeze,
    where,
)
from minigrad.tensor import Tensor

from minigrad import autograd, testing  # noqa: E402  (after Tensor)

__all__ = [
    "BoolTensor", "ByteTensor", "DoubleTensor", "FloatTensor", "IntTensor", "LongTensor",
    "Size", "Tensor", "abs", "add", "allclose", "arange", "argmax", "argmin", "as_tensor",
    "autograd", "bool", "cat", "clamp", "clip", "clone", "concat", "concatenate",
    "div", "dot", "double", "dtype", "empty", "empty_like", "enable_grad", "eq", "equal",
    "exp", "eye", "flatten", "float", "float32", "float64", "from_numpy", "full",
    "full_like", "ge", "get_default_dtype", "gt", "inference_mode", "int", "int32",
    "int64", "is_floating_point", "is_grad_enabled", "is_tensor", "isclose", "le",
    "linspace", "log", "long", "lt", "matmul", "max", "maximum", "mean", "min",
    "minimum", "mm", "mul", "ne", "neg", "no_grad", "numel", "ones", "ones_like",
    "permute", "pow", "relu", "reshape", "set_default_dtype", "set_grad_enabled",
    "sigmoid", "sqrt", "squeeze", "stack", "sub", "sum", "t", "tanh", "tensor",
    "testing", "transpose", "uint8", "unsqueeze", "where", "zeros", "zeros_like",
]

# The parts written beside the core: imported when present.
try:
    from minigrad.random import (  # noqa: F401
        Generator,
        default_generator,
        get_rng_state,
        initial_seed,
        manual_seed,
        rand,
        rand_like,
        randint,
        randn,
        randn_like,
        randperm,
        seed,
        set_rng_state,
    )

    __all__ += ["Generator", "default_generator", "get_rng_state", "initial_seed",
                "manual_seed", "rand", "rand_like", "randint", "randn", "randn_like",
                "randperm", "seed", "set_rng_state"]
except ImportError:  # pragma: no cover
    pass

for _name in ("nn", "optim", "utils"):
    try:
        __import__(f"minigrad.{_name}")
        __all__.append(_name)
    except ImportError:  # pragma: no cover
        pass
