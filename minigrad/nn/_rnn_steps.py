"""The recurrent cells (tanh/relu RNN, LSTM, GRU) and the layer stack that runs them
over time, composed of differentiable ops as ATen's CPU reference code does."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from minigrad.math import cat, stack
from minigrad.nn import functional as F
from minigrad.tensor import Tensor

State = tuple[Tensor, ...]  # (h,) or, for the LSTM, (h, c)


def _simple_step(activation: str) -> Callable:
    def step(gi: Tensor, state: State, w_hh, b_hh, w_hr) -> State:
        """h' = act(W_ih x + b_ih + W_hh h + b_hh)"""
        return (getattr(F.linear(state[0], w_hh, b_hh).add(gi), activation)(),)

    return step


def lstm_step(gi: Tensor, state: State, w_hh, b_hh, w_hr) -> State:
    """gates i, f, g, o; c' = f*c + i*g, h' = o*tanh(c') (projected by W_hr if any)."""
    h, c = state
    i, f, g, o = F.linear(h, w_hh, b_hh).add(gi).chunk(4, 1)
    c = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()))
    h = o.sigmoid().mul(c.tanh())
    return (h if w_hr is None else F.linear(h, w_hr), c)


def gru_step(gi: Tensor, state: State, w_hh, b_hh, w_hr) -> State:
    """r, z = sigmoid(...), n = tanh(W_in x + b_in + r*(W_hn h + b_hn)); h' = n + z*(h - n)."""
    h = state[0]
    i_r, i_z, i_n = gi.chunk(3, 1)
    h_r, h_z, h_n = F.linear(h, w_hh, b_hh).chunk(3, 1)
    r = h_r.add(i_r).sigmoid()
    z = h_z.add(i_z).sigmoid()
    n = i_n.add(h_n.mul(r)).tanh()
    return (h.sub(n).mul(z).add(n),)


STEPS = {
    "RNN_TANH": _simple_step("tanh"),
    "RNN_RELU": _simple_step("relu"),
    "LSTM": lstm_step,
    "GRU": gru_step,
}


def _direction(
    step: Callable,
    gis: Sequence[Tensor],
    state: State,
    weights: Sequence[Tensor | None],
    reverse: bool,
) -> tuple[list[Tensor], State]:
    """One direction of one layer over the steps ``gis`` (input projections, each of
    the step's batch size, which never grows with time: a packed sequence's); the
    outputs in time order and the final state with every batch row."""
    w_hh, b_hh, w_hr = weights
    full = state
    outputs: list[Tensor | None] = [None] * len(gis)
    order = range(len(gis) - 1, -1, -1) if reverse else range(len(gis))
    if reverse:  # the shortest batch first: rows join as their sequences start
        state = tuple(s.narrow(0, 0, gis[-1].size(0)) for s in state)
    finished: list[State] = []
    for t in order:
        rows, now = gis[t].size(0), state[0].size(0)
        if rows < now:  # forward: rows past their sequence's end keep their state
            finished.append(tuple(s.narrow(0, rows, now - rows) for s in state))
            state = tuple(s.narrow(0, 0, rows) for s in state)
        elif rows > now:
            state = tuple(
                cat([s, f.narrow(0, now, rows - now)]) for s, f in zip(state, full)
            )
        state = step(gis[t], state, w_hh, b_hh, w_hr)
        outputs[t] = state[0]
    if finished:
        finished.append(state)
        state = tuple(cat(list(parts)) for parts in zip(*reversed(finished)))
    return outputs, state


def run_layers(
    mode: str,
    steps_of: Callable[[Tensor], list[Tensor]],
    join: Callable[[list[Tensor]], Tensor],
    x: Tensor,
    hidden: State,
    layers: Sequence[Sequence[Sequence[Tensor | None]]],
    dropout: float,
    training: bool,
) -> tuple[Tensor, State]:
    """The stacked (and bidirectional) recurrence of torch's RNN/LSTM/GRU.

    ``steps_of(tensor)`` splits a projected sequence into its time steps, ``join``
    puts per-step outputs back together; ``hidden`` holds (layers*directions, N, H)
    tensors; ``layers[l][d]`` is (w_ih, b_ih, w_hh, b_hh, w_hr) (absent ones None).
    Returns the last layer's output and the final states, stacked as torch's."""
    step = STEPS[mode]
    finals: list[State] = []
    for number, directions in enumerate(layers):
        outputs = []
        for d, (w_ih, b_ih, *weights) in enumerate(directions):
            k = number * len(directions) + d
            gis = steps_of(F.linear(x, w_ih, b_ih))
            state = tuple(h[k] for h in hidden)
            out, state = _direction(step, gis, state, weights, reverse=d == 1)
            outputs.append(join(out))
            finals.append(state)
        x = outputs[0] if len(outputs) == 1 else cat(outputs, -1)
        if dropout != 0 and training and number < len(layers) - 1:
            x = F.dropout(x, dropout, True)
    return x, tuple(stack(list(parts)) for parts in zip(*finals))
