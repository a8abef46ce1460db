"""jax: functional gradients (`jax.vjp`), eager and compiled with `jax.jit`."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from benchmarks.peers.base import NumpyOps, Peer

# NOTE: without x64 jax computes float64 inputs in float32.
jax.config.update("jax_enable_x64", True)


class JaxOps(NumpyOps):
    def sigmoid(self, a):
        return jax.nn.sigmoid(a)

    def relu(self, a):
        return jax.nn.relu(a)


class Jax(Peer):
    package = "jax"
    ops = JaxOps(jnp)

    def __init__(self, jit: bool) -> None:
        self.jit = jit
        self.name = "jax.jit" if jit else "jax"

    def gradients(self, fn, arrays, needs_grad, upstream):
        def run(xs, u):
            out, vjp = jax.vjp(lambda *ys: fn(self.ops, *ys), *xs)
            return out, vjp(u)

        run = jax.jit(run) if self.jit else run
        out, grads = run(tuple(jnp.asarray(a) for a in arrays), jnp.asarray(upstream))
        return np.asarray(out), [
            np.asarray(g) if need else None
            for g, need in zip(grads, needs_grad, strict=True)
        ]

    def trainer(self, forward, params, lr):
        def update(ps, x, y):
            value, grads = jax.value_and_grad(
                lambda qs: self.ops.mse_loss(forward(self.ops, qs, x), y)
            )(ps)
            return value, [p - lr * g for p, g in zip(ps, grads, strict=True)]

        update = jax.jit(update) if self.jit else update
        state = [jnp.asarray(p) for p in params]

        def step(x, y):
            value, state[:] = update(state, jnp.asarray(x), jnp.asarray(y))
            return float(value)

        return step


PEERS = [Jax(jit=False), Jax(jit=True)]
