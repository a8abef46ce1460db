"""Bases of the elementwise ops: what their backward reads, how two operands meet."""

from __future__ import annotations

from minigrad.engine.graph import OUTPUT
from minigrad.ops.formula import promote
from minigrad.ops.op import Op
from minigrad.ops.saved import arg, output, value


class OfInput(Op):
    """An op of one tensor whose backward reads its input (torch's ``_saved_self``)."""

    torch_saved = {"_saved_self": arg(0)}
    save = (0,)


class OfOutput(Op):
    """An op of one tensor whose backward reads its output (``_saved_result``)."""

    torch_saved = {"_saved_result": output}
    save = (OUTPUT,)


class Pairwise(Op):
    """y = kernel(a, b), a and b broadcast in one dtype; backward reads both."""

    torch_saved = {"_saved_self": arg(0), "_saved_other": arg(1)}
    save = (0, 1)

    def forward(self, a, b, dtype=None):
        a, b = promote(a, b, dtype)
        return self.kernel(a, b)


class WithNumber(Op):
    """y = kernel(x, s), s a number: a parameter of the node (torch's ``.Scalar``)."""

    torch_saved = {"_saved_other": value(lambda n: n.other)}

    def forward(self, x, other, dtype=None):
        self.other = other
        x, s = promote(x, other, dtype)
        return self.kernel(x, s)
