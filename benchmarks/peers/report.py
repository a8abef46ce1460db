"""The peers section of report.md: libraries, gradient parity grid, speed table."""

from __future__ import annotations

from benchmarks import report as base  # NOTE: a module: report.py imports this one

VERDICT = {"pass": "pass", "differs": "**differs**", "n/a": "n/a"}


def _libraries(rows: list[dict]) -> str:
    lines = []
    for r in rows:
        if r.get("absent"):
            lines.append(f"- {r['library']}: {r['note']}")
        elif r["note"]:
            lines.append(f"- {r['library']}: {r['note']}")
    ran = ", ".join(r["library"] for r in rows if not r.get("absent")) or "none"
    text = (
        f'Compared: {ran}. `pip install -e ".[peers]"` installs them all; each '
        "peer that is installed joins the default run."
    )
    return text + ("\n\n" + "\n".join(lines) if lines else "")


def _parity(rows: list[dict]) -> str:
    libraries = list(dict.fromkeys(r["library"] for r in rows))
    grid: dict[str, dict[str, list[dict]]] = {}
    for r in rows:
        grid.setdefault(r["name"], {}).setdefault(r["library"], []).append(r)
    body = []
    for name, by_library in grid.items():
        cells = [name]
        for library in libraries:
            checks = by_library.get(library, [])
            statuses = {r["status"] for r in checks}
            status = next(
                (s for s in ("differs", "n/a", "pass") if s in statuses), "n/a"
            )
            cell = VERDICT[status]
            if status == "differs":
                worst = max((r["max_rel_error"] or 0.0) for r in checks)
                cell += f" (rel {base.number(worst)})"
            cells.append(cell)
        body.append(cells)
    intro = (
        "Each peer's forward value and gradients for the cases it can express, "
        "against torch's, with torch.testing.assert_close's default tolerances "
        "(float32 and float64; a cell passes when both do). The peer's side is "
        "written in its own idiom (benchmarks/peers/): where it has no function of "
        "its own the textbook formula stands in, so a peer that computes something "
        "else than torch (BCE without torch's clamp of log(0) to -100) shows as "
        "**differs**. n/a: the library cannot express the case."
    )
    notes = [
        f"- {r['library']}, {r['name']} ({r['dtype']}): {r['notes'][0]}"
        for r in rows
        if r["notes"] and r["dtype"] == "float32"
    ]
    text = intro + "\n\n" + base.table(["case", *libraries], body)
    if notes:
        text += "\n\nWhy (float32; the first shape set that differs):\n\n"
        text += "\n".join(notes)
    return text


def _speed(rows: list[dict]) -> str:
    body = [
        [
            r["workload"],
            r["library"],
            base.seconds(r["seconds"]),
            "-" if r["ratio"] is None else f"{r['ratio']:.2f}x",
            r["error"] or "",
        ]
        for r in rows
    ]
    intro = (
        "The same two workloads written once in a shared vocabulary "
        "(benchmarks/peers/speed.py) and run by every library in this process, "
        "interleaved; seconds per training step (forward, MSE loss, gradients, SGD "
        "update, the loss as a Python float). ratio = torch time / the library's "
        "time: above 1, faster than torch."
    )
    header = ["workload", "library", "per step", "ratio", "note"]
    return intro + "\n\n" + base.table(header, body)


def section(rows: list[dict]) -> str:
    """'## Other autograd libraries' with its three parts."""
    by = {
        kind: [r for r in rows if r["table"] == kind]
        for kind in ("library", "parity", "speed")
    }
    parts = ["## Other autograd libraries", _libraries(by["library"])]
    if by["parity"]:
        parts += ["### Gradient parity against torch", _parity(by["parity"])]
    if by["speed"]:
        parts += ["### Speed", _speed(by["speed"])]
    return "\n\n".join(parts)


def summary(rows: list[dict]) -> str:
    parity = [r for r in rows if r["table"] == "parity"]
    libraries = list(dict.fromkeys(r["library"] for r in parity))
    counts = []
    for library in libraries:
        mine = [r for r in parity if r["library"] == library]
        passed = sum(r["status"] == "pass" for r in mine)
        expressed = sum(r["status"] != "n/a" for r in mine)
        counts.append(f"{library} {passed}/{expressed}")
    return "Other libraries' gradient parity (pass / cases expressed): " + (
        ", ".join(counts) or "no peer installed"
    )
