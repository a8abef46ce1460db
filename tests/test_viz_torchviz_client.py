"""The torchviz package itself on minigrad graphs (import minigrad.torch_alias first)."""

from __future__ import annotations

import functools
import json
import subprocess
import sys

import pytest

from .test_viz_dot import MODELS, canonical

pytest.importorskip("torchviz")

# Runs in a fresh process: `python -c SCRIPT LIB MODEL SHIM`. Under minigrad the
# alias comes first, so `import torch` (here and inside torchviz) is minigrad.
SCRIPT = """
import json, sys
lib, name = sys.argv[1], sys.argv[2]
if lib == "minigrad":
    import minigrad.torch_alias  # noqa: F401
import numpy as np
import torch, torchviz

nn = torch.nn
torch.manual_seed(0)
rng = np.random.default_rng(1)
x = torch.tensor(rng.standard_normal((6, 3)), dtype=torch.float32)
if name == "linear_mse":
    model, loss_fn = nn.Linear(3, 1), nn.MSELoss()
    y = torch.tensor(rng.standard_normal((6, 1)), dtype=torch.float32)
elif name == "logistic_bce":
    model, loss_fn = nn.Sequential(nn.Linear(3, 1), nn.Sigmoid()), nn.BCELoss()
    y = torch.tensor(rng.integers(0, 2, (6, 1)), dtype=torch.float32)
elif name == "logits_bce":
    model, loss_fn = nn.Linear(3, 2), nn.BCEWithLogitsLoss()
    y = torch.tensor(rng.integers(0, 2, (6, 2)), dtype=torch.float32)
elif name.startswith("chain"):
    a = torch.tensor(rng.standard_normal((3, 4)), requires_grad=True)
    m = torch.tensor(rng.standard_normal((4, 2)), requires_grad=True)
    model = nn.Module()  # only named parameters for the labels
    model.a, model.m = nn.Parameter(a), nn.Parameter(m)
    a, m = model.a, model.m
    if name == "chain_mixed":
        out = ((a @ m).relu() * 2 + 1).mean()
    elif name == "chain_views":
        out = (a * a.exp()).t().sum(0)
    else:
        out = (a.tanh() - a.sigmoid()).view(-1)
    dot = torchviz.make_dot(out, params=dict(model.named_parameters()), show_attrs=True, show_saved=True)
    print(json.dumps(dot.source))
    sys.exit()
else:
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 1))
    loss_fn = nn.MSELoss(reduction="sum")
    y = torch.tensor(rng.standard_normal((6, 1)), dtype=torch.float32)
loss = loss_fn(model(x), y)
dot = torchviz.make_dot(loss, params=dict(model.named_parameters()), show_attrs=True, show_saved=True)
print(json.dumps(dot.source))
"""


@functools.cache
def torchviz_source(lib: str, model: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, lib, model],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


CHAINS = ["chain_mixed", "chain_views", "chain_view_output"]


@pytest.mark.parametrize("model", MODELS + CHAINS)
def test_torchviz_on_minigrad_as_on_torch(model):
    mine, theirs = torchviz_source("minigrad", model), torchviz_source("torch", model)
    assert canonical(mine) == canonical(theirs)
