"""The torchviz package itself on minigrad graphs (import minigrad.torch_alias first)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import minigrad

from .test_viz_dot import MODELS, canonical

pytest.importorskip("torchviz")

SCRIPT = """
import json, sys
if sys.argv[1] == "minigrad":
    import minigrad.torch_alias  # noqa: F401  (before torch: torch is minigrad now)
import torch, torchviz
from tests.test_viz_dot import course_model
import tests.parity as parity
parity.LIBS[sys.argv[1]] = torch
loss, params = course_model(sys.argv[1], sys.argv[2])
dot = torchviz.make_dot(loss, params=params, show_attrs=True, show_saved=True)
print(json.dumps(dot.source))
"""

# what torchviz reads that minigrad's core does not have yet
MISSING = [
    name
    for name, ok in {
        "minigrad.autograd.Variable": hasattr(minigrad.autograd, "Variable"),
        "minigrad.__version__": hasattr(minigrad, "__version__"),
        "Tensor._is_view": hasattr(minigrad.Tensor, "_is_view"),
    }.items()
    if not ok
]


def torchviz_source(lib: str, model: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, lib, model],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.xfail(
    bool(MISSING), reason=f"core lacks {', '.join(MISSING)}", strict=False
)
@pytest.mark.parametrize("model", MODELS)
def test_torchviz_on_minigrad_as_on_torch(model):
    mine, theirs = torchviz_source("minigrad", model), torchviz_source("torch", model)
    assert canonical(mine) == canonical(theirs)
