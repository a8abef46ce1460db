"""micrograd: scalar `Value`s (held in NumPy object arrays); scalar ops only."""

from __future__ import annotations

import numpy as np
from micrograd.engine import Value

from benchmarks.peers.base import NumpyOps, Unsupported
from benchmarks.peers.tensor_peer import TensorPeer

_data = np.frompyfunc(lambda v: v.data, 1, 1)
_grad = np.frompyfunc(lambda v: v.grad, 1, 1)
_relu = np.frompyfunc(lambda v: v.relu(), 1, 1)


def _missing(op: str):
    def fail(self, *args):
        raise Unsupported(f"micrograd's Value has no {op}")

    return fail


class MicrogradOps(NumpyOps):
    """Arithmetic, powers by a number, relu, sums and products of Values."""

    exp = _missing("exp")
    log = _missing("log")
    abs = _missing("abs")
    tanh = _missing("tanh")
    sigmoid = _missing("sigmoid (no exp)")
    maximum = _missing("maximum (no comparison)")
    minimum = _missing("minimum (no comparison)")
    clamp = _missing("clamp (no comparison)")
    max = _missing("max (no comparison)")
    binary_cross_entropy = _missing("log")
    binary_cross_entropy_with_logits = _missing("exp or log")

    def mean(self, a, dim=None):
        count = np.size(a) if dim is None else np.shape(a)[dim]
        return self.sum(a, dim) * (1.0 / count)  # NOTE: Value ** -1 needs a float

    def sqrt(self, a):
        return a**0.5

    def relu(self, a):
        return _relu(a)

    def pow(self, a, b):
        if isinstance(b, np.ndarray):
            raise Unsupported("micrograd raises a Value only to a number's power")
        return a**b


class Micrograd(TensorPeer):
    name = package = "micrograd"
    ops = MicrogradOps(np)

    def leaf(self, array, requires_grad):
        values = np.empty(np.size(array), dtype=object)
        values[:] = [Value(float(v)) for v in np.ravel(array)]
        return values.reshape(np.shape(array))

    def backward(self, out, upstream, leaves):
        total = np.sum(np.asarray(out, dtype=object) * upstream)
        total.backward()
        return [np.asarray(_grad(t), dtype=np.float64) for t in leaves]

    def numpy(self, t):
        t = np.asarray(t)
        return np.asarray(_data(t) if t.dtype == object else t, dtype=np.float64)

    def update(self, param, grad, lr):
        return self.leaf(self.numpy(param) - lr * grad, True)


PEERS = [Micrograd()]
