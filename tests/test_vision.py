"""minigrad.vision against torchvision's rules: IDX files, MNIST, transforms (torch,
Pillow compute the expected values), DataLoader over MNIST, the torchvision alias."""

import gzip
import os
import struct
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from minigrad.vision import Image, datasets, transforms
from minigrad.vision._idx import decode_idx, encode_idx, read_idx, write_idx
from tests.parity import assert_same
from tests.python_run import python

PIL = pytest.importorskip("PIL.Image")  # Pillow is a test-only (dev) dependency
ROOT = Path(__file__).resolve().parents[1]
IDX_TYPES = {np.uint8: 8, np.int8: 9, np.int16: 11, np.int32: 12}
IDX_TYPES.update({np.float32: 13, np.float64: 14})


def spec_bytes(array: np.ndarray, code: int) -> bytes:
    """An IDX file by the format's definition (LeCun's MNIST page): two zero bytes,
    the type code, the number of dimensions, each size as a big-endian int32,
    then the data, big-endian, row-major."""
    head = bytes([0, 0, code, array.ndim])
    head += b"".join(struct.pack(">i", n) for n in array.shape)
    return head + array.astype(array.dtype.newbyteorder(">")).tobytes()


# ---------------------------------------------------------------- IDX files


@given(
    dtype=st.sampled_from(list(IDX_TYPES)),
    shape=st.lists(st.integers(0, 5), min_size=1, max_size=4).map(tuple),
    seed=st.integers(0, 2**16),
)
def test_idx_encodes_and_decodes_the_format(dtype, shape, seed):
    rng = np.random.default_rng(seed)
    array = (rng.standard_normal(shape) * 100).astype(dtype)
    raw = spec_bytes(array, IDX_TYPES[dtype])
    assert encode_idx(array) == raw
    back = decode_idx(raw)
    assert back.dtype == np.dtype(dtype) and back.shape == shape
    np.testing.assert_array_equal(back, array)


@pytest.mark.parametrize("name", ["x-ubyte", "x-ubyte.gz"])
def test_idx_files_round_trip_plain_and_gzip(tmp_path, name):
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    path = tmp_path / name
    write_idx(path, array)
    raw = path.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    assert raw == spec_bytes(array, 8)
    np.testing.assert_array_equal(read_idx(path), array)
    assert os.listdir(tmp_path) == [name]  # no temporary file left behind


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"\x00\x00", "not an IDX file"),
        (b"\x00\x00\x07\x01\x00\x00\x00\x01\x00", "magic number"),
        (b"\x01\x00\x08\x01\x00\x00\x00\x01\x00", "magic number"),
        (b"\x00\x00\x08\x02\x00\x00\x00\x01", "header truncated"),
        (b"\x00\x00\x08\x01\x00\x00\x00\x03\x00", "needs 11 bytes, has 9"),
    ],
)
def test_idx_rejects_malformed_files(raw, words):
    with pytest.raises(RuntimeError, match=words):
        decode_idx(raw)


def test_idx_rejects_unsupported_dtypes():
    with pytest.raises(TypeError, match="cannot hold dtype uint16"):
        encode_idx(np.zeros(3, np.uint16))


def test_read_idx_names_an_unreadable_file(tmp_path):
    path = tmp_path / "bad.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(RuntimeError, match="bad.gz: cannot read"):
        read_idx(path)


# ---------------------------------------------------------------- Image and Pillow


sizes = st.tuples(st.integers(1, 40), st.integers(1, 40))


@given(src=sizes, dst=sizes, rgb=st.booleans(), seed=st.integers(0, 2**16))
@pytest.mark.parametrize("resample", [0, 1, 2, 3, 4, 5])
def test_image_resize_gives_pillows_pixels(resample, src, dst, rgb, seed):
    rng = np.random.default_rng(seed)
    shape = src + (3,) if rgb else src
    pixels = rng.integers(0, 256, shape, dtype=np.uint8)
    mode = "RGB" if rgb else "L"
    expected = np.asarray(PIL.fromarray(pixels, mode).resize(dst[::-1], resample))
    actual = np.asarray(Image(pixels, mode).resize(dst[::-1], resample))
    np.testing.assert_array_equal(actual, expected)


