"""torch.device, torch.cuda and the device arguments of factories, Tensor.to and
Module.to behave as in a CPU-only build of torch."""

from __future__ import annotations

import pickle
import subprocess
import sys

from tests.scenarios import raises_as_torch, run_both, values_as_torch

# code run with L = the library; its value (a str, a number, a tensor, a bool) is compared
VALUES = [
    "repr(L.device('cpu'))",
    "str(L.device('cuda:1'))",
    "repr(L.device('cuda', 0))",
    "repr(L.device(type='cpu', index=0))",
    "repr(L.device('mps'))",
    "repr(L.device(L.device('cpu')))",
    "L.device('cpu').type + str(L.device('cpu').index)",
    "L.device('cuda:3').index",
    "L.device('cpu') == L.device('cpu')",
    "L.device('cpu') == L.device('cpu', 0)",
    "L.device('cpu') == 'cpu'",
    "hash(L.device('cuda:0')) == hash(L.device('cuda', 0))",
    "repr(pickle.loads(pickle.dumps(L.device('cuda', 2))))",
    "str(L.device('cuda:0' if L.cuda.is_available() else 'cpu'))",
    "L.cuda.is_available()",
    "L.cuda.device_count()",
    "L.cuda.is_initialized()",
    "L.cuda.manual_seed(0)",
    "L.cuda.manual_seed_all(0)",
    "repr(L.ones(2).device)",
    "L.ones(2).device == L.device('cpu')",
    "L.ones(2).get_device()",
    "L.ones(2).is_cpu",
    "L.ones(2).is_cuda",
    "repr(L.Generator().device)",
    "L.zeros(2, device='cpu')",
    "L.zeros(2, device='cpu:0')",
    "L.ones(2, 3, device=L.device('cpu'))",
    "L.tensor([1.5, 2], device='cpu')",
    "L.arange(3, device='cpu')",
    "L.linspace(0, 1, 3, device=L.device('cpu'))",
    "L.full((2,), 3.0, device='cpu')",
    "L.eye(2, device='cpu')",
    "L.zeros_like(L.ones(2), device='cpu')",
    "L.rand(2, device='cpu').shape[0]",
    "L.ones(2).to('cpu')",
    "L.ones(2).to(L.device('cpu'), L.float64)",
    "L.ones(2).to(device='cpu', dtype=L.float64)",
    "L.ones(2).to(L.float64, False, True)",
    "L.ones(2).to('cpu', L.float64, False, True)",
    "L.ones(2).to(None)",
    "L.ones(2).to(L.ones(1, dtype=L.float64))",
    "L.ones(2).to(L.float64, non_blocking=True)",
    "L.ones(2).cpu()",
]


test_values_as_torch = values_as_torch(VALUES, pickle=pickle)


ERRORS = [
    ("L.device('gpu')", ()),
    ("L.device('CPU')", ()),
    ("L.device(' cpu')", ()),
    ("L.device('')", ()),
    ("L.device('cuda:x')", ()),
    ("L.device('cuda:01')", ()),
    ("L.device('cuda:-1')", ()),
    ("L.device('cuda:0:1')", ()),
    ("L.device('cpu', -1)", ()),
    ("L.device('cpu:0', 1)", ()),
    ("L.device(0)", ()),
    ("L.device(1.5)", ()),
    ("L.device(None)", ()),
    ("L.device(type='cpu', index='0')", ()),
    ("L.cuda.current_device()", ()),
    ("L.cuda.synchronize()", ()),
    ("L.zeros(2, device='cuda')", ()),
    ("L.zeros(2, device='gpu')", ()),
    ("L.tensor([1.0], device='cuda:0')", ()),
    ("L.ones(2, device=L.device('cuda'))", ()),
    ("L.rand(2, device='cuda')", ()),
    ("L.randn(2, device='cuda')", ()),
    ("L.ones(2).cuda()", ()),
    ("L.ones(2).to('cuda')", ()),
    ("L.ones(2).to(1, 2)", ("to() received an invalid combination of arguments",)),
    (
        "L.ones(2).to('cpu', 'cpu')",
        ("to() received an invalid combination of arguments",),
    ),
    ("L.ones(2).to(foo=1)", ("to() received an invalid combination of arguments",)),
    (
        "L.ones(2).to(L.float64, 'cpu')",
        ("to() received an invalid combination of arguments",),
    ),
    (
        "L.ones(2).to(L.float64, device='cpu')",
        ("to() received an invalid combination of arguments",),
    ),
    ("L.nn.Linear(2, 2).to('cuda')", ()),
    ("L.nn.Linear(2, 2).cuda()", ()),
    (
        "L.nn.Linear(2, 2).to(L.int64)",
        ("nn.Module.to only accepts floating point or complex dtypes",),
    ),
    (
        "L.nn.Linear(2, 2).to(L.float64, L.float64)",
        ("to() received an invalid combination of arguments",),
    ),
    (
        "L.nn.Linear(2, 2).to(foo=2)",
        ("to() received an invalid combination of arguments",),
    ),
]


