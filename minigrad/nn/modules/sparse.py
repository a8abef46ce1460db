"""torch.nn.modules.sparse's path: the embedding layers, as torch names them."""

from minigrad.nn.sparse import Embedding

__all__ = ["Embedding"]
