"""torch.nn.modules.distance's path: the distance layers, as torch names them."""

from minigrad.nn.distance import CosineSimilarity, PairwiseDistance

__all__ = ["CosineSimilarity", "PairwiseDistance"]