def test_image_behaves_like_a_pil_image():
    pixels = np.arange(12, dtype=np.uint8).reshape(3, 4)
    img, ref = Image.fromarray(pixels), PIL.fromarray(pixels)
    assert (img.mode, img.size, img.width, img.height) == (
        ref.mode,
        ref.size,
        ref.width,
        ref.height,
    )
    assert img.getbands() == ref.getbands()
    assert img.tobytes() == ref.tobytes()
    np.testing.assert_array_equal(np.asarray(img), np.asarray(ref))
    np.testing.assert_array_equal(np.array(img, dtype=np.float32), pixels)
    pixels[0, 0] = 99  # the image holds its own copy
    assert np.asarray(img)[0, 0] == 0
    assert img == img.copy() and img.resize((4, 3)) == img
    assert repr(img) == "<minigrad.vision.Image mode=L size=4x3>"


@pytest.mark.parametrize(
    "pixels, mode, error, words",
    [
        (np.zeros((2, 2), np.float32), None, TypeError, "uint8"),
        (np.zeros((2, 2), np.uint8), "P", ValueError, "mode must be one of"),
        (np.zeros((2, 2, 3), np.uint8), "L", ValueError, "needs pixels of 2 dims"),
        (np.zeros((2, 2, 4), np.uint8), "RGB", ValueError, "needs pixels of 3 dims"),
    ],
)
def test_image_rejects_bad_pixels(pixels, mode, error, words):
    with pytest.raises(error, match=words):
        Image(pixels, mode)


# ---------------------------------------------------------------- ToTensor


def torch_to_tensor(array: np.ndarray) -> torch.Tensor:
    """torchvision's to_tensor, step by step in torch."""
    if array.ndim == 2:
        array = array[:, :, None]
    img = torch.from_numpy(array.transpose(2, 0, 1).copy()).contiguous()
    if img.dtype == torch.uint8:
        return img.to(dtype=torch.get_default_dtype()).div(255)
    return img


@given(
    shape=st.sampled_from([(28, 28), (5, 7, 1), (4, 3, 3), (1, 1)]),
    seed=st.integers(0, 2**16),
)
def test_to_tensor_of_uint8_arrays_and_images(shape, seed):
    pixels = np.random.default_rng(seed).integers(0, 256, shape, dtype=np.uint8)
    expected = torch_to_tensor(pixels)
    assert_same(transforms.ToTensor()(pixels), expected, "array", rtol=0, atol=0)
    squeezed = pixels[:, :, 0] if pixels.ndim == 3 and shape[2] == 1 else pixels
    for img in (Image(squeezed), PIL.fromarray(squeezed)):
        assert_same(transforms.ToTensor()(img), expected, "image", rtol=0, atol=0)


def test_to_tensor_keeps_other_dtypes_and_follows_the_default_dtype():
    floats = np.random.default_rng(0).standard_normal((3, 4, 2)).astype(np.float32)
    out = transforms.ToTensor()(floats)
    assert_same(out, torch_to_tensor(floats), "float32", rtol=0, atol=0)
    every_byte = np.arange(256, dtype=np.uint8).reshape(16, 16)
    minigrad.set_default_dtype(minigrad.float64)
    torch.set_default_dtype(torch.float64)
    try:
        out = transforms.ToTensor()(every_byte)
        expected = torch_to_tensor(every_byte)
    finally:
        minigrad.set_default_dtype(minigrad.float32)
        torch.set_default_dtype(torch.float32)
    assert_same(out, expected, "float64 default", rtol=0, atol=0)


@pytest.mark.parametrize("mode", ["1", "I", "F"])  # "I;16": minigrad has no int16
def test_to_tensor_of_wide_pil_modes(mode):
    # torchvision reads these modes with these NumPy types (and mode "1" x 255)
    nptype = {"I": np.int32, "F": np.float32}.get(mode, np.uint8)
    img = PIL.fromarray(np.arange(12, dtype=np.uint8).reshape(3, 4) * 20).convert(mode)
    array = np.array(img, nptype) * (255 if mode == "1" else 1)
    expected = torch_to_tensor(array.reshape(3, 4, 1).astype(nptype))
    assert_same(transforms.ToTensor()(img), expected, mode, rtol=0, atol=0)


