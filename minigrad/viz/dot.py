"""make_dot(): the graph as Graphviz DOT source, with torchviz's signature and colours."""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
from typing import Any

from minigrad._signature import bind
from minigrad.viz.graph import COLORS, Graph, build

NODE_ATTR = "align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled"


def make_dot(*args: Any, **kwargs: Any) -> Dot:
    """The graph behind ``var`` as DOT: blue leaves (named by ``params``), grey
    nodes by torch's names, green outputs, orange saved tensors (``show_saved``),
    saved attributes in the node (``show_attrs``); as torchviz.make_dot."""
    return Dot(build(**bind(make_dot.__signature__, "make_dot", args, kwargs)))


# NOTE: torchviz's signature, declared once: by build, the walk behind make_dot
make_dot.__signature__ = inspect.signature(build).replace(return_annotation="Dot")


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class Dot:
    """DOT source (``.source``) that renders in Jupyter and to a file (``.render``).

    With the Graphviz ``dot`` binary it renders through it; without, through
    minigrad.viz.draw (matplotlib), so nothing but pip installs is needed.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        size = max(12.0, 0.15 * (len(graph.nodes) + len(graph.edges)))
        lines = [
            "digraph {",
            f'\tgraph [size="{size},{size}"]',
            f"\tnode [{NODE_ATTR}]",
        ]
        for key, a in graph.nodes.items():
            extra = ' style="filled,dashed"' if a.get("style") == "dashed" else ""
            color = "" if a["kind"] == "op" else f" fillcolor={COLORS[a['kind']]}"
            lines.append(
                f"\t{key!r} [label={_quote(a['label'])}{color}{extra}]".replace(
                    "'", '"'
                )
            )
        for tail, head, attrs in graph.edges:
            extra = "".join(f" {k}={v}" for k, v in attrs.items())
            lines.append(
                f'\t"{tail}" -> "{head}"' + (f" [{extra.strip()}]" if extra else "")
            )
        lines.append("}")
        self.source = "\n".join(lines) + "\n"

    def __str__(self) -> str:
        return self.source

    def pipe(self, format: str = "svg") -> bytes:
        """The picture as bytes (``svg`` or ``png``)."""
        if format not in ("svg", "png"):
            raise ValueError(f"render(): format must be 'png' or 'svg', got {format!r}")
        dot = shutil.which("dot")
        if dot is not None:
            return subprocess.run(
                [dot, f"-T{format}"],
                input=self.source.encode(),
                capture_output=True,
                check=True,
            ).stdout
        import io

        from minigrad.viz.draw import draw_graph

        buf = io.BytesIO()
        draw_graph(self.graph).savefig(buf, format=format, dpi=100)
        return buf.getvalue()

    def render(self, path: str | os.PathLike, format: str | None = None) -> str:
        """Write the picture; returns its path. ``render("g.png")`` writes g.png;
        ``render("g", format="png")`` writes the DOT source to g and the
        picture to g.png, as graphviz's (and so torchviz's) ``render``."""
        path = os.fspath(path)
        suffix = os.path.splitext(path)[1].lower().lstrip(".")
        if format is None:
            format = suffix
        data = self.pipe(format)
        if suffix != format:
            _write(path, self.source.encode())
            path = f"{path}.{format}"
        _write(path, data)
        return path

    def _repr_svg_(self) -> str:
        return self.pipe("svg").decode()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"image/svg+xml": self._repr_svg_(), "text/plain": self.source}


def _write(path: str, data: bytes) -> None:
    """Through a temporary file: never a half-written file at ``path``."""
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
