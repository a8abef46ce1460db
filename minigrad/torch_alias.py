"""Opt-in: make `import torch` resolve to minigrad in this process.

Put one line at the top of a notebook or script written for PyTorch::

    import minigrad.torch_alias

From then on, in this Python process only, `import torch`, `import torch.nn`,
`import torch.optim`, `import torch.utils.data` (and `torch.nn.functional`,
`torch.nn.init`, `torch.optim.lr_scheduler`, `torch.optim.optimizer`,
`torch.autograd`, `torch.testing`, `torch.random`, `torch.serialization`,
`torch.linalg`, `torch.special`, `torch.return_types`, `torch.types`, and the module paths code
imports from: `torch.nn.modules.*`, `torch.nn.common_types`,
`torch.nn.parameter`, `torch.optim.adam`..., `torch.autograd.grad_mode`,
`torch.autograd.function`, `torch.utils.data.dataset`...) give the minigrad modules, and `import torchvision` (`torchvision.datasets`,
`torchvision.transforms`) gives minigrad.vision, so code within minigrad's API
subset runs unmodified.
Nothing is installed and no file changes: `sys.modules` gets one entry per
name below. Any other `torch.*` or `torchvision.*` submodule raises
ModuleNotFoundError naming the subset. If real torch (or torchvision) was
imported first, this raises ImportError: two libraries would mix.
"""

import importlib
import pkgutil
import sys
import types
from importlib.abc import MetaPathFinder

ALIASES = {
    "torch": "minigrad",
    "torch.nn": "minigrad.nn",
    "torch.nn.functional": "minigrad.nn.functional",
    "torch.nn.init": "minigrad.nn.init",
    "torch.nn.utils": "minigrad.nn.utils",
    "torch.nn.utils.rnn": "minigrad.nn.utils.rnn",
    "torch.nn.utils.clip_grad": "minigrad.nn.utils.clip_grad",
    "torch.nn.utils.convert_parameters": "minigrad.nn.utils.convert_parameters",
    "torch.optim": "minigrad.optim",
    "torch.optim.lr_scheduler": "minigrad.optim.lr_scheduler",
    "torch.optim.optimizer": "minigrad.optim.optimizer",
    "torch.utils": "minigrad.utils",
    "torch.utils.data": "minigrad.utils.data",
    "torch.autograd": "minigrad.autograd",
    "torch.testing": "minigrad.testing",
    "torch.random": "minigrad.random",
    "torch.serialization": "minigrad.serialization",
    "torch.linalg": "minigrad.linalg",
    "torch.special": "minigrad.special",
    "torch.cuda": "minigrad.cuda",
    "torch.return_types": "minigrad.return_types",
    "torch.types": "minigrad.types",
    "torch.nn.common_types": "minigrad.nn.common_types",
    "torch.nn.parameter": "minigrad.nn.parameter",
    "torch.nn.modules": "minigrad.nn.modules",
    "torch.autograd.function": "minigrad.autograd.function",
    "torch.autograd.grad_mode": "minigrad.autograd.grad_mode",
    "torch.autograd.gradcheck": "minigrad.autograd.gradcheck",
    "torch.autograd.graph": "minigrad.autograd.graph",
    "torch.utils.data.dataloader": "minigrad.utils.data.dataloader",
    "torch.utils.data.dataset": "minigrad.utils.data.dataset",
    "torch.utils.data.sampler": "minigrad.utils.data.sampler",
    "torchvision": "minigrad.vision",
    "torchvision.datasets": "minigrad.vision.datasets",
    "torchvision.transforms": "minigrad.vision.transforms",
}
# torch's module paths of the layers and optimisers: torch.nn.modules.loss, torch.optim.adam...
_LAYERS = importlib.import_module("minigrad.nn.modules")
_OPTIMISERS = ("adadelta", "adagrad", "adam", "adamax", "adamw", "asgd", "nadam")
_OPTIMISERS += ("radam", "rmsprop", "rprop", "sgd")
for _info in pkgutil.iter_modules(_LAYERS.__path__):
    ALIASES[f"torch.nn.modules.{_info.name}"] = f"minigrad.nn.modules.{_info.name}"
for _name in _OPTIMISERS:
    ALIASES[f"torch.optim.{_name}"] = f"minigrad.optim.{_name}"
_ROOTS = ("torch.", "torchvision.")


class _OutsideSubset(MetaPathFinder):
    """Refuses `torch.*` submodules that minigrad does not provide."""

    def find_spec(self, fullname, path=None, target=None):
        # NOTE: without this, `import torch.ops` would load minigrad/ops.py a
        # second time as a new module named `torch.ops`.
        if fullname.startswith(_ROOTS) and fullname not in ALIASES:
            raise ModuleNotFoundError(
                f"No module named {fullname!r}: minigrad.torch_alias provides only {', '.join(ALIASES)} (minigrad's API subset; see {COVERAGE})",
                name=fullname,
            )
        return None


# --- missing APIs: an AttributeError naming the subset -----------------------

COVERAGE = "docs/coverage.md"


def _outside_subset(alias: str, module: types.ModuleType) -> None:
    """Give `module` (aliased as `alias`) a module __getattr__ (PEP 562) whose
    AttributeError says the name is outside minigrad's subset."""
    previous = module.__dict__.get("__getattr__")

    def __getattr__(name: str):
        if previous is not None:
            try:
                return previous(name)  # the module's own lazy attributes
            except AttributeError:
                if (
                    alias != "torch"
                ):  # torchvision's modules name their subset themselves
                    raise
        if name.startswith("__"):
            raise AttributeError(f"module {alias!r} has no attribute {name!r}")
        raise AttributeError(
            f"module {alias!r} has no attribute {name!r}: {alias}.{name} is outside minigrad's API subset (minigrad.torch_alias is active); see {COVERAGE} in minigrad's repository for what is supported"
        )

    if getattr(previous, "_minigrad_subset", False):
        return
    __getattr__._minigrad_subset = True  # type: ignore[attr-defined]
    module.__getattr__ = __getattr__  # type: ignore[method-assign]


def _install() -> None:
    torch = sys.modules.get("torch")
    if torch is not None and torch.__name__ != "minigrad":
        raise ImportError(
            "minigrad.torch_alias: the real torch is already imported in this process; import minigrad.torch_alias before any `import torch` (or restart the kernel), so the two libraries do not mix"
        )
    vision = sys.modules.get("torchvision")
    if vision is not None and vision.__name__ != "minigrad.vision":
        raise ImportError(
            "minigrad.torch_alias: the real torchvision is already imported in this process; import minigrad.torch_alias before any `import torchvision` (or restart the kernel), so the two libraries do not mix"
        )
    for alias, name in ALIASES.items():
        sys.modules[alias] = importlib.import_module(name)
        _outside_subset(alias, sys.modules[alias])
    sys.meta_path.insert(0, _OutsideSubset())


_install()