@pytest.mark.parametrize(
    "pic, error, words",
    [
        ([[1, 2]], TypeError, "pic should be PIL Image or ndarray"),
        (np.zeros(3, np.uint8), ValueError, "pic should be 2/3 dimensional. Got 1"),
        (np.zeros((1, 2, 2, 1)), ValueError, "Got 4 dimensions"),
    ],
)
def test_to_tensor_rejects_what_torchvision_rejects(pic, error, words):
    with pytest.raises(error, match=words):
        transforms.ToTensor()(pic)


# ---------------------------------------------------------------- Normalize


@given(
    channels=st.integers(1, 3),
    batch=st.sampled_from([(), (2,)]),
    seed=st.integers(0, 2**16),
)
def test_normalize_matches_torch(channels, batch, seed):
    rng = np.random.default_rng(seed)
    x = rng.random(batch + (channels, 4, 5), dtype=np.float32)
    mean = rng.random(channels).round(4).tolist()
    std = (rng.random(channels) + 0.1).round(4).tolist()
    t = torch.from_numpy(x.copy())
    m = torch.tensor(mean).view(-1, 1, 1)
    s = torch.tensor(std).view(-1, 1, 1)
    expected = t.clone().sub_(m).div_(s)
    out = transforms.Normalize(mean, std)(minigrad.tensor(x))
    assert_same(out, expected, "normalize", rtol=0, atol=0)


def test_normalize_in_place_or_not():
    x = minigrad.ones(1, 2, 2)
    out = transforms.Normalize([0.5], [0.25])(x)
    assert out is not x and x.sum().item() == 4.0
    out = transforms.Normalize((0.5,), (0.25,), inplace=True)(x)
    assert out is x and x.sum().item() == 8.0
    assert repr(transforms.Normalize((0.1307,), (0.3081,))) == (
        "Normalize(mean=(0.1307,), std=(0.3081,))"
    )


@pytest.mark.parametrize(
    "x, std, error, words",
    [
        (np.zeros((1, 2, 2)), [1.0], TypeError, "img should be Tensor Image"),
        (
            minigrad.zeros(1, 2, 2, dtype=minigrad.int64),
            [1.0],
            TypeError,
            "float tensor",
        ),
        (minigrad.zeros(2, 2), [1.0], ValueError, "(..., C, H, W)"),
        (minigrad.zeros(1, 2, 2), [0.0], ValueError, "std evaluated to zero"),
    ],
)
def test_normalize_rejects_what_torchvision_rejects(x, std, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        transforms.Normalize([0.0], std)(x)


# ---------------------------------------------------------------- Resize


def test_resize_of_a_course_image_gives_pils_pixels():
    # the course: Compose([Resize((16, 16)), ToTensor()]) on 28 x 28 MNIST images,
    # which torchvision resizes with Pillow's bilinear filter
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, (28, 28), dtype=np.uint8)
    composed = transforms.Compose([transforms.Resize((16, 16)), transforms.ToTensor()])
    expected = PIL.fromarray(pixels).resize((16, 16), PIL.Resampling.BILINEAR)
    assert_same(
        composed(Image(pixels)),
        torch_to_tensor(np.asarray(expected)),
        "Resize+ToTensor",
        rtol=0,
        atol=0,
    )


@pytest.mark.parametrize(
    "size, max_size, src, out",
    [
        (16, None, (28, 28), (16, 16)),
        (10, None, (20, 30), (10, 15)),  # the smaller edge to 10, ratio kept
        ([10], None, (30, 20), (15, 10)),
        (10, 12, (20, 30), (8, 12)),  # the longer edge capped at max_size
        ((7, 9), None, (20, 30), (7, 9)),
    ],
)
def test_resize_output_size_follows_torchvision(size, max_size, src, out):
    pixels = np.zeros(src, np.uint8)
    resized = transforms.Resize(size, max_size=max_size)(Image(pixels))
    assert resized.size == out[::-1]
    tensor = transforms.Resize(size, max_size=max_size)(minigrad.zeros(1, *src))
    assert tuple(tensor.shape) == (1,) + out


def test_resize_to_the_same_size_returns_the_input():
    img = Image(np.zeros((4, 4), np.uint8))
    assert transforms.Resize(4)(img) is img


