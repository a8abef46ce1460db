"""examples/week06.ipynb and week07.ipynb (MNIST and Fashion-MNIST) print and plot under minigrad what they do under torch.

Each run executes the committed notebook's cells in a fresh kernel; the torch
run swaps the alias cell for tests/notebooks.py's torchvision shim.
"""

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
# the offline MNIST and Fashion-MNIST stand-ins are made of scikit-learn's digits
pytest.importorskip("sklearn")
pytest.importorskip("torch")

from tests import notebooks  # noqa: E402  (after the skips: it imports nbformat)

# the tolerances of each notebook's plotted data
PLOTS = {
    # assert_close's float32 defaults: the hand-made convolutions are float32
    # (the curves, kernels and activation maps of the float64 training would
    # pass float64's too, but the probe's JSON does not keep the dtypes)
    "make_week06": dict(rtol=1.3e-6, atol=1e-5),
    # cost and accuracy curves and images of float64 training: float64's defaults
    "make_week07": dict(rtol=1e-7, atol=1e-7),
}
GENERATORS = pytest.mark.parametrize("name", list(PLOTS))


def size_slice(source: str) -> bool:
    """The course's `z.shape[2:4]` cells (a sliced Size is a Size, as torch's)."""
    return ".shape[2:4]" in source


@pytest.fixture(scope="module", params=list(PLOTS))
def runs(request):
    gen = notebooks.generator(request.param)
    return request.param, notebooks.run_both(gen, notebooks.TORCHVISION_SHIM)


@notebooks.needs_layers
def test_each_run_used_its_library_and_this_python(runs):
    notebooks.assert_each_run_used_its_library(runs[1])


@notebooks.needs_layers
def test_printed_outputs_match_torch(runs):
    notebooks.assert_printed_match(runs[1], lambda s: not size_slice(s))


@notebooks.needs_layers
def test_printed_size_slices_match_torch(runs):
    notebooks.assert_printed_match(runs[1], size_slice)


@notebooks.needs_layers
def test_warnings_match_torch(runs):
    notebooks.assert_warnings_match(runs[1])


@notebooks.needs_layers
def test_plotted_data_match_torch(runs):
    name, runs = runs
    notebooks.assert_plotted_data_match(runs, **PLOTS[name])


@GENERATORS
def test_committed_notebook_is_built_by_its_script(name):
    notebooks.assert_committed_notebook_is_built(notebooks.generator(name))
