"""The single-step recurrent cells RNNCell, LSTMCell and GRUCell."""

from __future__ import annotations

from typing import Any

from minigrad.factories import empty, zeros
from minigrad.nn import functional as F
from minigrad.nn._declared_init import declared_init
from minigrad.nn._rnn_steps import STEPS
from minigrad.nn.module import Module
from minigrad.nn.parameter import Parameter
from minigrad.nn.rnn import reset_uniform
from minigrad.tensor import Tensor

__all__ = ["RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]


class RNNCellBase(Module):
    """The cells' parameters weight_ih, weight_hh (and bias_ih, bias_hh), torch's init."""

    @declared_init(
        "input_size:int hidden_size:int bias:bool num_chunks:int device=None dtype=None"
    )
    def __init__(self, arguments: dict[str, Any]) -> None:
        self._build(**arguments)

    def _build(self, input_size, hidden_size, bias, num_chunks, device, dtype) -> None:
        """Store the sizes; empty parameters of ``num_chunks`` gates, then torch's init."""
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        vars(self).update(input_size=input_size, hidden_size=hidden_size, bias=bias)
        gates = num_chunks * hidden_size
        self.weight_ih = Parameter(empty((gates, input_size), **factory_kwargs))
        self.weight_hh = Parameter(empty((gates, hidden_size), **factory_kwargs))
        for name in ("bias_ih", "bias_hh"):
            if bias:
                setattr(self, name, Parameter(empty(gates, **factory_kwargs)))
            else:
                self.register_parameter(name, None)
        self.reset_parameters()

    reset_parameters = reset_uniform

    def extra_repr(self) -> str:
        s = "{input_size}, {hidden_size}"
        if "bias" in self.__dict__ and self.bias is not True:
            s += ", bias={bias}"
        if "nonlinearity" in self.__dict__ and self.nonlinearity != "tanh":
            s += ", nonlinearity={nonlinearity}"
        return s.format(**self.__dict__)

    def _step(self, name: str, mode: str, input: Tensor, hx, n_states: int):
        """torch's cell forward: 1-D or 2-D input, hx given or zero, ATen's checks."""
        if input.dim() not in (1, 2):
            raise ValueError(
                f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead"
            )
        states = None if hx is None else (hx if n_states == 2 else (hx,))
        for i, value in enumerate(states or ()):
            if value.dim() not in (1, 2):
                what = f"hx[{i}]" if n_states == 2 else "hidden"
                raise ValueError(
                    f"{name}: Expected {what} to be 1D or 2D, got {value.dim()}D instead"
                )
        batched = input.dim() == 2
        if not batched:
            input = input.unsqueeze(0)
        if states is None:
            states = (
                zeros(input.size(0), self.hidden_size, dtype=input.dtype),
            ) * n_states
        elif not batched:
            states = tuple(s.unsqueeze(0) for s in states)
        if input.size(1) != self.weight_ih.size(1):
            raise RuntimeError(
                f"input has inconsistent input_size: got {input.size(1)} expected {self.weight_ih.size(1)}"
            )
        for i, s in enumerate(states):
            if input.size(0) != s.size(0):
                raise RuntimeError(
                    f"Input batch size {input.size(0)} doesn't match hidden{i} batch size {s.size(0)}"
                )
            if s.size(1) != self.hidden_size:
                raise RuntimeError(
                    f"hidden{i} has inconsistent hidden_size: got {s.size(1)}, expected {self.hidden_size}"
                )
        gi = F.linear(input, self.weight_ih, self.bias_ih)
        out = STEPS[mode](gi, states, self.weight_hh, self.bias_hh, None)
        if not batched:
            out = tuple(s.squeeze(0) for s in out)
        return out if n_states == 2 else out[0]


class RNNCell(RNNCellBase):
    """h' = tanh or relu(W_ih x + b_ih + W_hh h + b_hh)."""

    @declared_init(
        "input_size:int hidden_size:int bias:bool=True nonlinearity:str='tanh'"
        " device=None dtype=None"
    )
    def __init__(self, arguments: dict[str, Any]) -> None:
        nonlinearity = arguments.pop("nonlinearity")
        self._build(num_chunks=1, **arguments)
        self.nonlinearity = nonlinearity

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:
        if self.nonlinearity not in ("tanh", "relu"):
            if input.dim() in (1, 2) and (hx is None or hx.dim() in (1, 2)):
                raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        mode = f"RNN_{str(self.nonlinearity).upper()}"
        return self._step("RNNCell", mode, input, hx, 1)


class _GatedCell(RNNCellBase):
    """LSTMCell and GRUCell: the class's mode, gate count and number of states."""

    _mode, _chunks, _states = "", 0, 0

    @declared_init(
        "input_size:int hidden_size:int bias:bool=True device=None dtype=None",
        dynamic_owner=True,
    )
    def __init__(self, arguments: dict[str, Any]) -> None:
        self._build(num_chunks=self._chunks, **arguments)

    def forward(self, input: Tensor, hx: Any = None) -> Any:
        return self._step(type(self).__name__, self._mode, input, hx, self._states)


class LSTMCell(_GatedCell):
    """One LSTM step: (h', c') from x and (h, c)."""

    _mode, _chunks, _states = "LSTM", 4, 2


class GRUCell(_GatedCell):
    """One GRU step: h' from x and h."""

    _mode, _chunks, _states = "GRU", 3, 1
