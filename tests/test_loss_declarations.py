"""Every loss function and layer against torch's: signatures (function, constructor,
forward), the options kept as attributes and buffers, legacy flags and checks."""

import inspect
import pickle
import warnings

import pytest
import torch

import minigrad

FUNCTIONS = ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "kl_div"]
FUNCTIONS += ["soft_margin_loss", "multi_margin_loss", "multilabel_margin_loss"]
FUNCTIONS += ["multilabel_soft_margin_loss", "poisson_nll_loss", "gaussian_nll_loss"]
FUNCTIONS += ["hinge_embedding_loss", "margin_ranking_loss", "cosine_embedding_loss"]
FUNCTIONS += ["triplet_margin_loss", "binary_cross_entropy", "nll_loss"]
FUNCTIONS += ["binary_cross_entropy_with_logits", "cross_entropy"]

LAYERS = ["MSELoss", "L1Loss", "SmoothL1Loss", "HuberLoss", "KLDivLoss", "NLLLoss"]
LAYERS += ["SoftMarginLoss", "MultiMarginLoss", "MultiLabelMarginLoss", "BCELoss"]
LAYERS += ["MultiLabelSoftMarginLoss", "PoissonNLLLoss", "GaussianNLLLoss"]
LAYERS += ["HingeEmbeddingLoss", "MarginRankingLoss", "CosineEmbeddingLoss"]
LAYERS += ["TripletMarginLoss", "BCEWithLogitsLoss", "CrossEntropyLoss"]


def _parameters(obj: object) -> list[tuple]:
    """Names, kinds and defaults (annotations differ: torch.Tensor is not ours)."""
    parameters = inspect.signature(obj).parameters.values()
    return [(p.name, p.kind, p.default) for p in parameters]


def _same(mine: minigrad.Tensor, theirs: torch.Tensor) -> None:
    torch.testing.assert_close(torch.as_tensor(mine.numpy()), theirs)


def _options(layer: object, module_type: type) -> dict:
    """What a loss layer keeps beyond a bare Module: attributes, then buffers."""
    bare = set(vars(module_type()))
    kept = {k: v for k, v in vars(layer).items() if k not in bare and k != "weight"}
    return {**kept, **{k: v is None for k, v in layer._buffers.items()}}


@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_signature(name):
    mine = getattr(minigrad.nn.functional, name)
    theirs = getattr(torch.nn.functional, name)
    assert _parameters(mine) == _parameters(theirs)
    assert mine.__name__ == name and mine.__doc__
    annotations = inspect.signature(mine).parameters.values()
    assert all(p.annotation is not p.empty for p in annotations)


@pytest.mark.parametrize("name", LAYERS)
def test_layer_signature_and_options(name):
    mine, theirs = getattr(minigrad.nn, name), getattr(torch.nn, name)
    assert _parameters(mine) == _parameters(theirs)
    assert _parameters(mine.forward) == _parameters(theirs.forward)
    assert mine.__init__.__qualname__ == name + ".__init__" and mine.__init__.__doc__
    assert mine.forward.__qualname__ == name + ".forward"
    layer, reference = mine(), theirs()
    assert _options(layer, minigrad.nn.Module) == _options(reference, torch.nn.Module)
    assert repr(layer) == repr(reference)
    copy = pickle.loads(pickle.dumps(layer))
    assert type(copy) is mine and copy.reduction == layer.reduction


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("MSELoss", {"reduce": False}),
        ("NLLLoss", {"size_average": False, "ignore_index": 3}),
        ("PoissonNLLLoss", {"full": True, "size_average": False, "eps": 0.5}),
        ("TripletMarginLoss", {"margin": 2.0, "p": 1.0, "reduce": True}),
        ("CrossEntropyLoss", {"label_smoothing": 0.25, "reduce": False}),
    ],
)
def test_legacy_flags_fold_into_reduction(name, kwargs):
    kept = []
    for lib in (minigrad, torch):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            layer = getattr(lib.nn, name)(**kwargs)
        kept.append((_options(layer, lib.nn.Module), [str(w.message) for w in caught]))
    assert kept[0] == kept[1]


def test_weights_are_buffers():
    weight, pos_weight = minigrad.ones(3), minigrad.full((3,), 2.0)
    layer = minigrad.nn.BCEWithLogitsLoss(weight, pos_weight=pos_weight)
    assert list(layer.state_dict()) == ["weight", "pos_weight"]
    assert layer.weight is weight and layer.pos_weight is pos_weight
    x, t = minigrad.tensor([0.5, -1.0, 2.0]), minigrad.tensor([1.0, 0.0, 1.0])
    expected = torch.nn.BCEWithLogitsLoss(
        torch.ones(3), pos_weight=torch.full((3,), 2.0)
    )(torch.tensor([0.5, -1.0, 2.0]), torch.tensor([1.0, 0.0, 1.0]))
    _same(layer(x, t), expected)
    _same(layer(input=x, target=t), expected)


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("MultiMarginLoss", (3,), {}),
        ("TripletMarginLoss", (), {"margin": 0.0}),
        ("GaussianNLLLoss", (True,), {}),
        ("MSELoss", (), {"weight": None}),
        ("L1Loss", (None, None, "mean", 1), {}),
    ],
)
def test_constructor_errors(name, args, kwargs):
    errors = []
    for lib in (minigrad, torch):
        with pytest.raises((TypeError, ValueError)) as caught:
            getattr(lib.nn, name)(*args, **kwargs)
        errors.append((caught.type, str(caught.value)))
    assert errors[0] == errors[1]


def test_forward_by_keyword_as_torch():
    x, t = [0.5, 2.0], [1.0, 3.0]
    mine = minigrad.nn.PoissonNLLLoss()(
        log_input=minigrad.tensor(x), target=minigrad.tensor(t)
    )
    theirs = torch.nn.PoissonNLLLoss()(
        log_input=torch.tensor(x), target=torch.tensor(t)
    )
    _same(mine, theirs)
    with pytest.raises(TypeError, match="target"):
        minigrad.nn.L1Loss()(minigrad.tensor(x))


@pytest.mark.parametrize(
    ("args", "kwargs"), [((), {}), ((), {"reduction": "sum"}), ((None, False), {})]
)
def test_own_loss_subclassing_the_base_as_torch(args: tuple, kwargs: dict) -> None:
    def build(library: object) -> object:
        base = library.nn.MSELoss.__mro__[1]

        class Mine(base):
            def __init__(self) -> None:
                super().__init__(*args, **kwargs)

        return Mine()

    with warnings.catch_warnings(record=True) as theirs_warned:
        warnings.simplefilter("always")
        theirs = build(torch)
    with warnings.catch_warnings(record=True) as mine_warned:
        warnings.simplefilter("always")
        mine = build(minigrad)
    assert mine.reduction == theirs.reduction
    assert [str(w.message) for w in mine_warned] == [
        str(w.message) for w in theirs_warned
    ]
