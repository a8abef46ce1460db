"""torch.nn.utils.rnn: padding variable-length sequences, and PackedSequence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from minigrad import dtypes
from minigrad._broadcast import broadcast_shape
from minigrad.factories import arange, as_tensor, empty_like, full, tensor
from minigrad.math import cat, sort, stack
from minigrad.tensor import Tensor

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence"]
__all__ += ["pad_packed_sequence", "pad_sequence", "unpad_sequence"]
__all__ += ["pack_sequence", "unpack_sequence"]


class PackedSequence_(NamedTuple):
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Tensor | None
    unsorted_indices: Tensor | None


class PackedSequence(PackedSequence_):
    """The time steps of a batch of sequences, longest first, packed one after the
    other: ``data`` (sum of batch_sizes, *), ``batch_sizes`` per step (on the CPU)."""

    def __new__(
        cls,
        data: Tensor,
        batch_sizes: Tensor | None = None,
        sorted_indices: Tensor | None = None,
        unsorted_indices: Tensor | None = None,
    ) -> PackedSequence:
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is None:
            if not (isinstance(data, (list, tuple)) and len(data) == 2):
                raise AssertionError("Expected data to be a list or tuple of length 2")
            data, batch_sizes = data
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def to(self, *args, **kwargs) -> PackedSequence:
        data = self.data.to(*args, **kwargs)
        return self if data is self.data else type(self)(data, *self[1:])

    def double(self) -> PackedSequence:
        return self.to(dtype=dtypes.float64)

    def float(self) -> PackedSequence:
        return self.to(dtype=dtypes.float32)

    def long(self) -> PackedSequence:
        return self.to(dtype=dtypes.int64)

    def int(self) -> PackedSequence:
        return self.to(dtype=dtypes.int32)

    def byte(self) -> PackedSequence:
        return self.to(dtype=dtypes.uint8)

    def cpu(self, *args, **kwargs) -> PackedSequence:
        return self

    @property
    def is_cuda(self) -> bool:
        return False


def invert_permutation(permutation: Tensor | None) -> Tensor | None:
    """The inverse of ``permutation`` (None stays None)."""
    if permutation is None:
        return None
    output = empty_like(permutation)
    return output.scatter_(0, permutation, arange(0, permutation.numel()))


def _step_sizes(lengths: list[int], batch: int, steps: int) -> list[int]:
    """ATen's checks on sorted ``lengths``; the batch size of each time step."""
    if len(lengths) != batch:
        raise RuntimeError(
            f"Expected `len(lengths)` to be equal to batch_size, but got {len(lengths)} (batch_size={batch})"
        )
    if lengths[-1] <= 0:
        raise RuntimeError(
            "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0"
        )
    if any(a < b for a, b in zip(lengths, lengths[1:])):
        raise RuntimeError(
            "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability."
        )
    if lengths[0] > steps:  # NOTE: torch reads past the input's end here
        raise RuntimeError(
            f"a length ({lengths[0]}) exceeds the padded input's {steps} time steps"
        )
    return [sum(n > t for n in lengths) for t in range(lengths[0])]


def pack_padded_sequence(
    input: Tensor,
    lengths: Tensor | list[int],
    batch_first: bool = False,
    enforce_sorted: bool = True,
) -> PackedSequence:
    """Pack a padded (T, B, *) batch (B, T, * if batch_first) of the given lengths."""
    if isinstance(lengths, Tensor):
        lengths = lengths.to(dtype=dtypes.int64)
    else:
        lengths = as_tensor(lengths, dtype=dtypes.int64)
    sorted_indices = None
    if not enforce_sorted:
        lengths, sorted_indices = sort(lengths, descending=True)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    if batch_first:
        input = input.transpose(0, 1)
    sizes = _step_sizes(
        [int(n) for n in lengths.tolist()], input.size(1), input.size(0)
    )
    data = cat([input[t].narrow(0, 0, n) for t, n in enumerate(sizes)])
    return PackedSequence(data, tensor(sizes, dtype=dtypes.int64), sorted_indices)


