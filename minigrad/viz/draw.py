"""draw(): the graph as a matplotlib Figure, laid out without a Graphviz binary."""

from __future__ import annotations

import os

from minigrad.viz.graph import Graph, build
from minigrad.viz.layout import layout

# torchviz's X11 colour names in matplotlib's words (darkolivegreen1 is X11 only)
FILL = {
    "leaf": "lightblue",
    "saved": "orange",
    "output": "#caff70",
    "base": "#a2cd5a",
    "op": "lightgrey",
    "freed": "white",
}
MAX_INCHES = 40.0  # NOTE: a 1,000-node graph is shrunk to fit, never refused


def draw(
    var,
    path: str | os.PathLike | None = None,
    params: dict | None = None,
    show_saved: bool = False,
):
    """The graph behind ``var`` drawn top-down (leaves on top, the output at the
    bottom), colours as torchviz; written to ``path`` (.png or .svg) if given."""
    return draw_graph(build(var, params=params, show_saved=show_saved), path)


def draw_graph(
    graph: Graph,
    path=None,
    highlight: str | None = None,
    edge_labels: dict | None = None,
    title: str | None = None,
):
    """Draw a built Graph; ``highlight`` a node id, ``edge_labels`` (tail, head) -> text."""
    import matplotlib.patches as mpatches
    from matplotlib.figure import Figure

    suffix = _suffix(path)
    boxes = layout(graph)
    x0 = min(x - w / 2 for x, y, w, h in boxes.values()) - 10
    x1 = max(x + w / 2 for x, y, w, h in boxes.values()) + 10
    y0 = min(y - h / 2 for x, y, w, h in boxes.values()) - 10
    y1 = max(y + h / 2 for x, y, w, h in boxes.values()) + 10
    width, height = (x1 - x0) / 72, (y1 - y0) / 72 + (0.4 if title else 0)
    scale = min(1.0, MAX_INCHES / max(width, height))
    fig = Figure(figsize=(max(width * scale, 1.0), max(height * scale, 1.0)))
    ax = fig.add_axes((0, 0, 1, 1 if not title else 1 - 0.4 / max(height, 1)))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y1, y0)  # y grows downwards
    ax.set_axis_off()
    font = 10 * scale
    labels = edge_labels or {}
    for tail, head, attrs in graph.edges:
        if tail not in boxes or head not in boxes:
            continue
        (tx, ty, _, th), (hx, hy, _, hh) = boxes[tail], boxes[head]
        arrow = "-" if attrs.get("dir") == "none" else "-|>"
        style = "--" if attrs.get("style") in ("dashed", "dotted") else "-"
        ax.add_patch(
            mpatches.FancyArrowPatch(
                (tx, ty + th / 2),
                (hx, hy - hh / 2),
                arrowstyle=arrow,
                mutation_scale=8 * scale,
                linewidth=0.8 * scale,
                linestyle=style,
                color="#444444",
                shrinkA=0,
                shrinkB=0,
            )
        )
        text = labels.get((tail, head))
        if text:
            ax.text(
                (tx + hx) / 2,
                (ty + th / 2 + hy - hh / 2) / 2,
                text,
                fontsize=font * 0.8,
                family="monospace",
                color="#b00000",
                ha="center",
                va="center",
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85),
            )
    for key, (x, y, w, h) in boxes.items():
        attrs = graph.nodes[key]
        hit = key == highlight
        ax.add_patch(
            mpatches.FancyBboxPatch(
                (x - w / 2, y - h / 2),
                w,
                h,
                boxstyle="square,pad=0",
                facecolor="gold" if hit else FILL[attrs["kind"]],
                edgecolor="red" if hit else "black",
                linewidth=(2.0 if hit else 0.8) * scale,
                linestyle="--" if attrs.get("style") == "dashed" else "-",
            )
        )
        ax.text(
            x,
            y,
            attrs["label"],
            fontsize=font,
            family="monospace",
            ha="center",
            va="center",
        )
    if title:
        fig.suptitle(title, fontsize=11, family="monospace")
    if path is not None:
        _save(fig, path, suffix)
    return fig


def _suffix(path) -> str | None:
    if path is None:
        return None
    suffix = os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    if suffix not in ("png", "svg"):
        raise ValueError(
            f"draw(): path must end in .png or .svg, got {os.fspath(path)!r}"
        )
    return suffix


def _save(fig, path, suffix: str) -> None:
    """Write through a temporary file: never a half-written picture at ``path``."""
    path = os.fspath(path)
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        fig.savefig(tmp, format=suffix, dpi=100)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