test_errors_as_torch = raises_as_torch(ERRORS, pickle=pickle)


def test_to_copy_and_identity_as_torch():
    def s(L, out):  # noqa: N803
        x = L.ones(2, requires_grad=True)
        out.append(x.to("cpu") is x)
        out.append(x.to(x) is x)
        out.append(x.to(L.float32) is x)
        for y in (x.to("cpu", copy=True), x.to(L.float64), x.to(copy=True)):
            out.append(y is x)
            out.append(type(y.grad_fn).__name__)
        out.append(x.to(L.int64).requires_grad)

    run_both(s)


def test_module_to_converts_in_place_as_torch():
    def s(L, out):  # noqa: N803
        L.manual_seed(0)
        model = L.nn.Sequential(L.nn.Linear(2, 3), L.nn.BatchNorm1d(3))
        weight = model[0].weight
        model[0].weight.grad = L.ones(3, 2)
        grad = model[0].weight.grad
        opt = L.optim.SGD(model.parameters(), lr=0.1)
        assert model.double() is model
        out.append(model[0].weight is weight and model[0].weight.grad is grad)
        out += [weight, grad, model[1].running_mean, model[1].num_batches_tracked]
        y = model(L.tensor([[1.0, 2.0], [3.0, -1.0]], dtype=L.float64))
        y.sum().backward()
        opt.step()
        out += [y, weight]
        out.append(model.to(L.device("cpu"), L.float32) is model)
        out += [weight, model[1].running_var]
        out.append(model.float().cpu() is model)
        out.append(
            repr(model.type(L.float64)[1].num_batches_tracked.dtype).split(".")[1]
        )
        out.append(model.to(L.float32)[1].num_batches_tracked.dtype == L.int64)

    run_both(s)


def test_module_lookups_as_torch():
    def s(L, out):  # noqa: N803
        model = L.nn.Sequential(L.nn.Linear(2, 2), L.nn.BatchNorm1d(2))
        out.append(model.get_submodule("") is model)
        out.append(model.get_submodule("0") is model[0])
        out.append(model.get_parameter("0.bias") is model[0].bias)
        out.append(model.get_buffer("1.running_mean") is model[1].running_mean)
        for call in (
            lambda: model.get_submodule("2"),
            lambda: model.get_submodule("0.weight"),
            lambda: model.get_parameter("0.foo"),
            lambda: model.get_parameter("1.running_mean"),
            lambda: model.get_buffer("0.weight"),
            lambda: model.get_parameter("0"),
        ):
            try:
                call()
            except AttributeError as e:
                out.append(str(e))

    run_both(s)


def test_torch_alias_provides_cuda():
    code = "import minigrad.torch_alias, torch, torch.cuda, minigrad; print(torch.cuda is minigrad.cuda, torch.device('cuda:0' if torch.cuda.is_available() else 'cpu'))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "cpu"]


def test_a_device_saved_by_torch_loads_as_a_device(tmp_path):
    import torch

    import minigrad

    path = tmp_path / "d.pt"
    torch.save({"where": torch.device("cuda", 1)}, path)
    assert minigrad.load(path)["where"] == minigrad.device("cuda:1")
    minigrad.save({"where": minigrad.device("cpu")}, path)
    assert torch.load(path)["where"] == torch.device("cpu")
