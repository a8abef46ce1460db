"""The report's peers section: which peers ran, their parity rows, their speed rows."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.peers import load, parity, speed
from benchmarks.presets import Preset


def tasks(preset: Preset, libs: dict) -> list[tuple[str, Callable[[], list[dict]]]]:
    """One progress-bar task per peer's parity, one per speed workload."""
    peers, absent = load()
    out: list[tuple[str, Callable[[], list[dict]]]] = [
        ("peers found", lambda: _found(peers, absent))
    ]
    out += [
        (
            f"peers parity {peer.name}",
            lambda peer=peer: [
                row
                for case in parity.shared_cases()
                for row in parity.rows(peer, case, preset)
            ],
        )
        for peer in peers
    ]
    return out + speed.tasks(preset, peers)


def _found(peers, absent: dict[str, str]) -> list[dict]:
    rows = [
        {
            "table": "library",
            "library": p.name,
            "package": p.package,
            "note": p.speed_note,
        }
        for p in peers
    ]
    rows += [
        {
            "table": "library",
            "library": name,
            "package": name,
            "note": why,
            "absent": True,
        }
        for name, why in absent.items()
    ]
    return rows
