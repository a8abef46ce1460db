"""tinygrad: lazy tensors compiled per device; gradients by `Tensor.gradient`."""

from __future__ import annotations

import numpy as np
from tinygrad import Device, Tensor
from tinygrad.helpers import DEV

from benchmarks.peers.tensor_peer import TensorPeer


def _cpu_backend() -> str:
    """'' when tinygrad's CPU backend runs here, else why it does not."""
    try:
        Device["CPU"]
        (Tensor(np.ones(2, np.float32), device="CPU") * 2).numpy()
    except Exception as error:  # noqa: BLE001  (any failure: the backend is out)
        return f"{type(error).__name__}: {error}".splitlines()[0]
    return ""


class TinyOps:
    """The peer vocabulary (see base.NumpyOps) as tinygrad's Tensor methods."""

    def __getattr__(self, name: str):
        return lambda a, *args: getattr(a, name)(*args)  # exp, log, relu, ...

    def clamp(self, a, low, high):
        return a.clip(low, high)

    def sum(self, a, dim=None, keepdim=False):
        return a.sum(axis=dim, keepdim=keepdim)

    def mean(self, a, dim=None):
        return a.mean(axis=dim)

    def transpose(self, w):
        return w.T

    def linear(self, x, w, b):
        return x @ w.T + b

    def mse_loss(self, a, b):
        return ((a - b) ** 2).mean()

    def binary_cross_entropy(self, p, y):
        return p.binary_crossentropy(y)

    def binary_cross_entropy_with_logits(self, z, y):
        return z.binary_crossentropy_logits(y)


class Tinygrad(TensorPeer):
    name = package = "tinygrad"
    ops = TinyOps()

    def __init__(self) -> None:
        problem = _cpu_backend()
        if problem:
            # NOTE: the PYTHON backend emulates a device in Python: right for
            # gradients, meaningless for speed.
            DEV.value = "PYTHON"
            self.speed_note = (
                f"its CPU backend does not run here ({problem}); gradients checked "
                "on its PYTHON backend, speed not measured"
            )

    def leaf(self, array, requires_grad):
        return Tensor(np.array(array))

    def backward(self, out, upstream, leaves):
        return out.gradient(*leaves, gradient=Tensor(np.array(upstream)))

    def numpy(self, t):
        return t.numpy()

    def update(self, param, grad, lr):
        return Tensor((param - lr * grad).numpy())


PEERS = [Tinygrad()]
