"""A layered top-down layout of a Graph (grandalf's Sugiyama layout, pure Python)."""

from __future__ import annotations

CHAR_W, LINE_H, PAD = 6.2, 12.0, 6.0  # points, for a 10 pt monospace font
GAP = 40.0  # between connected components


def box_size(label: str) -> tuple[float, float]:
    lines = label.split("\n")
    return max(len(s) for s in lines) * CHAR_W + 2 * PAD, len(lines) * LINE_H + PAD


class _View:
    def __init__(self, w: float, h: float) -> None:
        self.w, self.h, self.xy = w, h, (0.0, 0.0)


def layout(graph) -> dict:
    """Node id -> (x, y, w, h) in points, y growing downwards (inputs on top)."""
    try:
        from grandalf.graphs import Edge, Graph, Vertex
        from grandalf.layouts import SugiyamaLayout
    except ImportError as e:  # pragma: no cover - grandalf is in the viz extra
        raise ImportError(
            "minigrad.viz.draw needs grandalf: pip install 'minigrad[viz]'"
        ) from e
    vertices = {}
    for key, attrs in graph.nodes.items():
        v = Vertex(key)
        v.view = _View(*box_size(attrs["label"]))
        vertices[key] = v
    edges = [
        Edge(vertices[t], vertices[h])
        for t, h, _ in graph.edges
        if t != h and t in vertices and h in vertices
    ]
    boxes, left = {}, 0.0
    for component in Graph(list(vertices.values()), edges).C:
        if len(component.sV) == 1:
            v = component.sV[0]
            v.view.xy = (0.0, 0.0)
        else:
            sugiyama = SugiyamaLayout(component)
            sugiyama.init_all()
            sugiyama.draw(3)
        xs = [v.view.xy[0] - v.view.w / 2 for v in component.sV]
        shift = left - min(xs)
        for v in component.sV:
            x, y = v.view.xy
            boxes[v.data] = (x + shift, y, v.view.w, v.view.h)
        left = max(b[0] + b[2] / 2 for b in boxes.values()) + GAP
    return boxes
