"""Op: the base of every primitive, a graph node with a forward and a backward."""

from __future__ import annotations

from minigrad.engine.graph import Node
from minigrad.ops import saved as _saved


class Op(Node):
    """A primitive: ``forward(*arrays, **params)`` returns the output array and
    ``backward(grad, *saved)`` one gradient per input (None where none flows).

    ``save`` names what backward receives after ``grad``: input positions, or
    OUTPUT for the op's own output. Ops never see Tensors in forward; backward
    is written in the formula vocabulary (ops/formula.py), so the same lines run
    on arrays (first order) and on Tensors (``create_graph=True``).
    """

    save: tuple = ()
    # per entry of save: the input whose need of a gradient makes it needed (None:
    # always); an unneeded one is not kept (nor version-checked), as torch
    save_when: tuple | None = None
    view = False  # True: the output shares the input's memory (a view of it)

    # torch's ``_saved_*`` attributes of this node (ops/saved.py): name -> spec
    torch_saved: dict = {}

    def __getattr__(self, name: str):
        if name.startswith("_saved_"):
            spec = _saved.specs_of(self).get(name)
            if spec is not None:
                return _saved.read(self, spec)
        raise AttributeError(
            f"'{type(self).__name__}' object has no attribute '{name}'"
        )

    def __dir__(self):
        return [*super().__dir__(), *_saved.specs_of(self)]


_TORCH_CLASSES: dict = {}
_NODE_NAME = Node.name


def torch_class(node: Op) -> type:
    """The node's class as torch names it (``AddmmBackward0``): a subclass of its
    op made once per (op, name), so that ``type(y.grad_fn).__name__`` is torch's."""
    op = type(node)
    # NOTE: an op that keeps Node.name is named by its node_name alone (None: the
    # default name), so the key needs no call to name()
    key = (op, node.node_name) if op.name is _NODE_NAME else (op, node.name())
    cls = _TORCH_CLASSES.get(key)
    if cls is None:
        name = node.name()
        attrs = {"__slots__": (), "__module__": op.__module__, "__doc__": op.__doc__}
        attrs["node_name"] = name
        cls = _TORCH_CLASSES[key] = type(name.rpartition("::")[2], (op,), attrs)
    return cls