def pad_packed_sequence(
    sequence: PackedSequence,
    batch_first: bool = False,
    padding_value: float = 0.0,
    total_length: int | None = None,
) -> tuple[Tensor, Tensor]:
    """Undo pack_padded_sequence: the padded batch and each sequence's length."""
    sizes = [int(n) for n in sequence.batch_sizes.tolist()]
    steps = len(sizes)
    if total_length is not None:
        if total_length < steps:
            raise ValueError(
                f"Expected total_length to be at least the length of the longest sequence in input, but got total_length={total_length} and max sequence length being {steps}"
            )
        steps = total_length
    data = sequence.data
    rows = list(data.split(sizes))
    batch, trailing = sizes[0], tuple(data.shape[1:])
    rows += [data.narrow(0, 0, 0)] * (steps - len(sizes))
    padded = stack([_pad_rows(r, batch, trailing, padding_value) for r in rows])
    lengths = tensor([sum(n > b for n in sizes) for b in range(batch)])
    if batch_first:
        padded = padded.transpose(0, 1)
    if sequence.unsorted_indices is not None:
        padded = padded.index_select(0 if batch_first else 1, sequence.unsorted_indices)
        lengths = lengths[sequence.unsorted_indices]
    return padded, lengths


def _pad_rows(
    x: Tensor, length: int, trailing: tuple, value: float, left: bool = False
) -> Tensor:
    """``x`` (n, *trailing) extended with rows of ``value`` to ``length`` rows."""
    if x.size(0) == length:
        return x
    filler = full((length - x.size(0),) + trailing, value, dtype=x.dtype)
    return cat([filler, x] if left else [x, filler])


def pad_sequence(
    sequences: Tensor | list[Tensor],
    batch_first: bool = False,
    padding_value: float = 0.0,
    padding_side: str = "right",
) -> Tensor:
    """Stack sequences of different lengths, padded with ``padding_value`` on one side."""
    if not isinstance(sequences, Iterable):
        raise RuntimeError(
            f"pad_sequence: Expected iterable for input sequences, but got arg of type: {type(sequences)}"
        )
    sequences = tuple(sequences)
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    if padding_side not in ("left", "right"):
        raise RuntimeError(
            f"Expected padding_side to be one of left or right, but got {padding_side}."
        )
    if sequences[0].dim() == 0:
        raise RuntimeError("ArrayRef: invalid slice, N = 1; size = 0")
    if any(s.dim() == 0 for s in sequences):
        raise IndexError("Dimension specified as 0 but tensor has no dimensions")
    length = max(s.size(0) for s in sequences)
    trailing = tuple(sequences[0].shape[1:])
    sequences = [_fit(s, (s.size(0), *trailing)) for s in sequences]
    left = padding_side == "left"
    out = [_pad_rows(s, length, trailing, padding_value, left) for s in sequences]
    return stack(out, 0 if batch_first else 1)


def _fit(sequence: Tensor, shape: tuple) -> Tensor:
    """``sequence`` broadcast to ``shape`` as torch's copy into the padded output."""
    broadcast_shape(shape, tuple(sequence.shape))
    return sequence if tuple(sequence.shape) == shape else sequence.expand(shape)


def unpad_sequence(
    padded_sequences: Tensor, lengths: Tensor, batch_first: bool = False
) -> list[Tensor]:
    """The sequences of a padded batch, each cut to its length."""
    if not batch_first:
        padded_sequences.transpose_(0, 1)
    return [seq.narrow(0, 0, int(n)) for seq, n in zip(padded_sequences, lengths)]


def pack_sequence(
    sequences: list[Tensor], enforce_sorted: bool = True
) -> PackedSequence:
    """pack_padded_sequence of the padded ``sequences``."""
    lengths = as_tensor([v.size(0) for v in sequences])
    return pack_padded_sequence(
        pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted
    )


def unpack_sequence(packed_sequences: PackedSequence) -> list[Tensor]:
    """The list of sequences a PackedSequence holds."""
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)
