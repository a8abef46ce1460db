"""Gradient parity: every op's and module's gradients against torch's."""

import types
from collections.abc import Callable

import numpy as np
import torch

from benchmarks import parity_cases_deepnet
from benchmarks.parity_cases import CASES, Case
from benchmarks.presets import Preset

DTYPES = ("float32", "float64")


def compare(actual: np.ndarray, expected: np.ndarray) -> tuple[float, float, str]:
    """Max abs error, max relative error, and assert_close's complaint ('' if ok)."""
    try:
        torch.testing.assert_close(
            torch.from_numpy(np.ascontiguousarray(actual)),
            torch.from_numpy(np.ascontiguousarray(expected)),
        )
        complaint = ""
    except AssertionError as error:
        complaint = str(error).strip().splitlines()[0]
    if actual.shape != expected.shape or actual.size == 0:
        return 0.0, 0.0, complaint
    error = np.abs(actual.astype(np.float64) - expected.astype(np.float64))
    scale = np.maximum(np.abs(expected.astype(np.float64)), np.finfo(np.float64).tiny)
    return float(error.max()), float((error / scale).max()), complaint


def _numpy(tensor) -> np.ndarray | None:
    return None if tensor is None else np.array(tensor.detach().numpy())


def _forward(lib: types.ModuleType, case: Case, arrays, dtype: str, source=None):
    """Run the case in `lib`; copy `source`'s parameters into the module first."""
    inputs = [lib.from_numpy(array.copy()) for array in arrays]
    for tensor, needs_grad in zip(inputs, case.requires_grad, strict=False):
        if needs_grad:
            tensor.requires_grad_()
    if case.module is None:
        return inputs, [], case.fn(lib, *inputs)
    if source is None:
        lib.manual_seed(0)
    module = case.module(lib, getattr(lib, dtype))
    params = list(module.named_parameters())
    if source is not None:
        with lib.no_grad():
            for (_, param), array in zip(params, source, strict=True):
                param.copy_(lib.from_numpy(array.copy()))
    return inputs, params, module(*inputs)


def check_case(case: Case, dtype: str, shapes, libs: dict, seed: int) -> dict:
    """Compare one case at one dtype and one shape set; errors become complaints."""
    rng = np.random.default_rng(seed)
    arrays = [
        rng.uniform(*domain, size=shape).astype(dtype)
        for shape, domain in zip(shapes, case.domains, strict=False)
    ]
    ref_inputs, ref_params, ref_out = _forward(libs["torch"], case, arrays, dtype)
    upstream = rng.uniform(0.5, 1.5, size=tuple(ref_out.shape)).astype(dtype)
    ref_out.backward(torch.from_numpy(upstream.copy()))
    ref_sources = [_numpy(param) for _, param in ref_params]
    try:
        lib = libs["minigrad"]
        inputs, params, out = _forward(lib, case, arrays, dtype, ref_sources)
        out.backward(lib.from_numpy(upstream.copy()))
    except Exception as error:  # a missing or failing op is a result too
        failure = f"{type(error).__name__}: {error}".splitlines()[0]
        return {"max_abs": None, "max_rel": None, "forward": failure, "complaints": []}
    _, _, forward = compare(_numpy(out), _numpy(ref_out))
    pairs = [
        (f"input {i}", a.grad, b.grad)
        for i, (a, b) in enumerate(zip(inputs, ref_inputs, strict=True))
    ]
    pairs += [
        (name, a.grad, b.grad)
        for (name, a), (_, b) in zip(params, ref_params, strict=True)
    ]
    result = {"max_abs": 0.0, "max_rel": 0.0, "forward": forward, "complaints": []}
    for label, got, want in pairs:
        if got is None and want is None:
            continue
        if got is None or want is None:
            result["complaints"].append(f"grad of {label}: {got} vs torch's {want}")
            continue
        max_abs, max_rel, complaint = compare(_numpy(got), _numpy(want))
        result["max_abs"] = max(result["max_abs"], max_abs)
        result["max_rel"] = max(result["max_rel"], max_rel)
        if complaint:
            result["complaints"].append(f"grad of {label}: {complaint}")
    return result


def run_case(case: Case, preset: Preset, libs: dict) -> list[dict]:
    """One row per dtype: the worst errors over the case's shape sets."""
    rows = []
    shape_sets = case.shape_sets[: preset.parity_shape_sets]
    for dtype in DTYPES:
        row = {
            "name": case.name,
            "kind": "op" if case.module is None else "module",
            "dtype": dtype,
            "shapes": [],
            "max_abs_error": 0.0,
            "max_rel_error": 0.0,
            "forward_ok": True,
            "ok": True,
            "failures": [],
        }
        for seed, shapes in enumerate(shape_sets):
            where = ", ".join(str(tuple(shape)) for shape in shapes)
            row["shapes"].append(where)
            result = check_case(case, dtype, shapes, libs, seed)
            for key in ("max_abs", "max_rel"):
                worst, this = row[f"{key}_error"], result[key]
                unknown = worst is None or this is None
                row[f"{key}_error"] = None if unknown else max(worst, this)
            if result["forward"]:
                row["forward_ok"] = False
                row["failures"].append(f"{where}: forward: {result['forward']}")
            row["failures"] += [f"{where}: {c}" for c in result["complaints"]]
        row["ok"] = not row["failures"]
        rows.append(row)
    return rows


def tasks(preset: Preset, libs: dict) -> list[tuple[str, Callable[[], list[dict]]]]:
    """One progress-bar task per case."""
    return [
        (f"parity {case.name}", lambda case=case: run_case(case, preset, libs))
        for case in CASES + parity_cases_deepnet.CASES
    ]
