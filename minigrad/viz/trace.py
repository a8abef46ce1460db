"""trace_backward(): a backward pass, node by node, with the numbers each node saw."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field

import numpy as np

from minigrad._broadcast import sum_to_shape
from minigrad.engine.graph import Node
from minigrad.factories import from_numpy
from minigrad.tensor import Tensor
from minigrad.viz.graph import build, fn_type
from minigrad.viz.order import engine_order


@dataclass
class Step:
    """One node the engine ran: what it received, what it sent, what it read."""

    name: str
    grad_output: Tensor | None
    grad_inputs: tuple
    saved: dict
    leaves: tuple
    node: object = field(repr=False, default=None)


class Trace(list):
    """The steps of one backward pass in torch's engine order (a list of Step)."""

    def __init__(self, steps, graph) -> None:
        super().__init__(steps)
        self.graph = graph

    def table(self) -> list[list[str]]:
        rows = [["#", "node", "grad_output", "grad_inputs", "leaves written"]]
        for i, s in enumerate(self):
            rows.append(
                [
                    str(i),
                    s.name,
                    _short(s.grad_output),
                    ", ".join(_short(g) for g in s.grad_inputs) or "-",
                    ", ".join(_leaf_name(t, self.graph) for t in s.leaves) or "-",
                ]
            )
        return rows

    def __str__(self) -> str:
        rows = self.table()
        widths = [
            max(len(line) for r in rows for line in r[c].split("\n"))
            for c in range(len(rows[0]))
        ]
        out = []
        for r in rows:
            out.append(
                "  ".join(
                    v.replace("\n", " ").ljust(w) for v, w in zip(r, widths)
                ).rstrip()
            )
        return "\n".join(out)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = self.table()
        head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
        body = "".join(
            "<tr>"
            + "".join(f"<td><pre>{html.escape(c)}</pre></td>" for c in r)
            + "</tr>"
            for r in rows[1:]
        )
        return f"<table><tr>{head}</tr>{body}</table>"

    def frame(self, i: int, path: str | os.PathLike | None = None):
        """The graph with step i's node highlighted and the gradients sent so far on the edges."""
        from minigrad.viz.draw import draw_graph

        if not -len(self) <= i < len(self):
            raise IndexError(
                f"frame(): step {i} out of range for a trace of {len(self)} steps"
            )
        i %= len(self)
        labels = {}
        for s in self[: i + 1]:
            fns = [u for u, _ in s.node.next_functions]
            for u, g in zip(fns, s.grad_inputs):
                if u is not None and g is not None:
                    labels[(str(id(u)), str(id(s.node)))] = _short(g, 24)
            for t in s.leaves:
                if s.node is not None and hasattr(s.node, "variable"):
                    labels[(str(id(t)), str(id(s.node)))] = ".grad=" + _short(
                        s.grad_output, 24
                    )
        step = self[i]
        title = f"step {i}: {fn_type(step.node)}"
        return draw_graph(
            self.graph,
            path,
            highlight=str(id(step.node)),
            edge_labels=labels,
            title=title,
        )

    def strip(self, path: str | os.PathLike | None = None, columns: int = 3):
        """Every frame in one Figure, ``columns`` per row (a slide strip); to ``path`` if given."""
        import io

        import matplotlib.image as mpimg
        from matplotlib.figure import Figure

        from minigrad.viz.draw import _save, _suffix

        suffix = _suffix(path)
        images = []
        for i in range(len(self)):
            buf = io.BytesIO()
            self.frame(i).savefig(buf, format="png", dpi=64)
            buf.seek(0)
            images.append(mpimg.imread(buf, format="png"))
        rows = -(-len(images) // columns)
        h = max(im.shape[0] for im in images) / 100  # pixels at _save's dpi
        w = max(im.shape[1] for im in images) / 100
        fig = Figure(figsize=(w * columns, h * rows))
        for i, im in enumerate(images):
            ax = fig.add_subplot(rows, columns, i + 1)
            ax.imshow(im)
            ax.set_axis_off()
        fig.subplots_adjust(0, 0, 1, 1, 0.02, 0.02)
        if path is not None:
            _save(fig, path, suffix)
        return fig

    def animate(self, path: str | os.PathLike, ms_per_step: int = 900) -> str:
        """The frames as an animated GIF at ``path`` (Pillow, which matplotlib brings)."""
        import io

        from PIL import Image

        path = os.fspath(path)
        if not path.lower().endswith(".gif"):
            raise ValueError(f"animate(): path must end in .gif, got {path!r}")
        images = []
        for i in range(len(self)):
            buf = io.BytesIO()
            self.frame(i).savefig(buf, format="png", dpi=72)
            images.append(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
        tmp = f"{path}.tmp-{os.getpid()}"
        try:
            images[0].save(
                tmp,
                format="GIF",
                save_all=True,
                append_images=images[1:],
                duration=ms_per_step,
                loop=0,
            )
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
        return path

    def save_frames(
        self, directory: str | os.PathLike, prefix: str = "step"
    ) -> list[str]:
        """One PNG per step in ``directory``: ``step00.png``, ``step01.png``, ..."""
        os.makedirs(directory, exist_ok=True)
        paths = []
        for i in range(len(self)):
            p = os.path.join(os.fspath(directory), f"{prefix}{i:02d}.png")
            self.frame(i, p)
            paths.append(p)
        return paths


def _short(t, width: int = 40) -> str:
    if t is None:
        return "None"
    a = t.detach().numpy() if isinstance(t, Tensor) else np.asarray(t)
    text = np.array2string(a, precision=4, separator=", ", threshold=6, edgeitems=2)
    text = " ".join(text.split())
    return text if len(text) <= width else f"{a.dtype}{list(a.shape)}"


def _leaf_name(t, graph) -> str:
    label = graph.nodes.get(str(id(t)), {}).get("label", "")
    return label.split("\n")[0] or f"tensor{list(t.shape)}"


def _array(g):
    if g is None:
        return None
    return g.detach().numpy() if isinstance(g, Tensor) else np.asarray(g)


def _as_tensor(g):
    return None if g is None else from_numpy(np.array(_array(g)))


def _fit(g, meta):
    """A gradient as the engine hands it on: summed to the input's shape, in its dtype."""
    if g is None:
        return None
    shape, dtype = meta
    g = _array(g)
    if g.shape != shape:
        g = sum_to_shape(g, shape)
    return g.astype(dtype, copy=False)


def _saved_of(fn) -> dict:
    return {name: getattr(fn, name) for name in dir(fn) if name.startswith("_saved_")}


def trace_backward(
    tensor: Tensor,
    gradient=None,
    retain_graph: bool | None = None,
    params: dict | None = None,
) -> Trace:
    """Run ``tensor.backward(gradient, retain_graph)`` (the same ``.grad`` results)
    and return its steps in torch's engine order, AccumulateGrad steps included.

    Every node reachable from ``tensor`` gets a pre-hook and a hook for the
    pass (removed after it); the order is torch's ready queue (viz/order.py).
    """
    if not isinstance(tensor, Tensor):
        raise TypeError(
            f"trace_backward(): expected a Tensor, but got {type(tensor).__name__}"
        )
    if not tensor.requires_grad:
        raise RuntimeError(
            "element 0 of tensors does not require grad and does not have a grad_fn"
        )
    graph = build(tensor, params=params)
    root = tensor.grad_fn if tensor.grad_fn is not None else _leaf_fn(tensor)
    order = engine_order(root)
    received: dict = {}  # node -> (grad_output, saved values read)
    sent: dict = {}  # node -> grad_inputs
    handles = []
    for fn in order:

        def pre(grad_outputs, fn=fn):
            saved = {} if hasattr(fn, "variable") else _saved_of(fn)
            received[fn] = (grad_outputs[0], saved)

        def post(grad_inputs, grad_outputs, fn=fn):
            sent[fn] = grad_inputs

        handles.append(fn.register_prehook(pre))
        if isinstance(fn, Node):
            handles.append(fn.register_hook(post))
    try:
        tensor.backward(gradient, retain_graph=retain_graph)
    finally:
        for h in handles:
            h.remove()
    return Trace(_steps(order, received, sent), graph)


def _leaf_fn(tensor):
    # NOTE: a leaf's own AccumulateGrad, as torch's grad_fn-less root
    return (tensor * 1).grad_fn.next_functions[0][0]


def _steps(order: list, received: dict, sent: dict) -> list:
    steps = []
    for fn in order:
        if fn not in received:  # the engine did not run it (no gradient reached it)
            continue
        grad_output, saved = received[fn]
        leaves: tuple = ()
        grad_inputs: tuple = ()
        if hasattr(fn, "variable"):
            leaves = (fn.variable,)
        else:
            metas = fn.in_meta
            grads = sent.get(fn, (None,) * len(metas))
            grad_inputs = tuple(
                None if u is None else _as_tensor(_fit(g, meta))
                for (u, _), g, meta in zip(fn.next_functions, grads, metas)
            )  # NOTE: matches torch: nothing flows to an input without grad
            retained = fn.retained() if fn.retained is not None else None
            if retained is not None:
                leaves = (retained,)
        steps.append(
            Step(
                name=fn.name(),
                grad_output=_as_tensor(grad_output),
                grad_inputs=grad_inputs,
                saved=saved,
                leaves=leaves,
                node=fn,
            )
        )
    return steps


__all__ = ["trace_backward", "Trace", "Step", "fn_type"]
