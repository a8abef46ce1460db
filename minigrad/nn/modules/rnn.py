"""torch.nn.modules.rnn's path: the recurrent layers and cells, as torch names them."""

from minigrad.nn.rnn import GRU, LSTM, RNN, RNNBase
from minigrad.nn.rnn_cell import GRUCell, LSTMCell, RNNCell, RNNCellBase

__all__ = ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell"]
__all__ += ["GRUCell"]
