"""The benchmark's other-library comparison: differences are results, not crashes."""

from __future__ import annotations

import importlib

import pytest
import torch

import minigrad
from benchmarks import peers
from benchmarks.parity_cases import CASES
from benchmarks.peers import parity, report, section, speed
from benchmarks.peers.base import Unsupported
from benchmarks.peers.torchlike import TorchLike, TorchOps
from benchmarks.presets import PRESETS

TINY = PRESETS["tiny"]
CASE = {case.name: case for case in CASES}


class WrongSigmoid(TorchOps):
    def sigmoid(self, a):
        return a.tanh()


class NoTanh(TorchOps):
    def tanh(self, a):
        raise Unsupported("no tanh here")


class Crashing(TorchOps):
    def exp(self, a):
        raise ZeroDivisionError("the peer broke")


def _peer(ops_class, name):
    peer = TorchLike(minigrad)
    peer.ops, peer.name = ops_class(minigrad), name
    return peer


def _statuses(peer, name):
    return {r["status"] for r in parity.rows(peer, CASE[name], TINY)}


def test_a_correct_library_passes():
    assert _statuses(TorchLike(minigrad), "sigmoid") == {"pass"}
    assert _statuses(TorchLike(minigrad), "F.binary_cross_entropy at p = 0") == {"pass"}


def test_a_different_computation_shows_as_a_difference():
    rows = parity.rows(_peer(WrongSigmoid, "wrong"), CASE["sigmoid"], TINY)
    assert {r["status"] for r in rows} == {"differs"}
    assert "Tensor-likes are not close" in rows[0]["notes"][0]


def test_a_missing_op_and_a_crash_are_not_applicable():
    rows = parity.rows(_peer(NoTanh, "no tanh"), CASE["tanh"], TINY)
    assert {r["status"] for r in rows} == {"n/a"} and rows[0]["notes"] == [
        "no tanh here"
    ]
    rows = parity.rows(_peer(Crashing, "crash"), CASE["exp"], TINY)
    assert rows[0]["status"] == "n/a" and "ZeroDivisionError" in rows[0]["notes"][0]


def test_every_peer_case_names_a_parity_case():
    assert set(peers.cases.PEER_CASES) <= set(CASE)


def test_absent_peers_are_reported_not_run(monkeypatch):
    monkeypatch.setattr(peers, "ADAPTERS", {"no_such_adapter": "nosuchpackage"})
    found, absent = peers.load()
    assert found == [] and "not installed" in absent["nosuchpackage"]
    rows = [row for _, task in section.tasks(TINY, {}) for row in task()]
    text = report.section(rows)
    assert "nosuchpackage: not installed" in text
    libraries = {r["library"] for r in rows if r["table"] == "speed"}
    assert libraries == {"torch", "minigrad"}


def test_a_failing_library_gets_a_speed_row_with_its_error():
    class Broken(TorchLike):
        def trainer(self, forward, params, lr):
            raise RuntimeError("cannot train")

    broken = Broken(minigrad)
    broken.name = "broken"
    workload = next(iter(speed.WORKLOADS))
    rows = speed.measure(workload, [TorchLike(torch), broken], TINY)
    by = {r["library"]: r for r in rows}
    assert by["broken"]["error"] == "RuntimeError: cannot train"
    assert by["torch"]["ratio"] == 1.0


@pytest.mark.parametrize("adapter, package", list(peers.ADAPTERS.items()))
def test_each_installed_peer(adapter, package):
    pytest.importorskip(package)
    for peer in importlib.import_module(f"benchmarks.peers.{adapter}").PEERS:
        assert _statuses(peer, "add") == {"pass"}
        # NOTE: every peer's BCE takes log(0) at p = 0, where torch clamps to -100
        assert _statuses(peer, "F.binary_cross_entropy at p = 0") <= {"differs", "n/a"}
