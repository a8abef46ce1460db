"""mygrad: NumPy arrays with a recorded graph and `.backward()`."""

from __future__ import annotations

import mygrad as mg
import numpy as np
from mygrad.nnet.activations import relu, sigmoid

from benchmarks.peers.base import NumpyOps
from benchmarks.peers.tensor_peer import TensorPeer


class MygradOps(NumpyOps):
    def sigmoid(self, a):
        return sigmoid(a)

    def relu(self, a):
        return relu(a)


class Mygrad(TensorPeer):
    name = package = "mygrad"
    ops = MygradOps(mg)

    def leaf(self, array, requires_grad):
        return mg.tensor(array.copy(), constant=not requires_grad)

    def backward(self, out, upstream, leaves):
        out.backward(upstream)
        return [t.grad for t in leaves]

    def numpy(self, t):
        return np.array(t.data if isinstance(t, mg.Tensor) else t)

    def update(self, param, grad, lr):
        return mg.tensor(param.data - lr * grad)


PEERS = [Mygrad()]
