"""Each peer's gradients for the shared cases against torch's."""

from __future__ import annotations

import warnings

import numpy as np
import torch

from benchmarks.parity import compare
from benchmarks.parity_cases import CASES, Case
from benchmarks.peers.base import Peer, Unsupported
from benchmarks.peers.cases import PEER_CASES
from benchmarks.presets import Preset

DTYPES = ("float32", "float64")


def _torch_side(case: Case, arrays, needs_grad, upstream):
    leaves = [
        torch.from_numpy(a.copy()).requires_grad_(g)
        for a, g in zip(arrays, needs_grad, strict=True)
    ]
    out = case.fn(torch, *leaves)
    out.backward(torch.from_numpy(upstream.copy()))
    return out.detach().numpy(), [
        t.grad.numpy() if g else None for t, g in zip(leaves, needs_grad, strict=True)
    ]


def check(peer: Peer, case: Case, dtype: str, shapes, seed: int) -> dict:
    """One shape set: 'pass', 'differs' (with the errors) or 'n/a' (with why)."""
    rng = np.random.default_rng(seed)
    arrays = [
        rng.uniform(*domain, size=shape).astype(dtype)
        for shape, domain in zip(shapes, case.domains, strict=False)
    ]
    needs_grad = list(case.requires_grad[: len(arrays)])
    upstream = rng.uniform(0.5, 1.5, size=_shape(case, arrays)).astype(dtype)
    out, expected = _torch_side(case, arrays, needs_grad, upstream)
    try:
        # NOTE: a peer's own NumPy warnings (log(0)) are its business, not ours
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            got_out, got = peer.gradients(
                PEER_CASES[case.name], arrays, needs_grad, upstream
            )
    except Unsupported as why:
        return {"status": "n/a", "note": str(why)}
    except Exception as error:  # noqa: BLE001  (a peer's failure is a result)
        return {"status": "n/a", "note": f"{type(error).__name__}: {error}"[:160]}
    result = {"status": "pass", "note": "", "max_abs": 0.0, "max_rel": 0.0}
    pairs = [("forward", got_out, out)] + [
        (f"grad of input {i}", g, e)
        for i, (g, e) in enumerate(zip(got, expected, strict=True))
        if e is not None
    ]
    for label, g, e in pairs:
        # NOTE: compared in torch's dtype: a peer computing in float64 (micrograd)
        # is judged on its values, not its dtype.
        g = None if g is None else np.array(g, dtype=e.dtype).reshape(e.shape)
        if g is None or np.shape(g) != e.shape:
            return {**result, "status": "differs", "note": f"{label}: shape"}
        max_abs, max_rel, complaint = compare(g, e)
        result["max_abs"] = max(result["max_abs"], max_abs)
        result["max_rel"] = max(result["max_rel"], max_rel)
        if complaint and result["status"] == "pass":
            result["status"], result["note"] = "differs", f"{label}: {complaint}"
    return result


def _shape(case: Case, arrays) -> tuple[int, ...]:
    with torch.no_grad():
        return tuple(case.fn(torch, *map(torch.from_numpy, arrays)).shape)


def rows(peer: Peer, case: Case, preset: Preset) -> list[dict]:
    """One row per dtype: the worst over the case's shape sets."""
    out = []
    for dtype in DTYPES:
        row = {
            "table": "parity",
            "library": peer.name,
            "name": case.name,
            "dtype": dtype,
            "status": "pass",
            "max_abs_error": 0.0,
            "max_rel_error": 0.0,
            "notes": [],
        }
        for seed, shapes in enumerate(case.shape_sets[: preset.parity_shape_sets]):
            result = check(peer, case, dtype, shapes, seed)
            if result["status"] == "n/a":
                row.update(status="n/a", max_abs_error=None, max_rel_error=None)
                row["notes"].append(result["note"])
                break
            row["max_abs_error"] = max(row["max_abs_error"], result["max_abs"])
            row["max_rel_error"] = max(row["max_rel_error"], result["max_rel"])
            if result["status"] == "differs":
                row["status"] = "differs"
                where = ", ".join(str(tuple(s)) for s in shapes)
                row["notes"].append(f"{where}: {result['note']}")
        out.append(row)
    return out


def shared_cases() -> list[Case]:
    return [case for case in CASES if case.name in PEER_CASES]
