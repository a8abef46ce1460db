"""The autograd core, below the Tensor class: the graph's nodes (graph.py), grad
mode (grad_mode.py), the backward pass (backward.py) and its entry points
(api.py). It never imports Tensor; ``minigrad.autograd`` is its public face."""
