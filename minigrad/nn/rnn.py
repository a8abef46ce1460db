"""The recurrent layers RNN, LSTM and GRU (stacked, bidirectional, packed input)."""

from __future__ import annotations

import math
import numbers
import warnings
from operator import methodcaller
from typing import Any

from minigrad.factories import empty, zeros
from minigrad.math import cat, stack
from minigrad.nn import init
from minigrad.nn._declared_init import declared_init
from minigrad.nn._rnn_steps import run_layers
from minigrad.nn.module import Module
from minigrad.nn.parameter import Parameter
from minigrad.nn.utils.rnn import PackedSequence
from minigrad.tensor import Tensor

__all__ = ["RNNBase", "RNN", "LSTM", "GRU"]

_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}
_PROJ_ONLY_LSTM = "proj_size argument is only supported for LSTM, not RNN or GRU"


def reset_uniform(module: Module) -> None:
    """torch's recurrent init: every parameter, in order, from U(-1/sqrt(H), 1/sqrt(H))."""
    stdv = 1.0 / math.sqrt(module.hidden_size) if module.hidden_size > 0 else 0
    for weight in module.parameters():
        init.uniform_(weight, -stdv, stdv)


def _check_arguments(
    input_size, hidden_size, num_layers, bias, batch_first, dropout, proj_size
) -> None:
    """RNNBase's constructor checks, in torch's order, with its errors and warning."""
    if (
        not isinstance(dropout, numbers.Number)
        or not 0 <= dropout <= 1
        or isinstance(dropout, bool)
    ):
        raise ValueError(
            "dropout should be a number in range [0, 1] representing the probability of an element being zeroed"
        )
    if dropout > 0 and num_layers == 1:
        warnings.warn(
            f"dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout={dropout} and num_layers={num_layers}",
            stacklevel=4,
        )
    for name, value, kind in (("bias", bias, bool), ("batch_first", batch_first, bool)):
        if not isinstance(value, kind):
            raise TypeError(
                f"{name} should be of type bool, got: {type(value).__name__}"
            )
    for name, value in (("input_size", input_size), ("hidden_size", hidden_size)):
        if not isinstance(value, int):
            raise TypeError(
                f"{name} should be of type int, got: {type(value).__name__}"
            )
        if value <= 0:
            raise ValueError(f"{name} must be greater than zero")
    if num_layers <= 0:
        raise ValueError("num_layers must be greater than zero")
    if proj_size < 0:
        raise ValueError(
            "proj_size should be a positive integer or zero to disable projections"
        )
    if proj_size >= hidden_size:
        raise ValueError("proj_size has to be smaller than hidden_size")


