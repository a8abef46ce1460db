"""torchvision.datasets, the subset the course uses: MNIST and FashionMNIST read from
IDX files in torchvision's folder layout, downloaded on request; plus an offline
stand-in writer, :func:`make_standin`."""

from __future__ import annotations

import operator
import os
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from minigrad.factories import from_numpy
from minigrad.tensor import Tensor
from minigrad.utils.data import Dataset
from minigrad.vision._download import fetch_resource
from minigrad.vision._idx import read_idx
from minigrad.vision._image import Image
from minigrad.vision._standin import make_standin

__all__ = ["FashionMNIST", "MNIST", "VisionDataset", "make_standin"]


class StandardTransform:
    """The (transform, target_transform) pair, as torchvision prints it."""

    def __init__(self, transform: Callable | None = None, target_transform=None):
        self.transform = transform
        self.target_transform = target_transform

    def __call__(self, input: Any, target: Any) -> tuple[Any, Any]:
        if self.transform is not None:
            input = self.transform(input)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return input, target

    @staticmethod
    def _lines(transform: Any, head: str) -> list[str]:
        lines = repr(transform).splitlines()
        return [head + lines[0]] + [" " * len(head) + line for line in lines[1:]]

    def __repr__(self) -> str:
        body = [type(self).__name__]
        if self.transform is not None:
            body += self._lines(self.transform, "Transform: ")
        if self.target_transform is not None:
            body += self._lines(self.target_transform, "Target transform: ")
        return "\n".join(body)


class VisionDataset(Dataset):
    """torchvision's base class: a root folder and the optional transforms."""

    _repr_indent = 4

    def __init__(
        self,
        root: str | os.PathLike | None = None,
        transforms: Callable | None = None,
        transform: Callable | None = None,
        target_transform: Callable | None = None,
    ) -> None:
        if isinstance(root, str):
            root = os.path.expanduser(root)
        self.root = root
        separate = transform is not None or target_transform is not None
        if transforms is not None and separate:
            msg = "Only transforms or transform/target_transform can be passed as argument"  # noqa: E501
            raise ValueError(msg)
        self.transform = transform
        self.target_transform = target_transform
        if separate:
            transforms = StandardTransform(transform, target_transform)
        self.transforms = transforms

    def __getitem__(self, index: int) -> Any:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        body = [f"Number of datapoints: {len(self)}"]
        if self.root is not None:
            body.append(f"Root location: {self.root}")
        body += self.extra_repr().splitlines()
        if self.transforms is not None:
            body += repr(self.transforms).splitlines()
        lines = [f"Dataset {type(self).__name__}"]
        return "\n".join(lines + [" " * self._repr_indent + line for line in body])


def _renamed(new: str, warning: str) -> property:
    """torchvision's deprecated alias of the attribute ``new``, with its warning."""

    def get(self: Any) -> Any:
        warnings.warn(warning, stacklevel=2)
        return getattr(self, new)

    return property(get)


class MNIST(VisionDataset):
    """The MNIST digits: 60,000 training and 10,000 test images, 28 x 28 grey.

    Reads ``root/MNIST/raw/{train,t10k}-{images-idx3,labels-idx1}-ubyte`` (or the
    same names with ``.gz``). ``download=True`` fetches the files from torchvision's
    mirrors and checks their MD5 sums. ``dataset[i]`` is ``(image, label)``: the
    label an ``int``, the image a :class:`minigrad.vision.Image` (mode 'L') where
    torchvision gives a PIL image (minigrad does not depend on Pillow); every
    minigrad transform accepts it, and ``np.asarray(image)`` gives its pixels.
    """

    mirrors = [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    ]
    resources = [
        ("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
        ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
        ("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
        ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
    ]
    training_file = "training.pt"
    test_file = "test.pt"
    classes = [
        "0 - zero",
        "1 - one",
        "2 - two",
        "3 - three",
        "4 - four",
        "5 - five",
        "6 - six",
        "7 - seven",
        "8 - eight",
        "9 - nine",
    ]

    def __init__(
        self,
        root: str | os.PathLike,
        train: bool = True,
        transform: Callable | None = None,
        target_transform: Callable | None = None,
        download: bool = False,
    ) -> None:
        super().__init__(root, transform=transform, target_transform=target_transform)
        self.train = train
        if download:
            self.download()
        if not self._check_exists():
            raise RuntimeError(
                "Dataset not found. You can use download=True to download it"
            )
        self.data, self.targets = self._load_data()

    def _raw_path(self, name: str) -> str:
        """The extracted file ``name`` in raw_folder, else its .gz beside it."""
        path = os.path.join(self.raw_folder, name)
        return path if os.path.isfile(path) else path + ".gz"

    def _load_data(self) -> tuple[Tensor, Tensor]:
        split = "train" if self.train else "t10k"
        images = read_idx(self._raw_path(f"{split}-images-idx3-ubyte"))
        labels = read_idx(self._raw_path(f"{split}-labels-idx1-ubyte"))
        if images.dtype != np.uint8 or labels.dtype != np.uint8:
            bad = images.dtype if images.dtype != np.uint8 else labels.dtype
            raise TypeError(f"x should be of dtype torch.uint8 instead of {bad}")
        if images.ndim != 3:
            raise ValueError(f"x should have 3 dimension instead of {images.ndim}")
        if labels.ndim != 1:
            raise ValueError(f"x should have 1 dimension instead of {labels.ndim}")
        if len(images) != len(labels):
            folder, counts = self.raw_folder, (len(images), len(labels))
            raise RuntimeError(
                f"{folder}: {counts[0]} {split} images but {counts[1]} labels"
            )
        return from_numpy(images), from_numpy(labels.astype(np.int64))

    def __getitem__(self, index: int) -> tuple[Any, Any]:
        index = operator.index(index)
        img = Image(self.data.numpy()[index], mode="L")
        target = int(self.targets.numpy()[index])
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def __len__(self) -> int:
        return len(self.data)

    @property
    def raw_folder(self) -> str:
        return os.path.join(self.root, type(self).__name__, "raw")

    @property
    def processed_folder(self) -> str:
        return os.path.join(self.root, type(self).__name__, "processed")

    @property
    def class_to_idx(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.classes)}

    train_labels = _renamed("targets", "train_labels has been renamed targets")
    test_labels = _renamed("targets", "test_labels has been renamed targets")
    train_data = _renamed("data", "train_data has been renamed data")
    test_data = _renamed("data", "test_data has been renamed data")

    def _check_exists(self) -> bool:
        names = [os.path.splitext(name)[0] for name, _ in self.resources]
        return all(os.path.isfile(self._raw_path(name)) for name in names)

    def download(self) -> None:
        """Fetch the missing files from ``mirrors`` (MD5-checked) and extract them."""
        if self._check_exists():
            return
        os.makedirs(self.raw_folder, exist_ok=True)
        for filename, md5 in self.resources:
            fetch_resource(self.mirrors, filename, md5, self.raw_folder)

    def extra_repr(self) -> str:
        return f"Split: {'Train' if self.train is True else 'Test'}"


class FashionMNIST(MNIST):
    """Zalando's Fashion-MNIST: MNIST's format and sizes, ten kinds of clothing."""

    mirrors = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]
    resources = [
        ("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
        ("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
        ("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
        ("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
    ]
    classes = [
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ]


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    msg = f"torchvision.datasets.{name} is outside minigrad's torchvision subset (minigrad.vision.datasets provides {', '.join(__all__)})"  # noqa: E501
    raise AttributeError(msg)
