"""Bit-exactness with torch: its fused multiply-adds, summation order and random
streams. A first reading can skip this package: each function here computes
what its NumPy one-liner would, rounded the way torch's CPU kernels round.

- ``fma.py``: torch's fused multiply-add (SGD's update, ``add(alpha=)``,
  ``linspace``/``arange``, the random transformations).
- ``sums.py``: full sums and sums over leading axes in torch's cascade order.
- ``rng_kernels.py``: torch's MT19937 transformations (docs/torch_rng.md).
- ``transcendental.py``: float32 exp, log, tanh, sin... through float64, rounded
  once (torch's kernels agree with that far more often than NumPy's float32 ones).
- ``ordering.py``: torch's topk and (small-integer, bool) sort on CPU: libstdc++'s
  algorithms replayed, for the order of equal values.
"""