class RNNBase(Module):
    """What RNN, LSTM and GRU share: the parameters, their init, the checks, the run."""

    @declared_init(
        "mode:str input_size:int hidden_size:int num_layers:int=1 bias:bool=True"
        " batch_first:bool=False dropout:float=0.0 bidirectional:bool=False"
        " proj_size:int=0 device=None dtype=None"
    )
    def __init__(self, arguments: dict[str, Any]) -> None:
        factory_kwargs = {k: arguments.pop(k) for k in ("device", "dtype")}
        super().__init__()
        # NOTE: matches torch: the attributes are stored before they are checked
        vars(self).update(arguments, dropout=float(arguments["dropout"]))
        mode = arguments.pop("mode")
        del arguments["bidirectional"]
        _check_arguments(**arguments)
        if mode not in _GATES:
            raise ValueError("Unrecognized RNN mode: " + mode)
        self._flat_weights_names: list[str] = []
        self._all_weights: list[list[str]] = []
        for layer in range(self.num_layers):
            for direction in range(2 if self.bidirectional else 1):
                self._add_layer(layer, direction, factory_kwargs)
        self.reset_parameters()

    def _add_layer(self, layer: int, direction: int, factory_kwargs: dict) -> None:
        """The empty parameters of one direction of one layer, named as torch's."""
        gate_size = _GATES[self.mode] * self.hidden_size
        real_hidden = self.proj_size if self.proj_size > 0 else self.hidden_size
        directions = 2 if self.bidirectional else 1
        layer_input = self.input_size if layer == 0 else real_hidden * directions
        shapes = {"weight_ih": (gate_size, layer_input)}
        shapes["weight_hh"] = (gate_size, real_hidden)
        if self.bias:
            shapes.update(bias_ih=(gate_size,), bias_hh=(gate_size,))
        if self.proj_size > 0:
            shapes["weight_hr"] = (self.proj_size, self.hidden_size)
        suffix = "_reverse" if direction == 1 else ""
        names = []
        for kind, shape in shapes.items():
            names.append(f"{kind}_l{layer}{suffix}")
            setattr(self, names[-1], Parameter(empty(shape, **factory_kwargs)))
        self._flat_weights_names.extend(names)
        self._all_weights.append(names)

    reset_parameters = reset_uniform

    @property
    def _flat_weights(self) -> list[Parameter | None]:
        return [getattr(self, name, None) for name in self._flat_weights_names]

    @property
    def all_weights(self) -> list[list[Parameter]]:
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def flatten_parameters(self) -> None:
        """A no-op, as torch's on the CPU (it packs cuDNN's weights)."""

    def extra_repr(self) -> str:
        s = "{input_size}, {hidden_size}"
        if self.proj_size != 0:
            s += ", proj_size={proj_size}"
        if self.num_layers != 1:
            s += ", num_layers={num_layers}"
        if self.bias is not True:
            s += ", bias={bias}"
        if self.batch_first is not False:
            s += ", batch_first={batch_first}"
        if self.dropout != 0:
            s += ", dropout={dropout}"
        if self.bidirectional is not False:
            s += ", bidirectional={bidirectional}"
        return s.format(**self.__dict__)

    # --- checks, as torch's ------------------------------------------------------

    def check_input(self, input: Tensor, batch_sizes: Tensor | None) -> None:
        weight = self._flat_weights[0]
        if input.dtype != weight.dtype:
            raise ValueError(
                f"RNN input dtype ({input.dtype}) does not match weight dtype ({weight.dtype}). Convert input: input.to({weight.dtype}), or convert model: model.to({input.dtype})"
            )
        expected = 2 if batch_sizes is not None else 3
        if input.dim() != expected:
            raise RuntimeError(
                f"input must have {expected} dimensions, got {input.dim()}"
            )
        if self.input_size != input.size(-1):
            raise RuntimeError(
                f"input.size(-1) must be equal to input_size. Expected {self.input_size}, got {input.size(-1)}"
            )

    def get_expected_hidden_size(
        self, input: Tensor, batch_sizes: Tensor | None, cell: bool = False
    ) -> tuple[int, int, int]:
        if batch_sizes is not None:
            mini_batch = int(batch_sizes[0])
        else:
            mini_batch = input.size(0) if self.batch_first else input.size(1)
        size = self.proj_size if self.proj_size > 0 and not cell else self.hidden_size
        return (self.num_layers * (2 if self.bidirectional else 1), mini_batch, size)

    def check_hidden_size(
        self,
        hx: Tensor,
        expected_hidden_size: tuple[int, int, int],
        msg: str = "Expected hidden size {}, got {}",
    ) -> None:
        if hx.size() != expected_hidden_size:
            raise RuntimeError(msg.format(expected_hidden_size, list(hx.size())))

    def check_forward_args(
        self, input: Tensor, hidden: Tensor, batch_sizes: Tensor | None
    ) -> None:
        self.check_input(input, batch_sizes)
        self.check_hidden_size(
            hidden, self.get_expected_hidden_size(input, batch_sizes)
        )

    def permute_hidden(self, hx: Tensor, permutation: Tensor | None) -> Tensor:
        return hx if permutation is None else hx.index_select(1, permutation)

    # --- the run -----------------------------------------------------------------

    def _zeros(self, input: Tensor, batch: int, cell: bool = False) -> Tensor:
        layers, _, size = self.get_expected_hidden_size(input, None, cell)
        return zeros(layers, batch, size, dtype=input.dtype)

    def _layers(self) -> list[list[tuple]]:
        """Per layer, per direction: (w_ih, b_ih, w_hh, b_hh, w_hr), absent ones None."""
        out = []
        for names in self._all_weights:
            get = {name.split("_l")[0]: getattr(self, name) for name in names}
            keys = ("weight_ih", "bias_ih", "weight_hh", "bias_hh", "weight_hr")
            out.append(tuple(get.get(k) for k in keys))
        directions = 2 if self.bidirectional else 1
        return [out[i : i + directions] for i in range(0, len(out), directions)]

    def _run(self, input: Tensor, batch_sizes: Tensor | None, hidden: tuple) -> tuple:
        """The recurrence on a padded (T, N, C) or packed (sum(N_t), C) input."""
        if batch_sizes is None:
            x = input.transpose(0, 1) if self.batch_first else input
            if x.size(0) == 0:
                raise RuntimeError(
                    "Expected sequence length to be larger than 0 in RNN"
                )
            steps_of, join = methodcaller("unbind", 0), stack
        else:
            x, sizes = input, [int(s) for s in batch_sizes.tolist()]
            steps_of, join = methodcaller("split", sizes), cat
        layers = self._layers()
        out, state = run_layers(
            self.mode, steps_of, join, x, hidden, layers, self.dropout, self.training
        )
        if batch_sizes is None and self.batch_first:
            out = out.transpose(0, 1)
        return out, state

    def _forward(self, input: Any, hx: Any, name: str, n_states: int) -> tuple:
        """torch's forward around the recurrence: packed or (un)batched input, hx
        given or zero, checks, and the outputs in the input's form."""
        lstm = n_states == 2
        packed = isinstance(input, PackedSequence)
        if packed:
            input, batch_sizes, sorted_indices, unsorted_indices = input
            batch = int(batch_sizes[0])
        else:
            batch_sizes = sorted_indices = unsorted_indices = None
            if input.dim() not in (2, 3):
                tail = "D instead" if name != "RNN" else "D tensor instead"
                raise ValueError(
                    f"{name}: Expected input to be 2D or 3D, got {input.dim()}{tail}"
                )
            batched = input.dim() == 3
            batch_dim = 0 if self.batch_first else 1
            if not batched:
                input = input.unsqueeze(batch_dim)
            batch = input.size(batch_dim)
            if hx is not None:
                _check_hx_rank(hx, batched, lstm)
                if not batched:
                    hx = tuple(h.unsqueeze(1) for h in hx) if lstm else hx.unsqueeze(1)
        if hx is None:
            states = [self._zeros(input, batch, cell=i == 1) for i in range(n_states)]
            hx = tuple(states) if lstm else states[0]
        else:
            hx = self.permute_hidden(hx, sorted_indices)
        self.check_forward_args(input, hx, batch_sizes)
        output, hidden = self._run(input, batch_sizes, hx if lstm else (hx,))
        hidden = hidden if lstm else hidden[0]
        if packed:
            output = PackedSequence(
                output, batch_sizes, sorted_indices, unsorted_indices
            )
        elif not batched:
            output = output.squeeze(batch_dim)
            hidden = tuple(h.squeeze(1) for h in hidden) if lstm else hidden.squeeze(1)
        return output, self.permute_hidden(hidden, unsorted_indices)


