"""Build examples/internals.ipynb: one training step of logistic regression, seen from inside.

    python examples/make_internals.py               # build, run, save with outputs
    python examples/make_internals.py --no-execute  # build only

Cells are in the percent format (see _notebooks.py, whose parser and runner
this reuses). The graph, the trace's frames and the chain-rule check are saved
as PNGs beside the notebook (internals_*.png).
"""

from pathlib import Path

from _notebooks import build as _build
from _notebooks import main

NOTEBOOK = Path(__file__).resolve().parent / "internals.ipynb"

CELLS = r"""
# %% [markdown]
# See the internals: one training step, node by node

This notebook walks through **one training step** of the course's logistic
regression (`Sequential(Linear(1, 1), Sigmoid())` with `BCELoss`) and looks
inside it: the graph autograd records in the forward pass, the backward pass
node by node with the numbers each node received and sent, and the chain rule
checked by hand for the weight. Where PyTorch is installed, the same cells run
on it side by side, and the numbers agree.
# %%
import matplotlib

matplotlib.use("Agg")  # the pictures are written to PNG files beside the notebook
from IPython.display import Image, display

import minigrad
import minigrad.nn as nn
from minigrad.viz import draw, make_dot, trace_backward

try:
    import torch  # the real PyTorch, side by side (minigrad.torch_alias is not used here)
except ImportError:
    torch = None
print("PyTorch here:", torch is not None)
# %% [markdown]
## The data and the model

The course's toy problem: points on a line, labelled 1 to the right of 0.2.
# %%
X = minigrad.arange(-1, 1, 0.1).view(-1, 1)
Y = (X > 0.2).float()

minigrad.manual_seed(0)
model = nn.Sequential(nn.Linear(1, 1), nn.Sigmoid())
criterion = nn.BCELoss()
params = dict(model.named_parameters())
print(params)
# %% [markdown]
## The forward pass records a graph

Every operation on a tensor that requires grad adds a node. `make_dot` gives
the graph in Graphviz's language, exactly as the `torchviz` package gives it
for PyTorch; `draw` draws it with matplotlib, no Graphviz program needed. Blue:
the parameters (leaves); grey: the backward nodes, named as in PyTorch; orange:
what each node saved for the backward pass; green: the loss.
# %%
loss = criterion(model(X), Y)
print(loss)
print(make_dot(loss, params=params).source)
# %%
draw(loss, "internals_graph.png", params=params, show_saved=True)
display(Image("internals_graph.png"))
# %% [markdown]
Each node keeps what its backward formula needs, under PyTorch's attribute
names: the sigmoid keeps its output, the loss its input and target, `addmm`
the input batch it multiplied (`mat1`).
# %%
sigmoid_node = loss.grad_fn.next_functions[0][0]
addmm_node = sigmoid_node.next_functions[0][0]
print(sigmoid_node.name(), [a for a in dir(sigmoid_node) if a.startswith("_saved")])
print(addmm_node.name(), addmm_node._saved_mat1_sym_sizes, addmm_node._saved_alpha)
print(loss.grad_fn._saved_reduction, "(1 means 'mean')")
# %% [markdown]
## The backward pass, node by node

`trace_backward(loss)` runs `loss.backward()` (the same `.grad` results) and
records each node the engine ran, in PyTorch's engine order: what gradient it
received (`grad_output`), what it sent to each input (`grad_inputs`) and, for
the `AccumulateGrad` nodes, which parameter's `.grad` it wrote. Each frame below
shows one step: the node that runs is highlighted, and the gradients sent so
far are written on the edges.
# %%
trace = trace_backward(loss, params=params)
trace  # a table (HTML in Jupyter)
# %%
frames = trace.save_frames(".", prefix="internals_step")  # one PNG per step
trace.strip("internals_strip.png", columns=3)  # all steps on one slide
display(Image("internals_strip.png"))
# %% [markdown]
## The chain rule by hand for the weight

With $p_i = \sigma(z_i)$, $z_i = w x_i + b$ and $L = -\frac{1}{N}\sum_i
\big(y_i \ln p_i + (1-y_i)\ln(1-p_i)\big)$:

$$\frac{\partial L}{\partial w} = \sum_i \underbrace{\frac{p_i - y_i}{N\,p_i(1-p_i)}}_{\partial L/\partial p_i}\;
\underbrace{p_i(1-p_i)}_{\partial p_i/\partial z_i}\;\underbrace{x_i}_{\partial z_i/\partial w}
= \frac{1}{N}\sum_i (p_i - y_i)\,x_i$$

Each factor is a number the trace shows:
# %%
by_name = {step.name: step for step in trace}
dL_dp = by_name["BinaryCrossEntropyBackward0"].grad_inputs[0]
p = by_name["SigmoidBackward0"].saved["_saved_result"].detach()
dL_dz = dL_dp * p * (1 - p)
print("dL/dz from the trace:", by_name["SigmoidBackward0"].grad_inputs[0].flatten()[:4])
print("dL/dz by hand:       ", dL_dz.flatten()[:4])
dL_dw = (dL_dz * X).sum()
print("dL/dw by hand:", dL_dw.item(), " formula:", ((p - Y) * X).mean().item())
print("weight.grad:  ", model[0].weight.grad.item())
# %%
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(X.flatten().tolist(), ((p - Y) * X).flatten().tolist(), "o", label="$(p_i - y_i)\\,x_i$")
ax.axhline(dL_dw.item() * len(X), color="gray", ls="--", label="N * dL/dw")
ax.set_xlabel("x"); ax.set_title("each point's share of dL/dw"); ax.legend()
fig.savefig("internals_chain_rule.png", dpi=100, bbox_inches="tight")
# %% [markdown]
## The same step on PyTorch

Same seed, same model, same data: a hook on every node of PyTorch's graph
records what it received and sent. The two backward passes agree node by node.
# %%
if torch is not None:
    torch.manual_seed(0)
    t_model = torch.nn.Sequential(torch.nn.Linear(1, 1), torch.nn.Sigmoid())
    t_X = torch.arange(-1, 1, 0.1).view(-1, 1)
    t_loss = torch.nn.BCELoss()(t_model(t_X), (t_X > 0.2).float())
    seen, stack, t_steps = set(), [t_loss.grad_fn], []
    while stack:
        fn = stack.pop()
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        fn.register_hook(lambda g_in, g_out, fn=fn: t_steps.append((fn.name(), g_out[0])))
        stack.extend(u for u, _ in fn.next_functions)
    t_loss.backward()
    for step, (name, g_out) in zip(trace, t_steps):
        same = step.name == name and abs(step.grad_output.numpy() - g_out.numpy()).max() < 1e-6
        print(f"{name:34s} {'same' if same else 'DIFFERENT'}")
    print("weight.grad:", t_model[0].weight.grad.item(), " bias.grad:", t_model[0].bias.grad.item())
# %% [markdown]
## The update

Gradient descent moves each parameter against its gradient; a new forward pass
records a new graph, and the next step begins.
# %%
optimizer = minigrad.optim.SGD(model.parameters(), lr=0.5)
optimizer.step()
print(dict(model.named_parameters()))
print("loss after one step:", criterion(model(X), Y).item(), "(before:", loss.item(), ")")
"""


def build():
    """The notebook without outputs, with stable cell ids."""
    return _build(CELLS)


if __name__ == "__main__":
    main(build(), NOTEBOOK, __doc__.splitlines()[0])
