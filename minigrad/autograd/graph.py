"""torch.autograd.graph's path: Node, the class of every ``grad_fn``."""

from minigrad.engine.graph import Node

__all__ = ["Node"]
