"""An offline stand-in for (Fashion)MNIST: small IDX files in torchvision's layout.

Real MNIST cannot be downloaded where only package registries are reachable.
``make_standin(root)`` writes ``root/MNIST/raw/*-ubyte`` from scikit-learn's
bundled 8 x 8 digits (upscaled into the 20 x 20 box of a 28 x 28 image, as MNIST
centres its digits) or, without scikit-learn, from generated seven-segment
digits; ``datasets.MNIST(root)`` then loads it like the real thing, so course
code runs unchanged. Images are digits for either kind; only the folder differs.
"""

from __future__ import annotations

import os

import numpy as np

from minigrad.vision import _resample
from minigrad.vision._idx import write_idx

# the seven segments (a..g) lit for each digit, on a 5-wide, 9-tall grid
_SEGMENTS = {
    "a": (slice(0, 1), slice(0, 5)),
    "b": (slice(0, 5), slice(4, 5)),
    "c": (slice(4, 9), slice(4, 5)),
    "d": (slice(8, 9), slice(0, 5)),
    "e": (slice(4, 9), slice(0, 1)),
    "f": (slice(0, 5), slice(0, 1)),
    "g": (slice(4, 5), slice(0, 5)),
}
_DIGITS = [
    "abcdef",
    "bc",
    "abged",
    "abgcd",
    "fgbc",
    "afgcd",
    "afgedc",
    "abc",
    "abcdefg",
    "abcdfg",
]
_KINDS = ("MNIST", "FashionMNIST")


def _digits_source(rng: np.random.Generator, synthetic: bool):
    """(images uint8 N x h x w, labels) before placement into 28 x 28."""
    if not synthetic:
        from sklearn.datasets import load_digits

        digits = load_digits()
        images = np.rint(digits.images * (255 / 16)).astype(np.uint8)
        return images, digits.target.astype(np.uint8)
    labels = np.tile(np.arange(10, dtype=np.uint8), 180)
    images = np.zeros((len(labels), 9, 5), np.uint8)
    for image, label in zip(images, labels, strict=True):
        for segment in _DIGITS[label]:
            image[_SEGMENTS[segment]] = rng.integers(170, 256)
    return images, labels


def _place(image: np.ndarray, rng: np.random.Generator, jitter: int) -> np.ndarray:
    """The glyph scaled into a 20 x 20 box of a 28 x 28 canvas, shifted at random."""
    box_h, box_w = (20, 20) if image.shape[0] == image.shape[1] else (20, 12)
    glyph = _resample.resample_uint8(
        image[:, :, None], box_h, box_w, _resample.BILINEAR
    )
    canvas = np.zeros((28, 28), np.uint8)
    dy, dx = rng.integers(-jitter, jitter + 1, 2)
    top, left = 4 + dy, (28 - box_w) // 2 + dx
    canvas[top : top + box_h, left : left + box_w] = glyph[:, :, 0]
    return canvas


def make_standin(
    root: str | os.PathLike,
    kind: str = "MNIST",
    n_train: int | None = None,
    n_test: int | None = None,
    seed: int = 0,
    source: str = "auto",
) -> str:
    """Write a small MNIST-format data set in ``root/<kind>/raw``; return that folder.

    ``source``: 'digits' (scikit-learn's 1797 digits, 80 % for training),
    'synthetic' (generated seven-segment digits), or 'auto' (digits when
    scikit-learn is installed). ``n_train`` / ``n_test`` default to the whole
    split; larger counts repeat images with a random shift of up to 2 pixels.
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    if source not in ("auto", "digits", "synthetic"):
        raise ValueError(
            f"source must be 'auto', 'digits' or 'synthetic', got {source!r}"
        )
    for name, n in (("n_train", n_train), ("n_test", n_test)):
        if n is not None and (not isinstance(n, int) or n < 1):
            raise ValueError(f"{name} must be a positive int, got {n!r}")
    if source == "auto":
        try:
            import sklearn  # noqa: F401
        except ImportError:
            source = "synthetic"
        else:
            source = "digits"
    rng = np.random.default_rng(seed)
    images, labels = _digits_source(rng, source == "synthetic")
    order = rng.permutation(len(images))
    cut = int(len(images) * 0.8)
    folder = os.path.join(os.fspath(root), kind, "raw")
    os.makedirs(folder, exist_ok=True)
    for split, part, n in (
        ("train", order[:cut], n_train),
        ("t10k", order[cut:], n_test),
    ):
        n = len(part) if n is None else n
        picks = np.resize(part, n)  # the split in order, repeated as needed
        jitter = np.where(np.arange(n) < len(part), 0, 2)
        out = np.stack(
            [_place(images[i], rng, j) for i, j in zip(picks, jitter, strict=True)]
        )
        write_idx(os.path.join(folder, f"{split}-images-idx3-ubyte"), out)
        write_idx(os.path.join(folder, f"{split}-labels-idx1-ubyte"), labels[picks])
    return folder
