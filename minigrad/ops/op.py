"""Op: the base of every primitive, a graph node with a forward and a backward."""

from __future__ import annotations

from minigrad.engine.graph import Node


class Op(Node):
    """A primitive: ``forward(*arrays, **params)`` returns the output array and
    ``backward(grad, *saved)`` one gradient per input (None where none flows).

    ``save`` names what backward receives after ``grad``: input positions, or
    OUTPUT for the op's own output. Ops never see Tensors in forward; backward
    is written in the formula vocabulary (ops/formula.py), so the same lines run
    on arrays (first order) and on Tensors (``create_graph=True``).
    """

    save: tuple = ()
