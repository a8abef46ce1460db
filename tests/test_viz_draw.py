"""draw() and trace frames headless (Agg): small and large graphs, freed saved values."""

from __future__ import annotations

import subprocess
import sys

import pytest

import minigrad
from minigrad.viz import draw, trace_backward

pytest.importorskip("grandalf")
PNG = b"\x89PNG\r\n\x1a\n"


def chain(n_ops: int):
    x = minigrad.tensor([0.5, -1.0], requires_grad=True)
    y = x
    for i in range(n_ops):
        y = y * 1.001 if i % 2 else y.tanh()
    return x, y


@pytest.mark.parametrize("n_ops", [0, 1, 10, 500])
def test_draw_sizes(tmp_path, n_ops):
    x, y = chain(n_ops)
    fig = draw(y, tmp_path / "g.png", params={"x": x})
    assert fig.axes and open(tmp_path / "g.png", "rb").read(8) == PNG
    draw(y, tmp_path / "g.svg", show_saved=True)
    assert b"<svg" in open(tmp_path / "g.svg", "rb").read()


def test_draw_thousand_nodes_with_saved(tmp_path):
    _, y = chain(400)  # 400 ops, 400 saved tensors, a leaf, its node, the output
    fig = draw(y.sum(), tmp_path / "big.png", show_saved=True)
    assert fig.get_size_inches().max() <= 40.5


def test_draw_after_backward_marks_freed(tmp_path):
    w = minigrad.tensor([[1.0, 2.0]], requires_grad=True)
    loss = (w * w).sigmoid().sum()
    loss.backward()
    fig = draw(loss, tmp_path / "freed.png", show_saved=True)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("(freed)" in t for t in texts)
    assert any("SigmoidBackward0" in t for t in texts)


def test_draw_bad_path(tmp_path):
    _, y = chain(1)
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        draw(y, tmp_path / "g.pdf")
    assert not list(tmp_path.iterdir())


def test_trace_frames(tmp_path):
    w = minigrad.tensor([[1.0, -2.0]], requires_grad=True)
    trace = trace_backward((w * 3).sigmoid().sum(), params={"w": w})
    paths = trace.save_frames(tmp_path)
    assert len(paths) == len(trace) and all(open(p, "rb").read(8) == PNG for p in paths)
    with pytest.raises(IndexError, match="out of range"):
        trace.frame(len(trace))
    gif = trace.animate(tmp_path / "steps.gif")
    assert open(gif, "rb").read(6) == b"GIF89a"
    with pytest.raises(ValueError, match=r"\.gif"):
        trace.animate(tmp_path / "steps.png")
    fig = trace.strip(tmp_path / "strip.png", columns=2)
    assert (
        len(fig.axes) == len(trace)
        and open(tmp_path / "strip.png", "rb").read(8) == PNG
    )


def test_import_minigrad_does_not_import_viz():
    code = "import sys, minigrad; assert 'minigrad.viz' not in sys.modules; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
