"""The deep-network ops and layers (issue 11) in the gradient-parity benchmark."""

from benchmarks.parity_cases import ANY, MATRICES, POSITIVE, UNARY, _module, _op

OPS = [
    _op("F.leaky_relu", lambda lib, a: lib.nn.functional.leaky_relu(a, 0.1), *UNARY),
    _op("F.elu", lambda lib, a: lib.nn.functional.elu(a), *UNARY),
    _op("F.softplus", lambda lib, a: lib.nn.functional.softplus(a, 2.0), *UNARY),
    _op("var(dim=0)", lambda lib, a: a.var(0), *MATRICES),
    _op("std", lambda lib, a: a.std(), *UNARY),
    _op("norm", lambda lib, a: a.norm(), *UNARY),
    _op("norm(1, dim=-1)", lambda lib, a: a.norm(1, dim=-1), *MATRICES),
    _op("prod(dim=-1)", lambda lib, a: a.prod(-1), *MATRICES, domains=(POSITIVE,)),
    _op("cumsum(dim=0)", lambda lib, a: a.cumsum(0), *MATRICES),
    _op("repeat", lambda lib, a: a.repeat(2, 1, 3), *MATRICES),
    _op("masked_fill", lambda lib, a: a.masked_fill(a > 0, 0.5), *MATRICES),
    _op("chunk(2, -1)[0] * 2", lambda lib, a: a.chunk(2, -1)[0] * 2, *MATRICES),
    _op("sort(dim=0).values", lambda lib, a: a.sort(0).values, *MATRICES),
    _op("topk(1).values", lambda lib, a: a.topk(1).values, *MATRICES),
    _op("bmm", lambda lib, a, b: lib.bmm(a, b), ((2, 3, 4), (2, 4, 5))),
    _op(
        "einsum('bij,bjk->bik')",
        lambda lib, a, b: lib.einsum("bij,bjk->bik", a, b),
        ((2, 3, 4), (2, 4, 5)),
    ),
    _op(
        "einsum('i,j->ij')",
        lambda lib, a, b: lib.einsum("i,j->ij", a, b),
        ((3,), (4,)),
        domains=(ANY, ANY),
    ),
]

MODULES = [
    _module("nn.LeakyReLU(0.2)", lambda lib, dt: lib.nn.LeakyReLU(0.2), *UNARY),
    _module("nn.ELU(alpha=0.5)", lambda lib, dt: lib.nn.ELU(alpha=0.5), *UNARY),
    _module("nn.Softplus()", lambda lib, dt: lib.nn.Softplus(), *UNARY),
    _module("nn.Flatten()", lambda lib, dt: lib.nn.Flatten(), *MATRICES),
    _module(
        "nn.Unflatten(1, (2, 2))",
        lambda lib, dt: lib.nn.Unflatten(1, (2, 2)),
        ((3, 4),),
    ),
]

CASES = OPS + MODULES