@given(src=sizes, dst=sizes, antialias=st.booleans(), seed=st.integers(0, 2**16))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_resize_of_a_tensor_matches_torch_interpolate(dtype, src, dst, antialias, seed):
    x = np.random.default_rng(seed).standard_normal((2, 1) + src).astype(dtype)
    resize = transforms.Resize(dst, antialias=antialias)
    expected = F.interpolate(
        torch.from_numpy(x),
        dst,
        mode="bilinear",
        align_corners=False,
        antialias=antialias,
    )
    # The weights and passes are torch's, but torch's kernels sum in an order (and
    # with fused multiply-adds) not reproduced bit for bit: the default float
    # tolerances of assert_close apply.
    assert_same(resize(minigrad.tensor(x)), expected, "bilinear")


@given(src=sizes, dst=sizes, seed=st.integers(0, 2**16))
def test_nearest_resize_of_a_tensor_matches_torch(src, dst, seed):
    x = np.random.default_rng(seed).standard_normal((1,) + src).astype(np.float32)
    resize = transforms.Resize(dst, interpolation=transforms.InterpolationMode.NEAREST)
    expected = F.interpolate(torch.from_numpy(x)[None], dst, mode="nearest")[0]
    assert_same(resize(minigrad.tensor(x)), expected, "nearest", rtol=0, atol=0)


def test_resize_of_a_uint8_tensor_rounds_as_torchvision():
    x = np.random.default_rng(0).integers(0, 256, (1, 9, 7), dtype=np.uint8)
    out = transforms.Resize((4, 5))(minigrad.tensor(x))
    t = torch.from_numpy(x)[None].float()
    expected = F.interpolate(t, (4, 5), mode="bilinear", antialias=True)
    expected = expected.round().to(torch.uint8)[0]
    # rounding turns assert_close's float tolerance into at most one level
    assert_same(out, expected, "uint8", rtol=0, atol=1)


def test_resize_repr_and_legacy_integer_modes():
    r = transforms.Resize((16, 16))
    assert repr(r) == (
        "Resize(size=(16, 16), interpolation=bilinear, max_size=None, antialias=True)"
    )
    assert transforms.Resize(8, interpolation=0).interpolation.value == "nearest"
    assert transforms.Resize(8, interpolation=3).interpolation.value == "bicubic"


def test_resize_warns_that_pil_style_images_are_always_antialiased():
    img = Image(np.zeros((4, 4), np.uint8))
    with pytest.warns(UserWarning, match="Anti-alias option is always applied"):
        transforms.Resize(2, antialias=False)(img)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"size": "16"}, TypeError, "Size should be int or sequence"),
        ({"size": 1.5}, TypeError, "Size should be int or sequence"),
        ({"size": (1, 2, 3)}, ValueError, "it should have 1 or 2 values"),
        ({"size": 8, "interpolation": "bilinear"}, TypeError, "InterpolationMode"),
    ],
)
def test_resize_rejects_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        transforms.Resize(**kwargs)


def test_resize_rejects_bad_calls():
    img = Image(np.zeros((4, 6), np.uint8))
    with pytest.raises(ValueError, match="max_size should only be passed"):
        transforms.Resize((2, 2), max_size=5)(img)
    with pytest.raises(ValueError, match="must be strictly greater"):
        transforms.Resize(3, max_size=3)(img)
    with pytest.raises(TypeError, match="img should be PIL Image or Tensor"):
        transforms.Resize(3)(np.zeros((4, 4)))
    with pytest.raises(TypeError, match="not a torch image"):
        transforms.Resize(3)(minigrad.zeros(4))
    bicubic = transforms.Resize(3, interpolation=transforms.InterpolationMode.BICUBIC)
    with pytest.raises(NotImplementedError, match="outside minigrad's torchvision"):
        bicubic(minigrad.zeros(1, 4, 4))


# ---------------------------------------------------------------- Compose, Lambda


def test_compose_and_lambda():
    composed = transforms.Compose(
        [transforms.ToTensor(), transforms.Lambda(lambda t: t * 2)]
    )
    out = composed(np.full((2, 2), 51, np.uint8))
    assert_same(out, torch.full((1, 2, 2), 51 / 255 * 2), "compose")
    assert repr(composed) == "Compose(\n    ToTensor()\n    Lambda()\n)"
    with pytest.raises(TypeError, match="Argument lambd should be callable, got 'int'"):
        transforms.Lambda(3)


def test_names_outside_the_subset_raise_attribute_error():
    with pytest.raises(AttributeError, match="outside minigrad's torchvision subset"):
        transforms.RandomCrop  # noqa: B018
    with pytest.raises(AttributeError, match="outside minigrad's torchvision subset"):
        datasets.CIFAR10  # noqa: B018


