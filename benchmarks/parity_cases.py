"""Every op and module the gradient-parity benchmark checks, with its inputs."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Shapes = tuple[tuple[int, ...], ...]

ANY = (-2.0, 2.0)
POSITIVE = (0.2, 3.0)
PROBABILITY = (0.05, 0.95)
UNIT = (0.0, 1.0)
ZERO = (0.0, 0.0)  # probabilities at the edge: torch clamps log(0) to -100


@dataclass(frozen=True)
class Case:
    """One op or module: `fn(lib, *inputs)`, or `module(lib, dtype)(*inputs)`."""

    name: str
    shape_sets: tuple[Shapes, ...]
    fn: Callable[..., Any] | None = None
    module: Callable[..., Any] | None = None
    domains: tuple[tuple[float, float], ...] = (ANY, ANY, ANY)
    requires_grad: tuple[bool, ...] = (True, True, True)


def _op(name, fn, *shape_sets, domains=(ANY, ANY, ANY), requires_grad=None):
    grads = requires_grad or (True, True, True)
    return Case(name, shape_sets, fn=fn, domains=domains, requires_grad=grads)


def _module(name, module, *shape_sets, domains=(ANY, ANY), requires_grad=None):
    grads = requires_grad or (True, True)
    return Case(name, shape_sets, module=module, domains=domains, requires_grad=grads)


def _losses(loss, reductions, **case):
    """The cases of nn.<loss>, by reduction (None: the default one)."""
    return [
        _module(
            f"nn.{loss}({'' if r is None else f'reduction={r!r}'})",
            lambda lib, dt, r=r: getattr(lib.nn, loss)(
                **({} if r is None else {"reduction": r})
            ),
            *LOSS_PAIRS,
            **case,
        )
        for r in reductions
    ]


BROADCAST_PAIRS = (
    ((3, 4), (3, 4)),
    ((3, 4), (4,)),
    ((2, 1, 4), (3, 1)),
    ((5,), ()),
)
UNARY = (((7,),), ((3, 4),), ((2, 3, 4),))
MATRICES = (((3, 4),), ((2, 3, 4),), ((4, 1, 3),))
BATCH = (((4, 3),), ((3,),), ((2, 5, 3),))
LOSS_PAIRS = (((4, 1), (4, 1)), ((6,), (6,)), ((2, 3, 2), (2, 3, 2)))
NO_TARGET_GRAD = (True, False, False)
LOGITS = (((4, 3),), ((5, 10),), ((2, 3, 4),))  # (N, C) and (N, C, d)


def _classes(lib, z):
    """Class-index targets for logits z: (N,) or (N, d), every class used."""
    n, c = z.shape[0], z.shape[1]
    spatial = z.shape[2:]
    count = n * (spatial[0] if spatial else 1)
    return lib.tensor([i * 7 % c for i in range(count)]).view(n, *spatial)


class _WithClassTargets:
    """A loss module called on logits alone, with _classes as its targets."""

    def __init__(self, lib, loss):
        self.lib, self.loss = lib, loss

    def named_parameters(self):
        return iter(())

    def __call__(self, z):
        return self.loss(z, _classes(self.lib, z))


OPS = [
    _op("add", lambda lib, a, b: lib.add(a, b), *BROADCAST_PAIRS),
    _op("sub", lambda lib, a, b: lib.sub(a, b), *BROADCAST_PAIRS),
    _op("mul", lambda lib, a, b: lib.mul(a, b), *BROADCAST_PAIRS),
    _op(
        "div",
        lambda lib, a, b: lib.div(a, b),
        *BROADCAST_PAIRS,
        domains=(ANY, POSITIVE),
    ),
    _op(
        "pow",
        lambda lib, a, b: lib.pow(a, b),
        *BROADCAST_PAIRS,
        domains=(POSITIVE, ANY),
    ),
    _op("maximum", lambda lib, a, b: lib.maximum(a, b), *BROADCAST_PAIRS),
    _op("minimum", lambda lib, a, b: lib.minimum(a, b), *BROADCAST_PAIRS),
    _op("scalar ops: 2 - a * 3 / 4 + 1", lambda lib, a: 2 - a * 3 / 4 + 1, *UNARY),
    _op("rdiv: 1 / a", lambda lib, a: 1 / a, *UNARY, domains=(POSITIVE,)),
    _op("pow scalar: a ** 3", lambda lib, a: a**3, *UNARY),
    _op("rpow: 2 ** a", lambda lib, a: 2**a, *UNARY),
    _op("neg", lambda lib, a: lib.neg(a), *UNARY),
    _op("exp", lambda lib, a: lib.exp(a), *UNARY),
    _op("log", lambda lib, a: lib.log(a), *UNARY, domains=(POSITIVE,)),
    _op("sqrt", lambda lib, a: lib.sqrt(a), *UNARY, domains=(POSITIVE,)),
    _op("abs", lambda lib, a: lib.abs(a), *UNARY),
    _op("sigmoid", lambda lib, a: lib.sigmoid(a), *UNARY),
    _op("tanh", lambda lib, a: lib.tanh(a), *UNARY),
    _op("relu", lambda lib, a: lib.relu(a), *UNARY),
    _op("clamp(-0.5, 0.5)", lambda lib, a: lib.clamp(a, -0.5, 0.5), *UNARY),
    _op("sum", lambda lib, a: lib.sum(a), *MATRICES),
    _op("sum(dim=1)", lambda lib, a: a.sum(dim=1), *MATRICES),
    _op("sum(dim=-1, keepdim)", lambda lib, a: a.sum(-1, keepdim=True), *MATRICES),
    _op("mean", lambda lib, a: lib.mean(a), *MATRICES),
    _op("mean(dim=0)", lambda lib, a: a.mean(dim=0), *MATRICES),
    _op("max", lambda lib, a: lib.max(a), *MATRICES),
    _op("max(dim=1).values", lambda lib, a: a.max(dim=1).values, *MATRICES),
    _op("min(dim=0).values", lambda lib, a: a.min(dim=0).values, *MATRICES),
    _op("mm", lambda lib, a, b: lib.mm(a, b), ((3, 4), (4, 5)), ((1, 2), (2, 6))),
    _op(
        "matmul",
        lambda lib, a, b: lib.matmul(a, b),
        ((3, 4), (4, 5)),
        ((2, 3, 4), (4, 5)),
        ((2, 3, 4), (2, 4, 5)),
        ((4,), (4, 5)),
        ((3, 4), (4,)),
        ((4,), (4,)),
    ),
    _op("@ operator", lambda lib, a, b: a @ b, ((3, 4), (4, 2)), ((2, 3, 4), (4,))),
    _op("view(-1)", lambda lib, a: a.view(-1), *MATRICES),
    _op("reshape(2, -1)", lambda lib, a: a.reshape(2, -1), *MATRICES),
    _op("squeeze", lambda lib, a: a.squeeze(), ((3, 1),), ((1, 4, 1),)),
    _op("unsqueeze(1)", lambda lib, a: a.unsqueeze(1), *MATRICES),
    _op("flatten", lambda lib, a: a.flatten(), *MATRICES),
    _op("t", lambda lib, a: a.t(), ((3, 4),), ((5,),)),
    _op("T", lambda lib, a: a.T, ((3, 4),)),
    _op("transpose(0, -1)", lambda lib, a: a.transpose(0, -1), *MATRICES),
    _op("permute", lambda lib, a: a.permute(2, 0, 1), ((2, 3, 4),)),
    _op("expand", lambda lib, a: a.expand(3, -1, 4), ((2, 1),), ((1, 4),)),
    _op("getitem slices", lambda lib, a: a[1:, ::2], *MATRICES),
    _op("getitem int, None", lambda lib, a: a[0, None], *MATRICES),
    _op(
        "getitem index tensor",
        lambda lib, a: a[lib.tensor([0, 2, 0])],
        ((3, 4),),
        ((4, 2, 3),),
    ),
    _op("getitem bool mask", lambda lib, a: a[a > 0], *MATRICES),
    _op("cat", lambda lib, a, b: lib.cat([a, b], dim=0), ((2, 3), (4, 3))),
    _op("stack", lambda lib, a, b: lib.stack([a, b], dim=1), ((2, 3), (2, 3))),
    _op("where", lambda lib, a, b: lib.where(a > b, a, b), *BROADCAST_PAIRS),
    _op(
        "F.linear",
        lambda lib, x, w, b: lib.nn.functional.linear(x, w, b),
        ((4, 3), (2, 3), (2,)),
        ((3,), (2, 3), (2,)),
        ((2, 5, 3), (2, 3), (2,)),
    ),
    _op("F.mse_loss", lambda lib, a, b: lib.nn.functional.mse_loss(a, b), *LOSS_PAIRS),
    _op(
        "F.binary_cross_entropy",
        lambda lib, p, y: lib.nn.functional.binary_cross_entropy(p, y),
        *LOSS_PAIRS,
        domains=(PROBABILITY, UNIT),
        requires_grad=NO_TARGET_GRAD,
    ),
    _op(
        "F.binary_cross_entropy at p = 0",
        lambda lib, p, y: lib.nn.functional.binary_cross_entropy(p, y),
        ((4, 1), (4, 1)),
        domains=(ZERO, UNIT),
        requires_grad=NO_TARGET_GRAD,
    ),
    _op(
        "F.binary_cross_entropy_with_logits",
        lambda lib, z, y: lib.nn.functional.binary_cross_entropy_with_logits(z, y),
        *LOSS_PAIRS,
        domains=(ANY, UNIT),
        requires_grad=NO_TARGET_GRAD,
    ),
    _op("softmax(dim=1)", lambda lib, a: lib.softmax(a, dim=1), *MATRICES),
    _op("log_softmax(dim=-1)", lambda lib, a: a.log_softmax(-1), *MATRICES),
    _op("F.softmax(dim=0)", lambda lib, a: lib.nn.functional.softmax(a, 0), *UNARY),
    _op(
        "F.cross_entropy",
        lambda lib, z: lib.nn.functional.cross_entropy(z, _classes(lib, z)),
        *LOGITS,
    ),
    _op(
        "F.cross_entropy(reduction='none')",
        lambda lib, z: lib.nn.functional.cross_entropy(
            z, _classes(lib, z), reduction="none"
        ),
        *LOGITS,
    ),
    _op(
        "F.cross_entropy(weight, ignore_index=1, label_smoothing=0.1)",
        lambda lib, z: lib.nn.functional.cross_entropy(
            z,
            _classes(lib, z),
            weight=lib.linspace(0.5, 2.0, z.shape[1], dtype=z.dtype),
            ignore_index=1,
            label_smoothing=0.1,
        ),
        *LOGITS,
    ),
    _op(
        "F.cross_entropy(probabilities)",
        lambda lib, z, p: lib.nn.functional.cross_entropy(z, p),
        ((4, 3), (4, 3)),
        ((2, 3, 4), (2, 3, 4)),
        domains=(ANY, UNIT),
    ),
    _op(
        "F.nll_loss(log_softmax)",
        lambda lib, z: lib.nn.functional.nll_loss(z.log_softmax(1), _classes(lib, z)),
        *LOGITS,
    ),
    _op(
        "gather(1)",
        lambda lib, a: a.gather(1, _classes(lib, a).view(a.shape[0], 1, *a.shape[2:])),
        *LOGITS,
    ),
    _op(
        "scatter_add(1)",
        lambda lib, a, s: a.scatter_add(
            1, _classes(lib, a).view(a.shape[0], 1, *a.shape[2:]), s
        ),
        ((4, 3), (4, 1)),
        ((2, 3, 4), (2, 1, 4)),
    ),
]

IMAGES = (((2, 3, 6, 6),), ((1, 3, 5, 7),), ((3, 4, 4),))
CONV_SETS = (
    ((2, 3, 6, 6), (4, 3, 3, 3), (4,)),
    ((1, 4, 7, 5), (2, 4, 2, 3), (2,)),
    ((3, 5, 5), (4, 3, 3, 3), (4,)),
)
OPS += [
    _op(
        "F.conv2d(stride=1, padding=1)",
        lambda lib, x, w, b: lib.nn.functional.conv2d(x, w, b, padding=1),
        *CONV_SETS,
    ),
    _op(
        "F.conv2d(stride=2, dilation=2, groups)",
        lambda lib, x, w, b: lib.nn.functional.conv2d(
            x, w, b, stride=2, padding=2, dilation=2, groups=x.shape[-3] // w.shape[1]
        ),
        ((2, 4, 7, 7), (6, 2, 3, 3), (6,)),
        ((1, 3, 6, 8), (3, 1, 2, 2), (3,)),
    ),
    _op(
        "F.conv1d(padding='same')",
        lambda lib, x, w, b: lib.nn.functional.conv1d(x, w, b, padding="same"),
        ((2, 3, 9), (4, 3, 3), (4,)),
        ((3, 7), (2, 3, 5), (2,)),
    ),
    _op("F.max_pool2d(2)", lambda lib, x: lib.nn.functional.max_pool2d(x, 2), *IMAGES),
    _op(
        "F.max_pool2d(3, 2, 1, ceil_mode)",
        lambda lib, x: lib.nn.functional.max_pool2d(x, 3, 2, 1, ceil_mode=True),
        *IMAGES,
    ),
    _op(
        "F.avg_pool2d(3, 2, 1)",
        lambda lib, x: lib.nn.functional.avg_pool2d(x, 3, 2, 1),
        *IMAGES,
    ),
    _op(
        "F.adaptive_avg_pool2d((2, 3))",
        lambda lib, x: lib.nn.functional.adaptive_avg_pool2d(x, (2, 3)),
        *IMAGES,
    ),
    _op(
        "F.pad(constant)",
        lambda lib, x: lib.nn.functional.pad(x, (1, 2, 0, 1), value=0.5),
        *IMAGES,
    ),
    _op(
        "F.pad(reflect)",
        lambda lib, x: lib.nn.functional.pad(x, (1, 2, 2, 1), mode="reflect"),
        *IMAGES,
    ),
    _op("F.unfold(2)", lambda lib, x: lib.nn.functional.unfold(x, 2), *IMAGES),
]

MODULES = [
    _module(
        "nn.Conv2d(3, 4, 3, padding=1)",
        lambda lib, dt: lib.nn.Conv2d(3, 4, 3, padding=1, dtype=dt),
        ((2, 3, 6, 6),),
        ((3, 5, 4),),
    ),
    _module(
        "nn.Conv1d(3, 2, 3)",
        lambda lib, dt: lib.nn.Conv1d(3, 2, 3, dtype=dt),
        ((2, 3, 6),),
        ((3, 5),),
    ),
    _module("nn.MaxPool2d(2)", lambda lib, dt: lib.nn.MaxPool2d(2), *IMAGES),
    _module("nn.AvgPool2d(2)", lambda lib, dt: lib.nn.AvgPool2d(2), *IMAGES),
    _module("nn.Linear(3, 2)", lambda lib, dt: lib.nn.Linear(3, 2, dtype=dt), *BATCH),
    _module(
        "nn.Linear(3, 2, bias=False)",
        lambda lib, dt: lib.nn.Linear(3, 2, bias=False, dtype=dt),
        *BATCH,
    ),
    _module("nn.Sigmoid", lambda lib, dt: lib.nn.Sigmoid(), *UNARY),
    _module("nn.ReLU", lambda lib, dt: lib.nn.ReLU(), *UNARY),
    _module("nn.Tanh", lambda lib, dt: lib.nn.Tanh(), *UNARY),
    _module("nn.Identity", lambda lib, dt: lib.nn.Identity(), *UNARY),
    _module(
        "nn.Sequential(Linear, Tanh, Linear, Sigmoid)",
        lambda lib, dt: lib.nn.Sequential(
            lib.nn.Linear(3, 4, dtype=dt),
            lib.nn.Tanh(),
            lib.nn.Linear(4, 1, dtype=dt),
            lib.nn.Sigmoid(),
        ),
        *BATCH,
    ),
    *_losses("MSELoss", (None, "sum", "none")),
    *_losses(
        "BCELoss",
        (None, "none"),
        domains=(PROBABILITY, UNIT),
        requires_grad=NO_TARGET_GRAD,
    ),
    *_losses(
        "BCEWithLogitsLoss",
        (None, "sum"),
        domains=(ANY, UNIT),
        requires_grad=NO_TARGET_GRAD,
    ),
]

MODULES += [
    _module("nn.Softmax(dim=1)", lambda lib, dt: lib.nn.Softmax(dim=1), *MATRICES),
    _module(
        "nn.LogSoftmax(dim=1)", lambda lib, dt: lib.nn.LogSoftmax(dim=1), *MATRICES
    ),
    _module(
        "nn.CrossEntropyLoss()",
        lambda lib, dt: _WithClassTargets(lib, lib.nn.CrossEntropyLoss()),
        *LOGITS,
    ),
    _module(
        "nn.CrossEntropyLoss(label_smoothing=0.2, reduction='sum')",
        lambda lib, dt: _WithClassTargets(
            lib, lib.nn.CrossEntropyLoss(label_smoothing=0.2, reduction="sum")
        ),
        *LOGITS,
    ),
    _module(
        "nn.NLLLoss()",
        lambda lib, dt: _WithClassTargets(lib, lib.nn.NLLLoss()),
        *LOGITS,
    ),
    _module(
        "nn.Sequential(Linear, Softmax(dim=-1))",
        lambda lib, dt: lib.nn.Sequential(
            lib.nn.Linear(3, 4, dtype=dt), lib.nn.Softmax(dim=-1)
        ),
        *BATCH,
    ),
]

CASES = OPS + MODULES
