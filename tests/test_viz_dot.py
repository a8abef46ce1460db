"""make_dot against torchviz on torch's graph: same node labels, colours and edges."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

import minigrad
from minigrad.viz import make_dot

from .parity import LIBS
from .test_viz_saved import CASES, FUSED, run

torchviz = pytest.importorskip("torchviz")
# torchviz compares torch versions with distutils' LooseVersion, which warns
pytestmark = pytest.mark.filterwarnings(
    "ignore:distutils Version classes:DeprecationWarning"
)

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|->|[\[\]=;{}]|[^\s\[\]=;{}"]+')


def _unquote(tok: str) -> str:
    if tok.startswith('"'):
        return re.sub(
            r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), tok[1:-1]
        )
    return tok


def parse_dot(source: str) -> tuple[dict, list]:
    """DOT source -> (node id -> attrs (the last statement wins, as Graphviz), edges)."""
    toks = [t for t in TOKEN.findall(source)]
    nodes, edges, i = {}, [], 0
    while i < len(toks):
        t = toks[i]
        if (
            t in ("digraph", "{", "}", ";")
            or t in ("graph", "node")
            and toks[i + 1] == "["
        ):
            if t in ("graph", "node"):
                i = toks.index("]", i)
            i += 1
            continue
        ids = [_unquote(t)]
        i += 1
        while i < len(toks) and toks[i] == "->":
            ids.append(_unquote(toks[i + 1]))
            i += 2
        attrs = {}
        if i < len(toks) and toks[i] == "[":
            i += 1
            while toks[i] != "]":
                attrs[toks[i]] = _unquote(toks[i + 2])
                i += 3
            i += 1
        if len(ids) == 1:
            nodes.setdefault(ids[0], {}).update(attrs)
        else:
            edges.append((ids[0], ids[1], attrs))
    return nodes, edges


def canonical(source: str) -> tuple[list, list]:
    """Nodes as sorted (label, colour); edges as sorted (tail label, head label, attrs)."""
    nodes, edges = parse_dot(source)

    def name(key: str) -> tuple:
        a = nodes.get(key, {})
        return a.get("label", "?"), a.get("fillcolor", "")

    node_list = sorted(name(k) for k in nodes)
    edge_list = sorted((name(t), name(h), sorted(a.items())) for t, h, a in edges)
    return node_list, edge_list


def assert_same_dot(mine: str, theirs: str) -> None:
    m_nodes, m_edges = canonical(mine)
    t_nodes, t_edges = canonical(theirs)
    assert m_nodes == t_nodes
    assert m_edges == t_edges


FLAGS = [dict(), dict(show_attrs=True), dict(show_attrs=True, show_saved=True)]


@pytest.mark.parametrize("flags", FLAGS, ids=["plain", "attrs", "attrs+saved"])
@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason="fused nodes", strict=True))
        if c in FUSED
        else c
        for c in sorted(CASES)
    ],
)
def test_op_dot_as_torchviz(case, flags):
    y, xs = run("minigrad", case)
    ty, txs = run("torch", case)
    mine = make_dot(y, params=xs, **flags).source
    theirs = torchviz.make_dot(ty, params=txs, **flags).source
    assert_same_dot(mine, theirs)


def course_model(lib: str, name: str):
    """The course's models on the same data: (loss, named parameters)."""
    T = LIBS[lib]
    T.manual_seed(0)
    nn = T.nn
    rng = np.random.default_rng(1)
    x = T.tensor(rng.standard_normal((6, 3)), dtype=T.float32)
    if name == "linear_mse":
        model, loss_fn = nn.Linear(3, 1), nn.MSELoss()
        y = T.tensor(rng.standard_normal((6, 1)), dtype=T.float32)
    elif name == "logistic_bce":
        model, loss_fn = nn.Sequential(nn.Linear(3, 1), nn.Sigmoid()), nn.BCELoss()
        y = T.tensor(rng.integers(0, 2, (6, 1)), dtype=T.float32)
    elif name == "logits_bce":
        model, loss_fn = nn.Linear(3, 2), nn.BCEWithLogitsLoss()
        y = T.tensor(rng.integers(0, 2, (6, 2)), dtype=T.float32)
    else:  # a small MLP
        model = nn.Sequential(
            nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 1)
        )
        loss_fn = nn.MSELoss(reduction="sum")
        y = T.tensor(rng.standard_normal((6, 1)), dtype=T.float32)
    return loss_fn(model(x), y), dict(model.named_parameters())


MODELS = ["linear_mse", "logistic_bce", "logits_bce", "mlp"]


@pytest.mark.parametrize("flags", FLAGS, ids=["plain", "attrs", "attrs+saved"])
@pytest.mark.parametrize("model", MODELS)
def test_course_model_dot_as_torchviz(model, flags):
    loss, params = course_model("minigrad", model)
    tloss, tparams = course_model("torch", model)
    assert_same_dot(
        make_dot(loss, params=params, **flags).source,
        torchviz.make_dot(tloss, params=tparams, **flags).source,
    )


def test_outputs_tuple_and_no_graph():
    a = minigrad.tensor([1.0, 2.0], requires_grad=True)
    ta = torch.tensor([1.0, 2.0], requires_grad=True)
    mine = make_dot((a * 2, a.exp()), params={"a": a}).source
    theirs = torchviz.make_dot((ta * 2, ta.exp()), params={"a": ta}).source
    assert_same_dot(mine, theirs)
    x, tx = minigrad.tensor([1.0]), torch.tensor([1.0])
    assert_same_dot(make_dot(x).source, torchviz.make_dot(tx).source)


def test_bad_arguments():
    with pytest.raises(TypeError, match="Tensor"):
        make_dot([1.0])
    with pytest.raises(TypeError, match="params"):
        make_dot(minigrad.tensor([1.0]), params={"w": 1.0})


def test_render_without_graphviz_binary(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    a = minigrad.tensor([1.0, 2.0], requires_grad=True)
    dot = make_dot((a * a).sum(), params={"a": a})
    png = dot.render(tmp_path / "g.png")
    assert open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    svg = dot.render(tmp_path / "g", format="svg")  # graphviz's convention
    assert svg == str(tmp_path / "g.svg") and b"<svg" in open(svg, "rb").read()
    assert open(tmp_path / "g").read() == dot.source
    assert "<svg" in dot._repr_mimebundle_()["image/svg+xml"]
    with pytest.raises(ValueError, match="format"):
        dot.render(tmp_path / "g.pdf")
    assert not (tmp_path / "g.pdf").exists()