# ---------------------------------------------------------------- MNIST


def write_mnist(root: Path, kind: str = "MNIST", gz: bool = False, n=(7, 3)):
    """Random MNIST-format files; returns {split: (images, labels)}."""
    rng = np.random.default_rng(0)
    raw = root / kind / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    out = {}
    for split, count in zip(("train", "t10k"), n, strict=True):
        images = rng.integers(0, 256, (count, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, count, dtype=np.uint8)
        suffix = ".gz" if gz else ""
        (raw / f"{split}-images-idx3-ubyte{suffix}").write_bytes(
            gzip.compress(spec_bytes(images, 8)) if gz else spec_bytes(images, 8)
        )
        (raw / f"{split}-labels-idx1-ubyte{suffix}").write_bytes(
            gzip.compress(spec_bytes(labels, 8)) if gz else spec_bytes(labels, 8)
        )
        out[split] = images, labels
    return out


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("train", [True, False])
def test_mnist_reads_torchvisions_layout(tmp_path, gz, train):
    files = write_mnist(tmp_path, gz=gz)
    images, labels = files["train" if train else "t10k"]
    ds = datasets.MNIST(str(tmp_path), train=train)
    assert len(ds) == len(images)
    assert_same(ds.data, torch.from_numpy(images), "data", rtol=0, atol=0)
    assert_same(ds.targets, torch.from_numpy(labels).long(), "targets", rtol=0, atol=0)
    img, target = ds[1]
    assert isinstance(img, Image) and img.mode == "L" and img.size == (28, 28)
    np.testing.assert_array_equal(np.asarray(img), images[1])
    assert type(target) is int and target == labels[1]
    assert ds[-1][1] == labels[-1]
    with pytest.raises(IndexError):
        ds[len(images)]
    assert ds.raw_folder == os.path.join(str(tmp_path), "MNIST", "raw")
    assert ds.processed_folder == os.path.join(str(tmp_path), "MNIST", "processed")


def test_mnist_applies_the_transforms(tmp_path):
    images, labels = write_mnist(tmp_path)["train"]
    ds = datasets.MNIST(
        tmp_path,
        transform=transforms.ToTensor(),
        target_transform=lambda y: y + 100,
    )
    x, y = ds[2]
    assert_same(x, torch_to_tensor(images[2]), "x", rtol=0, atol=0)
    assert y == labels[2] + 100


def test_mnist_class_attributes_are_torchvisions():
    assert datasets.MNIST.classes[0] == "0 - zero" and len(datasets.MNIST.classes) == 10
    assert datasets.MNIST.class_to_idx.fget(datasets.MNIST)["9 - nine"] == 9
    assert datasets.MNIST.resources[0] == (
        "train-images-idx3-ubyte.gz",
        "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    )
    assert datasets.MNIST.mirrors[0] == "https://ossci-datasets.s3.amazonaws.com/mnist/"
    assert datasets.FashionMNIST.classes[9] == "Ankle boot"
    assert datasets.FashionMNIST.resources[3][1] == "bb300cfdad3c16e7a12a480ee83cd310"
    assert issubclass(datasets.FashionMNIST, datasets.MNIST)
    assert issubclass(datasets.MNIST, minigrad.utils.data.Dataset)


def test_missing_files_raise_torchvisions_error(tmp_path):
    with pytest.raises(
        RuntimeError, match="^Dataset not found. You can use download=True"
    ):
        datasets.MNIST(tmp_path)
    write_mnist(tmp_path)
    (tmp_path / "MNIST" / "raw" / "t10k-labels-idx1-ubyte").unlink()
    for train in (True, False):  # as torchvision: all four files are needed
        with pytest.raises(RuntimeError, match="Dataset not found"):
            datasets.MNIST(tmp_path, train=train)
    with pytest.raises(RuntimeError, match="Dataset not found"):
        datasets.FashionMNIST(tmp_path)  # its own folder


def test_mismatched_files_are_reported(tmp_path):
    write_mnist(tmp_path)
    raw = tmp_path / "MNIST" / "raw"
    (raw / "train-labels-idx1-ubyte").write_bytes(spec_bytes(np.zeros(2, np.uint8), 8))
    with pytest.raises(RuntimeError, match="7 train images but 2 labels"):
        datasets.MNIST(tmp_path)
    (raw / "train-labels-idx1-ubyte").write_bytes(spec_bytes(np.zeros(7, np.int32), 12))
    with pytest.raises(TypeError, match="should be of dtype torch.uint8"):
        datasets.MNIST(tmp_path)


def test_mnist_repr_is_torchvisions(tmp_path):
    write_mnist(tmp_path)
    composed = transforms.Compose([transforms.Resize((16, 16)), transforms.ToTensor()])
    ds = datasets.MNIST(
        "./" + os.path.relpath(tmp_path), train=False, transform=composed
    )
    root = "./" + os.path.relpath(tmp_path)
    assert repr(ds) == (
        "Dataset MNIST\n"
        "    Number of datapoints: 3\n"
        f"    Root location: {root}\n"
        "    Split: Test\n"
        "    StandardTransform\n"
        "Transform: Compose(\n"
        "               Resize(size=(16, 16), interpolation=bilinear, max_size=None, "
        "antialias=True)\n"
        "               ToTensor()\n"
        "           )"
    ).replace("\nTransform", "\n    Transform").replace("\n      ", "\n          ")
    plain = datasets.MNIST(tmp_path)
    assert repr(plain).splitlines()[-1] == "    Split: Train"


def test_legacy_attribute_names_warn(tmp_path):
    write_mnist(tmp_path)
    ds = datasets.MNIST(tmp_path)
    with pytest.warns(UserWarning, match="train_labels has been renamed targets"):
        assert ds.train_labels is ds.targets
    with pytest.warns(UserWarning, match="train_data has been renamed data"):
        assert ds.train_data is ds.data


# ---------------------------------------------------------------- stand-in, DataLoader


@pytest.mark.parametrize("source", ["digits", "synthetic"])
@pytest.mark.parametrize("kind", ["MNIST", "FashionMNIST"])
def test_standin_is_a_loadable_data_set(tmp_path, kind, source):
    if source == "digits":
        pytest.importorskip("sklearn")
    folder = datasets.make_standin(tmp_path, kind, n_train=50, n_test=2000, seed=3)
    assert folder == os.path.join(str(tmp_path), kind, "raw")
    train = getattr(datasets, kind)(tmp_path)
    test = getattr(datasets, kind)(tmp_path, train=False)
    assert (len(train), len(test)) == (50, 2000)
    assert tuple(train.data.shape) == (50, 28, 28)
    assert set(test.targets.numpy().tolist()) == set(range(10))
    # deterministic per seed
    again = datasets.make_standin(
        tmp_path / "again", kind, n_train=50, n_test=2000, seed=3
    )
    assert (Path(again) / "train-images-idx3-ubyte").read_bytes() == (
        Path(folder) / "train-images-idx3-ubyte"
    ).read_bytes()


def test_standin_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="kind must be one of"):
        datasets.make_standin(tmp_path, "CIFAR10")
    with pytest.raises(ValueError, match="source must be"):
        datasets.make_standin(tmp_path, source="web")
    with pytest.raises(ValueError, match="n_train must be a positive int"):
        datasets.make_standin(tmp_path, n_train=0)


class TorchvisionMNIST(torch.utils.data.Dataset):
    """What torchvision computes for MNIST(root, transform=Compose([Resize((16, 16)),
    ToTensor()])): the IDX arrays, PIL 'L' images, PIL's bilinear resize, to_tensor."""

    def __init__(self, raw: Path):
        self.images = read_idx(raw / "train-images-idx3-ubyte")
        self.labels = read_idx(raw / "train-labels-idx1-ubyte").astype(np.int64)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = PIL.fromarray(self.images[i], mode="L")
        small = np.asarray(img.resize((16, 16), PIL.Resampling.BILINEAR))
        return torch_to_tensor(small), int(self.labels[i])


def test_dataloader_over_the_standin_gives_torchs_batches(tmp_path):
    datasets.make_standin(tmp_path, n_train=230, n_test=10, source="synthetic")
    composed = transforms.Compose([transforms.Resize((16, 16)), transforms.ToTensor()])
    ds = datasets.MNIST(tmp_path, train=True, download=True, transform=composed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # PIL's mode= argument
        reference = TorchvisionMNIST(tmp_path / "MNIST" / "raw")
        torch.manual_seed(5)
        expected = list(torch.utils.data.DataLoader(reference, 100, shuffle=True))
    minigrad.manual_seed(5)
    actual = list(minigrad.utils.data.DataLoader(ds, 100, shuffle=True))
    assert len(actual) == len(expected) == 3
    for (x, y), (tx, ty) in zip(actual, expected, strict=True):
        assert_same(x, tx, "images", rtol=0, atol=0)
        assert_same(y, ty, "labels", rtol=0, atol=0)


# ---------------------------------------------------------------- torchvision alias


def test_torch_alias_makes_torchvision_the_subset():
    run = python(
        "import minigrad.torch_alias\n"
        "import torchvision, torchvision.datasets as dsets\n"
        "import torchvision.transforms as T\n"
        "from torchvision import datasets, transforms\n"
        "import minigrad.vision as v\n"
        "assert torchvision is v and dsets is datasets is v.datasets\n"
        "assert T is transforms is v.transforms\n"
        "assert transforms.ToTensor is v.transforms.ToTensor\n"
        "try:\n"
        "    torchvision.models\n"
        "except AttributeError as e:\n"
        "    print(e)\n"
        "import torchvision.models\n"
    )
    assert "torchvision.models is outside minigrad's torchvision subset" in run.stdout
    assert "ModuleNotFoundError: No module named 'torchvision.models'" in run.stderr


def test_torch_alias_refuses_after_real_torchvision():
    fake = "sys.modules['torchvision'] = types.ModuleType('torchvision')\n"
    run = python("import sys, types\n" + fake + "import minigrad.torch_alias\n")
    assert "real torchvision is already imported" in run.stderr


# ---------------------------------------------------------------- crops and flips


def pictures(pixels: np.ndarray):
    """The same pixels as minigrad's Image, a PIL image, and a 1 x H x W tensor."""
    return Image(pixels), PIL.fromarray(pixels), minigrad.tensor(pixels[None])


@pytest.mark.parametrize(
    "size, src",
    [(20, (28, 28)), ((3, 5), (8, 9)), ([4], (7, 6)), ((10, 3), (6, 5)), (9, (4, 4))],
)
def test_center_crop_matches_torchvision(size, src):
    pixels = np.random.default_rng(0).integers(1, 256, src, dtype=np.uint8)
    crop = transforms.CenterCrop(size)
    h, w = crop.size
    # torchvision: pad with zeros (left/top get the smaller half) when the crop is
    # larger, then cut at int(round((size - crop) / 2))
    pad_h, pad_w = max(h - src[0], 0), max(w - src[1], 0)
    padded = np.pad(
        pixels, ((pad_h // 2, (pad_h + 1) // 2), (pad_w // 2, (pad_w + 1) // 2))
    )
    top = int(round((padded.shape[0] - h) / 2.0))
    left = int(round((padded.shape[1] - w) / 2.0))
    expected = padded[top : top + h, left : left + w]
    img, pil, tensor = pictures(pixels)
    np.testing.assert_array_equal(np.asarray(crop(img)), expected)
    np.testing.assert_array_equal(np.asarray(crop(pil)), expected)
    assert_same(crop(tensor), torch.from_numpy(expected[None]), "crop", rtol=0, atol=0)


def test_center_crop_repr_and_errors():
    assert repr(transforms.CenterCrop(20)) == "CenterCrop(size=(20, 20))"
    with pytest.raises(ValueError, match=r"only two dimensions \(h, w\)"):
        transforms.CenterCrop((1, 2, 3))


@pytest.mark.parametrize(
    "flip, axis",
    [(transforms.RandomHorizontalFlip, -1), (transforms.RandomVerticalFlip, -2)],
)
def test_random_flips_draw_torchs_random_numbers(flip, axis):
    pixels = np.arange(12, dtype=np.uint8).reshape(3, 4)
    torch.manual_seed(7)
    draws = [torch.rand(1).item() < 0.5 for _ in range(12)]
    minigrad.manual_seed(7)
    for i, flipped in enumerate(draws):
        pic = pictures(pixels)[i % 3]
        expected = np.flip(pixels, axis) if flipped else pixels
        out = flip(p=0.5)(pic)
        np.testing.assert_array_equal(np.asarray(out).reshape(3, 4), expected)
    assert repr(flip(p=1)) == f"{flip.__name__}(p=1)"