def _check_hx_rank(hx, batched: bool, lstm: bool) -> None:
    rank = 3 if batched else 2
    form = "batched 3-D" if batched else "unbatched 2-D"
    if lstm:
        if hx[0].dim() != rank or hx[1].dim() != rank:
            raise RuntimeError(
                f"For {form} input, hx and cx should also be {rank}-D but got ({hx[0].dim()}-D, {hx[1].dim()}-D) tensors"
            )
    elif hx.dim() != rank:
        raise RuntimeError(
            f"For {form} input, hx should also be {rank}-D but got {hx.dim()}-D tensor"
        )


class RNN(RNNBase):
    """Elman RNN: h_t = tanh or relu(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)."""

    def __init__(self, *args, **kwargs) -> None:
        if "proj_size" in kwargs:
            raise ValueError(_PROJ_ONLY_LSTM)
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if self.nonlinearity not in ("tanh", "relu"):
            raise ValueError(
                f"Unknown nonlinearity '{self.nonlinearity}'. Select from 'tanh' or 'relu'."
            )
        super().__init__(f"RNN_{self.nonlinearity.upper()}", *args, **kwargs)

    def forward(
        self, input: Tensor | PackedSequence, hx: Tensor | None = None
    ) -> tuple[Tensor | PackedSequence, Tensor]:
        return self._forward(input, hx, "RNN", 1)


class LSTM(RNNBase):
    """Long short-term memory: gates i, f, g, o; outputs (output, (h_n, c_n))."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__("LSTM", *args, **kwargs)

    def get_expected_cell_size(
        self, input: Tensor, batch_sizes: Tensor | None
    ) -> tuple[int, int, int]:
        return self.get_expected_hidden_size(input, batch_sizes, cell=True)

    def check_forward_args(
        self, input: Tensor, hidden: tuple[Tensor, Tensor], batch_sizes: Tensor | None
    ) -> None:
        self.check_input(input, batch_sizes)
        for i, cell in ((0, False), (1, True)):
            expected = self.get_expected_hidden_size(input, batch_sizes, cell)
            self.check_hidden_size(
                hidden[i], expected, f"Expected hidden[{i}] size {{}}, got {{}}"
            )

    def permute_hidden(
        self, hx: tuple[Tensor, Tensor], permutation: Tensor | None
    ) -> tuple[Tensor, Tensor]:
        if permutation is None:
            return hx
        return tuple(h.index_select(1, permutation) for h in hx)

    def forward(
        self, input: Tensor | PackedSequence, hx: tuple[Tensor, Tensor] | None = None
    ) -> tuple[Tensor | PackedSequence, tuple[Tensor, Tensor]]:
        return self._forward(input, hx, "LSTM", 2)


class GRU(RNNBase):
    """Gated recurrent unit: gates r, z, n; h' = (1 - z) * n + z * h."""

    def __init__(self, *args, **kwargs) -> None:
        if "proj_size" in kwargs:
            raise ValueError(_PROJ_ONLY_LSTM)
        super().__init__("GRU", *args, **kwargs)

    def forward(
        self, input: Tensor | PackedSequence, hx: Tensor | None = None
    ) -> tuple[Tensor | PackedSequence, Tensor]:
        return self._forward(input, hx, "GRU", 1)
