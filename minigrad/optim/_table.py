"""torch.optim's constructors as one table: each optimiser's hyperparameters, once."""

from __future__ import annotations

from typing import Any

from minigrad.tensor import Tensor

# The parameters after ``params``, in torch's order; ``*``: the keyword-only ones follow.
SIGNATURES = {
    "SGD": "lr momentum dampening weight_decay nesterov * maximize foreach differentiable fused",
    "Adam": "lr betas eps weight_decay amsgrad * foreach maximize capturable differentiable fused decoupled_weight_decay",
    "AdamW": "lr betas eps weight_decay amsgrad * maximize foreach capturable differentiable fused",
    "Adadelta": "lr rho eps weight_decay foreach * capturable maximize differentiable",
    "Adagrad": "lr lr_decay weight_decay initial_accumulator_value eps foreach * maximize differentiable fused",
    "Adamax": "lr betas eps weight_decay foreach * maximize differentiable capturable",
    "ASGD": "lr lambd alpha t0 weight_decay foreach maximize differentiable capturable",
    "NAdam": "lr betas eps weight_decay momentum_decay decoupled_weight_decay * foreach maximize capturable differentiable",
    "RAdam": "lr betas eps weight_decay decoupled_weight_decay * foreach maximize capturable differentiable",
    "RMSprop": "lr alpha eps weight_decay momentum centered capturable foreach maximize differentiable",
    "Rprop": "lr etas step_sizes * capturable foreach maximize differentiable",
}

# The keys of ``defaults`` (and of every parameter group), in torch's order.
DEFAULTS = {
    "SGD": "lr momentum dampening weight_decay nesterov maximize foreach differentiable fused",
    "Adam": "lr betas eps weight_decay amsgrad maximize foreach capturable differentiable fused decoupled_weight_decay",
    "AdamW": "lr betas eps weight_decay amsgrad maximize foreach capturable differentiable fused decoupled_weight_decay",
    "Adadelta": "lr rho eps weight_decay maximize capturable foreach differentiable",
    "Adagrad": "lr lr_decay eps weight_decay initial_accumulator_value foreach maximize differentiable fused",
    "Adamax": "lr betas eps weight_decay foreach maximize differentiable capturable",
    "ASGD": "lr lambd alpha t0 weight_decay foreach maximize differentiable capturable",
    "NAdam": "lr betas eps weight_decay momentum_decay decoupled_weight_decay maximize foreach capturable differentiable",
    "RAdam": "lr betas eps weight_decay maximize foreach capturable decoupled_weight_decay differentiable",
    "RMSprop": "lr momentum alpha eps centered weight_decay capturable foreach maximize differentiable",
    "Rprop": "lr etas step_sizes foreach maximize differentiable capturable",
}

# The values torch's constructor range-checks, in its order (check_hyperparameters).
CHECKS = {
    "SGD": "lr momentum weight_decay",
    "Adam": "lr eps betas weight_decay",
    "AdamW": "lr eps betas weight_decay",
    "Adadelta": "lr rho eps weight_decay",
    "Adagrad": "lr lr_decay weight_decay initial_accumulator_value eps",
    "Adamax": "lr eps betas weight_decay",
    "ASGD": "lr weight_decay",
    "NAdam": "lr eps betas weight_decay momentum_decay",
    "RAdam": "lr eps betas weight_decay",
    "RMSprop": "lr eps momentum weight_decay alpha",
    "Rprop": "lr etas",
}

# The group's values the update rule takes as numbers, in the rule's order.
NUMBERS = {
    "SGD": "lr momentum dampening weight_decay",
    "Adam": "lr betas eps weight_decay",
    "AdamW": "lr betas eps weight_decay",
    "Adadelta": "lr rho eps weight_decay",
    "Adagrad": "lr lr_decay eps weight_decay",
    "Adamax": "lr betas eps weight_decay",
    "ASGD": "lr lambd alpha t0 weight_decay",
    "NAdam": "lr betas eps weight_decay momentum_decay",
    "RAdam": "lr betas eps weight_decay",
    "RMSprop": "lr alpha eps weight_decay momentum",
    "Rprop": "lr etas step_sizes",
}

# The group keys torch's __setstate__ fills in (older pickles), in its order.
UNPICKLED = {
    "SGD": "nesterov maximize foreach differentiable fused",
    "Adam": "amsgrad maximize foreach capturable differentiable decoupled_weight_decay fused",
    "AdamW": "amsgrad maximize foreach capturable differentiable decoupled_weight_decay fused",
    "Adadelta": "foreach maximize differentiable capturable",
    "Adagrad": "foreach maximize differentiable fused",
    "Adamax": "foreach maximize differentiable capturable",
    "ASGD": "foreach maximize differentiable capturable",
    "NAdam": "maximize foreach capturable differentiable decoupled_weight_decay",
    "RAdam": "foreach maximize differentiable decoupled_weight_decay capturable",
    "RMSprop": "momentum centered foreach maximize differentiable capturable",
    "Rprop": "foreach maximize differentiable capturable",
}

# Each parameter's state, where it is its step counter then these buffers at zero.
STATE = {
    "Adadelta": "square_avg acc_delta",
    "Adamax": "exp_avg exp_inf",
    "RAdam": "exp_avg exp_avg_sq",
}

_FLAGS = "maximize capturable differentiable amsgrad nesterov centered"
# torch's default of a hyperparameter wherever its optimisers agree
USUAL: dict[str, Any] = {**dict.fromkeys(_FLAGS.split(), False), "foreach": None}
USUAL.update(fused=None, decoupled_weight_decay=False, betas=(0.9, 0.999), eps=1e-8)
USUAL.update(weight_decay=0, momentum=0, dampening=0)

# The defaults that differ from USUAL (a name not in the signature is fixed).
VALUES: dict[str, dict[str, Any]] = {
    "SGD": {"lr": 1e-3},
    "Adam": {"lr": 1e-3},
    "AdamW": {"lr": 1e-3, "weight_decay": 1e-2, "decoupled_weight_decay": True},
    "Adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6},
    "Adagrad": {
        "lr": 1e-2,
        "lr_decay": 0,
        "initial_accumulator_value": 0,
        "eps": 1e-10,
    },
    "Adamax": {"lr": 2e-3},
    "ASGD": {"lr": 1e-2, "lambd": 1e-4, "alpha": 0.75, "t0": 1e6},
    "NAdam": {"lr": 2e-3, "momentum_decay": 4e-3},
    "RAdam": {"lr": 1e-3},
    "RMSprop": {"lr": 1e-2, "alpha": 0.99},
    "Rprop": {"lr": 1e-2, "etas": (0.5, 1.2), "step_sizes": (1e-6, 50)},
}

_TENSOR_BETAS = tuple[float | Tensor, float | Tensor]
# torch's annotations where the rule of _declared._annotation does not give them
ANNOTATIONS: dict[str, dict[str, Any]] = {
    "SGD": {"weight_decay": float | Tensor},
    "Adam": {"betas": _TENSOR_BETAS},
    "AdamW": {"betas": _TENSOR_BETAS},
}
