"""torch.nn.modules.module's path: the Module base, as torch names them."""

from minigrad.nn.module import Module, _addindent, _IncompatibleKeys  # noqa: F401  (torch's private names users import)

__all__ = ["Module"]
