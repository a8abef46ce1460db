"""The graph behind a tensor as torchviz sees it: nodes with labels and colours, edges."""

from __future__ import annotations

from dataclasses import dataclass, field

from minigrad.tensor import Tensor

SAVED_PREFIX = "_saved_"


@dataclass
class Graph:
    """Nodes (id -> attributes: label, fillcolor, kind, obj) and edges (tail, head, attrs).

    Edges point from an input to what uses it (leaves on top, the output at the
    bottom), as torchviz draws them.
    """

    nodes: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)
    keep: list = field(default_factory=list)  # objects whose id() names a node

    def node(self, key: str, label: str, kind: str, obj=None, **attrs) -> None:
        self.nodes[key] = dict(label=label, kind=kind, obj=obj, **attrs)

    def edge(self, tail: str, head: str, **attrs) -> None:
        self.edges.append((tail, head, attrs))


COLORS = {
    "leaf": "lightblue",
    "saved": "orange",
    "output": "darkolivegreen1",
    "base": "darkolivegreen3",
    "op": "lightgrey",
    "freed": "white",
}


def fn_type(fn) -> str:
    """torch's class name of a node (torchviz's label): its name without a namespace."""
    return fn.name().rsplit("::", 1)[-1]


def size_to_str(size) -> str:
    return "(" + ", ".join(str(int(v)) for v in size) + ")"


def fn_label(fn, show_attrs: bool, max_attr_chars: int) -> str:
    """The node's name, then its saved non-tensor attributes in torchviz's table."""
    name = fn_type(fn)
    if not show_attrs:
        return name
    attrs = {}
    for attr in dir(fn):
        if not attr.startswith(SAVED_PREFIX):
            continue
        try:
            val = getattr(fn, attr)
        except RuntimeError:
            val = None
            shown = "[freed]"
        else:
            shown = None
        key = attr[len(SAVED_PREFIX) :]
        if shown is not None:
            attrs[key] = shown
        elif isinstance(val, Tensor):
            attrs[key] = "[saved tensor]"
        elif isinstance(val, tuple) and any(isinstance(t, Tensor) for t in val):
            attrs[key] = "[saved tensors]"
        else:
            attrs[key] = str(val)
    if not attrs:
        return name
    max_attr_chars = max(max_attr_chars, 3)
    col1 = max(len(k) for k in attrs)
    col2 = min(max(len(v) for v in attrs.values()), max_attr_chars)
    sep = "-" * max(col1 + col2 + 2, len(name))

    def cut(s: str) -> str:
        return s[: col2 - 3] + "..." if len(s) > col2 else s

    rows = "\n".join(f"{k:<{col1}}: {cut(v):>{col2}}" for k, v in attrs.items())
    return name + "\n" + sep + "\n" + rows


def build(
    var,
    params: dict | None = None,
    show_attrs: bool = False,
    show_saved: bool = False,
    max_attr_chars: int = 50,
) -> Graph:
    """Walk the graph behind ``var`` (a tensor or a tuple of them) as torchviz does."""
    if params is not None:
        for k, v in params.items():
            if not isinstance(v, Tensor):
                raise TypeError(
                    f"make_dot(): params must map names to tensors, but {k!r} is {type(v).__name__}"
                )
    names = {id(v): k for k, v in (params or {}).items()}
    g = Graph()
    seen: set = set()

    def var_label(t, name: str | None = None) -> str:
        name = name or names.get(id(t), "")
        return f"{name}\n {size_to_str(t.size())}"

    def add_saved(fn) -> None:
        for attr in dir(fn):
            if not attr.startswith(SAVED_PREFIX):
                continue
            key = attr[len(SAVED_PREFIX) :]
            try:
                val = getattr(fn, attr)
            except RuntimeError:  # freed by backward(): drawn, marked as freed
                freed = f"{id(fn)}:{attr}"
                g.edge(str(id(fn)), freed, dir="none", style="dashed")
                g.node(freed, f"{key}\n(freed)", "freed", style="dashed")
                continue
            g.keep.append(val)
            seen.add(id(val))
            if isinstance(val, Tensor):
                g.edge(str(id(fn)), str(id(val)), dir="none")
                g.node(str(id(val)), var_label(val, key), "saved", val)
            elif isinstance(val, tuple):
                for i, t in enumerate(val):
                    if isinstance(t, Tensor):
                        g.edge(str(id(fn)), str(id(t)), dir="none")
                        g.node(str(id(t)), var_label(t, f"{key}[{i}]"), "saved", t)

    def add_nodes(fn) -> None:
        if fn in seen:
            return
        seen.add(fn)
        if show_saved:
            add_saved(fn)
        variable = getattr(fn, "variable", None)
        if variable is not None:
            seen.add(id(variable))
            g.keep.append(variable)
            g.node(str(id(variable)), var_label(variable), "leaf", variable)
            g.edge(str(id(variable)), str(id(fn)))
        g.node(str(id(fn)), fn_label(fn, show_attrs, max_attr_chars), "op", fn)
        for u, _ in fn.next_functions:
            if u is not None:
                g.edge(str(id(u)), str(id(fn)))
                add_nodes(u)

    def add_base_tensor(t, kind: str = "output") -> None:
        if id(t) in seen:
            return
        seen.add(id(t))
        g.keep.append(t)
        g.node(str(id(t)), var_label(t), kind, t)
        if t.grad_fn is not None:
            add_nodes(t.grad_fn)
            g.edge(str(id(t.grad_fn)), str(id(t)))
        base = t._base if t._is_view() else None
        if base is not None:
            add_base_tensor(base, "base")
            g.edge(str(id(base)), str(id(t)), style="dotted")

    for t in var if isinstance(var, tuple) else (var,):
        if not isinstance(t, Tensor):
            raise TypeError(
                f"make_dot(): expected a Tensor or a tuple of Tensors, but got {type(t).__name__}"
            )
        add_base_tensor(t)
    return g
